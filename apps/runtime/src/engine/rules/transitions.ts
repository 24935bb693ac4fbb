// Pure transition rules: given what happened, what the next run/step state is. The engine applies them in transactions.
import { computeBackoff } from '@sluice/nodes/executors';
import { ERROR_PORT, type RetryPolicy, type StepErrorInfo } from '@sluice/shared';
import { isRunTerminal, type RunStatus } from './run-status';
import type { StepStatus } from './step-status';

/** What one execution of a step leads to. */
export type StepOutcome =
  | { kind: 'succeeded'; output: unknown; ports: string[] }
  | { kind: 'waiting'; until: Date; state?: unknown; output?: unknown }
  | { kind: 'retry'; error: StepErrorInfo; at: Date }
  /** Retries exhausted (or not retryable) and the node's error port is connected: `{error, input}` flows there. */
  | {
      kind: 'routed';
      error: StepErrorInfo;
      output: { error: StepErrorInfo; input: unknown };
      ports: string[];
    }
  | { kind: 'failed'; error: StepErrorInfo };

export interface FailureFacts {
  /** The attempt that just failed (1-based). */
  attempt: number;
  policy: RetryPolicy | undefined;
  error: StepErrorInfo & { retryAfterMs?: number };
  errorPortConnected: boolean;
  input: unknown;
  now: Date;
  random?: () => number;
}

const NO_RETRY: RetryPolicy = { attempts: 1, backoff: { type: 'fixed', delayMs: 0, jitter: false } };

/** Decides what a failed attempt leads to: a retry at a time, the error port, or a failed step. */
export function decideFailure(f: FailureFacts): StepOutcome {
  const delay = computeBackoff(f.policy ?? NO_RETRY, f.attempt, f.error, f.random);
  if (delay !== null) return { kind: 'retry', error: f.error, at: new Date(f.now.getTime() + delay) };
  if (f.errorPortConnected) {
    return {
      kind: 'routed',
      error: f.error,
      output: { error: f.error, input: f.input },
      ports: [ERROR_PORT],
    };
  }
  return { kind: 'failed', error: f.error };
}

/** The step status an outcome is stored as. */
export function stepStatusOf(o: StepOutcome): StepStatus {
  switch (o.kind) {
    case 'succeeded':
      return 'succeeded';
    case 'waiting':
    case 'retry':
      return 'waiting';
    case 'routed':
    case 'failed':
      return 'failed';
  }
}

/** Counts of a run's steps, as read inside the transaction that changes one of them. */
export interface StepCounts {
  queued: number;
  running: number;
  waiting: number;
  /** Failed steps whose error did not flow to a connected error port. */
  unhandledFailed: number;
}

/**
 * The run's status once its steps are as counted: running while any step is queued or running, waiting while
 * only waiting steps remain, and when none is active, failed if a step failed unhandled, else succeeded.
 * A run that reached a terminal status keeps it (a late step of a cancelled run changes nothing).
 */
export function nextRunStatus(current: RunStatus, c: StepCounts): RunStatus {
  if (isRunTerminal(current)) return current;
  if (c.queued + c.running > 0) return 'running';
  if (c.waiting > 0) return 'waiting';
  return c.unhandledFailed > 0 ? 'failed' : 'succeeded';
}

export interface ClaimFacts {
  status: StepStatus;
  dueAt: Date | null;
  lockedUntil: Date | null;
}

/**
 * Whether a worker may start this step now: queued, waiting and due, or running under an expired lease (its
 * worker died). The claim's conditional UPDATE in Postgres mirrors this predicate.
 */
export function isClaimable(s: ClaimFacts, now: Date): boolean {
  if (s.status === 'queued') return true;
  if (s.status === 'waiting') return s.dueAt !== null && s.dueAt.getTime() <= now.getTime();
  if (s.status === 'running') return s.lockedUntil !== null && s.lockedUntil.getTime() < now.getTime();
  return false;
}

/** A resumed wait continues the same attempt; anything else starts a new one. */
export function attemptAfterClaim(attempt: number, status: StepStatus, waitKind: string | undefined): number {
  return status === 'waiting' && waitKind === 'resume' ? attempt : attempt + 1;
}

export type ReplayFrom = 'failed' | 'start';

export type ReplayDecision =
  | { ok: true }
  | { ok: false; code: 'run_active' | 'nothing_to_replay'; message: string };

/** Replay needs a finished run; replaying failed steps needs a failed run. */
export function decideReplay(status: RunStatus, from: ReplayFrom): ReplayDecision {
  if (!isRunTerminal(status)) {
    return {
      ok: false,
      code: 'run_active',
      message: `the run is ${status}; cancel it or wait for it to end`,
    };
  }
  if (from === 'failed' && status !== 'failed') {
    return {
      ok: false,
      code: 'nothing_to_replay',
      message: `the run ${status}; it has no failed steps to replay`,
    };
  }
  return { ok: true };
}

/** Only a run that has not ended can be cancelled. */
export const canCancel = (status: RunStatus) => !isRunTerminal(status);
