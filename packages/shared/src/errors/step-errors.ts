// Typed errors an executor throws to tell the engine whether (and when) a failed step may be retried.

/** Base class: `code` names the failure, `retryable` says whether the retry policy applies. */
export class StepError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = code;
  }
}

/** A failure no retry can fix (bad config, 4xx other than 429, a snippet that throws deterministically). */
export class NonRetriableError extends StepError {
  constructor(message: string, details?: unknown, code = 'NonRetriable') {
    super(code, message, false, details);
  }
}

/** A transient failure (network, timeout, 5xx). */
export class RetryableError extends StepError {
  constructor(message: string, details?: unknown, code = 'Retryable') {
    super(code, message, true, details);
  }
}

/** A transient failure whose peer said when to come back (429/503 with Retry-After). */
export class RetryAfterError extends StepError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
    details?: unknown,
  ) {
    super('RetryAfter', message, true, details);
  }
}

/** Serialisable shape of a step error as stored in Postgres and returned by the API. */
export interface StepErrorInfo {
  code: string;
  message: string;
  retryable: boolean;
  details?: unknown;
}

export function toStepErrorInfo(err: unknown): StepErrorInfo {
  if (err instanceof StepError) {
    return { code: err.code, message: err.message, retryable: err.retryable, details: err.details };
  }
  if (err instanceof Error) return { code: err.name || 'Error', message: err.message, retryable: true };
  return { code: 'Error', message: String(err), retryable: true };
}
