/**
 * Local mode's stand-in for WeChat's subscription messages: what would be sent goes to an outbox
 * (POST /sandbox/outbox shows it), with sandbox template ids the app asks consent for. A test may
 * make it refuse the next one, as WeChat does when no consent is left (errcode 43101).
 */
import type { Messenger, ReminderKind, ReminderMessage } from '../core/ports';

export class SandboxMessenger implements Messenger {
  readonly outbox: Array<ReminderMessage & { at: number }> = [];
  /** WeChat's errcodes for the next messages, in order: each is refused instead of sent. */
  readonly refusals: number[] = [];

  constructor(private readonly now: () => number) {}

  templateId(kind: ReminderKind): string {
    return `sandbox-${kind}`;
  }

  async send(message: ReminderMessage): Promise<{ status: 'sent' } | { status: 'refused'; reason: string }> {
    const refused = this.refusals.shift();
    if (refused !== undefined) return { status: 'refused', reason: `微信未发送：${refused}` };
    this.outbox.push({ ...message, at: this.now() });
    return { status: 'sent' };
  }
}
