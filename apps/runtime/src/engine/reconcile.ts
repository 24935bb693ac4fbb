// reconcileJobs: rebuilds the BullMQ jobs of every step that owes work, from Postgres (the source of truth).
import { and, asc, eq, gt, inArray, isNotNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { runs, steps } from '../db/schema';
import { stepJobId } from '../queue/job-ids';
import type { StepQueue } from '../queue/step-queue';
import type { StepStatus } from './rules/step-status';
import { handoffStepRow, type RunHandoff } from './run-handoffs';

/**
 * Writes the hand-offs of every run row whose lease expired (their process died or stalled) as `running` step rows
 * under that expired lease, and takes them out of the run row: `reconcileJobs` then enqueues them like any step
 * whose lease expired, and the claim takes each over as a new attempt. A run whose row is locked right now (its
 * completion committing) is left for the next pass. Returns how many hand-offs it wrote.
 */
export async function releaseExpiredHandoffs(
  db: Db,
  now: Date,
  opts: { flowIds?: string[] } = {},
): Promise<number> {
  return db.transaction(async (tx) => {
    const expired = await tx
      .select({
        id: runs.id,
        payload: runs.payload,
        handoffs: runs.handoffs,
        lockedBy: runs.lockedBy,
        lockedUntil: runs.lockedUntil,
      })
      .from(runs)
      .where(
        and(
          isNotNull(runs.handoffs),
          lt(runs.lockedUntil, now),
          opts.flowIds ? inArray(runs.flowId, opts.flowIds) : undefined,
        ),
      )
      .limit(1000)
      .for('update', { skipLocked: true });
    if (expired.length === 0) return 0;
    const rows = expired.flatMap((run) =>
      ((run.handoffs as RunHandoff[] | null) ?? []).map((h) => handoffStepRow(run, h)),
    );
    if (rows.length > 0) await tx.insert(steps).values(rows);
    await tx
      .update(runs)
      .set({ handoffs: null })
      .where(
        inArray(
          runs.id,
          expired.map((r) => r.id),
        ),
      );
    return rows.length;
  });
}

/**
 * Enqueues a job for each queued step, each waiting step with a due time (delayed until then) and each running
 * step whose lease expired. Job ids are deterministic, so jobs that still exist are left alone: running it on
 * start, periodically and after `FLUSHALL` is safe. `flowIds` limits it to some flows. Returns how many steps it
 * looked at.
 */
export async function reconcileJobs(
  db: Db,
  queue: StepQueue,
  now: Date,
  opts: { flowIds?: string[]; page?: number } = {},
): Promise<number> {
  const page = opts.page ?? 1000;
  let after = '';
  let total = 0;
  for (;;) {
    const rows = await db
      .select({
        id: steps.id,
        runId: steps.runId,
        status: steps.status,
        attempt: steps.attempt,
        dueAt: steps.dueAt,
        flowId: runs.flowId,
        version: runs.flowVersion,
      })
      .from(steps)
      .innerJoin(runs, eq(runs.id, steps.runId))
      .where(
        and(
          gt(steps.id, after),
          opts.flowIds ? inArray(runs.flowId, opts.flowIds) : undefined,
          or(
            eq(steps.status, 'queued'),
            and(eq(steps.status, 'waiting'), isNotNull(steps.dueAt)),
            and(eq(steps.status, 'running'), lt(steps.lockedUntil, now)),
          ),
        ),
      )
      .orderBy(asc(steps.id))
      .limit(page);
    await queue.enqueue(
      rows.map((r) => ({
        jobId: stepJobId(r.id, r.status as StepStatus, r.attempt, r.dueAt),
        stepId: r.id,
        runId: r.runId,
        flowId: r.flowId,
        version: r.version,
        dueAt: r.status === 'waiting' ? r.dueAt : null,
      })),
      now.getTime(),
    );
    total += rows.length;
    if (rows.length < page) return total;
    after = rows.at(-1)?.id ?? after;
  }
}
