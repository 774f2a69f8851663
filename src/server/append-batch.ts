/**
 * Group commit for the rows every lookup appends (audit lines, access grants): rows queued in the
 * same turn of the event loop are written by one statement per table in one transaction, and
 * each caller's promise settles only when its rows are committed. Under load this turns
 * thousands of single-row transactions a second into a few multi-row ones.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { AuditEntry } from '../core/ports';

interface Grant {
  openid: string;
  householdId: string;
  memberId: string;
  at: number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class AppendBatch {
  private audits: AuditEntry[] = [];
  private grants = new Map<string, Grant>();
  private waiters: Waiter[] = [];
  private scheduled = false;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly pg: PGlite,
    private readonly committed: (grants: Grant[]) => void,
  ) {}

  audit(entry: AuditEntry): Promise<void> {
    this.audits.push(entry);
    return this.wait();
  }

  grant(g: Grant): Promise<void> {
    // One row per key in a statement: ON CONFLICT cannot touch the same row twice.
    this.grants.set(`${g.openid}\u0000${g.householdId}\u0000${g.memberId}`, g);
    return this.wait();
  }

  private wait(): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => (this.flushing = this.flush()));
    }
    return done;
  }

  /** Resolves when every queued row has been written (before closing the database). */
  async idle(): Promise<void> {
    while (this.scheduled) await new Promise((r) => setImmediate(r));
    await this.flushing;
  }

  private async flush(): Promise<void> {
    const audits = this.audits;
    const grants = [...this.grants.values()];
    const waiters = this.waiters;
    this.audits = [];
    this.grants = new Map();
    this.waiters = [];
    this.scheduled = false;
    try {
      await this.pg.transaction(async (tx) => {
        if (audits.length > 0) {
          await tx.query(
            'insert into audit_log (at, openid, action, subject, outcome) select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])',
            [audits.map((a) => a.at), audits.map((a) => a.openid), audits.map((a) => a.action), audits.map((a) => a.subject), audits.map((a) => a.outcome)],
          );
        }
        if (grants.length > 0) {
          await tx.query(
            `insert into access_grants select * from unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
             on conflict (openid, household_id, member_id) do update set granted_at = excluded.granted_at`,
            [grants.map((g) => g.openid), grants.map((g) => g.householdId), grants.map((g) => g.memberId), grants.map((g) => g.at)],
          );
        }
      });
      this.committed(grants);
      for (const w of waiters) w.resolve();
    } catch (error) {
      for (const w of waiters) w.reject(error);
    }
  }
}
