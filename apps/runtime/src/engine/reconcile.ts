// reconcileJobs: rebuilds the BullMQ jobs of every step that owes work, from Postgres (the source of truth).
import { and, asc, eq, gt, inArray, isNotNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { runs, steps } from '../db/schema';
import { stepJobId } from '../queue/job-ids';
import type { StepQueue } from '../queue/step-queue';
import type { StepStatus } from './rules/step-status';

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
