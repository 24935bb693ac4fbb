// A group-commit transaction whose BEGIN and COMMIT travel in the same pipeline as its statements (postgres-js).
//
// drizzle's `db.transaction` on postgres-js waits for BEGIN before the body's first statement and for the body's
// last statement before sending COMMIT: two round trips per transaction that carry no information. Under load each
// round trip waits a turn of a busy event loop, and a batch's items wait for the whole transaction.
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

interface ReservedSql {
  unsafe(query: string, params?: unknown[]): Promise<unknown> & { command?: string };
  release(): void;
}

interface PostgresSql {
  reserve(): Promise<ReservedSql>;
}

/**
 * Runs `body` in one transaction and resolves with its value once committed. Guarantee: either everything the body
 * sent commits, or nothing does (a failed statement anywhere, `tail` included, rolls the whole transaction back and
 * rejects). On PostgreSQL (postgres-js) on a reserved connection: BEGIN is sent without waiting, the body's
 * statements follow it, COMMIT follows `tail`; PostgreSQL answers a COMMIT of a failed transaction with ROLLBACK,
 * which is checked. Elsewhere (PGlite) drizzle's own transaction, the tail awaited inside it.
 */
export async function pipelinedTransaction<T>(db: Db, body: (tx: Tx) => Promise<BodyResult<T>>): Promise<T> {
  const client = rawClientOf(db) as unknown as PostgresSql | null;
  if (!client || typeof client.reserve !== 'function') {
    return db.transaction(async (tx) => {
      const { value, tail } = await body(tx);
      await tail;
      return value;
    });
  }
  const conn = await client.reserve();
  try {
    const begin = conn.unsafe('begin');
    // Awaited below; if the body fails first, nobody else would.
    begin.catch(() => {});
    const tx = overConnection(db, conn);
    let result: BodyResult<T> | undefined;
    try {
      result = await body(tx);
      await begin;
    } catch (err) {
      result?.tail?.catch(() => {});
      await conn.unsafe('rollback').catch(() => {});
      throw err;
    }
    const commit = conn.unsafe('commit');
    const [tail, committed] = await Promise.allSettled([result.tail, commit]);
    if (tail.status === 'rejected') {
      // The failed statement aborted the transaction: PostgreSQL turned the COMMIT into a ROLLBACK.
      if (committed.status === 'fulfilled' && commandOf(committed.value) === 'COMMIT')
        throw new Error('a statement failed but its transaction committed');
      throw tail.reason;
    }
    if (committed.status === 'rejected') throw committed.reason;
    if (commandOf(committed.value) !== 'COMMIT')
      throw new Error(`the transaction did not commit (${commandOf(committed.value) ?? 'no answer'})`);
    return result.value;
  } finally {
    conn.release();
  }
}

const commandOf = (result: unknown): string | undefined => (result as { command?: string } | null)?.command;

/** A drizzle handle over the reserved connection, sharing the database's dialect (no per-batch schema work). */
function overConnection(db: Db, conn: ReservedSql): Tx {
  const { dialect } = db as unknown as { dialect: ConstructorParameters<typeof PostgresJsSession>[1] };
  const session = new PostgresJsSession(conn as never, dialect, undefined);
  return new PostgresJsDatabase(dialect, session, undefined) as unknown as Tx;
}
