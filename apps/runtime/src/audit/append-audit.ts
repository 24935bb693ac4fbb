// appendAudit: append events to the hash-chained audit trail inside the caller's transaction, as one block.
import { desc, sql } from 'drizzle-orm';
import { auditBlocks } from '../db/schema';
import { type AuditInput, buildBlock, type NewBlock, textArrayLiteral } from './audit-block';
import { GENESIS_HASH } from './audit-hash';
import { rawClientOf } from './bulk-insert';
import type { Tx } from './tx';

export type { AuditInput } from './audit-block';

/** Any constant works; it only has to be the same in every process that appends. */
// Also in the chain guard, drizzle/0006_audit_blocks.sql.
const AUDIT_LOCK_KEY = 7_310_553_001;

/**
 * Appends one event in `tx`. Guarantee: appends are serialised by a transaction-level advisory lock taken here
 * and held until `tx` commits, so each block's `prev_hash` is the hash of the block committed before it. Call it as
 * late in the transaction as you can: the lock is held until commit.
 *
 * @example await db.transaction((tx) => appendAudit(tx, {actor: 'admin', action: 'flow.published', flowId, data: {version}}))
 */
export async function appendAudit(tx: Tx, event: AuditInput): Promise<void> {
  await appendAuditBatch(tx, [event]);
}

/**
 * Sends the chain lock and the head read now, behind what `tx` has already sent (postgres-js only, else null):
 * pass the result to `appendAuditBatch` to save it a round trip. The lock is held until `tx` ends.
 */
export function lockAuditChainEarly(tx: Tx): Promise<string | undefined> | null {
  if (!rawClientOf(tx)) return null;
  const head = lockedChainHead(tx);
  // Awaited by appendAuditBatch; if the transaction fails first, nobody may await it.
  head.catch(() => {});
  return head;
}

/**
 * Appends several events in order as one block: one lock, one read, one row. `lockedHead`: the result of
 * `lockAuditChainEarly` on this `tx`, if it was called. Resolves with the chain's new last hash.
 */
export async function appendAuditBatch(
  tx: Tx,
  events: readonly AuditInput[],
  lockedHead?: Promise<string | undefined> | null,
): Promise<string | undefined> {
  if (events.length === 0) {
    await lockedHead;
    return undefined;
  }
  const last = (await (lockedHead ?? lockedChainHead(tx))) ?? GENESIS_HASH;
  const block = buildBlock(last, events);
  const raw = rawClientOf(tx);
  if (raw) await insertBlock(raw, block);
  else
    await tx.insert(auditBlocks).values({
      seq: sql.raw(`(${NEXT_SEQ})`),
      count: block.count,
      lastAt: block.lastAt,
      runIds: block.runIds,
      flowIds: block.flowIds,
      prevHash: block.prevHash,
      hash: block.hash,
      events: block.eventsText,
    });
  return block.hash;
}

/**
 * Sends the chain guard (lock, then a check that the chain still ends at `expectedHead`) and the rows hashed from
 * `expectedHead` (one block), without waiting: no round trip for the head. postgres-js only. If another transaction appended
 * since `expectedHead` was learnt, the guard fails the transaction with `AUDIT_HEAD_MOVED` (the caller retries
 * with the head read under the lock). `done` resolves once both statements succeeded; `locked` once the guard was
 * answered, either way.
 */
export function appendAuditExpecting(
  tx: Tx,
  events: readonly AuditInput[],
  expectedHead: string,
): { lastHash: string; locked: Promise<void>; done: Promise<void> } {
  const raw = rawClientOf(tx);
  if (!raw) throw new Error('appendAuditExpecting needs the postgres-js driver');
  const block = buildBlock(expectedHead, events);
  const guard = raw.unsafe('select "sluice_audit_chain_guard"($1)', [expectedHead], { prepare: true });
  // postgres-js sends a query when it is first awaited: the guard (and its lock) must go before the rows.
  guard.execute();
  const insert = insertBlock(raw, block);
  const settled = () => undefined;
  return {
    lastHash: block.hash,
    // Answered once this transaction holds the chain lock (or failed to take it): the next batch's guard, sent after
    // this, queues behind it.
    locked: guard.then(settled, settled),
    done: Promise.all([guard, insert]).then(settled),
  };
}

/** The SQLSTATE the chain guard raises when the chain moved past the expected head. */
export const AUDIT_HEAD_MOVED = 'SLA01';

/** The `seq` of the next block: after the last event of the one before. Runs under the chain lock. */
const NEXT_SEQ =
  'select coalesce((select "seq" + "count" from "audit_blocks" order by "seq" desc limit 1), 1)';

// A fixed text, prepared once per connection: one row per block whatever its size.
const INSERT_BLOCK = `insert into "audit_blocks" ("seq","count","last_at","run_ids","flow_ids","prev_hash","hash","events")
select (${NEXT_SEQ}),$1::int,$2::timestamptz,$3::text[],$4::text[],$5::text,$6::text,$7::text`;

function insertBlock(raw: NonNullable<ReturnType<typeof rawClientOf>>, b: NewBlock) {
  return raw.unsafe(
    INSERT_BLOCK,
    [
      b.count,
      b.lastAt.toISOString(),
      textArrayLiteral(b.runIds),
      textArrayLiteral(b.flowIds),
      b.prevHash,
      b.hash,
      b.eventsText,
    ],
    { prepare: true },
  );
}

/**
 * Takes the chain lock, then reads the chain head. The read must start after the lock is granted, to get a
 * snapshot (read committed) that sees the row of the transaction that held the lock before. On postgres-js the
 * pair is sent at once: the client sends in call order and the server runs the read only after the lock
 * statement returned (one round trip). Through the query builder (PGlite) two round trips, as the builder may
 * reorder a pipelined pair.
 */
async function lockedChainHead(tx: Tx): Promise<string | undefined> {
  const raw = rawClientOf(tx);
  if (raw) {
    const lock = raw.unsafe('select pg_advisory_xact_lock($1::bigint)', [AUDIT_LOCK_KEY], { prepare: true });
    const head = raw.unsafe('select "hash" from "audit_blocks" order by "seq" desc limit 1', []) as Promise<
      { hash: string }[]
    >;
    const [, rows] = await Promise.all([lock, head]);
    return rows[0]?.hash;
  }
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx
    .select({ hash: auditBlocks.hash })
    .from(auditBlocks)
    .orderBy(desc(auditBlocks.seq))
    .limit(1);
  return last?.hash;
}
