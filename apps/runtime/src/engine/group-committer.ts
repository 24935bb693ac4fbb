// Group commit: work submitted while a transaction is in flight is applied together in the next one.
import { appendAuditBatch, type Tx } from '../audit';
import type { Db } from '../db/client';
import type { Logger } from '../logging/logger';
import { type Effects, emptyEffects } from './effects';

/** One unit of work: its writes go into `tx`, what must follow the commit into `fx`. Must not keep state outside. */
export type Work<T> = (tx: Tx, fx: Effects) => Promise<T>;

interface Pending {
  work: Work<unknown>;
  /** Items of a batch run sorted by this key so concurrent batches lock rows in the same order. */
  key: string;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

export interface CommitterOptions {
  db: Db;
  log: Logger;
  /** Called once per committed batch with the merged effects (enqueue jobs, publish events). */
  afterCommit(fx: Effects): Promise<void>;
  maxBatch?: number;
}

/**
 * Applies submitted work in shared transactions: one in flight at a time, the next batch gathering meanwhile, so
 * an idle system commits each item at once and a loaded one commits many per fsync. Guarantee: `submit` resolves
 * only after its writes are committed; if a batch fails, its items are retried one per transaction so one bad
 * item cannot fail the others.
 */
export class GroupCommitter {
  private queue: Pending[] = [];
  private flushing = false;
  private readonly maxBatch: number;

  constructor(private readonly o: CommitterOptions) {
    this.maxBatch = o.maxBatch ?? 200;
  }

  submit<T>(key: string, work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, key, resolve: resolve as (v: unknown) => void, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Resolves once everything submitted so far is committed. */
  async idle(): Promise<void> {
    while (this.flushing) await new Promise((r) => setTimeout(r, 5));
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        batch.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        await this.commitBatch(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async commitBatch(batch: Pending[]): Promise<void> {
    const fx = emptyEffects();
    let values: unknown[];
    try {
      values = await this.o.db.transaction(async (tx) => {
        const out: unknown[] = [];
        for (const item of batch) out.push(await item.work(tx, fx));
        await appendAuditBatch(tx, fx.audit);
        return out;
      });
    } catch (err) {
      if (batch.length === 1) {
        batch[0]?.reject(err);
        return;
      }
      this.o.log.warn({ err, size: batch.length }, 'group commit failed; retrying its items one by one');
      for (const item of batch) await this.commitBatch([item]);
      return;
    }
    await this.runAfterCommit(fx);
    for (const [i, item] of batch.entries()) item.resolve(values[i]);
  }

  private async runAfterCommit(fx: Effects): Promise<void> {
    try {
      for (const f of fx.after) f();
      await this.o.afterCommit(fx);
    } catch (err) {
      // Committed work is safe in Postgres: the reconciler re-creates any job that did not reach Redis.
      this.o.log.error({ err }, 'after-commit effects failed; the reconciler will re-enqueue');
    }
  }
}
