// Gathers the calls that items of one group-commit batch make in the same turn of the event loop into one
// set-based statement per kind: N items cost one statement instead of N.
import type { Tx } from '../audit';

interface Pending<I, O> {
  items: I[];
  waiters: { resolve(value: O): void; reject(err: unknown): void }[];
}

const open = new WeakMap<Tx, Map<string, Pending<unknown, unknown>>>();
/** Every gathering's flush on `tx`, settled or not: what `drain` waits for. */
const flushes = new WeakMap<Tx, Promise<unknown>[]>();
/** Per gathering on `tx`: resolves once its flush was called (its statements are sent). */
const starts = new WeakMap<Tx, Promise<void>[]>();

/**
 * Adds `item` to the open gathering of `kind` on `tx` (opening one if needed) and resolves with its own result
 * once `flush` ran for all items gathered until the current turn's promise jobs have run (`process.nextTick`: the
 * items of a batch resume together when a shared answer arrives, and all call before the flush; an event-loop hop
 * here cost a batch up to a millisecond per gathering under load). `flush` returns one result per
 * item, in order; if it throws, every item of the gathering fails with that error (and so does its transaction).
 * `flush` must send all its statements before its first await (`sent` relies on it).
 */
export function gather<I, O>(tx: Tx, kind: string, flush: (items: I[]) => Promise<O[]>, item: I): Promise<O> {
  let kinds = open.get(tx);
  if (!kinds) {
    kinds = new Map();
    open.set(tx, kinds);
  }
  let pending = kinds.get(kind) as Pending<I, O> | undefined;
  if (!pending) {
    const p: Pending<I, O> = { items: [], waiters: [] };
    pending = p;
    const byKind = kinds;
    byKind.set(kind, p as Pending<unknown, unknown>);
    let started: () => void = () => {};
    const start = new Promise<void>((r) => {
      started = r;
    });
    const flushed = new Promise<unknown>((settle, fail) =>
      process.nextTick(() => {
        byKind.delete(kind);
        const result = flush(p.items);
        started();
        result.then(
          (out) => {
            for (const [i, w] of p.waiters.entries()) w.resolve(out[i] as O);
            settle(undefined);
          },
          (err) => {
            for (const w of p.waiters) w.reject(err);
            fail(err);
          },
        );
      }),
    );
    flushed.catch(() => {}); // reported to the waiters, and by `drain`
    const all = flushes.get(tx);
    if (all) all.push(flushed);
    else flushes.set(tx, [flushed]);
    const begun = starts.get(tx);
    if (begun) begun.push(start);
    else starts.set(tx, [start]);
  }
  const target = pending;
  return new Promise<O>((resolve, reject) => {
    target.items.push(item);
    target.waiters.push({ resolve, reject });
  });
}

/**
 * Resolves once every gathering opened on `tx` so far has flushed, or rejects with the first failure: lets an item
 * send a write it does not wait for (`writeRun`), while its transaction still waits for it before COMMIT.
 */
export async function drain(tx: Tx): Promise<void> {
  for (;;) {
    const all = flushes.get(tx) ?? [];
    const n = all.length;
    await Promise.all(all);
    // A flush may have opened more gatherings (an item resumed by it): wait for those too.
    if ((flushes.get(tx)?.length ?? 0) === n) return;
  }
}

/**
 * Resolves once every gathering opened on `tx` so far has sent its statements, with a promise of their answers:
 * the caller can send more (COMMIT) right behind them without waiting for their answers.
 */
export async function sent(tx: Tx): Promise<{ answered: Promise<void> }> {
  await Promise.all(starts.get(tx) ?? []);
  const all = flushes.get(tx) ?? [];
  // Wrapped: an async function returning a promise would wait for it.
  return { answered: Promise.all(all).then(() => undefined) };
}
