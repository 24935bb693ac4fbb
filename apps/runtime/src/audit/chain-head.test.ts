// ChainHead: the belief, its cool-down after misses, and the wait for the batch it comes from to hold the lock.
import { describe, expect, it } from 'vitest';
import { ChainHead } from './chain-head';

describe('ChainHead', () => {
  it('believes what was sent, forgets on failure and cools down after a miss', () => {
    const head = new ChainHead();
    expect(head.expected()).toBeNull();
    head.sent('h1');
    expect(head.expected()).toBe('h1');
    head.forget(true); // moved: 2 batches read the head under the lock
    head.sent('h2');
    expect([head.expected(), head.expected(), head.expected()]).toEqual([null, null, 'h2']);
  });

  it('lockTaken: nothing to wait for when the belief came with the lock held', () => {
    const head = new ChainHead();
    head.sent('h1');
    expect(head.lockTaken(20)).toBeNull();
  });

  it('lockTaken: resolves when the sending transaction holds the lock', async () => {
    const head = new ChainHead();
    let lock!: () => void;
    head.sent('h1', new Promise<void>((r) => (lock = r)));
    let done = false;
    const waiting = head.lockTaken(10_000)?.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(done).toBe(false);
    lock();
    await waiting;
    expect(done).toBe(true);
  });

  it('lockTaken: gives up after maxWaitMs (that transaction may be waiting for one of ours)', async () => {
    const head = new ChainHead();
    head.sent('h1', new Promise<void>(() => {}));
    const started = performance.now();
    await head.lockTaken(30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    head.forget(false);
    expect(head.lockTaken(30)).toBeNull();
  });
});
