// claimStep: the Postgres guard that lets exactly one worker at a time execute a step.
import { isoText, JsonData, withFields } from '@sluice/shared';
import { and, eq, getTableColumns, lt, lte, or, sql } from 'drizzle-orm';
import { steps } from '../db/schema';
import type { Work } from './group-committer';
import { recordStepTransition } from './record-step';
import type { StepRow } from './step-records';

export interface ClaimRequest {
  stepId: string;
  runId: string;
  flowId: string;
  workerId: string;
  leaseMs: number;
  now: Date;
}

/**
 * Moves the step to `running` under this worker's lease with one conditional UPDATE: only a queued step, a
 * waiting step that is due, or a running step whose lease expired (its worker died) matches, so two workers
 * racing for the same step cannot both get it. Starts a new attempt (a resumed wait keeps its attempt) and
 * opens its record in the attempt history. Returns null when the step is not claimable.
 */
const { input: _input, ...withoutInput } = getTableColumns(steps);
const claimedColumns = withFields(withoutInput, { inputText: sql<string | null>`${steps.input}::text` });

export function claimStep(r: ClaimRequest): Work<StepRow | null> {
  return async (tx, fx) => {
    const iso = isoText(r.now);
    const nextAttempt = sql`(case when ${steps.status} = 'waiting' and ${steps.state}->>'kind' = 'resume' then ${steps.attempt} else ${steps.attempt} + 1 end)`;
    const [claimed] = await tx
      .update(steps)
      .set({
        status: 'running',
        attempt: nextAttempt,
        attempts: sql`${steps.attempts} || jsonb_build_array(jsonb_build_object('attempt', ${nextAttempt}, 'startedAt', ${iso}::text))`,
        lockedBy: r.workerId,
        lockedUntil: new Date(r.now.getTime() + r.leaseMs),
        startedAt: r.now,
        updatedAt: r.now,
      })
      .where(
        and(
          eq(steps.id, r.stepId),
          or(
            eq(steps.status, 'queued'),
            and(eq(steps.status, 'waiting'), lte(steps.dueAt, r.now)),
            and(eq(steps.status, 'running'), lt(steps.lockedUntil, r.now)),
          ),
        ),
      )
      .returning(claimedColumns);
    if (!claimed) return null;
    // The input as the JSON text PostgreSQL stores: a snippet step hands it to the sandbox as it is, other
    // executors parse it once (JsonData), instead of postgres-js parsing it here and the sandbox stringifying it.
    const { inputText, ...rest } = claimed;
    const step: StepRow = withFields(rest, {
      input: inputText === null ? null : JsonData.fromText(inputText),
    });
    recordStepTransition(fx, {
      runId: r.runId,
      flowId: r.flowId,
      stepId: r.stepId,
      nodeId: step.nodeId,
      status: 'running',
      attempt: step.attempt,
      at: r.now,
      actor: r.workerId,
    });
    fx.startedRuns.push({ runId: r.runId, flowId: r.flowId, at: r.now, actor: r.workerId });
    return step;
  };
}
