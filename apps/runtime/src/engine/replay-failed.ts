// replayFailed: re-queues the failed steps of a failed run in the same run, reusing every upstream output.
import { and, eq, sql } from 'drizzle-orm';
import { runs, steps } from '../db/schema';
import type { Work } from './group-committer';
import { recordStepTransition } from './record-step';
import type { FlowGraph } from './rules/flow-graph';
import type { RunStatus } from './rules/run-status';
import { decideReplay, type ReplayDecision } from './rules/transitions';
import { recordRunTransition } from './settle-run';
import { jobFor } from './step-rows';

export interface ReplayFailedInput {
  runId: string;
  /** The version to continue with (the original or the current published one) and its graph. */
  version: number;
  graph: FlowGraph;
  actor: string;
}

export type ReplayFailedResult =
  | { ok: true; steps: number }
  | {
      ok: false;
      code: 'not_found' | 'node_missing' | Exclude<ReplayDecision, { ok: true }>['code'];
      message: string;
    };

/**
 * Under the run's row lock: checks the run is failed, sets each unhandled failed step back to queued (keeping its
 * attempt history) and the run back to queued on `version`. Steps that succeeded keep their outputs; nothing
 * upstream runs again. Guarantee: a run replays at most once at a time (the second request sees it queued: 409).
 */
export function replayFailed(r: ReplayFailedInput, now: Date): Work<ReplayFailedResult> {
  return async (tx, fx) => {
    const [run] = await tx
      .update(runs)
      .set({ updatedAt: now })
      .where(eq(runs.id, r.runId))
      .returning({ status: runs.status, flowId: runs.flowId });
    if (!run) return { ok: false, code: 'not_found', message: `run ${r.runId} not found` };
    const decision = decideReplay(run.status as RunStatus, 'failed');
    if (!decision.ok) return decision;
    const unhandled = and(
      eq(steps.runId, r.runId),
      eq(steps.status, 'failed'),
      sql`(${steps.ports} is null or not (${steps.ports} @> '["error"]'::jsonb))`,
    );
    const failed = await tx.select({ id: steps.id, nodeId: steps.nodeId }).from(steps).where(unhandled);
    const missing = failed.find((s) => !r.graph.node(s.nodeId));
    if (missing)
      return {
        ok: false,
        code: 'node_missing',
        message: `node "${missing.nodeId}" is not in version ${r.version}`,
      };
    const requeued = await tx
      .update(steps)
      .set({
        status: 'queued',
        error: null,
        state: null,
        dueAt: null,
        endedAt: null,
        lockedBy: null,
        lockedUntil: null,
        updatedAt: now,
      })
      .where(unhandled)
      .returning({ id: steps.id, nodeId: steps.nodeId, attempt: steps.attempt });
    await tx
      .update(runs)
      .set({ status: 'queued', flowVersion: r.version, error: null, endedAt: null })
      .where(eq(runs.id, r.runId));
    const ref = { runId: r.runId, flowId: run.flowId, version: r.version };
    recordRunTransition(fx, {
      runId: r.runId,
      flowId: run.flowId,
      from: 'failed',
      to: 'queued',
      at: now,
      actor: r.actor,
      data: { replay: 'failed', version: r.version },
    });
    for (const s of requeued) {
      recordStepTransition(fx, {
        runId: ref.runId,
        flowId: ref.flowId,
        stepId: s.id,
        nodeId: s.nodeId,
        status: 'queued',
        attempt: s.attempt,
        at: now,
        actor: r.actor,
      });
      const job = jobFor(ref, s.id, 'queued', s.attempt, null);
      if (job) fx.jobs.push(job);
    }
    return { ok: true, steps: requeued.length };
  };
}
