// The sealer against real PostgreSQL: blocks join the chain in transaction order once every older transaction has
// ended, never twice, rolled-back appends leave nothing, and the timer seals on its own.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresDatabase } from '../../test/support/databases';
import type { Database } from '../db/client';
import { auditBlocks, auditChain } from '../db/schema';
import { createLogger } from '../logging/logger';
import {
  appendAudit,
  appendAuditBatch,
  listAudit,
  sealAudit,
  startAuditSealer,
  unsealedBacklog,
  verifyAudit,
} from './index';

let database: Database;
beforeAll(async () => {
  database = await postgresDatabase();
});
afterAll(() => database.close());

const uid = () => `run_${Math.random().toString(36).slice(2)}`;

/** Opens a transaction that appends for `runId`, and keeps it open until `end` is called. */
function openAppend(runId: string, action: string) {
  let end: (commit: boolean) => void = () => {};
  const decided = new Promise<boolean>((r) => {
    end = r;
  });
  let appended: () => void = () => {};
  const ready = new Promise<void>((r) => {
    appended = r;
  });
  const done = database.db
    .transaction(async (tx) => {
      await appendAudit(tx, { actor: 't', action, runId });
      appended();
      if (!(await decided)) throw new Error('rolled back on purpose');
    })
    .catch((err: Error) => {
      if (err.message !== 'rolled back on purpose') throw err;
    });
  return { ready, end, done };
}

const sealedCount = async (runId: string) =>
  (
    await database.db
      .select({ seq: auditChain.seq })
      .from(auditChain)
      .innerJoin(auditBlocks, eq(auditBlocks.id, auditChain.block))
      .where(sql`${auditBlocks.runIds} @> array[${runId}]::text[]`)
  ).length;

describe('sealAudit', () => {
  it('chains in transaction order: a block waits for every older transaction, committed later or not', async () => {
    const runId = uid();
    const older = openAppend(runId, 'older');
    await older.ready;
    await database.db.transaction((tx) => appendAudit(tx, { actor: 't', action: 'younger', runId }));
    // The younger one committed, but an older transaction is still open: nothing of it is sealed yet.
    await sealAudit(database.db, 50);
    expect(await sealedCount(runId)).toBe(0);
    // What the open transaction holds back shows in the backlog (the metric sluice_audit_unsealed).
    await new Promise((r) => setTimeout(r, 20));
    const backlog = await unsealedBacklog(database.db);
    expect(backlog.blocks).toBeGreaterThanOrEqual(1);
    expect(backlog.oldestSeconds).toBeGreaterThan(0);
    older.end(true);
    await older.done;
    const { events } = await listAudit(database.db, { runId, limit: 10 });
    // Chain order is transaction order: the older transaction's block first, though it committed second.
    expect(events.map((e) => e.action)).toEqual(['older', 'younger']);
    expect(events[1]?.seq).toBeGreaterThan(events[0]?.seq ?? Infinity);
    expect(await verifyAudit(database.db)).toMatchObject({ ok: true });
  });

  it('waits for the transactions running when it is called, so a list shows what committed meanwhile', async () => {
    const runId = uid();
    const open = openAppend(runId, 'slow');
    await open.ready;
    setTimeout(() => open.end(true), 100);
    const { events } = await listAudit(database.db, { runId, limit: 10 });
    expect(events.map((e) => e.action)).toEqual(['slow']);
    await open.done;
  });

  it('leaves nothing of a rolled-back append and no gap in the chain', async () => {
    const runId = uid();
    const rolled = openAppend(runId, 'rolled-back');
    await rolled.ready;
    await database.db.transaction((tx) => appendAudit(tx, { actor: 't', action: 'kept', runId }));
    rolled.end(false);
    await rolled.done;
    const { events } = await listAudit(database.db, { runId, limit: 10 });
    expect(events.map((e) => e.action)).toEqual(['kept']);
    expect(await verifyAudit(database.db)).toMatchObject({ ok: true });
  });

  it('seals each block once with several sealers and appenders at work', async () => {
    const runId = uid();
    await Promise.all([
      ...Array.from({ length: 40 }, (_, i) =>
        database.db.transaction((tx) =>
          appendAuditBatch(tx, [
            { actor: 't', action: `a${i}`, runId },
            { actor: 't', action: `b${i}`, runId },
          ]),
        ),
      ),
      ...Array.from({ length: 6 }, () => sealAudit(database.db)),
    ]);
    await sealAudit(database.db);
    expect(await sealedCount(runId)).toBe(40);
    const { events } = await listAudit(database.db, { runId, limit: 100 });
    expect(events).toHaveLength(80);
    // Consecutive seqs within a block, each block's events together.
    for (let i = 0; i < 80; i += 2) {
      expect(events[i + 1]?.seq).toBe((events[i]?.seq ?? 0) + 1);
      expect(events[i + 1]?.action.slice(1)).toBe(events[i]?.action.slice(1));
    }
    expect(await verifyAudit(database.db)).toMatchObject({ ok: true });
  });

  it('seals on its own on a timer', async () => {
    const runId = uid();
    const sealer = startAuditSealer(database.db, createLogger('silent'), 20);
    try {
      await database.db.transaction((tx) => appendAudit(tx, { actor: 't', action: 'x', runId }));
      const deadline = Date.now() + 5_000;
      while ((await sealedCount(runId)) === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(await sealedCount(runId)).toBe(1);
    } finally {
      await sealer.stop();
    }
  });
});
