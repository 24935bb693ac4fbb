// computeBackoff: attempts, retryability, Retry-After, fixed/exponential growth, caps and jitter modes.
import { NonRetriableError, RetryAfterError, RetryableError, toStepErrorInfo } from '@sluice/shared';
import { describe, expect, it } from 'vitest';
import { applyJitter, type BackoffPolicy, computeBackoff, HARD_MAX_DELAY_MS, isRetryable } from './retry';

const transient = new RetryableError('boom', { status: 502 }, 'HttpError');
const policy = (backoff: Partial<BackoffPolicy['backoff']> = {}, attempts = 10): BackoffPolicy => ({
  attempts,
  backoff: { type: 'exponential', delayMs: 1000, jitter: false, ...backoff },
});

describe('computeBackoff: when to stop', () => {
  it('returns null once the failed attempt is the last one allowed', () => {
    expect(computeBackoff(policy({}, 3), 2, transient)).toBe(2000);
    expect(computeBackoff(policy({}, 3), 3, transient)).toBeNull();
    expect(computeBackoff(policy({}, 3), 7, transient)).toBeNull();
  });

  it('never retries a policy of one attempt', () => {
    expect(computeBackoff(policy({}, 1), 1, transient)).toBeNull();
  });

  it('returns null for non-retriable errors, as instances or as stored info', () => {
    const bad = new NonRetriableError('400', { status: 400 });
    expect(computeBackoff(policy(), 1, bad)).toBeNull();
    expect(computeBackoff(policy(), 1, toStepErrorInfo(bad))).toBeNull();
  });

  it('retries plain errors, strings and unknown values (treated as transient)', () => {
    expect(computeBackoff(policy(), 1, new Error('ECONNRESET'))).toBe(1000);
    expect(computeBackoff(policy(), 1, 'weird')).toBe(1000);
    expect(computeBackoff(policy(), 1, undefined)).toBe(1000);
  });

  it('treats attempt numbers below 1 or not finite as the first attempt', () => {
    expect(computeBackoff(policy(), 0, transient)).toBe(1000);
    expect(computeBackoff(policy(), Number.NaN, transient)).toBe(1000);
    expect(computeBackoff(policy(), 2.7, transient)).toBe(2000);
  });
});

describe('computeBackoff: delays', () => {
  it('doubles exponentially from delayMs', () => {
    const delays = [1, 2, 3, 4, 5].map((a) => computeBackoff(policy(), a, transient));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('caps exponential growth at maxDelayMs', () => {
    const p = policy({ maxDelayMs: 5000 });
    expect([3, 4, 5, 9].map((a) => computeBackoff(p, a, transient))).toEqual([4000, 5000, 5000, 5000]);
  });

  it('caps at the hard maximum when no maxDelayMs is set, even for huge attempt numbers', () => {
    expect(computeBackoff(policy({}, 1000), 999, transient)).toBe(HARD_MAX_DELAY_MS);
    expect(computeBackoff(policy({ maxDelayMs: 10 * HARD_MAX_DELAY_MS }, 1000), 500, transient)).toBe(
      HARD_MAX_DELAY_MS,
    );
  });

  it('keeps a fixed delay constant, still under the cap', () => {
    expect(
      [1, 2, 8].map((a) => computeBackoff(policy({ type: 'fixed', delayMs: 750 }), a, transient)),
    ).toEqual([750, 750, 750]);
    expect(computeBackoff(policy({ type: 'fixed', delayMs: 750, maxDelayMs: 500 }), 1, transient)).toBe(500);
  });

  it('returns 0 for a zero delay', () => {
    expect(computeBackoff(policy({ delayMs: 0 }), 4, transient)).toBe(0);
  });
});

describe('computeBackoff: Retry-After', () => {
  it('honours RetryAfterError exactly, without jitter and beyond maxDelayMs', () => {
    const err = new RetryAfterError('429', 120_000, { status: 429 });
    expect(computeBackoff(policy({ jitter: true, maxDelayMs: 1000 }), 1, err, () => 0)).toBe(120_000);
  });

  it('honours retryAfterMs kept in the details of a stored error info', () => {
    const info = toStepErrorInfo(new RetryAfterError('503', 3000, { status: 503, retryAfterMs: 3000 }));
    expect(computeBackoff(policy(), 1, info)).toBe(3000);
  });

  it('still stops when attempts are exhausted', () => {
    expect(computeBackoff(policy({}, 2), 2, new RetryAfterError('429', 10))).toBeNull();
  });

  it('clamps a negative Retry-After to 0', () => {
    expect(computeBackoff(policy(), 1, new RetryAfterError('429', -50))).toBe(0);
  });
});

describe('jitter', () => {
  it('equal jitter (jitter: true) stays within [base/2, base]', () => {
    const p = policy({ jitter: true });
    expect(computeBackoff(p, 3, transient, () => 0)).toBe(2000);
    expect(computeBackoff(p, 3, transient, () => 0.5)).toBe(3000);
    expect(computeBackoff(p, 3, transient, () => 0.999999)).toBe(4000);
  });

  it('full jitter spreads over [0, base]', () => {
    const p = policy({ jitter: 'full' });
    expect(computeBackoff(p, 3, transient, () => 0)).toBe(0);
    expect(computeBackoff(p, 3, transient, () => 0.25)).toBe(1000);
  });

  it('jitter applies after the cap, so it never exceeds maxDelayMs', () => {
    const p = policy({ jitter: 'equal', maxDelayMs: 3000 });
    for (const r of [0, 0.3, 0.7, 0.9999]) {
      const d = computeBackoff(p, 8, transient, () => r)!;
      expect(d).toBeGreaterThanOrEqual(1500);
      expect(d).toBeLessThanOrEqual(3000);
    }
  });

  it('defaults to equal jitter when jitter is unset', () => {
    const p: BackoffPolicy = { attempts: 3, backoff: { type: 'fixed', delayMs: 1000 } };
    expect(computeBackoff(p, 1, transient, () => 0)).toBe(500);
  });

  it('clamps a random source that strays outside [0, 1]', () => {
    expect(applyJitter(1000, 'full', () => 7)).toBe(1000);
    expect(applyJitter(1000, 'equal', () => -1)).toBe(500);
    expect(applyJitter(1000, 'none', () => 0.3)).toBe(1000);
  });

  it('with Math.random stays within bounds over many draws', () => {
    const p = policy({ jitter: true });
    for (let i = 0; i < 200; i++) {
      const d = computeBackoff(p, 2, transient)!;
      expect(d).toBeGreaterThanOrEqual(1000);
      expect(d).toBeLessThanOrEqual(2000);
    }
  });
});

describe('isRetryable', () => {
  it('reads the retryable flag of errors and error infos', () => {
    expect(isRetryable(new NonRetriableError('x'))).toBe(false);
    expect(isRetryable({ code: 'X', message: 'x', retryable: false })).toBe(false);
    expect(isRetryable(new RetryableError('x'))).toBe(true);
    expect(isRetryable(null)).toBe(true);
  });
});
