import { describe, expect, it } from 'vitest';
import { RunCancelledError, RunningSteps } from './running-steps';

const attempt = (runId: string) => {
  const reasons: Error[] = [];
  return { runId, reasons, abort: (e: Error) => void reasons.push(e) };
};

describe('RunningSteps', () => {
  it('ends the attempts of the cancelled run only, with a non-retriable RunCancelled error', () => {
    const running = new RunningSteps();
    const a = attempt('run_a');
    const b = attempt('run_a');
    const c = attempt('run_c');
    running.add('s1', a);
    running.add('s2', b);
    running.add('s3', c);
    expect(running.abortRun('run_a')).toBe(2);
    expect([a.reasons.length, b.reasons.length, c.reasons.length]).toEqual([1, 1, 0]);
    const reason = a.reasons[0] as RunCancelledError;
    expect(reason).toBeInstanceOf(RunCancelledError);
    expect([reason.code, reason.retryable]).toEqual(['RunCancelled', false]);
    expect(running.abortRun('run_x')).toBe(0);
  });

  it('forgets an attempt once it ended, and only that one', () => {
    const running = new RunningSteps();
    const first = attempt('run_a');
    const second = attempt('run_a');
    running.add('s1', first);
    running.add('s1', second); // the same step executing again (a retry) replaces the first
    running.delete('s1', first);
    expect(running.size).toBe(1);
    running.delete('s1', second);
    expect(running.size).toBe(0);
    expect(running.abortRun('run_a')).toBe(0);
  });
});
