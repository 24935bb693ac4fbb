// completeStep: records an attempt's outcome and everything it leads to, in one transaction.
import { isoText, type StepErrorInfo, withFields } from '@sluice/shared';
import { and, eq } from 'drizzle-orm';
import { steps } from '../db/schema';
import type { Effects } from './effects';
import type { Execution } from './execute-node';
import type { Work } from './group-committer';
import type { ChainPlan } from './plan-chain';
import { recordStepTransition } from './record-step';
import { isRunTerminal, type RunStatus } from './rules/run-status';
import type { StepStatus } from './rules/step-status';
import type { StepCounts } from './rules/transitions';
import { nextRunStatus } from './rules/transitions';
import { afterOutcome, classesOf, type RunForecast, withRows } from './run-forecast';
import { type OutcomeWrite, type RunWrite, type SetWriter, setWriter } from './set-writes';
import { recordRunTransition, settleRun } from './settle-run';
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
    // A run this process knows: its outcome, lock, check and write go out without waiting for any answer.
    const known = writer && c.forecast ? forecastOf(c.forecast, c.ref.runId, cols) : null;
    if (known)
      writer?.recordOutcome({ stepId: c.step.id, workerId: c.workerId, cols, strict: true }).catch(() => {});
    // PostgreSQL: the run's lock (+ step count) goes out in the same flight as the outcome, right behind it (the
    // server runs them in order, so the count sees this outcome); if the step was lost the lock is merely unused.
    const stored = known ? null : writer?.recordOutcome({ stepId: c.step.id, workerId: c.workerId, cols });
    const locked = known ? null : writer?.lockRun({ runId: c.ref.runId, count: !knownRunning });
    locked?.catch(() => {});
    const done = known
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
    if (known && writer) {
      settleForecast(writer, fx, c, known, { knownRunning, failure, at, actor });
      return c.plan.handoffs;
    }
    const settled = await settleRun(
      tx,
      fx,
      {
        runId: c.ref.runId,
        knownRunning,
        pendingUnhandledFailed: c.plan.rows.filter((r) => r.status === 'failed' && !r.ports).length,
        failure,
        now: at,
        actor,
      },
      locked ?? undefined,
    );
    const forecast = c.forecast;
    if (forecast && writer) {
      // Learnt the slow way: the run's status and, if counted, its steps (with the plan's rows, inserted later).
      // Kept once committed: a batch re-run after a missed forecast then settles all its runs the slow way.
      const run = await locked;
      fx.after.push(() => {
        if (settled && run?.counts) forecast.set(c.ref.runId, settled, withRows(run.counts, c.plan.rows));
        else forecast.forget([c.ref.runId]);
      });
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

/** The run as forecast and its step counts after this outcome; null when the forecast cannot tell. */
function forecastOf(forecast: RunForecast, runId: string, cols: OutcomeWrite['cols']) {
  const known = forecast.get(runId);
  const after = known && afterOutcome(known.counts, cols.status as StepStatus, cols.ports);
  return known && after ? { status: known.status, after } : null;
}

/**
 * Settles a run the forecast knows without waiting for an answer: its lock, the check that it is as expected and its
 * write go out together (set-writes.ts), behind the outcome; the forecast moves on at once, for the run's next
 * completion (another branch) in this batch or a later one.
 */
function settleForecast(
  writer: SetWriter,
  fx: Effects,
  c: Completion,
  known: { status: RunStatus; after: StepCounts },
  f: { knownRunning: boolean; failure: RunWrite['error']; at: Date; actor: string },
): void {
  const forecast = c.forecast as RunForecast;
  forecast.stats.used++;
  const counts = withRows(known.after, c.plan.rows);
  const status = nextRunStatus(known.status, counts);
  const moved = status !== known.status;
  const write = {
    runId: c.ref.runId,
    status,
    at: f.at,
    terminal: moved && isRunTerminal(status),
    error: f.failure,
  };
  // With active rows in the plan the run keeps running whatever the count says: only its status is checked.
  const classes = f.knownRunning ? null : classesOf(known.after);
  writer
    .lockRun({ runId: c.ref.runId, count: false, expect: { status: known.status, classes, write } })
    .catch(() => {});
  if (moved)
    recordRunTransition(fx, {
      runId: c.ref.runId,
      flowId: c.ref.flowId,
      from: known.status,
      to: status,
      at: f.at,
      actor: f.actor,
    });
  forecast.set(c.ref.runId, status, counts);
}
