// Retry backoff: how long to wait before the next attempt of a failed step, or null when it must not be retried.
import type { Backoff } from '@sluice/shared';

/** `equal` keeps at least half the base delay; `full` spreads over [0, base]; `true` means `equal`. */
export type JitterMode = 'none' | 'full' | 'equal';

/** A retry policy as stored on a node; `jitter` also accepts an explicit mode. */
export interface BackoffPolicy {
  attempts: number;
  backoff: Omit<Backoff, 'jitter'> & { jitter?: boolean | JitterMode };
}

/** Upper bound when a policy has no `maxDelayMs` (the schema's own maximum): keeps 2^n finite. */
export const HARD_MAX_DELAY_MS = 30 * 24 * 3600_000;

/**
 * Delay in ms before attempt `attempt + 1`, where `attempt` (1-based) is the attempt that just failed with `error`.
 * Returns null when no retry is due: attempts exhausted, or the error says it is not retryable.
 * A RetryAfterError (or a stored error info with `retryAfterMs`) is honoured as given, without jitter.
 *
 * @example computeBackoff({attempts: 5, backoff: {type: 'exponential', delayMs: 1000, jitter: false}}, 3, err) // 4000
 */
export function computeBackoff(
  policy: BackoffPolicy,
  attempt: number,
  error: unknown,
  random: () => number = Math.random,
): number | null {
  const done = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  if (done >= policy.attempts) return null;
  if (!isRetryable(error)) return null;
  const retryAfter = retryAfterMsOf(error);
  if (retryAfter !== null) return retryAfter;
  const { type, delayMs, maxDelayMs } = policy.backoff;
  const cap = Math.min(maxDelayMs ?? HARD_MAX_DELAY_MS, HARD_MAX_DELAY_MS);
  const raw = type === 'fixed' ? delayMs : delayMs * 2 ** (done - 1);
  const base = Math.min(Number.isFinite(raw) ? raw : cap, cap);
  return Math.round(applyJitter(base, jitterMode(policy.backoff.jitter), random));
}

/** Spreads `base` according to `mode`; `random` returns a number in [0, 1). */
export function applyJitter(base: number, mode: JitterMode, random: () => number = Math.random): number {
  const r = Math.min(Math.max(random(), 0), 1);
  if (mode === 'full') return base * r;
  if (mode === 'equal') return base / 2 + (base / 2) * r;
  return base;
}

function jitterMode(jitter: boolean | JitterMode | undefined): JitterMode {
  if (jitter === true || jitter === undefined) return 'equal';
  if (jitter === false) return 'none';
  return jitter;
}

/** Errors are retryable unless they say otherwise (a StepError, or its stored info, with `retryable: false`). */
export function isRetryable(error: unknown): boolean {
  if (error && typeof error === 'object' && 'retryable' in error) return error.retryable !== false;
  return true;
}

/** The wait a peer asked for: `retryAfterMs` on a RetryAfterError, or in the `details` of its stored info. */
export function retryAfterMsOf(error: unknown): number | null {
  if (!error || typeof error !== 'object') return null;
  const direct = (error as { retryAfterMs?: unknown }).retryAfterMs;
  const nested = (error as { details?: { retryAfterMs?: unknown } }).details?.retryAfterMs;
  const value = typeof direct === 'number' ? direct : nested;
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.round(value)) : null;
}
