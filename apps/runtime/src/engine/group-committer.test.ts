// The group committer on real PostgreSQL: pipelined BEGIN/COMMIT, the audit chain guard, recovery from a moved head.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresDatabase } from '../../test/support/databases';
import { appendAudit, verifyAudit } from '../audit';
import { rawClientOf } from '../audit/bulk-insert';
import type { Database } from '../db/client';
import { auditEvents } from '../db/schema';
import { createLogger } from '../logging/logger';
import { GroupCommitter, type Work } from './group-committer';
import { pipelinedTransaction } from './pipelined-transaction';

let database: Database;
beforeAll(async () => {
  database = await postgresDatabase();
  await database.db.execute(sql`create table if not exists committer_probe (run text, n int)`);
});
afterAll(() => database.close());

const uid = () => `run_${Math.random().toString(36).slice(2)}`;

/** A work item that writes a probe row and one audit event for `run`. */
const probe =
  (run: string, n: number): Work<number> =>
  async (tx, fx) => {
    await tx.execute(sql`insert into committer_probe (run, n) values (${run}, ${n})`);
    fx.audit.push({ actor: 'test', action: 'probe.written', runId: run, data: { n } });
    return n;
  };

const probeRows = async (run: string) =>
  (await database.db.execute(
    sql`select n from committer_probe where run = ${run} order by n`,
  )) as unknown as {
    n: number;
  }[];

const auditCount = async (run: string) =>
  (
    await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.runId, run)))
  ).length;

describe('pipelinedTransaction', () => {
  it('commits what the body and its tail sent', async () => {
    const run = uid();
    const value = await pipelinedTransaction(database.db, async (tx) => {
      await tx.execute(sql`insert into committer_probe (run, n) values (${run}, 1)`);
      const raw = rawClientOf(tx);
      const tail = raw?.unsafe('insert into committer_probe (run, n) values ($1, 2)', [run]);
      return { value: 'done', tail };
    });
    expect(value).toBe('done');
    expect((await probeRows(run)).map((r) => r.n)).toEqual([1, 2]);
  });

  it('rolls everything back when the tail fails (the COMMIT became a ROLLBACK)', async () => {
    const run = uid();
    const attempt = pipelinedTransaction(database.db, async (tx) => {
      await tx.execute(sql`insert into committer_probe (run, n) values (${run}, 1)`);
      return { value: 'x', tail: rawClientOf(tx)?.unsafe('select 1 / (select 0)', []) };
    });
    await expect(attempt).rejects.toThrow(/division by zero/);
    expect(await probeRows(run)).toEqual([]);
  });

  it('rolls back when the body throws, and the connection serves the next transaction', async () => {
    const run = uid();
    await expect(
      pipelinedTransaction(database.db, async (tx) => {
        await tx.execute(sql`insert into committer_probe (run, n) values (${run}, 1)`);
        throw new Error('body failed');
      }),
    ).rejects.toThrow('body failed');
    expect(await probeRows(run)).toEqual([]);
    for (let i = 0; i < 6; i++) await pipelinedTransaction(database.db, async () => ({ value: i }));
  });
});

describe('GroupCommitter', () => {
  const reruns: string[] = [];
  const log = createLogger('silent');
  log.debug = ((_: unknown, msg: string) => reruns.push(msg)) as unknown as typeof log.debug;
  const committer = () =>
    new GroupCommitter({
      db: database.db,
      log,
      afterCommit: async () => {},
      maxInflight: 2,
    });

  it('commits every item exactly once while others append to the audit chain in between', async () => {
    const c = committer();
    const run = uid();
    // Learns the head, then an outside append moves it: the next batch's guard misses and the batch is re-run.
    expect(await c.submit(run, probe(run, 0))).toBe(0);
    for (let round = 1; round <= 5; round++) {
      await database.db.transaction((tx) => appendAudit(tx, { actor: 'outside', action: 'x', runId: run }));
      const values = await Promise.all(
        Array.from({ length: 10 }, (_, i) => c.submit(`${run}-${i}`, probe(run, round * 100 + i))),
      );
      expect(values).toEqual(Array.from({ length: 10 }, (_, i) => round * 100 + i));
    }
    // Many batches in a row on a head only this committer moves: the guard path.
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => c.submit(`${run}-b${i % 7}`, probe(run, 1000 + i))),
    );
    await c.idle();
    const rows = await probeRows(run);
    expect(rows).toHaveLength(1 + 5 * 10 + 200);
    expect(new Set(rows.map((r) => r.n)).size).toBe(rows.length);
    expect(await auditCount(run)).toBe(rows.length + 5);
    expect(reruns.filter((m) => m.includes('audit chain moved')).length).toBeGreaterThanOrEqual(1);
    expect(await verifyAudit(database.db)).toMatchObject({ ok: true });
  });

  it('keeps the chain whole with two committers (two processes) appending side by side', async () => {
    const [a, b] = [committer(), committer()];
    const run = uid();
    await Promise.all(
      Array.from({ length: 3000 }, (_, i) => (i % 2 ? a : b).submit(`${run}-${i % 11}`, probe(run, i))),
    );
    expect(await probeRows(run)).toHaveLength(3000);
    expect(await auditCount(run)).toBe(3000);
    expect(await verifyAudit(database.db)).toMatchObject({ ok: true });
  });
});
