// requestDeadline: ends the watched request on timeout or on the outer signal, reports which, releases its listener.
import { describe, expect, it } from 'vitest';
import { type Endable, requestDeadline } from './deadline';

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
    const d = requestDeadline(new AbortController().signal, 30);
    const req = target();
    d.watch(req);
    await wait(60);
    expect(d.timedOut).toBe(true);
    expect((req.destroyedWith as DOMException).name).toBe('TimeoutError');
    expect(d.reason).toBe(req.destroyedWith);
  });

  it('ends the request with the outer reason when the step is cancelled', () => {
    const outer = new AbortController();
    const d = requestDeadline(outer.signal, 10_000);
    const req = target();
    d.watch(req);
    outer.abort(new Error('cancelled'));
    expect(req.destroyedWith?.message).toBe('cancelled');
    expect(d.timedOut).toBe(false);
    d.dispose();
  });

  it('ends a request watched after the outer signal already aborted, at once', () => {
    const outer = new AbortController();
    outer.abort('early');
    const d = requestDeadline(outer.signal, 10_000);
    const req = target();
    d.watch(req);
    expect(req.destroyedWith?.message).toBe('early');
    d.dispose();
  });

  it('dispose() stops the timer and leaves no listener on a long-lived outer signal', async () => {
    const outer = new AbortController();
    const live = requestDeadline(outer.signal, 20);
    expect(listenerCount(outer.signal)).toBe(1);
    live.dispose();
    for (let i = 0; i < 1000; i++) requestDeadline(outer.signal, 20).dispose();
    expect(listenerCount(outer.signal)).toBe(0);
    const d = requestDeadline(outer.signal, 20);
    const req = target();
    d.watch(req);
    d.dispose();
    await wait(40);
    expect(req.destroyedWith).toBeUndefined();
    expect(d.timedOut).toBe(false);
  });
});
