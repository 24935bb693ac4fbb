// Reads audit events in chain order, filtered by run and time, with a `seq` cursor.
import { and, asc, eq, gt, gte, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvents } from '../db/schema';

export interface AuditQuery {
  runId?: string;
  flowId?: string;
  since?: Date;
  /** Return events after this `seq`. */
  after?: number;
  limit: number;
}

export async function listAudit(db: Db, q: AuditQuery) {
  const where: SQL[] = [];
  if (q.runId) where.push(eq(auditEvents.runId, q.runId));
  if (q.flowId) where.push(eq(auditEvents.flowId, q.flowId));
  if (q.since) where.push(gte(auditEvents.at, q.since));
  if (q.after) where.push(gt(auditEvents.seq, q.after));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(asc(auditEvents.seq))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return { events: page, nextCursor: rows.length > q.limit ? String(page.at(-1)?.seq) : null };
}
