// The group committer on real PostgreSQL: pipelined BEGIN/COMMIT, early writes, one audit block per batch.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { postgresDatabase } from '../../test/support/databases';
import { appendAudit, listAudit, verifyAudit } from '../audit';
import { rawClientOf } from '../audit/bulk-insert';
import { type Database, openDatabase } from '../db/client';
import { createLogger } from '../logging/logger';
import { GroupCommitter, type Work } from './group-committer';
import { openTransaction, pipelinedTransaction } from './pipelined-transaction';

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
  (await listAudit(database.db, { runId: run, limit: 10_000 })).events.length;

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

describe('openTransaction', () => {
  const backendPid = async (tx: Parameters<Parameters<typeof pipelinedTransaction>[1]>[0]) =>
    ((await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { pid: number }[])[0]?.pid;

  it('runs a body given after BEGIN was sent, in that transaction', async () => {
    const run = uid();
    const opened = openTransaction(database.db);
    await new Promise((r) => setTimeout(r, 20)); // BEGIN answered meanwhile
    const value = await opened.run(async (tx) => {
      await tx.execute(sql`insert into committer_probe (run, n) values (${run}, 1)`);
      const [row] = (await tx.execute(sql`select now() = statement_timestamp() as fresh`)) as unknown as {
        fresh: boolean;
      }[];
      return { value: row?.fresh };
    });
    // now() is the transaction's start: BEGIN ran before the body's statement.
    expect(value).toBe(false);
    expect(await probeRows(run)).toEqual([{ n: 1 }]);
  });

  it('released, commits nothing and gives its connection back', async () => {
    const opened = Array.from({ length: 5 }, () => openTransaction(database.db));
    for (const o of opened) o.release();
    // The pool has 5 connections: all five are free again.
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => pipelinedTransaction(database.db, async () => ({ value: i }))),
    );
  });

  it('whose connection dropped while waiting runs its body in a fresh transaction', async () => {
    const run = uid();
    // Its own pool, named, so the backend to kill is found among other test files' connections.
    const app = `sluice_open_tx_${Math.random().toString(36).slice(2, 8)}`;
    const own = await openDatabase({ url: `${inject('databaseUrl')}?application_name=${app}`, max: 2 });
    onTestFinished(() => own.close());
    const opened = openTransaction(own.db);
    let victim: number | undefined;
    // The waiting transaction's backend (idle in a transaction), then kill it.
    for (let i = 0; i < 100 && victim === undefined; i++) {
      const rows = (await database.db.execute(
        sql`select pid from pg_stat_activity where state = 'idle in transaction' and application_name = ${app}`,
      )) as unknown as { pid: number }[];
      victim = rows[0]?.pid;
      if (victim === undefined) await new Promise((r) => setTimeout(r, 10));
    }
    expect(victim).toBeDefined();
    await database.db.execute(sql`select pg_terminate_backend(${victim})`);
    await new Promise((r) => setTimeout(r, 50));
    const pid = await opened.run(async (tx) => {
      await tx.execute(sql`insert into committer_probe (run, n) values (${run}, 2)`);
      return { value: await backendPid(tx) };
    });
    expect(pid).not.toBe(victim);
    expect(await probeRows(run)).toEqual([{ n: 2 }]);
  });
});

describe('GroupCommitter', () => {
  const log = createLogger('silent');
  const committer = () =>
    new GroupCommitter({
      db: database.db,
      log,
      afterCommit: async () => {},
      maxInflight: 2,
    });

  it('sends early writes inside the transaction, and none for a batch whose item failed before they went', async () => {
    for (const failsLate of [false, true]) {
      const run = uid();
      const c = new GroupCommitter({
        db: database.db,
        log,
        afterCommit: async () => {},
        maxInflight: 1,
        sendEarly: (tx, effects) =>
          rawClientOf(tx)?.unsafe('insert into committer_probe (run, n) values ($1, $2)', [
            run,
            1000 + effects.length,
          ]) ?? null,
      });
      const good = c.submit(`${run}-a`, probe(run, 1));
      const bad = c.submit(`${run}-b`, async () => {
        if (failsLate) await new Promise((r) => setTimeout(r, 20));
        throw new Error('bad item');
      });
      await expect(bad).rejects.toThrow('bad item');
      expect(await good).toBe(1);
      // The batch of two failed and left nothing (its early write, if sent, was rolled back with it); then each
      // item alone: the good one committed with its early write, the bad one failed again.
      expect((await probeRows(run)).map((r) => r.n)).toEqual([1, 1001]);
    }
  });

  it('commits every item exactly once, one audit block per batch, while others append in between', async () => {
    const c = committer();
    const run = uid();
    expect(await c.submit(run, probe(run, 0))).toBe(0);
    for (let round = 1; round <= 5; round++) {
      await database.db.transaction((tx) => appendAudit(tx, { actor: 'outside', action: 'x', runId: run }));
      const values = await Promise.all(
        Array.from({ length: 10 }, (_, i) => c.submit(`${run}-${i}`, probe(run, round * 100 + i))),
      );
      expect(values).toEqual(Array.from({ length: 10 }, (_, i) => round * 100 + i));
    }
    // Many batches in a row.
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => c.submit(`${run}-b${i % 7}`, probe(run, 1000 + i))),
    );
    await c.idle();
    const rows = await probeRows(run);
    expect(rows).toHaveLength(1 + 5 * 10 + 200);
    expect(new Set(rows.map((r) => r.n)).size).toBe(rows.length);
    expect(await auditCount(run)).toBe(rows.length + 5);
    // A batch's events share a block: fewer blocks than events.
    const blocks = await database.db.execute(
      sql`select count(*)::int as n from audit_blocks where run_ids @> array[${run}]::text[]`,
    );
    expect((blocks as unknown as { n: number }[])[0]?.n).toBeLessThan(rows.length / 2);
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
