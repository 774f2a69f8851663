/**
 * The rows requests append outside transactions — audit lines, access grants of lookups, new
 * orders with their items — group-committed (see Batcher): one statement per table in one
 * transaction for everything queued in a turn of the event loop, each caller answered once its
 * rows are committed. An order and its audit line queued together are committed together.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { AuditEntry, OrderRecord } from '../core/ports';
import { Batcher } from './batcher';

export interface Grant {
  openid: string;
  householdId: string;
  memberId: string;
  at: number;
}

export type Append = { audit: AuditEntry } | { grant: Grant } | { order: OrderRecord };

async function write(pg: PGlite, appends: Append[]): Promise<void> {
  const audits: AuditEntry[] = [];
  // One row per key in a statement: ON CONFLICT cannot touch the same row twice.
  const grants = new Map<string, Grant>();
  const orders: OrderRecord[] = [];
  for (const a of appends) {
    if ('audit' in a) audits.push(a.audit);
    else if ('grant' in a) grants.set(`${a.grant.openid}\u0000${a.grant.householdId}\u0000${a.grant.memberId}`, a.grant);
    else orders.push(a.order);
  }
  const g = [...grants.values()];
  const items = orders.flatMap((o) => o.items.map((i) => ({ orderNo: o.orderNo, ...i })));
  await pg.transaction(async (tx) => {
    if (audits.length > 0) {
      await tx.query(
        'insert into audit_log (at, openid, action, subject, outcome) select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])',
        [audits.map((a) => a.at), audits.map((a) => a.openid), audits.map((a) => a.action), audits.map((a) => a.subject), audits.map((a) => a.outcome)],
      );
    }
    if (g.length > 0) {
      await tx.query(
        `insert into access_grants select * from unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
         on conflict (openid, household_id, member_id) do update set granted_at = excluded.granted_at`,
        [g.map((x) => x.openid), g.map((x) => x.householdId), g.map((x) => x.memberId), g.map((x) => x.at)],
      );
    }
    if (orders.length > 0) {
      await tx.query(
        'insert into orders select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::bigint[], $8::bigint[], $9::text[], $10::text[], $11::int[])',
        [
          orders.map((o) => o.orderNo), orders.map((o) => o.openid), orders.map((o) => o.householdId), orders.map((o) => o.policyId), orders.map((o) => o.total),
          orders.map((o) => o.status), orders.map((o) => o.createdAt), orders.map((o) => o.paidAt), orders.map((o) => o.transactionId), orders.map((o) => o.unit ?? null),
          orders.map((o) => o.policyVersion ?? null),
        ],
      );
      await tx.query('insert into order_items select * from unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[])', [
        items.map((i) => i.orderNo), items.map((i) => i.personId), items.map((i) => i.due), items.map((i) => i.coverageStart), items.map((i) => i.coverageEnd), items.map((i) => i.status),
        items.map((i) => (i.repairYears ?? []).join(',')),
      ]);
    }
  });
}

export function appendBatch(pg: PGlite): Batcher<Append, void> {
  return new Batcher(async (appends) => {
    await write(pg, appends);
    return appends.map(() => undefined);
  });
}
