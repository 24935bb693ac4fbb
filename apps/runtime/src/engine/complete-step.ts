// completeStep: records an attempt's outcome and everything it leads to, in one transaction.
import { isoText, type StepErrorInfo, withFields } from '@sluice/shared';
import { and, eq } from 'drizzle-orm';
import { steps } from '../db/schema';
import type { Execution } from './execute-node';
import type { Work } from './group-committer';
import type { ChainPlan } from './plan-chain';
import { recordStepTransition } from './record-step';
import type { StepStatus } from './rules/step-status';
import { nextRunStatus } from './rules/transitions';
import { afterOutcome, classesOf, type RunForecast, withRows } from './run-forecast';
import { type LockedRun, type OutcomeWrite, type SetWriter, setWriter } from './set-writes';
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
  step: { id: string; nodeId: string; attempt: number; attempts: AttemptRecord[]; logs: LogRecord[] };
  exec: Execution;
  plan: ChainPlan;
  workerId: string;
  /** What this process expects of its runs: a run found there is settled without waiting for its lock. */
  forecast?: RunForecast;
}

/**
 * Stores the outcome only if this worker still holds the step (`status = 'running' and locked_by = me`): a worker
 * whose lease expired, or a step cancelled meanwhile, commits nothing. With it, in the same transaction: the rows
 * of the pure steps executed inline and of the successors, their jobs, and the run's new status.
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
    const knownRunning = c.plan.rows.some(isActiveRow);
    const status = cols.status as StepStatus;
    // A run this process knows: its outcome, lock, check and write go out without waiting for any answer.
    const forecast = writer && c.forecast ? forecastSettle(writer, c, cols, knownRunning) : null;
    // PostgreSQL: the run's lock (+ step count) goes out in the same flight as the outcome, right behind it (the
    // server runs them in order, so the count sees this outcome); if the step was lost the lock is merely unused.
    const stored = forecast ? null : writer?.recordOutcome({ stepId: c.step.id, workerId: c.workerId, cols });
    const locked = forecast ?? writer?.lockRun({ runId: c.ref.runId, count: !knownRunning });
    locked?.catch(() => {});
    const done = forecast
      ? true
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
    const actor = c.workerId;
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
    const settled = await settleRun(
      tx,
      fx,
      {
        runId: c.ref.runId,
        knownRunning,
        // A forecast's counts already hold the plan's rows.
        pendingUnhandledFailed: forecast
          ? 0
          : c.plan.rows.filter((r) => r.status === 'failed' && !r.ports).length,
        failure,
        now: at,
        actor,
      },
      locked,
    );
    if (c.forecast && writer && !forecast) {
      // Learnt the slow way: the run's status and, if counted, its steps (with the plan's rows, inserted later).
      const run = await locked;
      if (settled && run?.counts) c.forecast.set(c.ref.runId, settled, withRows(run.counts, c.plan.rows));
      else c.forecast.forget([c.ref.runId]);
    }
    return c.plan.handoffs;
  };
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

/**
 * Settles a run the forecast knows without waiting: the outcome (failing the transaction if the step was lost), the
 * run's lock and the check that it is as expected are sent now; resolves at once with the run as forecast, counts
 * including the plan's rows. Null when the forecast cannot tell (unknown run, no running step in it).
 */
function forecastSettle(
  writer: SetWriter,
  c: Completion,
  cols: OutcomeWrite['cols'],
  knownRunning: boolean,
): Promise<LockedRun> | null {
  const forecast = c.forecast as RunForecast;
  const known = forecast.get(c.ref.runId);
  const after = known && afterOutcome(known.counts, cols.status as StepStatus, cols.ports);
  if (!known || !after) return null;
  forecast.stats.used++;
  writer.recordOutcome({ stepId: c.step.id, workerId: c.workerId, cols, strict: true }).catch(() => {});
  // With active rows in the plan the run keeps running whatever the count says: only its status is checked.
  const expect = { status: known.status, classes: knownRunning ? null : classesOf(after) };
  writer.lockRun({ runId: c.ref.runId, count: false, expect }).catch(() => {});
  const counts = withRows(after, c.plan.rows);
  forecast.set(c.ref.runId, nextRunStatus(known.status, counts), counts);
  return Promise.resolve({ status: known.status, flowId: c.ref.flowId, counts });
}
