// requestDeadline: ends the watched request on timeout or on the step's abort, reports which, releases its listener.
import { describe, expect, it } from 'vitest';
import { abortListenerOf } from '../kit/abort-listener';
import { type Endable, requestDeadline } from './deadline';

/** A step context's onAbort over `signal`. */
const step = (signal: AbortSignal) => ({ onAbort: abortListenerOf(signal) });

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const listenerCount = (signal: AbortSignal) => {
  const key = Object.getOwnPropertySymbols(signal).find((s) => s.description === 'kEvents');
  return (signal as unknown as Record<symbol, Map<string, { size: number }>>)[key!]?.get('abort')?.size ?? 0;
};
/** A request stand-in that records what destroyed it. */
const target = () => {
  const t = { destroyedWith: undefined as Error | undefined, destroy: (e?: Error) => (t.destroyedWith = e) };
  return t satisfies Endable;
};

describe('requestDeadline', () => {
  it('ends the request after the timeout and says so', async () => {
    const d = requestDeadline(step(new AbortController().signal), 30);
    const req = target();
    d.watch(req);
    await wait(60);
    expect(d.timedOut).toBe(true);
    expect((req.destroyedWith as DOMException).name).toBe('TimeoutError');
    expect(d.reason).toBe(req.destroyedWith);
  });

  it('ends the request with the abort reason when the step is aborted', () => {
    const outer = new AbortController();
    const d = requestDeadline(step(outer.signal), 10_000);
    const req = target();
    d.watch(req);
    outer.abort(new Error('cancelled'));
    expect(req.destroyedWith?.message).toBe('cancelled');
    expect(d.abortedBy?.message).toBe('cancelled');
    expect(d.timedOut).toBe(false);
    d.dispose();
  });

  it('ends a request watched after the step was already aborted, at once', () => {
    const outer = new AbortController();
    outer.abort('early');
    const d = requestDeadline(step(outer.signal), 10_000);
    const req = target();
    d.watch(req);
    expect(req.destroyedWith?.message).toBe('early');
    d.dispose();
  });

  it('dispose() stops the timer and leaves no listener on a long-lived signal', async () => {
    const outer = new AbortController();
    const live = requestDeadline(step(outer.signal), 20);
    expect(listenerCount(outer.signal)).toBe(1);
    live.dispose();
    for (let i = 0; i < 1000; i++) requestDeadline(step(outer.signal), 20).dispose();
    expect(listenerCount(outer.signal)).toBe(0);
    const d = requestDeadline(step(outer.signal), 20);
    const req = target();
    d.watch(req);
    d.dispose();
    await wait(40);
    expect(req.destroyedWith).toBeUndefined();
    expect(d.timedOut).toBe(false);
  });

  it('needs no AbortSignal: any onAbort will do, and dispose() removes the listener it added', () => {
    const listeners = new Set<(reason: Error) => void>();
    const ctx = {
      onAbort: (l: (reason: Error) => void) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    };
    const d = requestDeadline(ctx, 10_000);
    expect(listeners.size).toBe(1);
    const req = target();
    d.watch(req);
    for (const l of listeners) l(new Error('step timed out'));
    expect(req.destroyedWith?.message).toBe('step timed out');
    d.dispose();
    expect(listeners.size).toBe(0);
  });
});
