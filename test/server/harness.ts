/**
 * A whole backend for a test, on either storage the product ships: real PGlite (in memory) as
 * local mode runs, or CloudBase as production runs — the real @cloudbase/node-sdk, pointed by
 * environment variables alone at the loopback emulator (test/support/cloudbase-emulator.ts).
 * `YIBAO_BACKEND=cloudbase` picks the second; vitest.config.mts runs the integration suite once
 * with each, with the same assertions. Payments go through the sandbox platform behind the real
 * WeChat Pay adapter in both.
 */
import { readFileSync } from 'node:fs';
import cloudbase from '@cloudbase/node-sdk';
import { functionReplies } from '../../src/contracts/replies';
import type { AuditEntry, EnrolmentRecord, FileStore, Storage, OperatorRoles } from '../../src/core/ports';
import type { Deps } from '../../src/core/use-cases/deps';
import { CloudbaseFiles } from '../../src/server/cloudbase/files';
import { parseReminderTemplates } from '../../src/server/reminder-templates';
import { WechatMessenger } from '../../src/server/wechat-messenger';
import { CloudbaseStorage } from '../../src/server/cloudbase/storage';
import { handle, handlePayNotify, handleRefundNotify, handleVoucherNotify, settleTogether, type Settle } from '../../src/server/functions';
import { localSystem, withSandboxes, type LocalOptions } from '../../src/server/local-deps';
import { PgliteStorage } from '../../src/server/pglite-storage';
import { seedHouseholds, type HouseholdSeed } from '../../src/server/seed';
import type { SandboxVoucherPlatform } from '../../src/server/voucher-sandbox';
import type { Callback, SandboxPayPlatform } from '../../src/server/wechat-pay/sandbox';
import { CloudbaseEmulator, type IndexSpec } from '../support/cloudbase-emulator';
import { idNumber } from '../support/people';

export type BackendKind = 'pglite' | 'cloudbase';
export const BACKEND: BackendKind = process.env.YIBAO_BACKEND === 'cloudbase' ? 'cloudbase' : 'pglite';

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

export interface Backend {
  kind: BackendKind;
  deps: Deps;
  storage: Storage;
  files: FileStore;
  sandbox: SandboxPayPlatform;
  voucherSandbox: SandboxVoucherPlatform;
  clock: TestClock;
  /** The envelope, loosely typed: tests read what they assert. */
  call(openid: string, name: string, event: unknown): Promise<any>;
  notify(callback: Callback): Promise<{ status: number; body: { code: string } }>;
  /** Hands a refund-result notice to the handler, as WeChat Pay would post it. */
  notifyRefund(callback: Callback): Promise<{ status: number; body: { code: string } }>;
  /** Callbacks the sandbox sent, and the merchant's answers. */
  delivered: Array<{ callback: Callback; status: number }>;
  /** Waits until the sandbox has delivered `count` callbacks in all. */
  deliveries(count: number): Promise<void>;
  /** Answers the merchant gave the sandbox's refund-result notices (HTTP status), in order. */
  refundNotices: number[];
  /** Waits until the sandbox has delivered `count` refund notices in all. */
  refundNoticesDelivered(count: number): Promise<void>;
  /** Makes a caller an operator, as the bureau does in the console. */
  addOperator(openid: string, name?: string, roles?: OperatorRoles): Promise<void>;
  /** An operator's upload (cloud storage or the local uploads folder); answers its fileID. */
  upload(content: string | Buffer): Promise<string>;
  /** A resident's refund proof as the app uploads it (wx.cloud.uploadFile into refund-proofs/, or POST /sandbox/upload-proof); answers its fileID. */
  uploadProof(content: Buffer): Promise<string>;
  /** Subscription messages WeChat took (the sandbox outbox, or what the real SDK asked CloudBase's open API to send and it accepted). */
  outbox(): Array<{ openid: string; templateId: string; page: string; data: Record<string, string> }>;
  /** Makes WeChat answer the next subscription message with this error code (the emulator's open API, or the sandbox). */
  refuseNextMessage(errcode: number): void;
  /** What is stored, read past the product (for assertions): every enrolment, by person. */
  enrolments(): Promise<Array<Pick<EnrolmentRecord, 'personId' | 'orderNo' | 'status'>>>;
  /** The audit log in the order it was written. */
  auditLog(): Promise<Array<Pick<AuditEntry, 'action' | 'subject' | 'outcome'>>>;
  /** How many persons the roster holds. */
  personCount(): Promise<number>;
  close(): Promise<void>;
}

let template: Promise<Blob> | undefined;
let emulator: Promise<CloudbaseEmulator> | undefined;

/** The unique indexes the deployment manifest declares, which the emulator enforces. */
export function manifestIndexes(): IndexSpec[] {
  const manifest = JSON.parse(readFileSync(new URL('../../cloudbaserc.json', import.meta.url), 'utf8'));
  return manifest.database.collections.flatMap((c: { name: string; indexes: Omit<IndexSpec, 'collection'>[] }) => c.indexes.map((i) => ({ ...i, collection: c.name })));
}

/** One emulator per test worker; the SDK finds it through the environment, as in a deployed function. */
export function cloudbaseEmulator(): Promise<CloudbaseEmulator> {
  emulator ??= new CloudbaseEmulator(manifestIndexes()).start().then((e) => (Object.assign(process.env, e.env()), e));
  return emulator;
}

export async function backend(shanghaiNow: string, households: HouseholdSeed[]): Promise<Backend> {
  const clock = new TestClock(0);
  clock.setShanghai(shanghaiNow);
  const delivered: Backend['delivered'] = [];
  const waiters: Array<() => void> = [];
  const refundNotices: number[] = [];
  let deps!: Deps;
  // As the local server does: callbacks arriving together are settled in one transaction. On
  // CloudBase each callback is its own function call, settled alone (as entry.ts does).
  let settle: Settle | undefined;
  const options: Omit<LocalOptions, 'dataDir'> = {
    clock,
    notifyUrl: 'http://127.0.0.1/api/payNotify',
    deliver: async (callback) => {
      const r = await handlePayNotify(callback.headers, callback.body, deps, settle);
      delivered.push({ callback, status: r.status });
      waiters.splice(0).forEach((w) => w());
      return r.status === 200;
    },
    deliverVoucher: async ({ headers, body }) => (await handleVoucherNotify(headers, body, deps)).status === 200,
    deliverRefund: async ({ headers, body }) => {
      const r = await handleRefundNotify(headers, body, deps);
      refundNotices.push(r.status);
      waiters.splice(0).forEach((w) => w());
      return r.status === 200;
    },
  };
  const store = BACKEND === 'cloudbase' ? await cloudbaseStore(options) : await pgliteStore(options);
  deps = store.deps;
  if (BACKEND === 'pglite') settle = settleTogether(deps);
  await seedHouseholds(deps.storage, households);
  return {
    ...store,
    kind: BACKEND,
    clock,
    delivered,
    // Every reply is parsed with the schemas the app parses it with: the contract holds in every test.
    async call(openid, name, event) {
      const envelope = await handle(name, event, { openid }, deps);
      if (envelope.ok && name in functionReplies) functionReplies[name as keyof typeof functionReplies].parse(envelope.data);
      return envelope as never;
    },
    notify: (cb) => handlePayNotify(cb.headers, cb.body, deps, settle),
    notifyRefund: (cb) => handleRefundNotify(cb.headers, cb.body, deps),
    async deliveries(count) {
      while (delivered.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    refundNotices,
    async refundNoticesDelivered(count) {
      while (refundNotices.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}

type Store = Omit<Backend, 'kind' | 'clock' | 'delivered' | 'call' | 'notify' | 'notifyRefund' | 'deliveries' | 'refundNotices' | 'refundNoticesDelivered'>;

/** Templates as a bureau would configure them (SUBSCRIBE_TEMPLATES), with WeChat-style field keys. */
const TEST_TEMPLATES = parseReminderTemplates(
  JSON.stringify({
    deadline: { id: 'sandbox-deadline', fields: { thing1: 'item', time2: 'payBy', thing3: 'note' } },
    refund: { id: 'sandbox-refund', fields: { thing1: 'item', amount2: 'amount', phrase3: 'status', thing4: 'note' } },
  }),
  'SUBSCRIBE_TEMPLATES',
);
const TEST_FIELDS: Record<string, string> = Object.fromEntries(Object.values(TEST_TEMPLATES).flatMap((t) => Object.entries(t.fields)));

const once = (content: string | Buffer) =>
  (async function* () {
    yield Buffer.from(content);
  })();

async function pgliteStore(options: Omit<LocalOptions, 'dataDir'>): Promise<Store> {
  template ??= PgliteStorage.schemaTemplate();
  const system = await localSystem({ ...options, template: await template });
  const sql = system.storage.sql;
  return {
    ...system,
    async addOperator(openid, name = '经办人', roles = {}) {
      await sql.query('insert into operators values ($1, $2, $3)', [openid, name, JSON.stringify(roles)]);
    },
    upload: (content) => system.files.save(once(content), 1e9),
    uploadProof: (content) => system.files.save(once(content), 1e9, 'proof'),
    outbox: () => system.messenger.outbox.map((m) => ({ openid: m.openid, templateId: system.messenger.templateId(m.kind), page: m.page, data: m.values })),
    refuseNextMessage: (errcode) => void system.messenger.refusals.push(errcode),
    async enrolments() {
      const rows = (await sql.query<{ person_id: string; order_no: string; status: EnrolmentRecord['status'] }>('select person_id, order_no, status from enrolments order by person_id')).rows;
      return rows.map((r) => ({ personId: r.person_id, orderNo: r.order_no, status: r.status }));
    },
    async auditLog() {
      return (await sql.query<{ action: string; subject: string; outcome: string }>('select action, subject, outcome from audit_log order by seq')).rows;
    },
    async personCount() {
      return (await sql.query('select * from persons')).rows.length;
    },
  };
}

async function cloudbaseStore(options: Omit<LocalOptions, 'dataDir'>): Promise<Store> {
  const emu = await cloudbaseEmulator();
  emu.reset();
  const app = cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV });
  const system = withSandboxes(options, new CloudbaseStorage(app.database() as never), new CloudbaseFiles(app as never), new WechatMessenger(app, TEST_TEMPLATES));
  return {
    ...system,
    async addOperator(openid, name = '经办人', roles = {}) {
      emu.put('operators', { _id: openid, openid, name, roles });
    },
    upload: async (content) => emu.putFile(Buffer.from(content)),
    uploadProof: async (content) => emu.putFile(content, 'refund-proofs', `${Date.now()}-${Math.random().toString(36).slice(2)}.jpg`),
    // Each field back under its value's name, so both backends' messages read alike.
    outbox: () =>
      emu.openApiCalls.filter((c) => c.errcode === 0 && c.apiName === '/cgi-bin/message/subscribe/send').map(({ requestData: r }) => ({
        openid: r.touser,
        templateId: r.template_id,
        page: r.page,
        data: Object.fromEntries(Object.entries(r.data as Record<string, { value: string }>).map(([key, v]) => [TEST_FIELDS[key]!, v.value])),
      })),
    refuseNextMessage: (errcode) => void emu.openApiAnswers.push({ errcode, errmsg: 'user refuse to accept the msg' }),
    async enrolments() {
      return emu
        .docs('enrolments')
        .map((d) => ({ personId: d.personId as string, orderNo: d.orderNo as string, status: d.status as EnrolmentRecord['status'] }))
        .sort((a, b) => a.personId.localeCompare(b.personId));
    },
    async auditLog() {
      return emu.docs('audit_log').map((d) => ({ action: d.action as string, subject: d.subject as string, outcome: d.outcome as string }));
    },
    async personCount() {
      return emu.docs('persons').length;
    },
    async close() {
      system.sandbox.stop();
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
