// Shapes stored in a step row's jsonb columns: the attempt history and the log lines.
import { type StepErrorInfo, withFields } from '@sluice/shared';
import type { steps } from '../db/schema';
import { isStepActive, type StepStatus } from './rules/step-status';

export type StepRow = typeof steps.$inferSelect;
export type NewStep = typeof steps.$inferInsert;

/** A new row that still owes work (queued, running or waiting): its run is not over. */
export const isActiveRow = (r: NewStep): boolean => isStepActive(r.status as StepStatus);

/** One execution of a step: written when it starts, completed when it ends. */
export interface AttemptRecord {
  attempt: number;
  startedAt: string;
  endedAt?: string;
  error?: StepErrorInfo;
  /** Set when this attempt failed and another is scheduled. */
  nextRetryAt?: string;
  /** Set when the executor parked the step (delay, approval). */
  waitingUntil?: string;
}

export interface LogRecord {
  at: string;
  message: string;
  data?: unknown;
}

/** Marks attempts that never ended (their worker died) as lost, so the history tells what happened. */
export function closeLostAttempts(attempts: AttemptRecord[], at: string): AttemptRecord[] {
  return attempts.map((a, i) =>
    a.endedAt || i === attempts.length - 1
      ? a
      : withFields(a, {
          endedAt: at,
          error: { code: 'WorkerLost', message: 'the worker stopped during this attempt', retryable: true },
        }),
  );
}
