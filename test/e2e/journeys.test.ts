/**
 * A resident's journeys in the H5 build, in headless Chromium, against the real local server.
 * Each journey saves screenshots to .artifacts/e2e/.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { sendDueReminders } from '../../src/core/use-cases/reminders';
import { idNumber } from '../support/people';
import { asDemoOperator, input, lookUp, resident, shot, startApp, type App, consent } from './harness';

vi.setConfig({ testTimeout: 60_000 });
/** The page answers after a round trip: wait for it, up to 10 s. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

/** In elderly mode: the smallest text on screen, and how many tap targets are under 60×60 px. */
function elderlyCheck(page: Page) {
  return page.evaluate(() => {
    const visible = (e: Element) => (e as HTMLElement).offsetParent !== null && (e.textContent ?? '').trim() !== '';
    const texts = [...document.querySelectorAll('.screen.elderly *, .bottom-bar *')].filter((e) => visible(e) && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()));
    const smallest = Math.min(...texts.map((e) => parseFloat(getComputedStyle(e).fontSize)));
    const targets = [...document.querySelectorAll('.screen.elderly .btn, .screen.elderly .check-target, .screen.elderly .why-toggle')].filter(visible);
    const tiny = targets.map((e) => e.getBoundingClientRect()).filter((r) => r.width < 60 || r.height < 60).length;
    return { smallest, tiny, targets: targets.length };
  });
}

async function expectElderly(page: Page) {
  await page.locator('.screen.elderly').last().waitFor();
  const r = await elderlyCheck(page);
  expect(r.smallest).toBeGreaterThanOrEqual(18);
  expect(r.tiny).toBe(0);
}

let app: App;
beforeAll(async () => {
  app = await startApp();
}, 60_000);
afterAll(() => app?.close());

/** Confirms the sandbox cashier, then opens the payment certificate: its text. */
async function certificateAfterPaying(page: Awaited<ReturnType<App['phone']>>): Promise<string> {
  await page.getByText('确认支付').click();
  await page.getByText('缴费成功').waitFor();
  await page.getByText('查看缴费证明').click();
  await page.locator('#certificate').waitFor();
  return page.locator('#certificate').innerText();
}

/** Pays for everyone payable in the household, then asks, for one member, whether a refund is possible. */
async function payThenAskRefund(who: ReturnType<typeof resident>, member: string, reason: string) {
  const page = await app.phone();
  await lookUp(page, app.base, who);
  await page.getByText('去缴费', { exact: true }).click();
  await page.getByText('确认支付').click();
  await page.getByText('缴费成功').waitFor();
  await page.goto(`${app.base}/#/packages/records/index`);
  await page.getByText(`${member}：能否退费？`).click();
  await page.getByText(reason).click();
  const answer = page.locator('#refund-answer');
  await eventually(() => answer.innerText()).toContain('可以退费');
  return { page, answer };
}

describe('paying for a household', () => {
  it('looks up a mixed household, pays for it, shows the certificate and activates a voucher', async () => {
    app.setToday('2020-12-01');
    const page = await app.phone();
    await lookUp(page, app.base, resident('TZ-0001', '张德明'));
    // Masked on the server; the subsidy neutral until "why" is opened.
    await eventually(() => page.locator('.member').count()).toBe(5);
    const body = await page.locator('body').innerText();
    expect(body).toContain('张*明');
    expect(body).not.toContain('张德明');
    expect(body).toContain('政府资助');
    expect(body).not.toContain('低保');
    expect(await page.locator('#total').innerText()).toBe('700.00 元');
    await shot(page, '1-household');
    await page.locator('#member-TZ-0001-2').getByText('为什么是这个金额？').click();
    await eventually(() => page.locator('#member-TZ-0001-2').innerText()).toContain('资助类别');

    // The bank declines first: the page asks the server before saying anything (the order is still
    // open, so it does not claim "没有扣款"), gives the order number, and the payer can try again.
    await page.getByText('去缴费', { exact: true }).click();
    await shot(page, '2-sandbox-cashier');
    await page.getByText('模拟支付失败').click();
    await eventually(() => page.locator('.error').innerText()).toMatch(/支付没有完成。如果实际已经扣款，系统会自动确认.*订单号 YB/);
    await shot(page, '2b-payment-failed');
    // In the records it is one unpaid order (nothing taken), folded apart, with 继续支付 back to the household.
    await page.goto(`${app.base}/#/packages/records/index`);
    const unpaid = page.locator('#unpaid-orders');
    await eventually(() => unpaid.innerText()).toContain('未完成支付（1笔）');
    expect(await unpaid.innerText()).toContain('700.00 元');
    await shot(page, '2c-records-unpaid');
    await unpaid.getByText('继续支付').click();
    await page.getByText('去缴费', { exact: true }).click();
    await page.getByText('确认支付').click();
    await page.getByText('缴费成功').waitFor();
    await shot(page, '3-paid');
    // The declined order was closed on the way (nothing taken there) and a new one paid: nothing is left unpaid.
    const openid = await page.evaluate(() => localStorage.getItem('yibao-openid'));
    const mine = await (await fetch(`${app.base}/api/myOrders`, { method: 'POST', headers: { 'X-Openid': openid! }, body: '{}' })).json();
    expect(mine.data.map((o: { status: string }) => o.status)).toEqual(['paid', 'closed']);

    await page.getByText('查看缴费证明').click();
    await page.locator('#certificate').waitFor();
    const certificate = await page.locator('#certificate').innerText();
    expect(certificate).toContain('滕州市2021年度城乡居民基本医疗保险缴费证明');
    expect(certificate).toContain('700.00 元');
    await shot(page, '4-certificate');

    await page.goBack();
    await page.getByText('激活医保电子凭证').click();
    const card = page.locator('#voucher-TZ-0001-1');
    await card.getByText('去官方页面激活').click();

    await page.getByText('确认激活').click();
    await eventually(() => card.innerText()).toContain('已激活');
    // The QR code is drawn: a square of modules, a good share of them dark.
    expect(await card.locator('.qr-code .qr-dot.on').count()).toBeGreaterThan(200);
    await page.getByText('确认激活').waitFor({ state: 'hidden' });
    await shot(page, '5-voucher');

    // Another adult's voucher is theirs to activate: the server says so, in words.
    await page.locator('#voucher-TZ-0001-3').getByText('去官方页面激活').click();
    await eventually(() => page.locator('.error').innerText()).toContain('只能由本人激活');
    // A child's voucher is activated by an adult of the household.
    const child = page.locator('#voucher-TZ-0001-5');
    expect(await child.innerText()).toContain('可由本户成年家长代为激活');
    await child.getByText('去官方页面激活').click();
    await page.getByText('确认激活').click();
    await eventually(() => child.innerText()).toContain('已激活');
  });

  it('checks whether a payment is refundable, with its reason, and requests the refund', async () => {
    app.setToday('2020-12-01');
    const { page, answer } = await payThenAskRefund(resident('TZ-0002', '周建华'), '周*华', '参加职工医保');
    expect(await answer.innerText()).toContain('依据');
    await shot(page, '6-refund-check');
    await answer.getByText('申请退费').click();
    // What ends is said first, and nothing is sent until confirmed.
    await eventually(() => page.locator('.taro-modal__content').innerText()).toContain('参保关系终止');
    await page.locator('.taro-modal__foot').getByText('确定').click();
    await eventually(() => page.locator('#refund-receipt').innerText()).toContain('等待医保经办机构审核');
    await shot(page, '7-refund-requested');
    // The bureau reviews it before any money moves: the demo operator approves it.
    const staff = await app.phone();
    await asDemoOperator(staff, app.base);
    const review = staff.locator('[id^="review-"]').first();
    await eventually(() => staff.locator('#refunds-to-attend').innerText()).toContain('参加职工医保');
    await review.getByText('不予退费').click();
    await staff.getByText('不予退费时请先在下方写明原因').waitFor();
    await shot(staff, '7b-refund-review');
    await review.getByText('同意退费').click();
    await eventually(() => staff.locator('[id^="review-"]').count()).toBe(0);
  });
});

describe('a death refund asked by a relative', () => {
  it('names the relative and a phone, confirms what ends, and the operator sees who asked', async () => {
    app.setToday('2026-12-02');
    const { page, answer } = await payThenAskRefund(resident('SF-0003', '蒋红'), '卫*山', '参保人死亡');
    // Not sent until the relative says who they are.
    expect(await answer.locator('.btn.disabled').getByText('申请退费').count()).toBe(1);
    await answer.getByText('配偶').click();
    await input(page, 'applicant-name').fill('蒋红');
    await input(page, 'applicant-phone').fill('13800000000');
    // …and a proof: anything but a photo or a PDF is refused beside the button, by its bytes.
    expect(await answer.locator('.btn.disabled').getByText('申请退费').count()).toBe(1);
    const choose = async (name: string, mimeType: string, buffer: Buffer) => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), answer.getByText(/上传证明材料|重新上传/).click()]);
      await chooser.setFiles({ name, mimeType, buffer });
    };
    await choose('证明.pdf', 'application/pdf', Buffer.from('MZ not a pdf'));
    await eventually(() => page.locator('#refund-proof').innerText()).toContain('只能上传照片（JPG、PNG）或 PDF 文件');
    await choose('死亡医学证明.pdf', 'application/pdf', Buffer.from('%PDF-1.7\n死亡医学证明\n'));
    await eventually(() => page.locator('#refund-proof').innerText()).toContain('已上传：死亡医学证明.pdf');
    await shot(page, '7c-death-refund-applicant');
    await answer.getByText('申请退费').click();
    await page.locator('.taro-modal__foot').getByText('确定').click();
    await eventually(() => page.locator('#refund-receipt').innerText()).toContain('等待医保经办机构审核');
    // The outcome, by WeChat message once decided (the sandbox outbox here).
    await page.getByText('审核和退款结果通知我（微信服务通知）').click();
    await eventually(() => page.locator('#remind-refund').innerText()).toContain('已订阅：有结果时通过微信服务通知告诉您');
    const staff = await app.phone();
    await asDemoOperator(staff, app.base);
    await eventually(() => staff.locator('#refunds-to-attend').innerText()).toContain('申请人：配偶 蒋* 13800000000');
    // The reviewer opens the proof by its short-lived link; once decided it is gone.
    const [asked] = await Promise.all([staff.context().waitForEvent('request', (r) => r.url().includes('/files/refund-proofs/')), staff.getByText('查看证明材料（PDF）').click()]);
    const link = asked.url();
    const shown = await fetch(link);
    expect(shown.headers.get('content-type')).toBe('application/pdf');
    expect(await shown.text()).toContain('死亡医学证明');
    await shot(staff, '7d-refund-proof-review');
    await staff.locator('[id^="review-"]').getByText('同意退费').click();
    await eventually(() => staff.locator('[id^="review-"]').count()).toBe(0);
    expect((await fetch(link)).status).toBe(403);
    await eventually(async () => (await sendDueReminders(app.system.deps)).sent).toBe(1);
    const outbox = (await (await fetch(`${app.base}/sandbox/outbox`, { method: 'POST' })).json()).data;
    expect(outbox).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'refund', values: expect.objectContaining({ item: '卫*山居民医保退费', status: '退费成功' }) })]));
  });
});

describe('after paying, never a dead end', () => {
  it('with the server unreachable the result page still gives the order number, 再查一次 and the records', async () => {
    app.setToday('2020-12-01');
    const page = await app.phone();
    await lookUp(page, app.base, resident('ZQ-0001', '梁志强'));
    await page.getByText('去缴费', { exact: true }).click();
    // The cashier succeeds, then the network goes: every status question fails.
    await page.route('**/api/orderStatus', (route) => route.abort());
    await page.getByText('确认支付').click();
    const card = page.locator('#result-unknown');
    await card.waitFor({ timeout: 30_000 });
    expect(await card.innerText()).toMatch(/订单号 YB\w+/);
    expect(await card.innerText()).toContain('如已扣款，系统会自动确认并为您参保，不会丢失');
    await shot(page, '5b-result-unreachable');
    // The network is back: 再查一次 finds the payment.
    await page.unroute('**/api/orderStatus');
    await card.getByText('再查一次').click();
    await page.getByText('缴费成功').waitFor();
  });
});

describe('township staff', () => {
  it('follow progress against the targets and import a roster with a progress bar and the rejected rows', async () => {
    const page = await app.phone();
    app.setToday('2020-12-01');
    await page.goto(app.base);
    await consent(page);
    await page.getByText('经办人员入口').click();
    await page.getByText('只有医保经办人员可以查看征缴进度').waitFor();
    await page.getByText('以演示经办人身份进入（本地沙箱）').click();
    const tengzhou = page.locator('#progress-tengzhou-2021');
    await eventually(() => tengzhou.innerText()).toContain('合计');
    expect(await tengzhou.innerText()).toContain('电子凭证激活');
    await shot(page, '18-operator-progress');
    // Who in 鲍沟镇 has still to pay, for the cadres going door to door, as a file (孙强 is at
    // school: insured there, not on the list).
    await tengzhou.locator('.row', { hasText: '鲍沟镇' }).getByText('未缴名单').click();
    const unpaid = page.locator('#unpaid-list');
    await eventually(() => unpaid.innerText()).toContain('户 TZ-0003 孙*贵（1948年生）应缴');
    expect(await unpaid.innerText()).not.toContain('孙*（2003年生）');
    const [list] = await Promise.all([page.waitForEvent('download'), unpaid.getByText('下载名单（CSV）').click()]);
    expect(list.suggestedFilename()).toBe('鲍沟镇未缴名单.csv');
    expect(readFileSync((await list.path())!, 'utf8')).toMatch(/^\ufeff户编号,姓名,出生年份,应缴金额（元）,状态,说明\nTZ-0003,孙\*贵,1948,/);
    await shot(page, '18b-operator-unpaid');

    await page.getByText('导入花名册或部门名单').click();
    // The list to fill, as a file Excel opens with its Chinese intact.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('下载模板').click()]);
    expect(download.suggestedFilename()).toBe('花名册模板.csv');
    expect(readFileSync((await download.path())!, 'utf8')).toMatch(/^\ufeff户编号,地区,村社区,姓名,证件号码,出生日期/);
    const file = join(mkdtempSync(join(tmpdir(), 'yibao-e2e-')), '花名册.csv');
    writeFileSync(file, ['户编号,地区,村社区,姓名,证件号码', `E2E-1,tengzhou,北辛街道,新户一,${idNumber('370481', '1985-05-05', '011')}`, `E2E-1,tengzhou,北辛街道,新户二,${idNumber('370481', '1987-07-07', '022')}`, 'E2E-1,tengzhou,北辛街道,坏号,370481198707070221'].join('\n'));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('选择文件并导入').click()]);
    await chooser.setFiles(file);
    const report = page.locator('#import-report');
    await eventually(() => report.innerText()).toContain('导入完成');
    expect(await report.innerText()).toContain('共 3 行，导入 2，未变 0，退回 1');
    expect(await report.innerText()).toContain('第4行：证件号码不正确');
    await shot(page, '19-operator-import');
    await page.locator('.topbar .btn:visible').click();
    await expectElderly(page);
    expect((await app.system.storage.householdMembers('E2E-1')).map((m) => m.name).sort()).toEqual(['新户一', '新户二']);
  });
});

describe('dates that matter', () => {
  it('today (2026-12-02), demo-2027: a broken-enrolment household sees the wait, ticks the back-payment and pays it', async () => {
    app.setToday('2026-12-02');
    const page = await app.phone();
    await lookUp(page, app.base, resident('SF-0002', '孙立'));
    const sun = page.locator('#member-SF-0002-1');
    // Broke 2025 and 2026: 4 months from 1 January, and the repair of 2026 offered before paying.
    await eventually(() => sun.innerText()).toContain('等待期4个月（固定3个月＋变动1个月）');
    expect(await sun.innerText()).toContain('自2027年5月1日起享受待遇');
    expect(await sun.innerText()).toContain('补缴2026年度400.00 元，可提前到2027年4月1日起享受待遇');
    // 孙立 400 + 褚丽 (broke 2026) 400 + 孙福 (broke 5 years) 400.
    expect(await page.locator('#total').innerText()).toBe('1200.00 元');
    await shot(page, '8a-broken-enrolment');

    await page.locator('#repair-SF-0002-1').click();
    await eventually(() => sun.innerText()).toContain('自2027年4月1日起享受待遇');
    expect(await sun.innerText()).toContain('+400.00 元');
    expect(await page.locator('#total').innerText()).toBe('1600.00 元');
    await shot(page, '8b-repair-ticked');

    await page.getByText('去缴费', { exact: true }).click();
    const certificate = await certificateAfterPaying(page);
    expect(certificate).toContain('示范县（虚构）2027年度');
    expect(certificate).toContain('1600.00 元');
    expect(certificate).toContain('2027年4月1日');
    await shot(page, '8c-repair-certificate');
  });

  it('today (2026-12-02): a child born 2026-11-10 pays its birth year beside 2027, for cover from birth', async () => {
    app.setToday('2026-12-02');
    const page = await app.phone();
    await lookUp(page, app.base, resident('SF-0001', '郑建国'));
    // 2027 from 1 January in the household's order; 2026 from birth offered as its own order.
    await eventually(() => page.locator('#birth-year-SF-0001-3').innerText()).toContain('请在下方“出生当年保费”一并缴纳');
    const offer = page.locator('#birth-year');
    expect(await offer.innerText()).toContain('出生当年保费（2026年度）');
    expect(await offer.innerText()).toContain('享受待遇 2026年11月10日 至 2026年12月31日');
    // Its window runs to 2027-02-08, but here 2026 is sold only until it ends.
    expect(await offer.innerText()).toContain('请在2026年12月31日前（含当天）缴纳');
    await offer.scrollIntoViewIfNeeded();
    await shot(page, '11a-birth-year-offered');

    // Its deadline, reminded three days before by WeChat: here the sandbox outbox takes it.
    const remind = page.locator('#deadline-reminder');
    expect(await remind.innerText()).toContain('新生儿须在2026年12月31日前（含当天）缴费');
    await remind.getByText('2026年12月28日提醒我（微信服务通知）').click();
    await eventually(() => remind.innerText()).toContain('已订阅：2026年12月28日通过微信服务通知提醒您（截止日2026年12月31日）');
    await shot(page, '11c-deadline-reminder');
    app.setToday('2026-12-28');
    await sendDueReminders(app.system.deps);
    const outbox = (await (await fetch(`${app.base}/sandbox/outbox`, { method: 'POST' })).json()).data;
    expect(outbox).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'deadline', page: 'packages/pay/household/index?householdId=SF-0001', values: { item: '郑*满新生儿参保缴费', payBy: '2026年12月31日', note: '逾期缴费，出生以来的医疗费用不能报销' } })]));
    app.setToday('2026-12-02');

    await page.locator('#pay-birth-year').click();
    const certificate = await certificateAfterPaying(page);
    expect(certificate).toContain('示范县（虚构）2026年度');
    expect(certificate).toContain('400.00 元');
    expect(certificate).toContain('2026年11月10日');
  });

  it('a member who must go to the counter sees its address, phone and hours, what the notice leaves out, and 12393', async () => {
    app.setToday('2026-12-02');
    const page = await app.phone();
    await lookUp(page, app.base, resident('SF-0004', '沈明'));
    const han = page.locator('#member-SF-0004-3');
    await eventually(() => han.innerText()).toContain('办理地点：示范县医疗保障服务中心');
    for (const line of ['地址：示范县人民路1号', '电话：0000-12393', '办公时间：工作日9:00–17:00', '所需材料、能否由亲属代办本地通知未载明，可拨打全国医疗保障服务热线 12393 咨询']) expect(await han.innerText()).toContain(line);
    await han.scrollIntoViewIfNeeded();
    await shot(page, '11b-counter-details');
  });

  it('shows a late payer the waiting period before paying (dingtao-2024)', async () => {
    app.setToday('2024-03-10');
    const page = await app.phone();
    await lookUp(page, app.base, resident('DT-0001', '赵大海'));
    const adult = page.locator('#member-DT-0001-1');
    await eventually(() => adult.innerText()).toContain('等待期');
    expect(await adult.innerText()).toContain('逾期缴费');
    await shot(page, '8-late-waiting-period');
  });

  it('a region whose premiums the tax bureau collects: the amounts, then the way to its entry, and no order here', async () => {
    app.setToday('2024-03-10');
    app.system.deps.payElsewhere = { dingtao: { name: '山东税务社保费缴纳', appId: null, path: null } };
    try {
      const page = await app.phone();
      await lookUp(page, app.base, resident('DT-0001', '赵大海'));
      await page.locator('#pay-elsewhere').waitFor();
      expect(await page.locator('#pay-elsewhere').innerText()).toContain('由税务部门征收：请在“山东税务社保费缴纳”缴费');
      expect(await page.getByText('去缴费', { exact: true }).count()).toBe(0);
      await page.getByText('前往“山东税务社保费缴纳”').click();
      await page.getByText('请在微信中搜索“山东税务社保费缴纳”').waitFor();
      await shot(page, '8d-pay-at-the-tax-bureau');
    } finally {
      app.system.deps.payElsewhere = {};
    }
  });

  it('registers a newborn inside its window with a live countdown, and refuses one outside it', async () => {
    app.setToday('2024-03-10');
    const page = await app.phone();
    await lookUp(page, app.base, resident('DT-0001', '赵大海'));
    await page.getByText('新生儿参保登记').click();

    // Or chosen from the calendar: it opens on the server's today, and 确定 takes it.
    await page.locator('#birth-date-pick').click();
    await page.locator('.weui-picker__action', { hasText: '确定' }).click();
    await eventually(() => page.locator('#birth-date-read').innerText()).toContain('2024年3月10日');
    // Typed as people type dates: read, and said back.
    await input(page, 'birth-date').fill('2023.6.1');
    await eventually(() => page.locator('#birth-date-read').innerText()).toContain('2023年6月1日');
    await eventually(() => page.locator('#window').innerText()).toContain('已经过了登记期限');
    await shot(page, '9-newborn-outside-window');

    await input(page, 'birth-date').fill('20240201');
    await eventually(() => page.locator('#window').innerText()).toContain('还剩');
    expect(await page.locator('#window').innerText()).toContain('2024年8月1日');
    // The clause by its notice's name, never its code.
    expect(await page.locator('#window').innerText()).toContain('依据：菏泽市定陶区2024年度参保缴费通知 四(二)');
    expect(await page.locator('#window').innerText()).not.toContain('dingtao-2024 §');
    await input(page, 'newborn-name').fill('赵宝宝');
    await input(page, 'newborn-doc').fill('Q371234567');
    // The household page stays underneath in the H5 page stack: the newborn page's button is the last.
    await page.getByText('赵*海', { exact: true }).last().click();
    // The guardian as the birth certificate prints the father: name and ID number.
    const father = resident('DT-0001', '赵大海');
    await input(page, 'parent-name').last().fill(father.name);
    await input(page, 'parent-id').last().fill(father.idNumber);
    await shot(page, '10-newborn-countdown');
    await page.getByText('登记并去缴费').click();
    await eventually(() => page.locator('body').innerText()).toContain('赵*宝');
    // The baby's own deadline where the family pays: cover from birth only if paid by then.
    expect(await page.locator('body').innerText()).toContain('请在2024年8月1日前（含当天）缴费，逾期出生以来的医疗费用不能报销');
    await shot(page, '11-newborn-in-household');
  });
});

describe('input and accessibility', () => {
  it('says at once when the ID number cannot be right, and does not look it up', async () => {
    app.setToday('2020-12-01');
    const page = await app.phone();
    await page.goto(app.base);
    await consent(page);
    const who = resident('TZ-0001', '张德明');
    const wrongCheck = who.idNumber.slice(0, 17) + (who.idNumber[17] === '1' ? '2' : '1');
    await input(page, 'name').fill(who.name);
    await input(page, 'id-number').fill(wrongCheck);
    await eventually(() => page.locator('.error').innerText()).toContain('校验位不正确');
    await input(page, 'id-number').fill('370481199902301234');
    await eventually(() => page.locator('.error').innerText()).toContain('出生日期不存在');
    await shot(page, '12-bad-id');
    expect(await page.locator('.btn.disabled').getByText('查询').count()).toBe(1);
  });

  it('elderly mode: switched on at home, text at least 18px and tap targets at least 60×60px, remembered on reload', async () => {
    app.setToday('2020-12-01');
    const page = await app.phone();
    await page.goto(app.base);
    await consent(page);
    await page.getByText('大字模式').click();
    await page.locator('.screen.elderly').waitFor();
    const home = await elderlyCheck(page);
    expect(home.smallest).toBeGreaterThanOrEqual(18);
    expect(home.tiny).toBe(0);
    await shot(page, '13-elderly-home');

    const who = resident('TZ-0001', '张伟');
    await input(page, 'name').fill(who.name);
    await input(page, 'id-number').fill(who.idNumber);
    await page.getByText('查询', { exact: true }).click();
    await page.locator('.member').first().waitFor();
    const household = await elderlyCheck(page);
    expect(household.smallest).toBeGreaterThanOrEqual(18);
    expect(household.tiny).toBe(0);
    expect(household.targets).toBeGreaterThan(3);
    await shot(page, '14-elderly-household');
    // The choice holds on the next visit.
    await page.reload();
    await page.locator('.screen.elderly').waitFor();
  });

  it('elderly mode holds on every page of the journeys: pay, result, certificate, voucher, newborn, records, refund', async () => {
    app.setToday('2020-12-01');
    const page = await app.phone();
    await page.goto(app.base);
    await consent(page);
    await page.getByText('大字模式').click();
    await lookUp(page, app.base, resident('HN-0001', '马有福'));
    await expectElderly(page);
    await page.getByText('去缴费', { exact: true }).click();
    await page.getByText('确认支付').click();
    await page.getByText('缴费成功').waitFor();
    await expectElderly(page);
    await shot(page, '15-elderly-paid');
    await page.getByText('查看缴费证明').click();
    await page.locator('#certificate').waitFor();
    await expectElderly(page);
    await shot(page, '15b-elderly-certificate');
    await page.goBack();
    await page.getByText('激活医保电子凭证').click();
    await page.getByText('去官方页面激活').first().waitFor();
    await expectElderly(page);
    await shot(page, '15c-elderly-voucher');
    await page.goto(`${app.base}/#/packages/newborn/index?householdId=HN-0001`);
    await input(page, 'birth-date').fill('2020-11-20');
    await page.locator('#window:visible, .warn:visible').first().waitFor();
    await expectElderly(page);
    await shot(page, '16-elderly-newborn');
    await page.goto(`${app.base}/#/packages/records/index`);
    await page.getByText('能否退费？').first().click();
    await page.getByText('参加职工医保').click();
    await page.locator('#refund-answer').waitFor();
    await expectElderly(page);
    await shot(page, '17-elderly-refund');
  });
});

describe('a county publishes its next year', () => {
  it('an operator drafts demo-2028 with a new contribution, another approves and publishes it, and a resident is quoted it', async () => {
    app.setToday('2027-09-05');
    const drafter = await app.phone();
    await asDemoOperator(drafter, app.base);
    await drafter.getByText('参保年度政策：起草、审批、发布').click();
    await drafter.getByText('起草示范县（虚构）2028年度').click();
    await drafter.locator('#policy-draft').waitFor();
    const c = (s: string) => `demo-2028 §${s}`;
    const values: Array<[string, string]> = [
      ['f-notice-title', '示范县2028年度城乡居民基本医疗保险参保缴费规定（虚构示范）'],
      ['f-standard-value', '420.00'], ['f-standard-cite', c('个人缴费')],
      ['f-fiscalPerCapita-value', '740.00'], ['f-fiscalPerCapita-cite', c('个人缴费')],
      ['f-collection-opens-value', '2027-09-01'], ['f-collection-opens-cite', c('集中参保期')],
      ['f-collection-closes-value', '2028-02-29'], ['f-collection-closes-cite', c('集中参保期')],
      ['f-coverage-start-value', '2028-01-01'], ['f-coverage-start-cite', c('待遇期')],
      ['f-coverage-end-value', '2028-12-31'], ['f-coverage-end-cite', c('待遇期')],
      ...Array.from({ length: 6 }, (_, i): Array<[string, string]> => [[`f-subsidy-${i}-amount`, i === 3 ? '300.00' : '420.00'], [`f-subsidy-${i}-cite`, c('资助')]]).flat(),
    ];
    for (const [id, value] of values) await input(drafter, id).fill(value);
    // The rest starts from last year's values: the newborn window, the incentives, who waits no
    // waiting period; the counter's telephone changed this year.
    expect(await input(drafter, 'f-newborn-window-length').inputValue()).toBe('90');
    expect(await input(drafter, 'f-national-incentive-continuousStep').inputValue()).toBe('3000.00');
    await input(drafter, 'f-counter-phone').fill('0000-12399');
    await drafter.locator('#f-exempt').getByText('低保边缘家庭成员').click();
    await eventually(() => drafter.locator('#f-exempt').innerText()).toContain('✓ 低保边缘家庭成员');
    await drafter.getByText('保存草稿').click();
    // Saved as version 1 with last year's clauses still to confirm against the new notice.
    await eventually(() => drafter.locator('#draft-gaps').innerText()).toContain('条款仍引用其他年度：demo-2027 §新生儿');
    await drafter.getByText('已核对新通知：其余条款改为demo-2028的编号').click();
    await drafter.getByText('保存草稿').click();
    await eventually(() => drafter.locator('#draft-gaps').innerText()).toContain('demo-2028 第2版已保存为草稿');
    expect(await drafter.locator('#draft-gaps .warn').count()).toBe(0);
    await shot(drafter, '20-policy-draft');
    // What it changes for the county's residents, before anyone approves it.
    await drafter.locator('#version-demo-2028-2').getByText('预览变化（对照现行年度）').click();
    await eventually(() => drafter.locator('#policy-preview').innerText()).toContain('个人缴费标准400.00→420.00');
    // Every changed person as a file, as the CLI writes it.
    const [changes] = await Promise.all([drafter.waitForEvent('download'), drafter.locator('#policy-preview').getByText(/下载变化名单/).click()]);
    expect(readFileSync((await changes.path())!, 'utf8')).toMatch(/^\ufeff户,姓名,原结果,原应缴,新结果,新应缴,原因\nSF-0001,郑\*国,pay,400\.00,pay,420\.00,/);
    await drafter.locator('#policy-preview').scrollIntoViewIfNeeded();
    await shot(drafter, '20b-policy-preview');
    // The drafter cannot approve their own draft.
    await drafter.locator('#version-demo-2028-2').getByText('审批通过（须由起草人以外的经办人员）').click();
    await drafter.getByText('起草人不能审批自己的草稿').waitFor();

    // A second operator approves and publishes it.
    await app.system.storage.sql.query(`insert into operators values ('e2e-approver', '第二经办人', '{"demo": ["approver"]}') on conflict do nothing`);
    const approver = await app.phone();
    await approver.goto(app.base);
    await approver.evaluate(() => localStorage.setItem('yibao-openid', 'e2e-approver'));
    await approver.goto(`${app.base}/#/packages/operator/policy/index`);
    const v2 = approver.locator('#version-demo-2028-2');
    await v2.getByText('审批通过（须由起草人以外的经办人员）').click();
    // The first sale date is filled with today: published, it is on sale at once.
    await eventually(() => v2.innerText()).toContain('开始销售日期');
    await v2.getByText('发布', { exact: true }).click();
    await eventually(() => v2.innerText()).toContain('已发布（销售中）');
    const [stored] = (await app.system.storage.sql.query<{ data: any }>(`select data from policy_versions where policy_id = 'demo-2028' and version = 2`)).rows;
    expect(stored!.data.counter.phone).toBe('0000-12399');
    expect(stored!.data.national.waiting.exempt.identities).toContain('dibao_marginal');
    await shot(approver, '21-policy-published');

    // A resident is quoted the new year at once.
    const page = await app.phone();
    await lookUp(page, app.base, resident('SF-0001', '郑建国'));
    await eventually(() => page.locator('#member-SF-0001-1').innerText()).toContain('420.00');
    expect(await page.locator('#member-SF-0001-1').locator('xpath=ancestor::*[contains(@class, "screen")][1]').innerText()).toContain('示范县（虚构） 2028年度');
    await shot(page, '22-resident-new-year');
  });
});
