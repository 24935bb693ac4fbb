// cancelRun: stops a run: every step still owing work is cancelled with it, in one transaction.
import { withFields } from '@sluice/shared';
import { and, eq, inArray } from 'drizzle-orm';
import { runs, steps } from '../db/schema';
import type { Work } from './group-committer';
import { recordStepTransition } from './record-step';
import { isRunTerminal, type RunStatus } from './rules/run-status';
import { ACTIVE_STEP_STATUSES } from './rules/step-status';
import { handoffStepRow, type RunHandoff } from './run-handoffs';
import { recordRunTransition } from './settle-run';

export type CancelResult = { ok: true } | { ok: false; code: 'not_found' | 'run_ended'; status?: RunStatus };

/**
 * Guarantee: after commit no step of the run starts (claims need queued/waiting/expired-running steps) and a step
 * still executing cannot record its outcome (its completion requires `status = 'running'`). Locks the run's steps
 * before the run row: the order completions and claims lock them in (a step, then its run), so a cancel racing a
 * completion of the same run waits for it instead of deadlocking with it.
 */
export function cancelRun(runId: string, actor: string, now: Date): Work<CancelResult> {
  return async (tx, fx) => {
    const cancelled = await tx
      .update(steps)
      .set({ status: 'cancelled', endedAt: now, updatedAt: now, lockedBy: null, lockedUntil: null })
      .where(and(eq(steps.runId, runId), inArray(steps.status, [...ACTIVE_STEP_STATUSES])))
      .returning({ id: steps.id, nodeId: steps.nodeId, attempt: steps.attempt });
    const [run] = await tx
      .select({
        status: runs.status,
        flowId: runs.flowId,
        payload: runs.payload,
        handoffs: runs.handoffs,
        lockedBy: runs.lockedBy,
        lockedUntil: runs.lockedUntil,
      })
      .from(runs)
      .where(eq(runs.id, runId))
      .for('update');
    if (!run) return { ok: false, code: 'not_found' };
    // Hand-offs held in the run row (run-handoffs.ts) become cancelled step rows; their completion finds them gone.
    const handoffs = (run.handoffs as RunHandoff[] | null) ?? [];
    if (handoffs.length > 0) {
      const rows = handoffs.map((h) =>
        withFields(handoffStepRow({ id: runId, ...run }, h), {
          status: 'cancelled',
          endedAt: now,
          updatedAt: now,
          lockedBy: null,
          lockedUntil: null,
        }),
      );
      await tx.insert(steps).values(rows);
      await tx.update(runs).set({ handoffs: null }).where(eq(runs.id, runId));
      cancelled.push(...rows.map((r) => ({ id: r.id, nodeId: r.nodeId, attempt: r.attempt })));
    }
    for (const s of cancelled) {
      recordStepTransition(fx, {
        runId,
        flowId: run.flowId,
        stepId: s.id,
        nodeId: s.nodeId,
        status: 'cancelled',
        attempt: s.attempt,
        at: now,
        actor,
      });
    }
    const from = run.status as RunStatus;
    // An ended run keeps its status (a step it still had is cancelled above, with its audit row).
    if (isRunTerminal(from)) return { ok: false, code: 'run_ended', status: from };
    await tx
      .update(runs)
      .set({ status: 'cancelled', endedAt: now, updatedAt: now })
      .where(eq(runs.id, runId));
    recordRunTransition(fx, { runId, flowId: run.flowId, from, to: 'cancelled', at: now, actor });
    return { ok: true };
  };
}
