/**
 * One order pays for chosen members of a household. Amounts are recomputed here from the rules,
 * never taken from the client. A fully subsidised selection (0.00) enrols at once, with no payment.
 */
import { closeOpenOrder, ORDER_EXPIRY_MS, settlePaid } from './settlement';
import { chineseDate, shanghaiDateOf } from '../civil-date';
import { maskName } from '../id-number';
import { formatYuan, type Fen } from '../money';
import { findPolicy, policyVersionOf } from '../../policies/registry';
import type { OrderRecord, PersonRecord } from '../ports';
import type { PayQuote } from '../rules/types';
import type { Deps } from './deps';
import { loadAndQuote, maskedDocument } from './household';
import { fail, ok, type Caller, type Result } from './result';

export interface CreatedOrder {
  orderNo: string;
  total: Fen;
  status: OrderRecord['status'];
  /** What the client needs to open WeChat Pay (or the sandbox); null when nothing is due. */
  payParams: Record<string, string> | null;
}

/** An open order is offered again only while its payment has time left (WeChat Pay closes it at expiry). */
const REUSE_MARGIN_MS = 10 * 60 * 1000;

/** The same members at the same amounts, dates and back-payments: WeChat Pay gets identical parameters. */
function sameItems(order: OrderRecord, quoted: readonly PayQuote[]): boolean {
  if (order.items.length !== quoted.length) return false;
  return quoted.every((m) => {
    const item = order.items.find((i) => i.personId === m.id);
    return !!item && item.due === m.due && item.coverageStart === m.coverageStart && String(item.repairYears ?? []) === String(m.repair?.years ?? []);
  });
}

/**
 * The open order again, as WeChat Pay sees it: still unpaid → the same prepay (identical
 * parameters); paid but not yet announced → settled now; failed or closed there → null, a new order.
 */
async function reuse(deps: Deps, caller: Caller, open: OrderRecord, description: string): Promise<Result<CreatedOrder> | null> {
  const state = await deps.gateway.queryPayment(open.orderNo);
  if (state?.state === 'SUCCESS') {
    const settled = await settlePaid(deps, state);
    return settled.ok ? ok({ orderNo: open.orderNo, total: open.total, status: 'paid', payParams: null }) : settled;
  }
  if (state && state.state !== 'NOTPAY') {
    // Declined (or closed) at WeChat Pay: ended now, so the payer's records do not keep it as unpaid.
    await closeOpenOrder(deps, open);
    return null;
  }
  const payment = await deps.gateway.createPayment({ orderNo: open.orderNo, amount: open.total, description, openid: caller.openid, expiresAt: open.createdAt + ORDER_EXPIRY_MS });
  return ok({ orderNo: open.orderNo, total: open.total, status: 'created', payParams: payment.payParams });
}

export interface OrderInput {
  householdId: string;
  memberIds: string[];
  /** Per member, the missing years the payer back-pays now (修复): a line of its own in the order. */
  repairs?: Record<string, number[]>;
  /** The year paid for: the one on sale (default), or the year before for newborns' birth year. */
  coverageYear?: number;
}

export async function createOrder(deps: Deps, caller: Caller, input: OrderInput): Promise<Result<CreatedOrder>> {
  const chosen = [...new Set(input.memberIds)];
  const repairs = input.repairs ?? {};
  if (Object.keys(repairs).some((id) => !chosen.includes(id))) return fail('INVALID_REQUEST', '补缴年度只能为本次缴费的成员选择');
  // Quoted outside the transaction (from the caches locally): a member can only be enrolled once
  // anyway, which settlement enforces by a constraint.
  const [loaded, mine] = await Promise.all([loadAndQuote(deps, deps.storage, caller, input.householdId, repairs), deps.storage.ordersOf(caller.openid)]);
  if (!loaded.ok) return loaded;
  const elsewhere = deps.payElsewhere[loaded.data.household.region];
  if (elsewhere) return fail('PAY_ELSEWHERE', `本地区城乡居民医保费由税务部门征收，请在“${elsewhere.name}”缴费，本程序不收取保费`);
  const { quote, birthYear } = loaded.data;
  const forBirthYear = input.coverageYear !== undefined && input.coverageYear !== quote.coverageYear;
  if (forBirthYear && birthYear?.policy.coverageYear !== input.coverageYear) return fail('NOT_ON_SALE', `${input.coverageYear}年度当前不能在线缴费`);
  if (forBirthYear && Object.keys(repairs).length > 0) return fail('INVALID_REQUEST', '出生当年的保费不能补缴其他年度');
  const policy = forBirthYear ? birthYear!.policy : loaded.data.policy;
  const byId = new Map(quote.members.map((m) => [m.id, m]));
  const items: PayQuote[] = [];
  for (const id of chosen) {
    const m = byId.get(id);
    if (!m) return fail('NOT_A_MEMBER', '所选人员不属于本户');
    if (forBirthYear) {
      const born = birthYear!.members.find((b) => b.id === id);
      if (!born) return fail('NOT_PAYABLE', `只有${policy.coverageYear}年出生、仍在新生儿参保期限内且未缴该年度保费的孩子可以缴纳出生当年的保费`);
      items.push(born);
      continue;
    }
    if (m.outcome !== 'pay') return fail('NOT_PAYABLE', `所选人员不能在线缴费：${m.reason}`);
    items.push(m);
  }
  if (items.length === 0) return fail('NOTHING_SELECTED', '请至少选择一位需要缴费的成员');
  if (quote.wholeHousehold && !forBirthYear) {
    const missing = quote.members.filter((m) => m.outcome === 'pay' && !chosen.includes(m.id));
    if (missing.length > 0) return fail('WHOLE_HOUSEHOLD', `${quote.wholeHousehold.reason}还有${missing.length}位成员未选择（${quote.wholeHousehold.citations.join('、')}）`);
  }
  const now = deps.clock.now();
  const description = `${policy.region.name}${policy.coverageYear}年度城乡居民医保`;
  // A second tap, or coming back to pay: the open order for exactly these items is paid, not a new one.
  // (One declined at WeChat Pay is closed on the way and a new one made.)
  const open = mine.filter((o) => o.status === 'created' && o.householdId === input.householdId && o.policyId === policy.id && now < o.createdAt + ORDER_EXPIRY_MS - REUSE_MARGIN_MS && sameItems(o, items));
  for (const o of open) {
    const reused = await reuse(deps, caller, o, description);
    if (reused) return reused;
  }
  const order: OrderRecord = {
    orderNo: deps.newId('YB'),
    openid: caller.openid,
    householdId: input.householdId,
    policyId: policy.id,
    total: items.reduce((sum, m) => sum + m.due, 0),
    status: 'created',
    createdAt: now,
    paidAt: null,
    transactionId: null,
    unit: loaded.data.household.unit,
    policyVersion: policyVersionOf(policy.id) ?? 1,
    items: items.map((m) => ({
      personId: m.id,
      due: m.due,
      coverageStart: m.coverageStart,
      coverageEnd: m.coverageEnd,
      status: 'pending',
      ...(m.repair ? { repairYears: m.repair.years } : {}),
    })),
  };
  // Two writes, no transaction: the local storage commits them together with other requests' rows;
  // on CloudBase a failure between them can at worst leave an order without its audit line (it
  // then closes unpaid), never a payment without an order.
  const saved = Promise.all([
    deps.storage.insertOrder(order),
    deps.storage.audit({ at: order.createdAt, openid: caller.openid, action: 'createOrder', subject: order.orderNo, outcome: `${items.length}人 ${formatYuan(order.total)}元` }),
  ]);
  if (order.total === 0) {
    await saved;
    const settled = await settlePaid(deps, { orderNo: order.orderNo, transactionId: `FREE-${order.orderNo}`, amount: 0, state: 'SUCCESS', paidAt: order.createdAt });
    if (!settled.ok) return settled;
    return ok({ orderNo: order.orderNo, total: 0, status: 'paid', payParams: null });
  }
  // 统一下单 alongside the order's write (one round trip less): nothing can be paid before the
  // resident has payParams, and they leave here only once the order is stored.
  const [payment] = await Promise.all([
    deps.gateway.createPayment({ orderNo: order.orderNo, amount: order.total, description, openid: caller.openid, expiresAt: order.createdAt + ORDER_EXPIRY_MS }),
    saved,
  ]);
  return ok({ orderNo: order.orderNo, total: order.total, status: 'created', payParams: payment.payParams });
}

/** An order as its owner sees it. Another caller's order is "not found", never "forbidden": existence is not disclosed. */
export async function ownOrder(deps: Deps, caller: Caller, orderNo: string): Promise<Result<OrderRecord>> {
  const order = await deps.storage.order(orderNo);
  if (!order || order.openid !== caller.openid) return fail('ORDER_NOT_FOUND', '没有找到这笔订单');
  return ok(order);
}

export interface CertificateMember {
  name: string;
  idNumber: string;
  amount: string;
  coverageStart: string;
  coverageEnd: string;
}

export interface Certificate {
  title: string;
  certificateNo: string;
  orderNo: string;
  transactionId: string;
  paidOn: string;
  region: string;
  coverageYear: number;
  /** The policy year and the version the order was priced with. */
  policy: string;
  members: CertificateMember[];
  total: string;
  note: string;
}

/** 缴费证明 of a paid order: every enrolled member, masked, with amount and benefit dates. */
/**
 * The persons of an order's items: from the household (held in memory locally), and any an
 * operator has moved elsewhere since, by their ids.
 */
export async function membersOf(deps: Deps, order: OrderRecord): Promise<PersonRecord[]> {
  const here = await deps.storage.householdMembers(order.householdId);
  const missing = order.items.map((i) => i.personId).filter((id) => !here.some((m) => m.personId === id));
  return missing.length === 0 ? here : [...here, ...(await deps.storage.personsById(missing))];
}

export async function certificate(deps: Deps, caller: Caller, orderNo: string): Promise<Result<Certificate>> {
  const found = await ownOrder(deps, caller, orderNo);
  if (!found.ok) return found;
  const order = found.data;
  if (order.status !== 'paid' || order.paidAt === null) return fail('NOT_PAID', '订单尚未支付成功，暂无缴费证明');
  const enrolled = order.items.filter((i) => i.status === 'enrolled' || i.status === 'refund_requested');
  const byId = new Map((await membersOf(deps, order)).map((m) => [m.personId, m]));
  const policy = findPolicy(order.policyId)!;
  return ok({
    title: `${policy.region.name}${policy.coverageYear}年度城乡居民基本医疗保险缴费证明`,
    certificateNo: `JF${order.orderNo}`,
    orderNo: order.orderNo,
    transactionId: order.transactionId ?? '',
    paidOn: chineseDate(shanghaiDateOf(order.paidAt)),
    region: policy.region.name,
    coverageYear: policy.coverageYear,
    policy: `${order.policyId} 第${order.policyVersion ?? 1}版`,
    members: enrolled.map((i) => {
      const p = byId.get(i.personId);
      return { name: p ? maskName(p.name) : '（已注销）', idNumber: p ? maskedDocument(p) : '', amount: formatYuan(i.due), coverageStart: i.coverageStart, coverageEnd: i.coverageEnd };
    }),
    total: formatYuan(enrolled.reduce((sum, i) => sum + i.due, 0)),
    note: '本证明由医保自助缴费系统根据支付结果生成，可在医保窗口核验订单号。',
  });
}
