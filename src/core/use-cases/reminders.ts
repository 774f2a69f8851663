/**
 * Reminders by WeChat subscription message: the resident consents in the app (one message per
 * consent) and asks for one — the deadline of the household's payment, or a refund's outcome —
 * and reconcile sends those whose day has come (sendDueReminders). What a reminder says is read
 * again when it goes: a household that has paid meanwhile gets nothing.
 */
import { addDays, chineseDate, shanghaiDateOf, type CivilDate } from '../civil-date';
import { maskName } from '../id-number';
import { formatYuan } from '../money';
import type { ReminderKind, ReminderMessage, ReminderRecord } from '../ports';
import { REFUND_STATE_WORDS } from '../refund-states';
import { nextDeadline, reminderDay, type Deadline } from '../rules/reminder';
import type { Deps } from './deps';
import { loadAndQuote, quoteStored, type LoadedHousehold } from './household';
import { fail, ok, type Caller, type Result } from './result';

/**
 * A refund's reminder waits for the decision: woken the day it is decided, and looked at again each
 * day meanwhile (so one asked for just as the refund was decided is not left waiting).
 */
const recheckOn = (today: CivilDate) => addDays(today, 1);
/** A reminder that could not go for this long after its day is given up (said in its note). */
const GIVE_UP_DAYS = 7;

export type ReminderAsk = { kind: 'deadline'; householdId: string } | { kind: 'refund'; refundNo: string };

const reminderId = (openid: string, kind: ReminderKind, subject: string) => `${openid}_${kind}_${subject}`;

/** The deadline a household's reminder is about: its members still to pay, this year and a newborn's birth year. */
export function householdDeadline(loaded: LoadedHousehold): Deadline | null {
  return nextDeadline([...loaded.quote.members, ...(loaded.birthYear?.members ?? [])], loaded.today);
}

/** Records the reminder the resident consented to; answers the day it goes (a refund's: once decided). */
export async function subscribeReminder(deps: Deps, caller: Caller, ask: ReminderAsk): Promise<Result<{ kind: ReminderKind; sendOn: CivilDate | null; payBy: CivilDate | null }>> {
  if (!deps.messenger.templateId(ask.kind)) return fail('NO_REMINDERS', '本地暂未开通微信消息提醒');
  const today = shanghaiDateOf(deps.clock.now());
  const base = { openid: caller.openid, kind: ask.kind, status: 'pending' as const, createdAt: deps.clock.now(), settledAt: null, note: null };
  if (ask.kind === 'deadline') {
    const loaded = await loadAndQuote(deps, deps.storage, caller, ask.householdId);
    if (!loaded.ok) return loaded;
    const deadline = householdDeadline(loaded.data);
    if (!deadline) return fail('NO_DEADLINE', '本户没有需要提醒的缴费截止日期');
    const sendOn = reminderDay(deadline.payBy, today);
    if (!sendOn) return fail('DEADLINE_TODAY', '今天就是缴费截止日，请今天缴费');
    await deps.storage.putReminder({ ...base, id: reminderId(caller.openid, 'deadline', ask.householdId), subject: ask.householdId, sendOn });
    return ok({ kind: ask.kind, sendOn, payBy: deadline.payBy });
  }
  const refund = await deps.storage.refund(ask.refundNo);
  const order = refund ? await deps.storage.order(refund.orderNo) : null;
  if (!refund || order?.openid !== caller.openid) return fail('REFUND_NOT_FOUND', '没有这笔退款');
  const decided = refund.status === 'succeeded' || refund.status === 'rejected';
  await deps.storage.putReminder({ ...base, id: reminderId(caller.openid, 'refund', refund.refundNo), subject: refund.refundNo, sendOn: decided ? today : recheckOn(today) });
  return ok({ kind: ask.kind, sendOn: decided ? today : null, payBy: null });
}

/** A refund was decided (paid back, or rejected): its reminder, if one was asked for, goes on the next run. */
export async function wakeRefundReminder(deps: Deps, openid: string, refundNo: string): Promise<void> {
  await deps.storage.wakeReminder(reminderId(openid, 'refund', refundNo), shanghaiDateOf(deps.clock.now()));
}

/** What a due reminder says now; why it says nothing (skip); or that its refund is still undecided (wait). */
async function messageOf(deps: Deps, r: ReminderRecord): Promise<{ message: ReminderMessage } | { skip: string } | { wait: true }> {
  if (r.kind === 'deadline') {
    const [household, members] = await Promise.all([deps.storage.household(r.subject), deps.storage.householdMembers(r.subject)]);
    if (!household) return { skip: '户已不在花名册' };
    const loaded = await quoteStored(deps, deps.storage, household, members);
    if (!loaded.ok) return { skip: loaded.error.message };
    const deadline = householdDeadline(loaded.data);
    if (!deadline) return { skip: '已无待缴成员或已过截止日' };
    const names = members.filter((m) => deadline.memberIds.includes(m.personId)).map((m) => maskName(m.name));
    return {
      message: {
        openid: r.openid,
        kind: 'deadline',
        page: `packages/pay/household/index?householdId=${encodeURIComponent(r.subject)}`,
        values: {
          item: deadline.newborn ? `${names.join('、')}新生儿参保缴费` : `${loaded.data.policy.coverageYear}年度居民医保缴费（${names.length}人）`,
          payBy: chineseDate(deadline.payBy),
          note: deadline.newborn ? '逾期缴费，出生以来的医疗费用不能报销' : '请在截止日前缴费，逾期按当地规定办理',
        },
      },
    };
  }
  const refund = await deps.storage.refund(r.subject);
  if (!refund) return { skip: '没有这笔退款' };
  if (refund.status !== 'succeeded' && refund.status !== 'rejected') return { wait: true };
  const [person] = await deps.storage.personsById([refund.personId]);
  return {
    message: {
      openid: r.openid,
      kind: 'refund',
      page: 'packages/records/index',
      values: {
        item: `${person ? maskName(person.name) : ''}居民医保退费`,
        amount: `${formatYuan(refund.amount)}元`,
        // A template's status is often a phrase field (5 characters at most).
        status: refund.status === 'succeeded' ? '退费成功' : '不予退费',
        note: refund.status === 'rejected' ? (refund.failure ?? REFUND_STATE_WORDS.rejected) : '已原路退回支付账户',
      },
    },
  };
}

export interface ReminderReport {
  sent: number;
  skipped: number;
  refused: number;
  failed: Array<{ id: string; message: string }>;
}

/**
 * Reconcile's part: sends each reminder whose day has come, each on its own (a failure is tried
 * next run), until `outOfTime` says the run must end: the rest stay due for the next run.
 */
export async function sendDueReminders(deps: Deps, outOfTime: () => boolean = () => false, limit = 200): Promise<ReminderReport> {
  const today = shanghaiDateOf(deps.clock.now());
  const report: ReminderReport = { sent: 0, skipped: 0, refused: 0, failed: [] };
  for (const r of await deps.storage.remindersDue(today, limit)) {
    if (outOfTime()) break;
    const settle = (status: ReminderRecord['status'], note: string | null) => deps.storage.settleReminder(r.id, { status, settledAt: deps.clock.now(), note });
    try {
      const what = await messageOf(deps, r);
      if ('wait' in what) {
        await deps.storage.wakeReminder(r.id, recheckOn(today));
      } else if ('skip' in what) {
        await settle('skipped', what.skip);
        report.skipped++;
      } else {
        const sent = await deps.messenger.send(what.message);
        await settle(sent.status, sent.status === 'refused' ? sent.reason : null);
        report[sent.status]++;
      }
    } catch (error) {
      if (today > addDays(r.sendOn, GIVE_UP_DAYS)) await settle('skipped', `发送失败超过${GIVE_UP_DAYS}天：${(error as Error).message}`);
      report.failed.push({ id: r.id, message: (error as Error).message });
    }
  }
  return report;
}
