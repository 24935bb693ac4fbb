// A group-commit transaction whose COMMIT travels in the same pipeline as its last statements (postgres-js).
//
// drizzle's `db.transaction` on postgres-js waits for the body's last statement before sending COMMIT: a round
// trip that carries no information. Under load each round trip waits a turn of a busy event loop, and a batch's
// items wait for the whole transaction. BEGIN is still awaited: sending it unawaited needs a reserved connection,
// and postgres-js gives no way to learn that a reserved connection dropped (the body would wait forever).
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

/**
 * Runs `body` in one transaction and resolves with its value once committed. Guarantee: either everything the body
 * sent commits, or nothing does (a failed statement anywhere, `tail` included, rolls the whole transaction back and
 * rejects). On PostgreSQL, postgres-js's `begin` (it rejects at once if the connection drops, where a reserved
 * connection would leave the body waiting forever) with COMMIT sent as soon as the body returns, right behind its
 * `tail` statements, not after their answers: PostgreSQL answers a COMMIT of a failed transaction with ROLLBACK,
 * and the tail's failure is rethrown. Elsewhere (PGlite) drizzle's own transaction, the tail awaited inside it.
 */
export async function pipelinedTransaction<T>(db: Db, body: (tx: Tx) => Promise<BodyResult<T>>): Promise<T> {
  const client = rawClientOf(db) as unknown as PostgresSql | null;
  if (!client || typeof client.begin !== 'function') {
    return db.transaction(async (tx) => {
      const { value, tail } = await body(tx);
      await tail;
      return value;
    });
  }
  let tail: Promise<unknown> | undefined;
  const value = await client.begin(async (sql) => {
    const result = await body(overConnection(db, sql));
    tail = result.tail;
    // Awaited below, once the COMMIT has been answered.
    tail?.catch(() => {});
    return result.value;
  });
  // The tail's answers came before the COMMIT's: a failure there means the COMMIT was a ROLLBACK.
  await tail;
  return value;
}

/** A drizzle handle over the transaction's connection, sharing the database's dialect (no per-batch schema work). */
function overConnection(db: Db, conn: unknown): Tx {
  const { dialect } = db as unknown as { dialect: ConstructorParameters<typeof PostgresJsSession>[1] };
  const session = new PostgresJsSession(conn as never, dialect, undefined);
  return new PostgresJsDatabase(dialect, session, undefined) as unknown as Tx;
}
