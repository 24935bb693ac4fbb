// Classify delivery.http failures for the retry policy: transient (retry), Retry-After (wait), or permanent.
import { NonRetriableError, RetryAfterError, RetryableError, StepError } from '@sluice/shared';

const EXCERPT_CHARS = 500;

/**
 * Milliseconds a `Retry-After` header asks for: delta-seconds or an HTTP date (relative to `now`).
 * Null when absent or unparseable; a date in the past gives 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (value == null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/**
 * The error for a final status, or null for a success (2xx, and 1xx/304).
 * 429, and 503 with Retry-After -> RetryAfterError; 408, 429 without Retry-After and 5xx -> RetryableError
 * `HttpError`; any other 4xx -> NonRetriableError `HttpError`; other 3xx -> NonRetriableError `Redirect`
 * (deliveries do not follow redirects). Details carry the status and a body excerpt.
 */
export function classifyStatus(
  status: number,
  headers: Record<string, string>,
  bodyText: string,
  now: Date,
): StepError | null {
  if (status < 300 || status === 304) return null;
  const excerpt = bodyText.slice(0, EXCERPT_CHARS);
  if (status < 400) {
    const location = headers.location ?? '(no location)';
    return new NonRetriableError(
      `HTTP ${status}: redirected to ${location}; deliveries do not follow redirects, point the URL there instead`,
      { status, location },
      'Redirect',
    );
  }
  const details = { status, body: excerpt };
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(headers['retry-after'], now) : null;
  if (retryAfterMs !== null) {
    return new RetryAfterError(`HTTP ${status}: retry after ${retryAfterMs} ms`, retryAfterMs, {
      status,
      body: excerpt,
      retryAfterMs,
    });
  }
  const message = `HTTP ${status}${excerpt ? `: ${excerpt.slice(0, 200)}` : ''}`;
  if (status >= 500 || status === 429 || status === 408)
    return new RetryableError(message, details, 'HttpError');
  return new NonRetriableError(message, details, 'HttpError');
}

/** How a request that threw may have been ended: by its own timeout, or by the step's abort. */
export interface AbortCause {
  timedOut: boolean;
  /** Why the step was aborted, if it was. */
  abortedBy: Error | undefined;
  timeoutMs: number;
}

/**
 * The error for a request that threw before a status was known: our timeout -> `Timeout`, the step being
 * cancelled -> `Aborted`, anything else from fetch (refused, reset, DNS, TLS) -> `NetworkError`. All retryable;
 * StepErrors pass through unchanged.
 */
export function classifyThrown(err: unknown, cause: AbortCause): StepError {
  if (err instanceof StepError) return err;
  if (cause.abortedBy) {
    return new RetryableError(
      `request aborted: ${cause.abortedBy.message || cause.abortedBy.name}`,
      {},
      'Aborted',
    );
  }
  if (cause.timedOut) {
    return new RetryableError(
      `no response within ${cause.timeoutMs} ms`,
      { timeoutMs: cause.timeoutMs },
      'Timeout',
    );
  }
  const inner = (err as { cause?: { code?: string; message?: string } })?.cause;
  const code = inner?.code ?? (err as { code?: string })?.code;
  const message = inner?.message ?? (err as Error)?.message ?? String(err);
  return new RetryableError(
    `network error: ${code ? `${code} ` : ''}${message}`,
    { cause: code },
    'NetworkError',
  );
}

/** Failures that say the host is unhealthy and so count towards its circuit breaker (not 4xx, not cancellations). */
export function isHostFailure(err: unknown): boolean {
  if (!(err instanceof StepError) || !err.retryable) return false;
  if (err.code === 'NetworkError' || err.code === 'Timeout') return true;
  const status = (err.details as { status?: number } | undefined)?.status;
  return typeof status === 'number' && status >= 500;
}
