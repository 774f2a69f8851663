/**
 * Local mode's stand-in for WeChat's subscription messages: what would be sent goes to an outbox
 * (POST /sandbox/outbox shows it), with sandbox template ids the app asks consent for.
 */
import type { Messenger, ReminderKind, ReminderMessage } from '../core/ports';

export class SandboxMessenger implements Messenger {
  readonly outbox: Array<ReminderMessage & { at: number }> = [];

  constructor(private readonly now: () => number) {}

  templateId(kind: ReminderKind): string {
    return `sandbox-${kind}`;
  }

  async send(message: ReminderMessage): Promise<{ status: 'sent' }> {
    this.outbox.push({ ...message, at: this.now() });
    return { status: 'sent' };
  }
}
