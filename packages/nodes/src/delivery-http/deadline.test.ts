// requestDeadline: aborts on timeout or on the outer signal, reports which, and releases its listener.
import { describe, expect, it } from 'vitest';
import { requestDeadline } from './deadline';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const listenerCount = (signal: AbortSignal) => {
  const key = Object.getOwnPropertySymbols(signal).find((s) => s.description === 'kEvents');
  return (signal as unknown as Record<symbol, Map<string, { size: number }>>)[key!]?.get('abort')?.size ?? 0;
};

describe('requestDeadline', () => {
  it('aborts after the timeout and says so', async () => {
    const d = requestDeadline(new AbortController().signal, 30);
    await wait(60);
    expect(d.signal.aborted).toBe(true);
    expect(d.timedOut).toBe(true);
    expect((d.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('aborts with the outer reason when the step is cancelled', () => {
    const outer = new AbortController();
    const d = requestDeadline(outer.signal, 10_000);
    outer.abort('cancelled');
    expect(d.signal.aborted).toBe(true);
    expect(d.signal.reason).toBe('cancelled');
    expect(d.timedOut).toBe(false);
    d.dispose();
  });

  it('starts aborted when the outer signal already is', () => {
    const outer = new AbortController();
    outer.abort('early');
    const d = requestDeadline(outer.signal, 10_000);
    expect(d.signal.reason).toBe('early');
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
    d.dispose();
    await wait(40);
    expect(d.signal.aborted).toBe(false);
  });
});
