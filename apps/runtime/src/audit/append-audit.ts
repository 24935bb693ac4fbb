// appendAudit: append events to the audit trail inside the caller's transaction, as one block. No lock and no
// hash here: the sealer chains the block once its transaction and every older one have ended (seal-audit.ts).
import { auditBlocks } from '../db/schema';
import { type AuditInput, buildBlock, type NewBlock, textArrayLiteral } from './audit-block';
import { rawClientOf } from './bulk-insert';
import type { Tx } from './tx';

export type { AuditInput } from './audit-block';

/**
 * Appends one event in `tx`: it is committed (or rolled back) with `tx` and joins the hash chain when sealed.
 *
 * @example await db.transaction((tx) => appendAudit(tx, {actor: 'admin', action: 'flow.published', flowId, data: {version}}))
 */
export async function appendAudit(tx: Tx, event: AuditInput): Promise<void> {
  await appendAuditBatch(tx, [event]);
}

/** Appends several events in order as one block: one row. */
export async function appendAuditBatch(tx: Tx, events: readonly AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  const block = buildBlock(events);
  const raw = rawClientOf(tx);
  if (raw) await insertBlock(raw, block);
  else await tx.insert(auditBlocks).values(block);
}

/**
 * Sends the block of `events` now, without waiting for its answer (postgres-js only: else use
 * `appendAuditBatch`). Resolves once PostgreSQL answered; its failure fails the transaction.
 */
export function sendAuditBatch(tx: Tx, events: readonly AuditInput[]): Promise<unknown> {
  const raw = rawClientOf(tx);
  if (!raw) throw new Error('sendAuditBatch needs the postgres-js driver');
  if (events.length === 0) return Promise.resolve();
  const statement = insertBlock(raw, buildBlock(events));
  statement.execute();
  return statement;
}

// A fixed text, prepared once per connection: one row per block whatever its size. The texts travel as text and
// are cast by the server (the arrays as array literals).
const INSERT_BLOCK = `insert into "audit_blocks" ("count","last_at","run_ids","flow_ids","events")
values ($1::int,$2::timestamptz,$3::text[],$4::text[],$5::text)`;

function insertBlock(raw: NonNullable<ReturnType<typeof rawClientOf>>, b: NewBlock) {
  return raw.unsafe(
    INSERT_BLOCK,
    [b.count, b.lastAt.toISOString(), textArrayLiteral(b.runIds), textArrayLiteral(b.flowIds), b.events],
    { prepare: true },
  );
}
