// Exhaustive tests of the pure transition rules: no database, no queue, no clock.
import { describe, expect, it } from 'vitest';
import { RUN_STATUSES, type RunStatus } from './run-status';
import { STEP_STATUSES } from './step-status';
import {
  attemptAfterClaim,
  canCancel,
  decideFailure,
  decideReplay,
  isClaimable,
  nextRunStatus,
  stepStatusOf,
} from './transitions';

const now = new Date('2026-01-01T00:00:00Z');
const err = (retryable: boolean) => ({
  code: retryable ? 'Retryable' : 'NonRetriable',
  message: 'x',
  retryable,
});
const policy = { attempts: 3, backoff: { type: 'exponential' as const, delayMs: 1000, jitter: false } };

describe('decideFailure', () => {
  it('retries a retryable error while attempts remain, with the backoff delay', () => {
    const o = decideFailure({
      attempt: 2,
      policy,
      error: err(true),
      errorPortConnected: false,
      input: 1,
      now,
    });
    expect(o).toEqual({ kind: 'retry', error: err(true), at: new Date(now.getTime() + 2000) });
  });
  it('honours a Retry-After wait', () => {
    const error = { ...err(true), retryAfterMs: 7000 };
    const o = decideFailure({ attempt: 1, policy, error, errorPortConnected: false, input: 1, now });
    expect(o.kind === 'retry' && o.at.getTime() - now.getTime()).toBe(7000);
  });
  it('fails when attempts are exhausted and no error port is connected', () => {
    const o = decideFailure({
      attempt: 3,
      policy,
      error: err(true),
      errorPortConnected: false,
      input: 1,
      now,
    });
    expect(o).toEqual({ kind: 'failed', error: err(true) });
  });
  it('does not retry a non-retryable error', () => {
    const o = decideFailure({
      attempt: 1,
      policy,
      error: err(false),
      errorPortConnected: false,
      input: 1,
      now,
    });
    expect(o.kind).toBe('failed');
  });
  it('does not retry without a policy', () => {
    const o = decideFailure({
      attempt: 1,
      policy: undefined,
      error: err(true),
      errorPortConnected: false,
      input: 1,
      now,
    });
    expect(o.kind).toBe('failed');
  });
  it('routes {error, input} to the error port when it is connected', () => {
    const o = decideFailure({
      attempt: 3,
      policy,
      error: err(true),
      errorPortConnected: true,
      input: { a: 1 },
      now,
    });
    expect(o).toEqual({
      kind: 'routed',
      error: err(true),
      output: { error: err(true), input: { a: 1 } },
      ports: ['error'],
    });
  });
});

describe('stepStatusOf', () => {
  it.each([
    [{ kind: 'succeeded', output: 1, ports: ['out'] }, 'succeeded'],
    [{ kind: 'waiting', until: now }, 'waiting'],
    [{ kind: 'retry', error: err(true), at: now }, 'waiting'],
    [{ kind: 'routed', error: err(true), output: {}, ports: ['error'] }, 'failed'],
    [{ kind: 'failed', error: err(true) }, 'failed'],
  ] as const)('%o is stored as %s', (o, s) => {
    expect(stepStatusOf(o as never)).toBe(s);
  });
});

describe('nextRunStatus', () => {
  const zero = { queued: 0, running: 0, waiting: 0, unhandledFailed: 0 };
  const active: RunStatus[] = ['queued', 'running', 'waiting'];
  it.each(active)('from %s: running while a step is queued or running', (s) => {
    expect(nextRunStatus(s, { ...zero, queued: 1 })).toBe('running');
    expect(nextRunStatus(s, { ...zero, running: 1, waiting: 2 })).toBe('running');
  });
  it.each(active)('from %s: waiting when only waiting steps remain', (s) => {
    expect(nextRunStatus(s, { ...zero, waiting: 1, unhandledFailed: 1 })).toBe('waiting');
  });
  it.each(active)('from %s: ends failed when a step failed unhandled, else succeeded', (s) => {
    expect(nextRunStatus(s, { ...zero, unhandledFailed: 1 })).toBe('failed');
    expect(nextRunStatus(s, zero)).toBe('succeeded');
  });
  it.each(['succeeded', 'failed', 'cancelled'] as RunStatus[])('a %s run keeps its status', (s) => {
    expect(nextRunStatus(s, { ...zero, running: 1 })).toBe(s);
    expect(nextRunStatus(s, zero)).toBe(s);
  });
});

describe('isClaimable', () => {
  const past = new Date(now.getTime() - 1);
  const future = new Date(now.getTime() + 1);
  it('covers every step status', () => {
    const table = STEP_STATUSES.map((status) => [
      status,
      isClaimable({ status, dueAt: past, lockedUntil: past }, now),
      isClaimable({ status, dueAt: future, lockedUntil: future }, now),
    ]);
    expect(table).toEqual([
      ['queued', true, true],
      ['running', true, false],
      ['waiting', true, false],
      ['succeeded', false, false],
      ['failed', false, false],
      ['cancelled', false, false],
    ]);
  });
  it('a waiting step without a due time is not claimable', () => {
    expect(isClaimable({ status: 'waiting', dueAt: null, lockedUntil: null }, now)).toBe(false);
  });
});

describe('attemptAfterClaim', () => {
  it('resuming a wait keeps the attempt; queued, retry and lost runs start a new one', () => {
    expect(attemptAfterClaim(1, 'waiting', 'resume')).toBe(1);
    expect(attemptAfterClaim(1, 'waiting', 'retry')).toBe(2);
    expect(attemptAfterClaim(0, 'queued', undefined)).toBe(1);
    expect(attemptAfterClaim(1, 'running', undefined)).toBe(2);
  });
});

describe('decideReplay and canCancel', () => {
  it('covers every run status', () => {
    const table = RUN_STATUSES.map((s) => [
      s,
      decideReplay(s, 'failed').ok,
      decideReplay(s, 'start').ok,
      canCancel(s),
    ]);
    expect(table).toEqual([
      ['queued', false, false, true],
      ['running', false, false, true],
      ['waiting', false, false, true],
      ['succeeded', false, true, false],
      ['failed', true, true, false],
      ['cancelled', false, true, false],
    ]);
  });
  it('an active run answers run_active', () => {
    expect(decideReplay('running', 'start')).toMatchObject({ ok: false, code: 'run_active' });
    expect(decideReplay('succeeded', 'failed')).toMatchObject({ ok: false, code: 'nothing_to_replay' });
  });
});
