// The audit chain against real databases: appends chain (one block per append), concurrent appends stay ordered,
// tampering is detected, rows from before the blocks (migration 0006) still verify.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, type SQL, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { drivers, pgliteDatabase, postgresDatabase } from '../../test/support/databases';
import type { Database } from '../db/client';
import { auditBlocks, auditChain } from '../db/schema';
import { auditHash, GENESIS_HASH } from './audit-hash';
import { appendAudit, appendAuditBatch, listAudit, verifyAudit } from './index';

/** Sealed blocks in chain order, with their ids and events' text. */
const sealedBlocks = (db: Database['db'], where?: SQL) =>
  db
    .select({
      id: auditBlocks.id,
      seq: auditChain.seq,
      count: auditChain.count,
      runIds: auditBlocks.runIds,
      events: auditBlocks.events,
    })
    .from(auditChain)
    .innerJoin(auditBlocks, eq(auditBlocks.id, auditChain.block))
    .where(where)
    .orderBy(auditChain.seq);

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
    // Events appended together share their block's hashes; the second block chains on the first (or on blocks
    // of parallel test files chained in between, on the shared PostgreSQL database).
    if (events[1]?.seq === (events[0]?.seq ?? 0) + 1) expect(events[1]?.prevHash).toBe(events[0]?.hash);
    else expect(events[1]?.seq).toBeGreaterThan(events[0]?.seq ?? Infinity);
    expect(events[2]).toMatchObject({ prevHash: events[1]?.prevHash, hash: events[1]?.hash });
    expect(events[2]?.hash).not.toBe(events[2]?.prevHash);
    expect((await verifyAudit(db)).ok).toBe(true);
    await database.close();
  });

  it('stores an append as one block and lists its events one by one, with a cursor inside and across blocks', async () => {
    const database = await open();
    const { db } = database;
    const runId = `run_${Math.random().toString(36).slice(2)}`;
    const other = `run_${Math.random().toString(36).slice(2)}`;
    await db.transaction((tx) =>
      appendAuditBatch(tx, [
        { actor: 'w', action: 'a.1', runId },
        { actor: 'w', action: 'o.1', runId: other },
        { actor: 'w', action: 'a.2', runId },
      ]),
    );
    await db.transaction((tx) => appendAuditBatch(tx, [{ actor: 'w', action: 'a.3', runId }]));
    const all = (await listAudit(db, { runId, limit: 10 })).events; // seals them
    const blocks = await sealedBlocks(db, sql`${auditBlocks.runIds} @> array[${runId}]::text[]`);
    expect(blocks.map((b) => [b.count, [...b.runIds].sort()])).toEqual([
      [3, [runId, other].sort()],
      [1, [runId]],
    ]);
    const [first, second] = blocks as [(typeof blocks)[0], (typeof blocks)[0]];
    // Other appends (parallel test files) may be chained in between.
    expect(second.seq).toBeGreaterThanOrEqual(first.seq + 3);

    expect(all.map((e) => [e.action, e.seq])).toEqual([
      ['a.1', first.seq],
      ['a.2', first.seq + 2],
      ['a.3', second.seq],
    ]);
    expect(all[1]).toMatchObject({ prevHash: all[0]?.prevHash, hash: all[0]?.hash });
    expect(all[2]?.prevHash).not.toBe(all[0]?.prevHash);
    const page1 = await listAudit(db, { runId, limit: 1 });
    expect(page1.events.map((e) => e.action)).toEqual(['a.1']);
    const page2 = await listAudit(db, { runId, limit: 1, after: Number(page1.nextCursor) });
    expect(page2.events.map((e) => e.action)).toEqual(['a.2']);
    const page3 = await listAudit(db, { runId, limit: 1, after: Number(page2.nextCursor) });
    expect(page3).toEqual({ events: [expect.objectContaining({ action: 'a.3' })], nextCursor: null });
    // Unfiltered, from a cursor in the middle of the first block.
    const rest = await listAudit(db, { after: first.seq, limit: 2 });
    expect(rest.events.map((e) => e.action)).toEqual(['o.1', 'a.2']);
    expect((await verifyAudit(db)).ok).toBe(true);
    const result = await db.execute<{ am: string }>(
      sql`select am.amname as am from pg_class c join pg_am am on am.oid = c.relam where c.relname = 'audit_block_runs'`,
    );
    const [index] = Array.isArray(result) ? result : (result as { rows: { am: string }[] }).rows;
    expect(index?.am).toBe('gin');
    await database.close();
  });

  it('lists the events at or after a time (audit_block_at, a BRIN index), in chain order', async () => {
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
      sql`select am.amname as am from pg_class c join pg_am am on am.oid = c.relam where c.relname = 'audit_block_at'`,
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
    expect(events[1]).toMatchObject({ prevHash: events[0]?.prevHash, hash: events[0]?.hash });
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

  it('detects an edited event, alone or inside a block, and a removed block', async () => {
    const database = await pgliteDatabase();
    const { db } = database;
    for (let i = 0; i < 3; i++)
      await db.transaction((tx) => appendAudit(tx, { actor: 't', action: `a${i}` }));
    await db.transaction((tx) =>
      appendAuditBatch(tx, [
        { actor: 't', action: 'b0', data: { n: 0 } },
        { actor: 't', action: 'b1', data: { n: 1 } },
      ]),
    );
    expect(await verifyAudit(db)).toMatchObject({ ok: true, checked: 5 }); // seals them
    const blocks = await sealedBlocks(db);
    const forge = async (seq: number, edit: (events: Record<string, unknown>[]) => void) => {
      const block = blocks.find((b) => b.seq === seq) as (typeof blocks)[0];
      const events = block.events.split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      edit(events);
      await db
        .update(auditBlocks)
        .set({ events: events.map((e) => JSON.stringify(e)).join('\n') })
        .where(eq(auditBlocks.id, block.id));
    };
    const [b0, b1, , b3] = blocks as [(typeof blocks)[0], (typeof blocks)[0], unknown, (typeof blocks)[0]];
    await forge(b3.seq, (events) => {
      (events[1] as Record<string, unknown>).data = { n: 2 };
    });
    expect(await verifyAudit(db)).toEqual({ ok: false, reason: 'hash_mismatch', checked: 3, badSeq: b3.seq });
    await forge(b1.seq, (events) => {
      (events[0] as Record<string, unknown>).data = { forged: true };
    });
    expect(await verifyAudit(db)).toMatchObject({ ok: false, reason: 'hash_mismatch', checked: 1 });
    await db.delete(auditChain).where(eq(auditChain.seq, b0.seq));
    expect(await verifyAudit(db)).toMatchObject({ ok: false, reason: 'prev_hash_mismatch', checked: 0 });
    await database.close();
  });

  it('rows of audit_events (one per event, before migration 0006; data jsonb before 0004) verify as blocks after it', async () => {
    const database = await pgliteDatabase();
    const { db } = database;
    // Back to the table as it was before 0004 and 0006, rows written then (one per event, each hashed on its
    // own), then what 0004 and 0006 do.
    await db.execute(sql`drop table audit_blocks`);
    await db.execute(sql`drop table audit_chain`);
    await db.execute(
      sql.raw(`create table audit_events (seq bigserial primary key, at timestamptz not null default now(),
        actor text not null, action text not null, flow_id text, run_id text, step_id text, data jsonb,
        prev_hash text not null, hash text not null)`),
    );
    const data = { z: 1, a: { '10': 'x', '9': [1e21, -0.5, 'é\u2028'] }, b: null };
    const old = [
      {
        at: new Date('2026-01-02T03:04:05.678Z'),
        actor: 't',
        action: 'old.one',
        flowId: 'f1',
        runId: 'r1',
        stepId: 's',
        data,
      },
      {
        at: new Date('2026-01-02T03:04:06.000Z'),
        actor: 'ä"',
        action: 'old.two',
        flowId: null,
        runId: null,
        stepId: null,
        data: null,
      },
    ];
    let prev = GENESIS_HASH;
    for (const row of old) {
      const hash = auditHash(prev, row);
      await db.execute(sql`insert into audit_events (at, actor, action, flow_id, run_id, step_id, data, prev_hash, hash)
        values (${row.at.toISOString()}, ${row.actor}, ${row.action}, ${row.flowId}, ${row.runId}, ${row.stepId},
        ${row.data === null ? null : JSON.stringify(row.data)}::jsonb, ${prev}, ${hash})`);
      prev = hash;
    }
    // A gap in seq, as a rolled-back append leaves.
    await db.execute(sql`select nextval('audit_events_seq_seq')`);
    await db.transaction(async (tx) => {
      const third = {
        at: new Date('2026-01-02T03:04:07.000Z'),
        actor: 't',
        action: 'old.three',
        flowId: null,
        runId: 'r1',
        stepId: null,
        data: [1],
      };
      const hash = auditHash(prev, third);
      await tx.execute(sql`insert into audit_events (at, actor, action, run_id, data, prev_hash, hash)
        values (${third.at.toISOString()}, 't', 'old.three', 'r1', '[1]'::jsonb, ${prev}, ${hash})`);
    });
    for (const file of ['0004_audit_data_json.sql', '0006_audit_blocks.sql'])
      for (const statement of readFileSync(join(import.meta.dirname, '../../drizzle', file), 'utf8').split(
        '--> statement-breakpoint',
      ))
        await db.execute(sql.raw(statement));
    expect(await verifyAudit(db)).toMatchObject({ ok: true, checked: 3 });
    await db.transaction((tx) =>
      appendAuditBatch(tx, [
        { actor: 't', action: 'new.one', runId: 'r1', data },
        { actor: 't', action: 'new.two' },
      ]),
    );
    expect(await verifyAudit(db)).toMatchObject({ ok: true, checked: 5 });
    const { events } = await listAudit(db, { limit: 10 });
    expect(events.map((e) => [e.seq, e.action, e.actor, e.runId, e.data])).toEqual([
      [1, 'old.one', 't', 'r1', data],
      [2, 'old.two', 'ä"', null, null],
      [4, 'old.three', 't', 'r1', [1]],
      [5, 'new.one', 't', 'r1', data],
      [6, 'new.two', 't', null, null],
    ]);
    expect(events[0]?.at.toISOString()).toBe('2026-01-02T03:04:05.678Z');
    expect((await listAudit(db, { runId: 'r1', limit: 10 })).events.map((e) => e.action)).toEqual([
      'old.one',
      'old.three',
      'new.one',
    ]);
    expect((await listAudit(db, { flowId: 'f1', limit: 10 })).events.map((e) => e.action)).toEqual([
      'old.one',
    ]);
    await database.close();
  });
});
