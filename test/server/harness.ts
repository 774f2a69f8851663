/** A whole local backend for a test: real PGlite (in memory), the sandbox payment platform, a settable clock. */
import { functionReplies } from '../../src/contracts/replies';
import { handle, handlePayNotify, handleVoucherNotify, settleTogether, type Settle } from '../../src/server/functions';
import { localSystem, type LocalSystem } from '../../src/server/local-deps';
import { PgliteStorage } from '../../src/server/pglite-storage';
import { seedHouseholds, type HouseholdSeed } from '../../src/server/seed';
import type { Callback } from '../../src/server/wechat-pay/sandbox';
import { idNumber } from '../support/people';

export class TestClock {
  constructor(public ms: number) {}
  now() {
    return this.ms;
  }
  /** Sets the clock to a Shanghai wall-clock time. */
  setShanghai(iso: string) {
    this.ms = Date.parse(`${iso}+08:00`);
  }
  advance(ms: number) {
    this.ms += ms;
  }
}

export interface Backend extends LocalSystem {
  clock: TestClock;
  /** The envelope, loosely typed: tests read what they assert. */
  call(openid: string, name: string, event: unknown): Promise<any>;
  notify(callback: Callback): Promise<{ status: number; body: { code: string } }>;
  /** Callbacks the sandbox sent, and the merchant's answers. */
  delivered: Array<{ callback: Callback; status: number }>;
  /** Waits until the sandbox has delivered `count` callbacks in all. */
  deliveries(count: number): Promise<void>;
}

let template: Promise<Blob> | undefined;

export async function backend(shanghaiNow: string, households: HouseholdSeed[]): Promise<Backend> {
  template ??= PgliteStorage.schemaTemplate();
  const clock = new TestClock(0);
  clock.setShanghai(shanghaiNow);
  const delivered: Backend['delivered'] = [];
  const waiters: Array<() => void> = [];
  let system!: LocalSystem;
  // As the local server does: callbacks arriving together are settled in one transaction.
  let settle!: Settle;
  system = await localSystem({
    template: await template,
    clock,
    notifyUrl: 'http://127.0.0.1/api/payNotify',
    deliver: async (callback) => {
      const r = await handlePayNotify(callback.headers, callback.body, system.deps, settle);
      delivered.push({ callback, status: r.status });
      waiters.splice(0).forEach((w) => w());
      return r.status === 200;
    },
    deliverVoucher: async ({ headers, body }) => (await handleVoucherNotify(headers, body, system.deps)).status === 200,
  });
  settle = settleTogether(system.deps);
  await seedHouseholds(system.storage, households);
  return {
    ...system,
    clock,
    delivered,
    // Every reply is parsed with the schemas the app parses it with: the contract holds in every test.
    async call(openid, name, event) {
      const envelope = await handle(name, event, { openid }, system.deps);
      if (envelope.ok && name in functionReplies) functionReplies[name as keyof typeof functionReplies].parse(envelope.data);
      return envelope as never;
    },
    notify: (cb) => handlePayNotify(cb.headers, cb.body, system.deps, settle),
    async deliveries(count) {
      while (delivered.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}

/** A qixian household: a dibao adult (pays 40), a plain adult (320), a tekun elder (free) and an employee (out). */
export const QIXIAN_FAMILY: HouseholdSeed = {
  householdId: 'QX-0001',
  region: 'qixian',
  unit: '蕲县村',
  members: [
    { idNumber: idNumber('341302', '1980-03-03', '011'), name: '王建国', identities: [{ identity: 'dibao', department: '民政' }] },
    { idNumber: idNumber('341302', '1982-04-04', '022'), name: '李秀英' },
    { idNumber: idNumber('341302', '1940-05-05', '031'), name: '王老汉', identities: [{ identity: 'tekun', department: '民政' }] },
    { idNumber: idNumber('341302', '1985-06-06', '041'), name: '王小军', employeeInsured: true },
  ],
};

/** A qixian household of one: a tekun elder, fully subsidised (pays 0.00). */
export const QIXIAN_TEKUN_SOLO: HouseholdSeed = {
  householdId: 'QX-0002',
  region: 'qixian',
  unit: '邱元村',
  members: [{ idNumber: idNumber('341302', '1938-09-09', '071'), name: '孙五保', identities: [{ identity: 'tekun', department: '民政' }] }],
};

/** A dingtao household: two adults (380 each); no whole-household rule. */
export const DINGTAO_FAMILY: HouseholdSeed = {
  householdId: 'DT-0001',
  region: 'dingtao',
  unit: '定陶街道',
  members: [
    { idNumber: idNumber('371703', '1975-07-07', '051'), name: '赵大海' },
    { idNumber: idNumber('371703', '1978-08-08', '062'), name: '钱小红' },
  ],
};
