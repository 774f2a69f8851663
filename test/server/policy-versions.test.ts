/**
 * A county publishes its next coverage year without a deployment: drafted, approved by a second
 * operator, published, sold at once; corrected by a new version, with earlier orders keeping
 * their prices. On both backends.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewPolicyVersion } from '../../src/core/use-cases/policy-versions';
import { draftFrom } from '../../src/policies/draft';
import { policySource } from '../../src/policies/registry';
import { idNumber } from '../support/people';
import { backend, type Backend } from './harness';

const FAMILY = { householdId: 'SF-T1', region: 'demo', unit: '示范村', members: [{ idNumber: idNumber('110101', '1980-01-01', '011'), name: '周一' }] };
/** Another household, still to pay when the correction below goes on sale. */
const NEIGHBOUR = { householdId: 'SF-T2', region: 'demo', unit: '示范村', members: [{ idNumber: idNumber('110101', '1982-03-04', '021'), name: '吴二' }] };
const RESIDENT = 'o-resident';
const DRAFTER = 'o-drafter';
const APPROVER = 'o-approver';
/** An operator with no role on policy years: may look and preview, nothing more. */
const VIEWER = 'o-viewer';
/** demo-2028 as a bureau fills it from its notice: standard 420.00. */
const FILLED = JSON.parse(readFileSync('test/fixtures/demo-2028.draft.json', 'utf8'));

let b: Backend;
beforeAll(async () => {
  // 2027-09-05: demo-2027 is still in its year; demo-2028's collection period would have opened.
  b = await backend('2027-09-05T10:00:00', [FAMILY, NEIGHBOUR]);
  // Both roles: even so, never the approver of their own draft.
  await b.addOperator(DRAFTER, '起草人', { demo: ['drafter', 'approver'] });
  await b.addOperator(APPROVER, '审批人', { '*': ['approver'] });
  await b.addOperator(VIEWER);
  await b.call(RESIDENT, 'lookupHousehold', { name: FAMILY.members[0]!.name, idNumber: FAMILY.members[0]!.idNumber });
});
afterAll(async () => b?.close());

const versions = (openid = DRAFTER) => b.call(openid, 'policyVersions', { action: 'list' });
const quote = () => b.call(RESIDENT, 'quote', { householdId: FAMILY.householdId });

describe('policy versions', () => {
  it('a draft with gaps is stored with its gaps listed, and cannot be approved', async () => {
    expect((await quote()).data).toMatchObject({ policy: 'demo-2027', totalDue: '400.00' });
    const bare = await b.call(DRAFTER, 'policyVersions', { action: 'draft', data: draftFrom(policySource('demo-2027')!, 2028), reason: '2028年度通知下发，起草' });
    expect(bare.data).toMatchObject({ policyId: 'demo-2028', version: 1, status: 'draft' });
    expect(bare.data.missing).toContain('个人缴费标准（standard.value）');
    const refused = await b.call(APPROVER, 'policyVersions', { action: 'approve', policyId: 'demo-2028', version: 1 });
    expect(refused.error.code).toBe('NOT_READY');
    expect(refused.error.message).toContain('通知标题');
  });

  it('a draft starts from the last priced year, even over pending ones', async () => {
    const template = await b.call(DRAFTER, 'policyVersions', { action: 'template', region: 'dingtao', year: 2027 });
    expect(template.data).toMatchObject({ id: 'dingtao-2027', coverageYear: 2027, standard: { value: null }, $上年度: { id: 'dingtao-2024' } });
    expect((await b.call(RESIDENT, 'policyVersions', { action: 'template', region: 'dingtao', year: 2027 })).error.code).toBe('FORBIDDEN');
    expect((await b.call(DRAFTER, 'policyVersions', { action: 'template', region: 'nowhere', year: 2027 })).error.code).toBe('NOT_FOUND');
  });

  it('only operators; the drafter cannot approve; nothing is published unapproved', async () => {
    expect((await versions(RESIDENT)).error.code).toBe('FORBIDDEN');
    // Roles per region, checked on the server.
    expect((await b.call(VIEWER, 'policyVersions', { action: 'draft', data: FILLED, reason: '无权起草' })).error.code).toBe('NO_ROLE');
    expect((await b.call(APPROVER, 'policyVersions', { action: 'draft', data: FILLED, reason: '审批人不起草' })).error.code).toBe('NO_ROLE');
    expect((await b.call(VIEWER, 'policyVersions', { action: 'approve', policyId: 'demo-2028', version: 1 })).error.code).toBe('NO_ROLE');
    expect((await versions(VIEWER)).ok).toBe(true);
    const filled = await b.call(DRAFTER, 'policyVersions', { action: 'draft', data: FILLED, reason: '按通知填写' });
    expect(filled.data).toMatchObject({ version: 2, status: 'draft', missing: [], staleCites: [], invalid: [] });
    expect((await b.call(DRAFTER, 'policyVersions', { action: 'approve', policyId: 'demo-2028', version: 2 })).error.code).toBe('SAME_PERSON');
    // Before approving: the roster against the year in force, person by person.
    const preview = await b.call(APPROVER, 'policyVersions', { action: 'preview', policyId: 'demo-2028', version: 2 });
    expect(preview.data).toMatchObject({ current: 'demo-2027', next: null, households: 2, persons: 2, amountChanges: { '个人缴费标准400.00→420.00，无资助：每人+20.00元': 2 } });
    expect(preview.data.before.personal).toBe('800.00');
    expect(preview.data.after.personal).toBe('840.00');
    expect(preview.data.sample[0].members[0]).toMatchObject({ name: '周*', before: { due: '400.00' }, after: { due: '420.00' } });
    // A window at a time (the page asks for the next until none is left): the windows add up to the whole.
    const first = await previewPolicyVersion(b.deps, { openid: APPROVER }, { policyId: 'demo-2028', version: 2 }, 1);
    const second = await previewPolicyVersion(b.deps, { openid: APPROVER }, { policyId: 'demo-2028', version: 2, after: first.ok ? first.data.next! : '' }, 1);
    expect([first.ok && first.data.next, second.ok && second.data.next]).toEqual(['SF-T1', null]);
    expect([first, second].map((w) => (w.ok ? [w.data.households, w.data.before.personal, w.data.after.personal] : w))).toEqual([
      [1, 40000, 42000],
      [1, 40000, 42000],
    ]);
    expect((await b.call(APPROVER, 'policyVersions', { action: 'preview', policyId: 'demo-2028', version: 1 })).error.code).toBe('NOT_READY');
    expect((await b.call(RESIDENT, 'policyVersions', { action: 'preview', policyId: 'demo-2028', version: 2 })).error.code).toBe('FORBIDDEN');
    expect((await b.call(APPROVER, 'policyVersions', { action: 'publish', policyId: 'demo-2028', version: 2 })).error).toMatchObject({ code: 'WRONG_STATE', message: '该版本尚未经另一位经办人员审批' });
    // Not on sale while in review: residents still get last year.
    expect((await quote()).data).toMatchObject({ policy: 'demo-2027' });
  });

  it('approved by a second operator and published: residents are quoted the new year at once', async () => {
    expect((await b.call(APPROVER, 'policyVersions', { action: 'approve', policyId: 'demo-2028', version: 2 })).data).toMatchObject({ status: 'approved', approvedBy: APPROVER });
    expect((await b.call(APPROVER, 'policyVersions', { action: 'publish', policyId: 'demo-2028', version: 2 })).data).toMatchObject({ status: 'published' });
    expect((await quote()).data).toMatchObject({ policy: 'demo-2028', coverageYear: 2028, totalDue: '420.00' });
    // Published is final: it cannot be approved or published again.
    expect((await b.call(APPROVER, 'policyVersions', { action: 'approve', policyId: 'demo-2028', version: 2 })).error.code).toBe('WRONG_STATE');
    const audit = (await b.auditLog()).filter((a) => a.action.startsWith('policy')).map((a) => [a.action, a.subject]);
    expect(audit).toEqual([
      ['policyDraft', 'demo-2028#1'],
      ['policyDraft', 'demo-2028#2'],
      ['policyApprove', 'demo-2028#2'],
      ['policyPublish', 'demo-2028#2'],
    ]);
  });

  it('a correction is a new version that supersedes the old; an order priced before keeps its price', async () => {
    const q = await quote();
    const order = await b.call(RESIDENT, 'createOrder', { householdId: FAMILY.householdId, memberIds: q.data.members.map((m: any) => m.memberId) });
    expect(order.data.total).toBe('420.00');
    const corrected = structuredClone(FILLED);
    corrected.standard.value = '430.00';
    const draft = await b.call(DRAFTER, 'policyVersions', { action: 'draft', data: corrected, reason: '更正：个人缴费标准应为430元' });
    expect(draft.data.version).toBe(3);
    await b.call(APPROVER, 'policyVersions', { action: 'approve', policyId: 'demo-2028', version: 3 });
    await b.call(APPROVER, 'policyVersions', { action: 'publish', policyId: 'demo-2028', version: 3 });
    expect((await versions()).data.map((v: any) => [v.version, v.status])).toEqual([
      [1, 'draft'],
      [2, 'superseded'],
      [3, 'published'],
    ]);
    expect((await quote()).data.totalDue).toBe('430.00');
    expect((await b.call(RESIDENT, 'orderStatus', { orderNo: order.data.orderNo })).data.total).toBe('420.00');
    // Paid after the correction: the certificate names the version it was priced with.
    b.sandbox.pay(order.data.payParams.package.replace('prepay_id=', ''));
    await b.deliveries(b.sandbox.scenario.deliveries);
    expect((await b.call(RESIDENT, 'certificate', { orderNo: order.data.orderNo })).data).toMatchObject({ total: '420.00', policy: 'demo-2028 第2版' });
    const next = await b.call(RESIDENT, 'createOrder', { householdId: FAMILY.householdId, memberIds: q.data.members.map((m: any) => m.memberId) });
    expect(next.error.code).toBe('NOT_PAYABLE');
  });

  it('a correction names its first sale date: until that day the version it corrects is sold; a day already past is refused', async () => {
    await b.call(RESIDENT, 'lookupHousehold', { name: NEIGHBOUR.members[0]!.name, idNumber: NEIGHBOUR.members[0]!.idNumber });
    const neighbourDue = async () => (await b.call(RESIDENT, 'quote', { householdId: NEIGHBOUR.householdId })).data.totalDue;
    expect(await neighbourDue()).toBe('430.00');
    const corrected = structuredClone(FILLED);
    corrected.standard.value = '440.00';
    await b.call(DRAFTER, 'policyVersions', { action: 'draft', data: corrected, reason: '更正：自9月7日起个人缴费标准为440元' });
    await b.call(APPROVER, 'policyVersions', { action: 'approve', policyId: 'demo-2028', version: 4 });
    const past = await b.call(APPROVER, 'policyVersions', { action: 'publish', policyId: 'demo-2028', version: 4, saleFrom: '2027-09-04' });
    expect(past.error).toMatchObject({ code: 'INVALID_SALE_DATE', message: '开始销售日期不能早于今天（2027年9月5日）' });
    const tooLate = await b.call(APPROVER, 'policyVersions', { action: 'publish', policyId: 'demo-2028', version: 4, saleFrom: '2029-01-01' });
    expect(tooLate.error.code).toBe('INVALID_SALE_DATE');
    const published = await b.call(APPROVER, 'policyVersions', { action: 'publish', policyId: 'demo-2028', version: 4, saleFrom: '2027-09-07' });
    expect(published.data).toMatchObject({ status: 'published', saleFrom: '2027-09-07' });
    expect(await neighbourDue()).toBe('430.00');
    b.clock.advance(24 * 60 * 60 * 1000);
    expect(await neighbourDue()).toBe('430.00');
    b.clock.advance(24 * 60 * 60 * 1000);
    expect(await neighbourDue()).toBe('440.00');
    expect((await b.auditLog()).filter((a) => a.action === 'policyPublish').at(-1)).toMatchObject({ subject: 'demo-2028#4', outcome: 'supersedes 3, on sale from 2027-09-07' });
  });
});
