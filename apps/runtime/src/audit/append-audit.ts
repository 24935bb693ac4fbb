// appendAudit: append events to the hash-chained audit table inside the caller's transaction.
import { withFields } from '@sluice/shared';
import { desc, sql } from 'drizzle-orm';
import { auditEvents } from '../db/schema';
import { auditBody, auditHash, chainHash, GENESIS_HASH, toStoredJson } from './audit-hash';
import { bulkInsert, rawClientOf } from './bulk-insert';
import type { Tx } from './tx';

export interface AuditInput {
  /** Who: `system`, `worker`, a token id or user name. */
  actor: string;
  /** What, dotted: `run.created`, `step.succeeded`, `flow.published`... */
  action: string;
  flowId?: string | null;
  runId?: string | null;
  stepId?: string | null;
  data?: unknown;
  /** Defaults to now. */
  at?: Date;
}

/** Any constant works; it only has to be the same in every process that appends. */
// Also in drizzle/0001_audit_chain_guard.sql.
const AUDIT_LOCK_KEY = 7_310_553_001;

/**
 * Appends one event in `tx`. Guarantee: appends are serialised by a transaction-level advisory lock taken here
 * and held until `tx` commits, so each row's `prev_hash` is the hash of the row committed before it. Call it as
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
 * Appends several events in order with one lock, one read and one multi-row insert. `lockedHead`: the result of
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
  const raw = rawClientOf(tx);
  if (raw) {
    const chained = chainText(last, events);
    await insertChained(raw, chained.text, last);
    return chained.lastHash;
  }
  const rows = chainRows(last, events);
  // Multi-row inserts keep the order of `rows` for the serial `seq`.
  await bulkInsert(tx, auditEvents, rows);
  return rows.at(-1)?.hash;
}

/**
 * Sends the chain guard (lock, then a check that the chain still ends at `expectedHead`) and the rows hashed from
 * `expectedHead`, without waiting: no round trip for the head. postgres-js only. If another transaction appended
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
  const chained = chainText(expectedHead, events);
  const guard = raw.unsafe('select "sluice_audit_chain_guard"($1)', [expectedHead], { prepare: true });
  // postgres-js sends a query when it is first awaited: the guard (and its lock) must go before the rows.
  guard.execute();
  const insert = insertChained(raw, chained.text, expectedHead);
  const settled = () => undefined;
  return {
    lastHash: chained.lastHash,
    // Answered once this transaction holds the chain lock (or failed to take it): the next batch's guard, sent after
    // this, queues behind it.
    locked: guard.then(settled, settled),
    done: Promise.all([guard, insert]).then(settled),
  };
}

/** The SQLSTATE the chain guard raises when the chain moved past the expected head. */
export const AUDIT_HEAD_MOVED = 'SLA01';

/**
 * The rows as one JSON array for PostgreSQL: each row is its canonical body (what is hashed, keys naming the
 * columns) with its hash added, so nothing is encoded twice. `prev_hash` is not sent: the insert takes it from
 * the row before (the first from `prevHash`).
 */
function chainText(prevHash: string, events: readonly AuditInput[]): { text: string; lastHash: string } {
  let prev = prevHash;
  let text = '[';
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as AuditInput;
    const body = auditBody(
      e.at ?? new Date(),
      e.actor,
      e.action,
      e.flowId ?? null,
      e.runId ?? null,
      e.stepId ?? null,
      toStoredJson(e.data),
    );
    prev = chainHash(prev, body);
    text += `${i === 0 ? '' : ','}${body.slice(0, -1)},"hash":"${prev}"}`;
  }
  return { text: `${text}]`, lastHash: prev };
}

// A fixed text, prepared once per connection. `seq` follows the rows' order (ORDER BY "ord").
const INSERT_CHAINED = `insert into "audit_events" ("at","actor","action","flow_id","run_id","step_id","data","prev_hash","hash")
select "at","actor","action","flowId","runId","stepId","data",lag("hash", 1, $2::text) over (order by "ord"),"hash"
from rows from (json_to_recordset($1::json) as ("action" text,"actor" text,"at" timestamptz,"data" json,"flowId" text,"runId" text,"stepId" text,"hash" text))
with ordinality as r("action","actor","at","data","flowId","runId","stepId","hash","ord") order by "ord"`;

function insertChained(raw: NonNullable<ReturnType<typeof rawClientOf>>, text: string, prevHash: string) {
  return raw.unsafe(INSERT_CHAINED, [text, prevHash], { prepare: true });
}

/** Rows with their chain hashes, each pointing back to the one before, the first to `prevHash` (query builder). */
function chainRows(prevHash: string, events: readonly AuditInput[]) {
  let prev = prevHash;
  return events.map((e) => {
    const content = {
      at: e.at ?? new Date(),
      actor: e.actor,
      action: e.action,
      flowId: e.flowId ?? null,
      runId: e.runId ?? null,
      stepId: e.stepId ?? null,
      data: toStoredJson(e.data),
    };
    const hash = auditHash(prev, content);
    const row = withFields(content, { prevHash: prev, hash });
    prev = hash;
    return row;
  });
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
    const head = raw.unsafe('select "hash" from "audit_events" order by "seq" desc limit 1', []) as Promise<
      { hash: string }[]
    >;
    const [, rows] = await Promise.all([lock, head]);
    return rows[0]?.hash;
  }
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return last?.hash;
}
