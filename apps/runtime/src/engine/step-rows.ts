// Builds the column values a step row gets for an outcome, a queued start, or a hand-off to this worker.
import { isoText, newId, withFields } from '@sluice/shared';
import { stepJobId } from '../queue/job-ids';
import type { StepJob } from './effects';
import type { Execution } from './execute-node';
import type { StepStatus, WaitState } from './rules/step-status';
import { type StepOutcome, stepStatusOf } from './rules/transitions';
import type { AttemptRecord, LogRecord, NewStep } from './step-records';

export interface RunRef {
  runId: string;
  flowId: string;
  version: number;
}

/**
 * Column values that record an outcome (everything but identity, input and lock). An output or input may be a
 * JsonData (a snippet's answer kept as JSON text): the set-based writers store its text as is (`stringifyJson`),
 * drizzle (PGlite) writes its value through `toJSON`; either way the column holds the same JSON.
 */
export function outcomeColumns(
  outcome: StepOutcome,
  exec: Pick<Execution, 'endedAt'>,
  attempts: AttemptRecord[],
  logs: LogRecord[],
) {
  // Object literals built whole, copies with withFields (no leading spreads): this runs for every step executed.
  const endedAt = exec.endedAt;
  const status = stepStatusOf(outcome);
  const ended = isoText(endedAt);
  // As before this was plain code: an empty history (never expected) closes an attempt with only its end.
  const last = attempts[attempts.length - 1] as AttemptRecord;
  const before = attempts.length > 1 ? attempts.slice(0, -1) : [];
  switch (outcome.kind) {
    case 'succeeded':
      before.push(withFields(last, { endedAt: ended }));
      return {
        status,
        logs,
        updatedAt: endedAt,
        output: outcome.output,
        ports: outcome.ports,
        error: null,
        state: null,
        dueAt: null,
        endedAt,
        attempts: before,
      };
    case 'waiting':
      before.push(withFields(last, { endedAt: ended, waitingUntil: outcome.until.toISOString() }));
      return {
        status,
        logs,
        updatedAt: endedAt,
        output: outcome.output ?? null,
        state: { kind: 'resume', value: outcome.state } satisfies WaitState,
        dueAt: outcome.until,
        endedAt: null,
        attempts: before,
      };
    case 'retry':
      before.push(
        withFields(last, { endedAt: ended, error: outcome.error, nextRetryAt: isoText(outcome.at) }),
      );
      return {
        status,
        logs,
        updatedAt: endedAt,
        error: outcome.error,
        state: { kind: 'retry' } satisfies WaitState,
        dueAt: outcome.at,
        endedAt: null,
        attempts: before,
      };
    case 'routed':
      before.push(withFields(last, { endedAt: ended, error: outcome.error }));
      return {
        status,
        logs,
        updatedAt: endedAt,
        output: outcome.output,
        ports: outcome.ports,
        error: outcome.error,
        state: null,
        dueAt: null,
        endedAt,
        attempts: before,
      };
    case 'failed':
      before.push(withFields(last, { endedAt: ended, error: outcome.error }));
      return {
        status,
        logs,
        updatedAt: endedAt,
        ports: null,
        error: outcome.error,
        state: null,
        dueAt: null,
        endedAt,
        attempts: before,
      };
  }
}

/** The job that continues a step stored with `status`, if it needs one. */
export function jobFor(
  ref: RunRef,
  stepId: string,
  status: StepStatus,
  attempt: number,
  dueAt: Date | null,
): StepJob | null {
  if (status !== 'queued' && status !== 'waiting') return null;
  return {
    jobId: stepJobId(stepId, status, attempt, dueAt),
    stepId,
    runId: ref.runId,
    flowId: ref.flowId,
    version: ref.version,
    dueAt,
  };
}

export function queuedRow(runId: string, nodeId: string, input: unknown, now: Date): NewStep {
  return {
    id: newId('stp'),
    runId,
    nodeId,
    status: 'queued',
    attempt: 0,
    input,
    createdAt: now,
    updatedAt: now,
  };
}

/** A step this worker inserts already claimed, to execute right after the commit (saves a claim and a job). */
export function handoffRow(
  runId: string,
  nodeId: string,
  input: unknown,
  now: Date,
  workerId: string,
  leaseMs: number,
): NewStep {
  return {
    id: newId('stp'),
    runId,
    nodeId,
    status: 'running',
    attempt: 1,
    input,
    attempts: [{ attempt: 1, startedAt: isoText(now) }],
    lockedBy: workerId,
    lockedUntil: new Date(now.getTime() + leaseMs),
    startedAt: now,
    createdAt: now,
    updatedAt: now,
  };
}

/** A pure step executed inline in memory, stored with its outcome. */
export function executedRow(
  id: string,
  runId: string,
  nodeId: string,
  input: unknown,
  exec: Execution,
): NewStep {
  const attempts: AttemptRecord[] = [{ attempt: 1, startedAt: isoText(exec.startedAt) }];
  return {
    id,
    runId,
    nodeId,
    attempt: 1,
    input,
    startedAt: exec.startedAt,
    createdAt: exec.startedAt,
    ...outcomeColumns(exec.outcome, exec, attempts, exec.logs),
  };
}
