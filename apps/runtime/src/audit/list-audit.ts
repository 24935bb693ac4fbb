// Reads audit events in chain order, filtered by run, flow and time, with a `seq` cursor: the sealed blocks that
// name the run or flow (a GIN index for runs), expanded into their events. Seals what has committed first.
import { and, asc, eq, gt, gte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditBlocks, auditChain } from '../db/schema';
import { type AuditEventRow, eventsOf } from './audit-block';
import { sealAudit } from './seal-audit';

export interface AuditQuery {
  runId?: string;
  flowId?: string;
  since?: Date;
  /** Return events after this `seq`. */
  after?: number;
  limit: number;
}

/** Blocks read per query while the page is not full. */
const BLOCKS_PER_READ = 64;

export async function listAudit(db: Db, q: AuditQuery) {
  await sealAudit(db);
  const where: SQL[] = [];
  if (q.runId) where.push(sql`${auditBlocks.runIds} @> array[${q.runId}]::text[]`);
  if (q.flowId) where.push(sql`${auditBlocks.flowIds} @> array[${q.flowId}]::text[]`);
  if (q.since) where.push(gte(auditBlocks.lastAt, q.since));
  // From the block that holds the event after the cursor.
  if (q.after)
    where.push(
      sql`${auditChain.seq} >= coalesce((select max("seq") from "audit_chain" where "seq" <= ${q.after + 1}), 0)`,
    );
  const wanted = (e: AuditEventRow) =>
    (!q.runId || e.runId === q.runId) &&
    (!q.flowId || e.flowId === q.flowId) &&
    (!q.since || e.at >= q.since) &&
    (!q.after || e.seq > q.after);
  const found: AuditEventRow[] = [];
  let from = -1;
  while (found.length <= q.limit) {
    const blocks = await readSealed(db, and(...where, gt(auditChain.seq, from)), BLOCKS_PER_READ);
    for (const block of blocks) for (const e of eventsOf(block)) if (wanted(e)) found.push(e);
    if (blocks.length < BLOCKS_PER_READ) break;
    from = blocks.at(-1)?.seq ?? from;
  }
  const page = found.slice(0, q.limit);
  return { events: page, nextCursor: found.length > q.limit ? String(page.at(-1)?.seq) : null };
}

/** Sealed blocks in chain order. */
export function readSealed(db: Db, where: SQL | undefined, limit: number) {
  return db
    .select({
      seq: auditChain.seq,
      count: auditChain.count,
      prevHash: auditChain.prevHash,
      hash: auditChain.hash,
      events: auditBlocks.events,
    })
    .from(auditChain)
    .innerJoin(auditBlocks, eq(auditBlocks.id, auditChain.block))
    .where(where)
    .orderBy(asc(auditChain.seq))
    .limit(limit);
}
