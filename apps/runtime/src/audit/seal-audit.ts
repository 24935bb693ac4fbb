// The sealer: chains committed audit blocks into the hash chain (audit_chain), in PostgreSQL
// (`sluice_audit_seal`, drizzle/0006_audit_blocks.sql), on a timer in every process and before each read.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Logger } from '../logging/logger';

/** Blocks chained per call (one transaction each). */
const BLOCKS_PER_CALL = 500;

/**
 * Chains every block committed before the call: waits (up to `maxWaitMs`) for the transactions running at the
 * call to end, as a block can be chained only once its transaction and every older one have ended, then seals.
 * Resolves with how many blocks it chained. Past `maxWaitMs` (a transaction open that long), what could be sealed
 * is: readers see the chain up to the oldest transaction still running.
 */
export async function sealAudit(db: Db, maxWaitMs = 2_000): Promise<number> {
  // A transaction id of its own (a statement of its own, ended at once): every transaction that committed before
  // this call has a smaller one. A snapshot's xmax would not do: it can be below a running transaction's id.
  const [target] = rows<{ x: string }>(await db.execute(sql`select pg_current_xact_id()::text as x`));
  const deadline = Date.now() + maxWaitMs;
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    const [now] = rows<{ done: boolean }>(
      await db.execute(sql`select pg_snapshot_xmin(pg_current_snapshot()) >= ${target?.x}::xid8 as done`),
    );
    if (now?.done || Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, pause));
  }
  let total = 0;
  for (;;) {
    const n = await sealOnce(db, true);
    total += n;
    if (n < BLOCKS_PER_CALL) return total;
  }
}

/** postgres-js answers with the rows, PGlite with { rows }. */
const rows = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);

async function sealOnce(db: Db, wait: boolean): Promise<number> {
  const [row] = rows<{ n: number }>(
    await db.execute(sql`select "sluice_audit_seal"(${BLOCKS_PER_CALL}, ${wait}) as n`),
  );
  return Number(row?.n ?? 0);
}

/**
 * Blocks committed (or still being written) after the last sealed one, and the age of the oldest of them: what a
 * transaction left open holds back. One range scan on `audit_block_xid`.
 */
export async function unsealedBacklog(db: Db): Promise<{ blocks: number; oldestSeconds: number }> {
  const [row] = rows<{ blocks: number; oldest: number | null }>(
    await db.execute(sql`with "last" as (select l."xid", l."id" from "audit_chain" c
        join "audit_blocks" l on l."id" = c."block" order by c."seq" desc limit 1)
      select count(*)::int as blocks, extract(epoch from now() - min(b."last_at"))::float8 as oldest
      from "audit_blocks" b
      where (b."xid", b."id") > (coalesce((select "xid" from "last"), '0'::xid8), coalesce((select "id" from "last"), 0))`),
  );
  return { blocks: Number(row?.blocks ?? 0), oldestSeconds: Math.max(0, Number(row?.oldest ?? 0)) };
}

export interface AuditSealer {
  /** Stops the timer; resolves once a pass in progress has ended. */
  stop(): Promise<void>;
}

/**
 * Seals every `intervalMs` (default 250 ms), skipping a turn while another process seals: appends become part
 * of the chain within about that time of their commit.
 */
export function startAuditSealer(db: Db, log: Logger, intervalMs = 250): AuditSealer {
  let running: Promise<void> | null = null;
  const pass = async () => {
    try {
      while ((await sealOnce(db, false)) === BLOCKS_PER_CALL);
    } catch (err) {
      log.warn({ err }, 'sealing the audit chain failed; retrying at the next interval');
    }
  };
  const timer = setInterval(() => {
    running ??= pass().finally(() => {
      running = null;
    });
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
