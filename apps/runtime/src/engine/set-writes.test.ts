// The set-based completion statements start from the primary key: their generic plans (what a prepared statement
// settles on) never scan a whole table, however many runs and steps are stored.
import { getTableColumns } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { steps } from '../db/schema';
import { PLAN_WITH_INDEXES } from './group-committer';
import { outcomeStatement, RUN_LOCKS, RUN_WRITES, STEP_COUNTS } from './set-writes';

const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
const schema = `plan_probe_${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  await sql.unsafe(`create schema ${schema}`);
  for (const table of ['runs', 'steps'])
    await sql.unsafe(`create table ${schema}.${table} (like public.${table} including all)`);
  await sql.unsafe(
    `insert into ${schema}.runs (id, flow_id, flow_version, trigger_node_id, trigger_type, status)
     select 'run_' || i, 'flw_1', 1, 'hook', 'trigger.webhook', 'succeeded' from generate_series(1, 20000) i`,
  );
  await sql.unsafe(
    `insert into ${schema}.steps (id, run_id, node_id, status, attempt)
     select 'stp_' || i, 'run_' || (i / 3), 'send', case when i % 100 = 0 then 'running' else 'succeeded' end, 1
     from generate_series(1, 60000) i`,
  );
  await sql.unsafe(`analyze ${schema}.runs; analyze ${schema}.steps`);
});

afterAll(async () => {
  await sql.unsafe(`drop schema ${schema} cascade`);
  await sql.end();
});

/**
 * The generic plan of `statement` run against the probe tables, after `settings`; its parameters are $1 jsonb and
 * $2 text[], or with `idsOnly` $1 text[].
 */
async function genericPlan(statement: string, settings?: string, idsOnly = false): Promise<string> {
  return sql.begin(async (tx) => {
    await tx.unsafe(`set local search_path = ${schema}`);
    if (settings) await tx.unsafe(settings);
    await tx.unsafe('set local plan_cache_mode = force_generic_plan');
    await tx.unsafe(`prepare probe(${idsOnly ? 'text[]' : 'jsonb, text[]'}) as ${statement}`);
    const rows = await tx.unsafe(`explain execute probe(${idsOnly ? "'{}'" : "'[]', '{}'"})`);
    await tx.unsafe('deallocate probe');
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

describe('set-based completion statements', () => {
  it('update runs through the primary key', async () => {
    const plan = await genericPlan(RUN_WRITES);
    expect(plan).not.toMatch(/Seq Scan/);
    expect(plan).toMatch(/runs_pkey/);
  });

  it('update step outcomes through the primary key', async () => {
    const { status, output, endedAt } = getTableColumns(steps);
    const plan = await genericPlan(outcomeStatement([status, output, endedAt]));
    expect(plan).not.toMatch(/Seq Scan/);
    expect(plan).toMatch(/steps_pkey/);
  });

  it("with a batch's planner settings, update step outcomes without reading the active-steps index", async () => {
    // Left to itself the planner ANDs the primary key with the partial steps_status_due index for
    // `status = 'running'`; on a busy installation that index holds an entry for every step run since the last
    // vacuum, all read on every batch. Batch transactions start with PLAN_WITH_INDEXES (group-committer.ts).
    const { status, output, endedAt } = getTableColumns(steps);
    const statement = outcomeStatement([status, output, endedAt]);
    expect(await genericPlan(statement, 'set local enable_seqscan = off')).toMatch(/steps_status_due/);
    const plan = await genericPlan(statement, PLAN_WITH_INDEXES);
    expect(plan).toMatch(/Index Scan using steps_pkey/);
    expect(plan).not.toMatch(/steps_status_due|Seq Scan|Bitmap/);
  });

  it("with a batch's planner settings, lock runs and count their steps through their keys", async () => {
    const lock = await genericPlan(RUN_LOCKS, PLAN_WITH_INDEXES, true);
    expect(lock).toMatch(/Index Scan using runs_pkey/);
    const count = await genericPlan(STEP_COUNTS, PLAN_WITH_INDEXES, true);
    expect(count).toMatch(/steps_run/);
    expect(`${lock}\n${count}`).not.toMatch(/Seq Scan|Bitmap/);
  });
});
