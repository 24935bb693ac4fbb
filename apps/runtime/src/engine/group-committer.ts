// Group commit: work submitted while a transaction is in flight is applied together in the next one.
import { appendAuditBatch, sendAuditBatch, type Tx } from '../audit';
import { rawClientOf } from '../audit/bulk-insert';
import type { Db } from '../db/client';
import type { Logger } from '../logging/logger';
import { type Effects, emptyEffects } from './effects';
import { type OpenedTransaction, openTransaction, pipelinedTransaction } from './pipelined-transaction';
import { drain, sent } from './tx-gather';

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
  /**
   * Runs inside each batch's transaction after its items, before the audit rows (deferred multi-row writes).
   * Resolves once the audit events are final, with what it sent that is still in flight.
   */
  beforeCommit?(tx: Tx, fx: Effects): Promise<{ inFlight?: Promise<unknown> }>;
  /**
   * Called once the items' first statements are sent (the event loop's check phase after the batch started), with
   * each item's effects so far: may send some of their writes at once, taking them out of the effects. Resolves
   * when those writes are answered; the transaction waits for it before COMMIT.
   */
  sendEarly?(tx: Tx, effects: readonly Effects[]): Promise<unknown> | null;
  maxBatch?: number;
  /** Transactions in flight at once (default 4); keep it below the pool size. */
  maxInflight?: number;
  /**
   * While a transaction is in flight, another one starts only once this many items wait (default 1): more items
   * per commit (fewer statements, fsyncs and audit blocks per item) for a little latency.
   */
  minBatchWhenBusy?: number;
}

/**
 * Applies submitted work in shared transactions: up to `maxInflight` transactions at a time (each on its own pool
 * connection), new work gathering meanwhile, so an idle system commits each item at once and a loaded one commits
 * many per fsync. Guarantee: `submit` resolves only after its writes are committed; if a batch fails (a deadlock
 * between two batches, a bad item), its items are retried one per transaction so one cannot fail the others.
 */
export class GroupCommitter {
  private queue: Pending[] = [];
  private inflight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxInflight: number;
  private readonly minBatchWhenBusy: number;
  /** The next batch's transaction, BEGIN already sent while the committer is busy; released when it goes idle. */
  private spare: OpenedTransaction | null = null;

  constructor(private readonly o: CommitterOptions) {
    this.maxBatch = o.maxBatch ?? 200;
    this.maxInflight = o.maxInflight ?? 4;
    this.minBatchWhenBusy = o.minBatchWhenBusy ?? 1;
  }

  submit<T>(key: string, work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, key, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        // Gather what is submitted in this turn of the event loop into one batch.
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  /** Resolves once everything submitted so far is committed. */
  async idle(): Promise<void> {
    while (this.inflight > 0 || this.queue.length > 0 || this.scheduled)
      await new Promise((r) => setTimeout(r, 5));
  }

  private pump(): void {
    while (this.inflight < this.maxInflight && this.queue.length > 0) {
      // The transaction in flight calls pump again when it ends: what waits then goes at once.
      if (this.inflight > 0 && this.queue.length < this.minBatchWhenBusy) return;
      const batch = this.queue.splice(0, this.maxBatch);
      batch.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      this.inflight++;
      const transaction = this.spare ?? openTransaction(this.o.db);
      this.spare = openTransaction(this.o.db);
      void this.commitBatch(batch, transaction).finally(() => {
        this.inflight--;
        this.pump();
        if (this.inflight === 0 && this.queue.length === 0 && !this.scheduled) {
          this.spare?.release();
          this.spare = null;
        }
      });
    }
  }

  private async commitBatch(batch: Pending[], transaction?: OpenedTransaction): Promise<void> {
    const effects = batch.map(() => emptyEffects());
    let merged = emptyEffects();
    let values: unknown[];
    try {
      const run: typeof pipelinedTransaction = (db, body) =>
        transaction ? transaction.run(body) : pipelinedTransaction(db, body);
      values = await run(this.o.db, async (tx) => {
        planWithIndexes(tx);
        const out: unknown[] = new Array(batch.length);
        // Items of one key (a run) run in order; different keys run concurrently, so their statements are
        // pipelined on the transaction's connection (one socket write for many) instead of a round trip each.
        const groups = new Map<string, number[]>();
        for (const [i, item] of batch.entries()) groups.set(item.key, [...(groups.get(item.key) ?? []), i]);
        const worked = Promise.all(
          [...groups.values()].map(async (indexes) => {
            for (const i of indexes) out[i] = await (batch[i] as Pending).work(tx, effects[i] as Effects);
          }),
        );
        // After the items' gathered statements (flushed on the next tick, before this check phase).
        // Wrapped: resolving with the writes' promise would wait for their answers. Never sent once an item has
        // failed: the body has then returned and a statement sent now would run after the ROLLBACK, outside it.
        let failed = false;
        worked.catch(() => {
          failed = true;
        });
        // Not when the items are done first (none waited for an answer, as in a batch of new runs only): beforeCommit
        // then sends their rows at once, where the check phase can be a millisecond or more away on a busy event loop.
        let waiting: NodeJS.Immediate | null = null;
        const early = this.o.sendEarly
          ? new Promise<{ writes: Promise<unknown> | null }>((resolve) => {
              waiting = setImmediate(() => {
                waiting = null;
                resolve({ writes: failed ? null : (this.o.sendEarly?.(tx, effects) ?? null) });
              });
            })
          : null;
        await worked;
        if (waiting) clearImmediate(waiting);
        const earlyWrites = waiting ? null : ((await early)?.writes ?? null);
        merged = mergeEffects(effects);
        // The deferred rows, and the writes items sent without waiting for them (gathered run updates): once all
        // are sent and the audit events are final, the audit block and COMMIT may follow without waiting.
        const deferred = this.o.beforeCommit?.(tx, merged);
        if (!rawClientOf(tx)) {
          // The query builder (PGlite): everything answered, then the audit block; COMMIT after it.
          await Promise.all([(await deferred)?.inFlight, drain(tx), earlyWrites]);
          await appendAuditBatch(tx, merged.audit);
          return { value: out };
        }
        const [flushed, gathered] = await Promise.all([deferred, sent(tx)]);
        const inFlight = Promise.all([flushed?.inFlight, gathered.answered, earlyWrites]);
        // The audit block and COMMIT follow the writes without waiting for them: appending takes no lock (blocks
        // are chained after commit, by the sealer).
        return { value: out, tail: Promise.all([inFlight, sendAuditBatch(tx, merged.audit)]) };
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
    // The jobs and events are sent first (ioredis keeps call order, so a later batch's events follow these), then
    // the submitters learn of the commit without waiting for Redis's answer: their work is safe in Postgres.
    const after = this.runAfterCommit(merged);
    for (const [i, item] of batch.entries()) item.resolve(values[i]);
    await after;
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

function mergeEffects(all: Effects[]): Effects {
  const fx = emptyEffects();
  for (const e of all) {
    fx.audit.push(...e.audit);
    fx.jobs.push(...e.jobs);
    fx.events.push(...e.events);
    fx.after.push(...e.after);
    fx.runs.push(...e.runs);
    fx.steps.push(...e.steps);
    fx.startedRuns.push(...e.startedRuns);
  }
  return fx;
}

/**
 * Sent first in every batch transaction: its statements are planned as plain index scans on their keys. Their
 * prepared plans are made once per connection, often while the tables are still small (a new installation, a fresh
 * database), when a sequential scan filtering `id = any($1)` looks cheapest; the plan then stays as the tables grow
 * (until autovacuum analyzes them): measured in bench/e2e, the run locks, step counts and run updates read every
 * run and step row of the database on each batch (222,000 rows for 3,300 runs; a fifth of PostgreSQL's CPU). No
 * bitmap scans either: the outcome UPDATE (`id = any($2) and status = 'running'`) was planned as a BitmapAnd of the
 * primary key and the partial `steps_status_due` index, whose 'running' part holds an entry for every step run
 * since the last vacuum (an update leaves the old one behind): ~3,000 index entries read per batch after 10,000
 * runs, a sixth of PostgreSQL's CPU, growing until autovacuum. Every statement here has a key to use. Scoped to the
 * transaction (`is_local`): other queries plan as they like.
 */
export const PLAN_WITH_INDEXES =
  "select set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true)";

function planWithIndexes(tx: Tx): void {
  const raw = rawClientOf(tx);
  if (!raw) return;
  const set = raw.unsafe(PLAN_WITH_INDEXES, [], { prepare: true });
  set.execute();
  (set as Promise<unknown>).catch(() => {}); // a failure fails the transaction, reported by its other statements
}
