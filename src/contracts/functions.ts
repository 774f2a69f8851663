/**
 * The events each cloud function accepts, as zod schemas shared by the functions, the local server
 * and the app's service layer. Anything else a caller sends is ignored; who the caller is comes
 * from the platform (OPENID), never from the event.
 */
import * as z from 'zod/mini';
import { isCivilDate } from '../core/civil-date';
import { APPLICANT_RELATIONS, REFUND_REASONS, type ApplicantRelation } from '../core/vocabulary';

/** Household, member, order and refund numbers: what the server issued, nothing else. */
const token = z.string().check(z.trim(), z.regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确'));
const personName = z.string().check(z.trim(), z.minLength(1, '请输入姓名'), z.maxLength(40, '姓名过长'), z.regex(/^[^\u0000-\u001f\u007f]+$/, '姓名含有无法识别的字符'));
const idNumberInput = z.string().check(z.trim(), z.regex(/^[0-9Xx]{15,18}$/, '证件号码应为18位数字，最后一位可以是X'));

const civilDate = z.string().check(z.refine(isCivilDate, '日期应为真实的 YYYY-MM-DD'));
/** 出生医学证明编号: one capital letter and nine digits. */
const policyId = z.string().check(z.trim(), z.regex(/^[a-z]+-\d{4}$/, '参保年度编号格式不正确'));
const birthCertificateNo = z.string().check(z.trim(), z.regex(/^[A-Z]\d{9}$/, '出生医学证明编号应为1位大写字母加9位数字'));

/**
 * An import's CSV: the text itself (a small file, or a piece of one with its header's line
 * number), or a file uploaded to cloud storage, read a window per call from `from` on.
 */
const importSource = {
  csv: z.optional(z.string().check(z.minLength(1, '文件是空的'))),
  firstLine: z.optional(z.int().check(z.gte(1))),
  fileID: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(1000))),
  from: z.optional(z.object({ byte: z.int().check(z.gte(0)), line: z.int().check(z.gte(1)) })),
};

/** Per member, the missing years the payer back-pays now (修复). */
const repairsByMember = z.optional(z.record(token, z.array(z.int().check(z.gte(1990), z.lte(2100))).check(z.maxLength(10))));

export const functionEvents = {
  /** Which region sells which coverage year today (the home page). */
  onSale: z.object({}),
  /** A newborn's registration window in this household's region, before registering. */
  newbornWindow: z.object({ householdId: token, birthDate: civilDate }),
  lookupHousehold: z.object({ name: personName, idNumber: idNumberInput }),
  quote: z.object({ householdId: token, repairs: repairsByMember }),
  createOrder: z.object({
    householdId: token,
    memberIds: z.array(token).check(z.minLength(1), z.maxLength(100)),
    repairs: repairsByMember,
    /** Absent: the year on sale; the year before it: newborns' birth year (the quote's `birthYear`). */
    coverageYear: z.optional(z.int().check(z.gte(1990), z.lte(2100))),
  }),
  registerNewborn: z
    .object({
      householdId: token,
      name: personName,
      birthDate: civilDate,
      idNumber: z.optional(idNumberInput),
      birthCertificateNo: z.optional(birthCertificateNo),
      guardianMemberId: token,
      // The mother's or father's name and ID number as printed on the birth certificate: the
      // guardian must be that parent (what the counter checks).
      parentName: personName,
      parentIdNumber: idNumberInput,
    })
    .check(z.refine((e) => !!(e.idNumber || e.birthCertificateNo), { message: '请填写新生儿的证件号码或出生医学证明编号', path: ['idNumber'] })),
  activateVoucher: z.object({ householdId: token, memberId: token }),
  voucherStatus: z.object({ householdId: token }),
  importRoster: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('roster'), ...importSource }),
      z.object({ kind: z.literal('department'), department: z.string().check(z.trim(), z.minLength(1), z.maxLength(20)), ...importSource }),
    ])
    .check(z.refine((e) => (e.csv === undefined) !== (e.fileID === undefined), { message: '请提供 CSV 内容或已上传文件的 fileID（二选一）', path: ['csv'] })),
  orderStatus: z.object({ orderNo: token }),
  myOrders: z.object({}),
  certificate: z.object({ orderNo: token }),
  /** Operators: collection progress of a coverage year against the notice's targets. */
  progress: z.object({ policyId }),
  /** Operators: who in a township or village has still to pay (names masked). */
  unpaidList: z.object({ policyId, unit: z.string().check(z.trim(), z.minLength(1, '请选择乡镇（街道）或村'), z.maxLength(50)) }),
  refundCheck: z.object({ orderNo: token, memberId: token, reason: z.enum(REFUND_REASONS) }),
  requestRefund: z.object({
    orderNo: token,
    memberId: token,
    reason: z.enum(REFUND_REASONS),
    /** Who asks, when not the insured person: required for a death refund (a relative asks). */
    applicant: z.optional(
      z.object({
        relation: z.enum(Object.keys(APPLICANT_RELATIONS) as [ApplicantRelation, ...ApplicantRelation[]]),
        name: personName,
        phone: z.string().check(z.trim(), z.regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '联系电话应为11位手机号或带区号的固定电话')),
      }),
    ),
    /** The fileID of the proof uploaded to storage (refund-proofs/…), where the reason needs one. */
    proof: z.optional(z.string().check(z.maxLength(300))),
  }),
  /** A reminder the resident consented to (WeChat subscription message): the household's payment deadline, or a refund's outcome. */
  subscribeReminder: z.discriminatedUnion('kind', [z.object({ kind: z.literal('deadline'), householdId: token }), z.object({ kind: z.literal('refund'), refundNo: token })]),
  /** Operators: refunds that need someone (failed, or unfinished for a day). */
  refundsToAttend: z.object({}),
  /** Operators: approve a refund request in review, or reject it with the reason the resident reads. */
  reviewRefund: z.object({ refundNo: token, approve: z.boolean(), note: z.optional(z.string().check(z.trim(), z.maxLength(200, '原因请控制在200字以内'))) }),
  /** Operators: another attempt of a failed refund, on the resident's behalf. */
  retryRefund: z.object({ refundNo: token }),
  /** Operators: which household a newborn registered by two belongs to (the other registration is voided and refunded). */
  resolveNewbornClaim: z.object({ claimantId: token, keep: z.enum(['claimant', 'registered']) }),
  /** Operators: a coverage year as data — list, draft, approve (another operator), publish. */
  policyVersions: z.discriminatedUnion('action', [
    z.object({ action: z.literal('list') }),
    z.object({ action: z.literal('template'), region: z.string().check(z.regex(/^[a-z]+$/, '地区代码格式不正确')), year: z.int().check(z.gte(2000), z.lte(2100)) }),
    z.object({ action: z.literal('draft'), data: z.record(z.string(), z.unknown()), reason: z.string().check(z.trim(), z.minLength(1, '请说明起草原因'), z.maxLength(200)) }),
    z.object({ action: z.literal('approve'), policyId, version: z.int().check(z.gte(1)) }),
    z.object({ action: z.literal('publish'), policyId, version: z.int().check(z.gte(1)), saleFrom: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '开始销售日期应写成 YYYY-MM-DD'))) }),
    z.object({ action: z.literal('preview'), policyId, version: z.int().check(z.gte(1)), after: z.optional(z.string().check(z.maxLength(100))) }),
  ]),
};

export type FunctionName = keyof typeof functionEvents;
export type FunctionEvent<N extends FunctionName> = z.infer<(typeof functionEvents)[N]>;

export type Envelope<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export function isFunctionName(name: string): name is FunctionName {
  return Object.prototype.hasOwnProperty.call(functionEvents, name);
}
