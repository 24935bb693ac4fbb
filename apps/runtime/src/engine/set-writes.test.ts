// The set-based completion statements start from the primary key: their generic plans (what a prepared statement
// settles on) never scan a whole table, however many runs and steps are stored.
import { getTableColumns } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { steps } from '../db/schema';
import { outcomeStatement, RUN_WRITES } from './set-writes';

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

/** The generic plan of `statement` (parameters $1 jsonb, $2 text[]) run against the probe tables. */
async function genericPlan(statement: string): Promise<string> {
  return sql.begin(async (tx) => {
    await tx.unsafe(`set local search_path = ${schema}`);
    await tx.unsafe('set local plan_cache_mode = force_generic_plan');
    await tx.unsafe(`prepare probe(jsonb, text[]) as ${statement}`);
    const rows = await tx.unsafe(`explain execute probe('[]', '{}')`);
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
});
