// A group-commit transaction whose COMMIT travels in the same pipeline as its last statements (postgres-js).
//
// drizzle's `db.transaction` on postgres-js waits for the body's last statement before sending COMMIT: a round
// trip that carries no information. Under load each round trip waits a turn of a busy event loop, and a batch's
// items wait for the whole transaction. BEGIN rides postgres-js's `begin` (a reserved connection would leave the
// body waiting forever if it dropped: postgres-js tells its user nothing), but may be sent ahead of the body
// (`openTransaction`): the group committer opens the next batch's transaction while that batch gathers.
import { PostgresJsDatabase, PostgresJsSession } from 'drizzle-orm/postgres-js';
import type { Tx } from '../audit';
import { rawClientOf } from '../audit/bulk-insert';
import type { Db } from '../db/client';

/** What a transaction body hands back: its value, and its last statements, sent but not awaited. */
export interface BodyResult<T> {
  value: T;
  /**
   * Settles when the body's last statements did; COMMIT is sent right behind them. Those statements must already be
   * sent (postgres-js: created and awaited or `.execute()`d) when the body returns: one sent later would run after
   * the COMMIT, outside the transaction.
   */
  tail?: Promise<unknown>;
}

interface PostgresSql {
  begin<R>(fn: (sql: unknown) => Promise<R>): Promise<R>;
}

type Body<T> = (tx: Tx) => Promise<BodyResult<T>>;

/**
 * Runs `body` in one transaction and resolves with its value once committed. Guarantee: either everything the body
 * sent commits, or nothing does (a failed statement anywhere, `tail` included, rolls the whole transaction back and
 * rejects). On PostgreSQL, postgres-js's `begin` (it rejects at once if the connection drops, where a reserved
 * connection would leave the body waiting forever) with COMMIT sent as soon as the body returns, right behind its
 * `tail` statements, not after their answers: PostgreSQL answers a COMMIT of a failed transaction with ROLLBACK,
 * and the tail's failure is rethrown. Elsewhere (PGlite) drizzle's own transaction, the tail awaited inside it.
 */
export function pipelinedTransaction<T>(db: Db, body: Body<T>): Promise<T> {
  return openTransaction(db).run(body);
}

/**
 * Sends BEGIN now, for a body given later: a group committer opens the next batch's transaction while that batch
 * is still gathering, so the batch does not wait a round trip for BEGIN's answer. Call `run` once, or `release`
 * (commits nothing) to give the connection back. On PGlite nothing is opened ahead.
 */
export function openTransaction(db: Db): OpenedTransaction {
  return new OpenedTransaction(db);
}

export class OpenedTransaction {
  private hand: ((body: Body<unknown> | null) => void) | null = null;
  private readonly done: Promise<unknown> | null = null;
  private dropped = false;
  private tail: Promise<unknown> | undefined;

  constructor(private readonly db: Db) {
    const client = rawClientOf(db) as unknown as PostgresSql | null;
    if (!client || typeof client.begin !== 'function') return;
    const handed = new Promise<Body<unknown> | null>((resolve) => {
      this.hand = resolve;
    });
    this.done = client.begin(async (sql) => {
      const body = await handed;
      if (!body) return undefined;
      const result = await body(overConnection(db, sql));
      this.tail = result.tail;
      // Awaited in `run`, once the COMMIT has been answered.
      this.tail?.catch(() => {});
      return result.value;
    });
    // A connection lost while waiting for the body: `run` then opens another transaction.
    this.done.catch(() => {
      this.dropped = true;
    });
  }

  /** Runs `body` in this transaction (see pipelinedTransaction). */
  async run<T>(body: Body<T>): Promise<T> {
    const hand = this.hand;
    this.hand = null;
    if (!this.done) {
      return this.db.transaction(async (tx) => {
        const { value, tail } = await body(tx);
        await tail;
        return value;
      });
    }
    if (!hand) throw new Error('an opened transaction runs one body');
    if (this.dropped) return pipelinedTransaction(this.db, body);
    hand(body as Body<unknown>);
    const value = (await this.done) as T;
    // The tail's answers came before the COMMIT's: a failure there means the COMMIT was a ROLLBACK.
    await this.tail;
    return value;
  }

  /** Ends the transaction without a body, committing nothing. */
  release(): void {
    const hand = this.hand;
    this.hand = null;
    hand?.(null);
  }
}

/** A drizzle handle over the transaction's connection, sharing the database's dialect (no per-batch schema work). */
function overConnection(db: Db, conn: unknown): Tx {
  const { dialect } = db as unknown as { dialect: ConstructorParameters<typeof PostgresJsSession>[1] };
  const session = new PostgresJsSession(conn as never, dialect, undefined);
  return new PostgresJsDatabase(dialect, session, undefined) as unknown as Tx;
}
