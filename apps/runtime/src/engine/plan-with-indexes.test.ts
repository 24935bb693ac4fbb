// On a new, small database the committer's prepared statements must still use their indexes as the tables grow:
// a plan made while `runs` and `steps` were nearly empty used to scan every row on each batch (group-committer.ts,
// planWithIndexes; its bitmap-scan half is pinned by set-writes.test.ts). A fresh database here, runs through the
// engine, then PostgreSQL's own counters.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uniquePrefix } from '../../test/support/databases';
import { type Database, openDatabase } from '../db/client';
import { createLogger } from '../logging/logger';
import { createMetrics } from '../metrics/metrics';
import { createEngineSystem, type EngineSystem } from './create-engine';
import { type HttpConsumer, startHttpConsumer } from './testing/http-consumer';
import { publishFlow } from './testing/seed-flow';
import { waitForRun } from './testing/wait-for';

const adminUrl = inject('databaseUrl');
const name = `plans_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
let database: Database;
let system: EngineSystem;
let consumer: HttpConsumer;

beforeAll(async () => {
  await admin.unsafe(`create database ${name}`);
  database = await openDatabase({ url: adminUrl.replace(/\/[^/]*$/, `/${name}`), max: 5 });
  await database.migrate();
  consumer = await startHttpConsumer();
  system = await createEngineSystem({
    db: database.db,
    log: createLogger('silent'),
    metrics: createMetrics(),
    redisUrl: inject('redisUrl'),
    prefix: uniquePrefix('plans'),
    localSteps: 16,
  });
});

afterAll(async () => {
  await system.close();
  await database.close();
  await consumer.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});

describe('batch statements on a database that starts empty', () => {
  it('read no run or step row by sequential scan while hundreds of runs go through', async () => {
    const { flowId, version } = await publishFlow(database.db, {
      name: 'plans',
      nodes: [
        { id: 'hook', type: 'trigger.webhook', config: { path: `plans-${Date.now()}` } },
        { id: 'send', type: 'delivery.http', config: { url: `${consumer.url}/plans` } },
      ],
      edges: [{ id: 'e1', source: 'hook', target: 'send' }],
    });
    const graph = await system.engine.flows.get(flowId, version);
    if (!graph) throw new Error('no graph');
    // Waves within the engine's local capacity (no worker here: a step beyond it would wait for a job).
    for (let wave = 0; wave < 25; wave++) {
      const started = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          system.engine.startRun({
            flowId,
            version,
            graph,
            triggerNodeId: 'hook',
            triggerType: 'trigger.webhook',
            payload: { wave, i },
            actor: 'test',
          }),
        ),
      );
      for (const { runId } of started)
        expect((await waitForRun(database.db, runId, ['succeeded', 'failed'])).status).toBe('succeeded');
    }
    // Backends report their counters when idle, at most once a second.
    await new Promise((r) => setTimeout(r, 1500));
    const db = postgres(adminUrl.replace(/\/[^/]*$/, `/${name}`), { max: 1, onnotice: () => {} });
    const rows = await db<{ relname: string; seq_tup_read: string }[]>`
      select relname, seq_tup_read from pg_stat_user_tables where relname in ('runs', 'steps')`;
    await db.end();
    expect(Object.fromEntries(rows.map((r) => [r.relname, Number(r.seq_tup_read)]))).toEqual({
      runs: 0,
      steps: 0,
    });
  });
});
