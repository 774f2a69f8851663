/**
 * The office a resident is sent to, as sentences name it ("请到示范县医疗保障服务中心（示范县人民路1号，
 * 电话0000-12393，工作日9:00–17:00）办理") and as screens list it. Only what the notice gives.
 */
import type { Policy } from './schema';

export interface CounterView {
  name: string;
  address: string | null;
  phone: string | null;
  hours: string | null;
  bring: string | null;
  relativeMayGo: string | null;
}

export function counterView(policy: Policy): CounterView {
  const { address, phone, hours, bring, relativeMayGo } = policy.counter;
  return { name: policy.counterOffice, address, phone, hours, bring, relativeMayGo };
}

/** The office's name with its address, phone and hours where known. */
export function counterText(policy: Policy): string {
  const { address, phone, hours } = policy.counter;
  const known = [address, phone && `电话${phone}`, hours].filter((x): x is string => !!x);
  return known.length > 0 ? `${policy.counterOffice}（${known.join('，')}）` : policy.counterOffice;
}
