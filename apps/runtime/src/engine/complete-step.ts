// completeStep: records an attempt's outcome and everything it leads to, in one transaction.
import { isoText, type StepErrorInfo, withFields } from '@sluice/shared';
import { and, eq } from 'drizzle-orm';
import { steps } from '../db/schema';
import type { Execution } from './execute-node';
import type { Work } from './group-committer';
import { type InlineStep, retiredRecord } from './inline-steps';
import type { ChainPlan } from './plan-chain';
import { recordStepTransition } from './record-step';
import type { StepStatus } from './rules/step-status';
import { type LockedRun, setWriter } from './set-writes';
import { settleRun } from './settle-run';
import {
  type AttemptRecord,
  closeLostAttempts,
  isActiveRow,
  type LogRecord,
  type NewStep,
} from './step-records';
import { jobFor, outcomeColumns, type RunRef } from './step-rows';

export interface Completion {
  ref: RunRef;
  step: {
    id: string;
    nodeId: string;
    attempt: number;
    attempts: AttemptRecord[];
    logs: LogRecord[];
    input: unknown;
    state?: unknown;
    /** Held in the run row (run-handoffs.ts), not a step row. */
    inRun?: boolean;
  };
  exec: Execution;
  plan: ChainPlan;
  workerId: string;
}

/**
 * Stores the outcome only if this worker still holds the step (`status = 'running' and locked_by = me`): a worker
 * whose lease expired, or a step cancelled meanwhile, commits nothing. On PostgreSQL a success at the first attempt
 * deletes the row under the same guard and keeps the step in the run row instead (inline-steps.ts); a hand-off
 * held in the run row (run-handoffs.ts) commits only if it is still there under this worker's lease, and leaves
 * it, for `inline_steps` or a step row with its outcome. With it, in the same transaction: the rows of the pure
 * steps executed inline and of the successors, their jobs, and the run's new status.
 * Returns the hand-off rows to execute now, or null when the step was lost.
 */
export function completeStep(c: Completion): Work<NewStep[] | null> {
  return async (tx, fx) => {
    const at = c.exec.endedAt;
    const attempts = closeLostAttempts(c.step.attempts, isoText(at));
    const cols = outcomeColumns(c.exec.outcome, c.exec, attempts, [...c.step.logs, ...c.exec.logs]);
    const writer = setWriter(tx);
    // A row the plan leaves queued, running or waiting (a pure step's retry) keeps the run going; those rows are
    // inserted after the step count, which therefore cannot see them.
    const retired = writer ? retiredRecordOf(c, attempts) : undefined;
    // A hand-off of the run row that does not retire becomes a step row with its outcome, inserted after the count.
    const inRun = writer && c.step.inRun ? c.step.id : undefined;
    const materialised = inRun && !retired ? outcomeRow(c, cols) : undefined;
    const knownRunning =
      c.plan.rows.some(isActiveRow) || (materialised !== undefined && isActiveRow(materialised));
    // PostgreSQL: the run's lock (+ step count) goes out in the same flight as the outcome, right behind it (the
    // server runs them in order, so the count sees this outcome); if the step was lost the lock is merely unused.
    const stored = inRun
      ? undefined
      : writer?.recordOutcome({ stepId: c.step.id, workerId: c.workerId, cols, retire: !!retired });
    const locked = writer?.lockRun({ runId: c.ref.runId, count: !knownRunning });
    locked?.catch(() => {});
    const done = inRun
      ? holdsHandoff(await locked, inRun, c.workerId)
      : stored
        ? await stored
        : (
            await tx
              .update(steps)
              .set(withFields(cols, { lockedBy: null, lockedUntil: null }))
              .where(
                and(eq(steps.id, c.step.id), eq(steps.status, 'running'), eq(steps.lockedBy, c.workerId)),
              )
              .returning({ id: steps.id })
          ).length > 0;
    if (!done) return null;
    if (materialised) fx.steps.push(materialised);
    const actor = c.workerId;
    const status = cols.status as StepStatus;
    recordStepTransition(fx, {
      runId: c.ref.runId,
      flowId: c.ref.flowId,
      stepId: c.step.id,
      nodeId: c.step.nodeId,
      status,
      attempt: c.step.attempt,
      at,
      actor,
      dueAt: cols.dueAt,
      data: stepAuditData(c.exec),
    });
    const own = jobFor(c.ref, c.step.id, status, c.step.attempt, cols.dueAt ?? null);
    if (own) fx.jobs.push(own);

    fx.steps.push(...c.plan.rows);
    for (const row of c.plan.rows) {
      recordStepTransition(fx, {
        runId: c.ref.runId,
        flowId: c.ref.flowId,
        stepId: row.id as string,
        nodeId: row.nodeId,
        status: row.status as StepStatus,
        attempt: row.attempt ?? 0,
        at: (row.updatedAt as Date) ?? at,
        actor,
        dueAt: row.dueAt,
      });
    }
    fx.jobs.push(...c.plan.jobs);

    const o = c.exec.outcome;
    const inlineFailed = c.plan.rows.find((r) => r.status === 'failed' && !r.ports);
    const failure =
      o.kind === 'failed'
        ? { nodeId: c.step.nodeId, stepId: c.step.id, error: o.error }
        : inlineFailed
          ? {
              nodeId: inlineFailed.nodeId,
              stepId: inlineFailed.id as string,
              error: inlineFailed.error as StepErrorInfo,
            }
          : undefined;
    await settleRun(
      tx,
      fx,
      {
        runId: c.ref.runId,
        knownRunning,
        pendingUnhandledFailed: [...c.plan.rows, ...(materialised ? [materialised] : [])].filter(
          (r) => r.status === 'failed' && !r.ports,
        ).length,
        failure,
        now: at,
        actor,
        inline: retired,
        removeHandoff: inRun,
      },
      locked,
    );
    return c.plan.handoffs;
  };
}

/** The run row still holds hand-off `id` under `workerId`'s lease (its lock, taken by this transaction, says). */
const holdsHandoff = (run: LockedRun | null | undefined, id: string, workerId: string): boolean =>
  !!run && run.lockedBy === workerId && run.handoffs.includes(id);

/** The step row a hand-off of the run row becomes when it ends other than by retiring: its outcome as stored. */
function outcomeRow(c: Completion, cols: ReturnType<typeof outcomeColumns>): NewStep {
  const startedAt = new Date(
    (c.step.attempts[0] as AttemptRecord | undefined)?.startedAt ?? c.exec.startedAt,
  );
  return withFields(cols, {
    id: c.step.id,
    runId: c.ref.runId,
    nodeId: c.step.nodeId,
    attempt: c.step.attempt,
    input: c.step.input,
    startedAt,
    createdAt: startedAt,
  }) as NewStep;
}

/**
 * The run-row record of a step that succeeded at its first attempt (nothing of its history is lost by dropping the
 * row: one attempt, no wait state), or undefined: the row keeps the outcome.
 */
function retiredRecordOf(c: Completion, attempts: AttemptRecord[]): InlineStep | undefined {
  const o = c.exec.outcome;
  const first = attempts[0];
  if (
    o.kind !== 'succeeded' ||
    c.step.attempt !== 1 ||
    attempts.length !== 1 ||
    !first ||
    c.step.state != null
  )
    return undefined;
  return retiredRecord(c.step, first.startedAt, c.exec.endedAt, o, [...c.step.logs, ...c.exec.logs]);
}

function stepAuditData(exec: Execution): Record<string, unknown> {
  const o = exec.outcome;
  const durationMs = exec.endedAt.getTime() - exec.startedAt.getTime();
  if (o.kind === 'retry') return { durationMs, error: o.error, nextRetryAt: isoText(o.at) };
  if (o.kind === 'failed' || o.kind === 'routed')
    return { durationMs, error: o.error, routed: o.kind === 'routed' };
  if (o.kind === 'succeeded') return { durationMs, ports: o.ports };
  return { durationMs };
}
