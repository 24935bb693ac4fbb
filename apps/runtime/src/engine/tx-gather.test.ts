// gather/drain: calls of one turn share a flush; drain waits for every flush, also ones opened by a flush.
import { describe, expect, it } from 'vitest';
import type { Tx } from '../audit';
import { drain, gather, sent } from './tx-gather';

const fakeTx = () => ({}) as Tx;

describe('gather', () => {
  it('flushes the calls of one turn together, each getting its own result', async () => {
    const tx = fakeTx();
    const flushed: number[][] = [];
    const flush = async (items: number[]) => {
      flushed.push(items);
      return items.map((n) => n * 10);
    };
    const results = await Promise.all([1, 2, 3].map((n) => gather(tx, 'k', flush, n)));
    expect(results).toEqual([10, 20, 30]);
    expect(flushed).toEqual([[1, 2, 3]]);
  });
});

describe('drain', () => {
  it('waits for writes nobody awaited, including those a flush led to', async () => {
    const tx = fakeTx();
    const done: string[] = [];
    const slow = async (items: string[]) => {
      await new Promise((r) => setTimeout(r, 20));
      done.push(...items);
      return items.map(() => null);
    };
    void gather(
      tx,
      'a',
      async (items: string[]) => {
        done.push(...items);
        void gather(tx, 'b', slow, 'second');
        return items.map(() => null);
      },
      'first',
    );
    await drain(tx);
    expect(done).toEqual(['first', 'second']);
  });

  it('rejects with a flush failure', async () => {
    const tx = fakeTx();
    gather(tx, 'a', async () => Promise.reject(new Error('write failed')), 1).catch(() => {});
    await expect(drain(tx)).rejects.toThrow('write failed');
  });

  it('resolves at once with nothing gathered', async () => {
    await expect(drain(fakeTx())).resolves.toBeUndefined();
  });
});

describe('sent', () => {
  it('resolves once every flush has started, before their answers, with a promise of the answers', async () => {
    const tx = fakeTx();
    let answer: () => void = () => {};
    const started: string[] = [];
    void gather(
      tx,
      'w',
      (items: string[]) => {
        started.push(...items);
        return new Promise<null[]>((r) => {
          answer = () => r(items.map(() => null));
        });
      },
      'write',
    );
    const { answered: answers } = await sent(tx);
    expect(started).toEqual(['write']);
    let settled = false;
    void answers.then(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toBe(false);
    answer();
    await answers;
  });
});
