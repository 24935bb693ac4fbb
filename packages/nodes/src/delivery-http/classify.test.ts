// Pure classification rules of delivery.http: Retry-After parsing, statuses, thrown errors, breaker counting.
import { NonRetriableError, RetryAfterError, RetryableError } from '@sluice/shared';
import { describe, expect, it } from 'vitest';
import { classifyStatus, classifyThrown, isHostFailure, parseRetryAfter } from './classify';

const now = new Date('2026-11-26T10:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 10:00:05 GMT', now)).toBe(5000);
  });

  it('gives 0 for a past date and null for absent or unparseable values', () => {
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('1.5', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe('classifyStatus', () => {
  it('returns null below 400', () => {
    for (const s of [100, 200, 201, 204, 304]) expect(classifyStatus(s, {}, '', now)).toBeNull();
  });

  it('refuses redirects with a non-retriable error naming the location', () => {
    for (const s of [301, 302, 303, 307, 308]) {
      const err = classifyStatus(s, { location: 'https://new.example/x' }, '', now);
      expect(err).toBeInstanceOf(NonRetriableError);
      expect(err).toMatchObject({
        code: 'Redirect',
        details: { status: s, location: 'https://new.example/x' },
      });
      expect(err?.message).toMatch(/redirected to https:\/\/new\.example\/x/);
    }
  });

  it('maps statuses to the retry classes', () => {
    expect(classifyStatus(500, {}, '', now)).toBeInstanceOf(RetryableError);
    expect(classifyStatus(599, {}, '', now)).toBeInstanceOf(RetryableError);
    expect(classifyStatus(429, { 'retry-after': '3' }, '', now)).toBeInstanceOf(RetryAfterError);
    expect(classifyStatus(503, { 'retry-after': '3' }, '', now)).toBeInstanceOf(RetryAfterError);
    expect(classifyStatus(429, { 'retry-after': 'garbage' }, '', now)).toBeInstanceOf(RetryableError);
    expect(classifyStatus(400, {}, '', now)).toBeInstanceOf(NonRetriableError);
    expect(classifyStatus(409, {}, '', now)).toBeInstanceOf(NonRetriableError);
  });

  it('ignores Retry-After on statuses other than 429 and 503', () => {
    const err = classifyStatus(500, { 'retry-after': '10' }, '', now);
    expect(err).not.toBeInstanceOf(RetryAfterError);
    expect(classifyStatus(400, { 'retry-after': '10' }, '', now)).toBeInstanceOf(NonRetriableError);
  });
});

describe('classifyThrown', () => {
  it('passes StepErrors through', () => {
    const err = new NonRetriableError('x');
    expect(classifyThrown(err, { timedOut: false, abortedBy: undefined, timeoutMs: 100 })).toBe(err);
  });

  it('reports our own timeout as Timeout', () => {
    const err = classifyThrown(new Error('aborted'), {
      timedOut: true,
      abortedBy: undefined,
      timeoutMs: 100,
    });
    expect(err).toMatchObject({ code: 'Timeout', retryable: true, details: { timeoutMs: 100 } });
  });

  it('prefers Aborted over Timeout when the step itself was cancelled', () => {
    const err = classifyThrown(new Error('aborted'), {
      timedOut: true,
      abortedBy: new Error('step timed out after 50 ms'),
      timeoutMs: 100,
    });
    expect(err).toMatchObject({ code: 'Aborted', message: 'request aborted: step timed out after 50 ms' });
  });

  it('names the cause code of a network error', () => {
    const err = new TypeError('fetch failed', {
      cause: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }),
    });
    expect(classifyThrown(err, { timedOut: false, abortedBy: undefined, timeoutMs: 100 })).toMatchObject({
      code: 'NetworkError',
      message: 'network error: ENOTFOUND getaddrinfo',
    });
  });
});

describe('isHostFailure', () => {
  it('counts network, timeout and 5xx failures only', () => {
    expect(isHostFailure(new RetryableError('x', {}, 'NetworkError'))).toBe(true);
    expect(isHostFailure(new RetryableError('x', {}, 'Timeout'))).toBe(true);
    expect(isHostFailure(new RetryableError('x', { status: 502 }, 'HttpError'))).toBe(true);
    expect(isHostFailure(new RetryAfterError('x', 10, { status: 503 }))).toBe(true);
    expect(isHostFailure(new RetryAfterError('x', 10, { status: 429 }))).toBe(false);
    expect(isHostFailure(new RetryableError('x', { status: 429 }, 'HttpError'))).toBe(false);
    expect(isHostFailure(new RetryableError('x', {}, 'Aborted'))).toBe(false);
    expect(isHostFailure(new NonRetriableError('x', { status: 500 }))).toBe(false);
    expect(isHostFailure(new Error('x'))).toBe(false);
  });
});
