// The audit chain against real databases: appends chain, concurrent appends stay ordered, tampering is detected.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { drivers, pgliteDatabase, postgresDatabase } from '../../test/support/databases';
import { auditEvents } from '../db/schema';
import { appendAudit, appendAuditBatch, listAudit, verifyAudit } from './index';

describe.each(drivers)('audit on $name', ({ open }) => {
  it('appends chained rows that verify and can be listed by run', async () => {
    const database = await open();
    const { db } = database;
    const runId = `run_${Math.random().toString(36).slice(2)}`;
    await db.transaction((tx) =>
      appendAudit(tx, { actor: 'test', action: 'run.created', runId, data: { b: 1, a: [2] } }),
    );
    await db.transaction((tx) =>
      appendAuditBatch(tx, [
        { actor: 'worker', action: 'step.running', runId, stepId: 's1' },
        { actor: 'worker', action: 'step.succeeded', runId, stepId: 's1', data: { at: new Date(0) } },
      ]),
    );
    const { events } = await listAudit(db, { runId, limit: 10 });
    expect(events.map((e) => e.action)).toEqual(['run.created', 'step.running', 'step.succeeded']);
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(events[2]?.prevHash).toBe(events[1]?.hash);
    expect((await verifyAudit(db)).ok).toBe(true);
    await database.close();
  });

  it('lists the events at or after a time (audit_at, a BRIN index since migration 0003), in chain order', async () => {
    const database = await open();
    const { db } = database;
    const flowId = `flw_${Math.random().toString(36).slice(2)}`;
    const at = (m: number) => new Date(Date.UTC(2031, 0, 1, 0, m));
    await db.transaction((tx) =>
      appendAuditBatch(tx, [
        { actor: 'a', action: 'x.early', flowId, at: at(1) },
        { actor: 'a', action: 'x.edge', flowId, at: at(2) },
        { actor: 'a', action: 'x.late', flowId, at: at(3) },
        { actor: 'a', action: 'x.earlier-again', flowId, at: at(0) },
      ]),
    );
    const { events } = await listAudit(db, { flowId, since: at(2), limit: 10 });
    expect(events.map((e) => e.action)).toEqual(['x.edge', 'x.late']);
    const result = await db.execute<{ am: string }>(
      sql`select am.amname as am from pg_class c join pg_am am on am.oid = c.relam where c.relname = 'audit_at'`,
    );
    // postgres-js answers with the rows, PGlite with { rows }.
    const [index] = Array.isArray(result) ? result : (result as { rows: { am: string }[] }).rows;
    await database.close();
    expect(index?.am).toBe('brin');
  });

  it('stores what it hashed: awkward data and ids come back equal and the chain verifies', async () => {
    const database = await open();
    const { db } = database;
    const runId = `run_"é\\${Math.random().toString(36).slice(2)}`;
    const data = {
      quote: 'a"b\\c\n\u2028',
      emoji: '😀 ü',
      numbers: [0, -1.5, 1e21, 2 ** 53],
      nested: { z: null, a: [true, false, {}], '10': 'x', '9': 'y' },
      undefinedKey: undefined,
    };
    const at = new Date('2026-11-27T01:02:03.456Z');
    await db.transaction((tx) =>
      appendAuditBatch(tx, [
        { actor: 'ä"ctor', action: 'x.one', runId, stepId: 's"1', flowId: 'f\\1', data, at },
        { actor: 'a', action: 'x.two', runId },
      ]),
    );
    const { events } = await listAudit(db, { runId, limit: 10 });
    expect(events.map((e) => [e.actor, e.action, e.flowId, e.stepId])).toEqual([
      ['ä"ctor', 'x.one', 'f\\1', 's"1'],
      ['a', 'x.two', null, null],
    ]);
    const { undefinedKey: _, ...stored } = data;
    expect(events[0]?.data).toEqual(stored);
    expect(new Date(events[0]?.at as string | Date).toISOString()).toBe(at.toISOString());
    expect(events[1]?.data).toBeNull();
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect((await verifyAudit(db)).ok).toBe(true);
    await database.close();
  });
});

describe('audit chain', () => {
  it('stays a chain under concurrent appends from many connections', async () => {
    const database = await postgresDatabase();
    const runId = `run_${Math.random().toString(36).slice(2)}`;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        database.db.transaction((tx) => appendAudit(tx, { actor: 'test', action: 'x', runId, data: { i } })),
      ),
    );
    expect((await listAudit(database.db, { runId, limit: 100 })).events).toHaveLength(20);
    expect(await verifyAudit(database.db)).toMatchObject({ ok: true });
    await database.close();
  });

  it('detects an edited row', async () => {
    const database = await pgliteDatabase();
    const { db } = database;
    for (let i = 0; i < 3; i++)
      await db.transaction((tx) => appendAudit(tx, { actor: 't', action: `a${i}` }));
    await db
      .update(auditEvents)
      .set({ data: sql`'{"forged":true}'::json` })
      .where(eq(auditEvents.action, 'a1'));
    expect(await verifyAudit(db)).toMatchObject({ ok: false, reason: 'hash_mismatch', checked: 1 });
    await database.close();
  });

  it('rows stored while `data` was jsonb still verify after migration 0004 made it json', async () => {
    const database = await pgliteDatabase();
    const { db } = database;
    // Back to the column as it was before 0004, then rows written then, then what 0004 does.
    await db.execute(sql`alter table audit_events alter column data type jsonb using data::jsonb`);
    const data = { z: 1, a: { '10': 'x', '9': [1e21, -0.5, 'é\u2028'] }, b: null };
    await db.transaction((tx) =>
      appendAuditBatch(tx, [
        { actor: 't', action: 'old.one', data },
        { actor: 't', action: 'old.two' },
      ]),
    );
    await db.execute(
      sql.raw(readFileSync(join(import.meta.dirname, '../../drizzle/0004_audit_data_json.sql'), 'utf8')),
    );
    await db.transaction((tx) => appendAudit(tx, { actor: 't', action: 'new.one', data }));
    expect(await verifyAudit(db)).toMatchObject({ ok: true, checked: 3 });
    const { events } = await listAudit(db, { limit: 10 });
    expect(events.map((e) => e.data)).toEqual([data, null, data]);
    await database.close();
  });
});
