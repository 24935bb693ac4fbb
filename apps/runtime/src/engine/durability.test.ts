// Durability against real processes, PostgreSQL and Redis: delays across worker restarts, FLUSHDB, SIGKILL mid-step.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { uniquePrefix } from '../../test/support/databases';
import { steps } from '../db/schema';
import type { Engine } from './engine';
import { type Harness, startHarness } from './testing/harness';
import { type HttpConsumer, startHttpConsumer } from './testing/http-consumer';
import { publishFlow } from './testing/seed-flow';
import { waitForRun } from './testing/wait-for';

/** This file's own Redis database: FLUSHDB here cannot touch other test files' queues. */
const FLUSHABLE_REDIS = `${inject('redisUrl').replace(/\/\d*$/, '')}/7`;

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

async function run(engine: Engine, flowId: string, version: number, payload: unknown) {
  const graph = await engine.flows.get(flowId, version);
  if (!graph) throw new Error('no graph');
  return (
    await engine.startRun({
      flowId,
      version,
      graph,
      triggerNodeId: 'hook',
      triggerType: 'trigger.webhook',
      payload,
      actor: 'test',
    })
  ).runId;
}

function delayFlow(consumer: HttpConsumer, duration: string) {
  return {
    name: 'delay',
    nodes: [
      { id: 'hook', type: 'trigger.webhook', config: { path: `d-${Math.random().toString(36).slice(2)}` } },
      { id: 'wait', type: 'delay', config: { mode: 'duration', duration } },
      { id: 'send', type: 'delivery.http', config: { url: `${consumer.url}/after-delay` } },
    ],
    edges: [
      { id: 'e1', source: 'hook', target: 'wait' },
      { id: 'e2', source: 'wait', target: 'send' },
    ],
  };
}

async function waitForStep(h: Harness, runId: string, nodeId: string, status: string) {
  for (let i = 0; i < 200; i++) {
    const rows = await h.database.db.select().from(steps).where(eq(steps.runId, runId));
    const s = rows.find((r) => r.nodeId === nodeId && r.status === status);
    if (s) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`step ${nodeId} never ${status}`);
}

describe('durability', () => {
  it('a delay of a few seconds survives stopping the worker and starting a new one', async () => {
    const consumer = await startHttpConsumer();
    const h = await startHarness();
    cleanup.push(
      () => consumer.close(),
      () => h.close(),
    );
    const { flowId, version } = await publishFlow(h.database.db, delayFlow(consumer, 'PT2S'));
    const runId = await run(h.engine, flowId, version, { user: 'jwh' });
    await waitForStep(h, runId, 'wait', 'waiting');
    expect((await waitForRun(h.database.db, runId, ['waiting'])).status).toBe('waiting');
    await h.worker?.close();
    await new Promise((r) => setTimeout(r, 2500));
    expect(consumer.received).toHaveLength(0);
    h.startWorker();
    expect((await waitForRun(h.database.db, runId, ['succeeded', 'failed'])).status).toBe('succeeded');
    expect(consumer.received).toHaveLength(1);
  });

  it('queued runs and pending delays survive FLUSHDB: the reconciler rebuilds the jobs from Postgres', async () => {
    const consumer = await startHttpConsumer();
    const h = await startHarness({ redisUrl: FLUSHABLE_REDIS, prefix: uniquePrefix('flush'), worker: false });
    cleanup.push(
      () => consumer.close(),
      () => h.close(),
    );
    const { flowId, version } = await publishFlow(h.database.db, {
      name: 'queued',
      nodes: [
        { id: 'hook', type: 'trigger.webhook', config: { path: `q-${Math.random().toString(36).slice(2)}` } },
        { id: 'send', type: 'delivery.http', config: { url: `${consumer.url}/queued` } },
      ],
      edges: [{ id: 'e1', source: 'hook', target: 'send' }],
    });
    const delayed = await publishFlow(h.database.db, delayFlow(consumer, 'PT1S'));
    const waiting = await run(h.engine, delayed.flowId, delayed.version, { n: 2 });
    h.startWorker();
    await waitForStep(h, waiting, 'wait', 'waiting');
    await h.worker?.close();
    // Accepted while no worker runs: only its job in Redis knows it should run.
    const queued = await run(h.engine, flowId, version, { n: 1 });
    const redis = new Redis(FLUSHABLE_REDIS);
    await redis.flushdb();
    await redis.quit();
    expect(await h.queue.depth()).toEqual({ waiting: 0, delayed: 0, active: 0 });
    // Limited to this test's flows: the test database is shared with other test files.
    expect(await h.engine.reconcile({ flowIds: [flowId, delayed.flowId] })).toBe(2);
    h.startWorker();
    expect((await waitForRun(h.database.db, queued, ['succeeded', 'failed'])).status).toBe('succeeded');
    expect((await waitForRun(h.database.db, waiting, ['succeeded', 'failed'])).status).toBe('succeeded');
    expect(consumer.received.map((d) => d.url).sort()).toEqual(['/after-delay', '/queued']);
  });

  it('killing a worker process with SIGKILL mid-step re-runs the step in another worker; the run succeeds', async () => {
    let calls = 0;
    let firstArrived!: () => void;
    const arrived = new Promise<void>((r) => {
      firstArrived = r;
    });
    // The first request hangs (the worker dies while it is in flight); later ones succeed.
    const consumer = await startHttpConsumer(() => {
      calls++;
      if (calls === 1) {
        firstArrived();
        return { status: 200, delayMs: 60_000 };
      }
      return { status: 200 };
    });
    const prefix = uniquePrefix('kill');
    const h = await startHarness({ prefix, worker: false });
    cleanup.push(
      () => consumer.close(),
      () => h.close(),
    );
    const { flowId, version } = await publishFlow(h.database.db, {
      name: 'kill',
      nodes: [
        { id: 'hook', type: 'trigger.webhook', config: { path: `k-${Math.random().toString(36).slice(2)}` } },
        { id: 'send', type: 'delivery.http', config: { url: `${consumer.url}/slow`, timeoutMs: 120_000 } },
      ],
      edges: [{ id: 'e1', source: 'hook', target: 'send' }],
    });
    const spawnWorker = () =>
      startChild({
        DATABASE_URL: inject('databaseUrl'),
        REDIS_URL: h.redisUrl,
        PREFIX: prefix,
        LEASE_MS: '1500',
      });
    const first = await spawnWorker();
    const runId = await run(h.engine, flowId, version, { user: 'x' });
    await arrived;
    first.kill('SIGKILL');
    const second = await spawnWorker();
    cleanup.push(async () => second.kill('SIGKILL'));
    const done = await waitForRun(h.database.db, runId, ['succeeded', 'failed'], 25_000);
    expect(done.status).toBe('succeeded');
    const [send] = await h.database.db
      .select()
      .from(steps)
      .where(eq(steps.runId, runId))
      .then((r) => r.filter((s) => s.nodeId === 'send'));
    expect(send?.attempt).toBe(2);
    expect((send?.attempts as Array<{ error?: { code: string } }> | undefined)?.[0]?.error?.code).toBe(
      'WorkerLost',
    );
    expect(calls).toBe(2);
  }, 40_000);
});

async function startChild(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--no-node-snapshot', '--import', 'tsx', join(import.meta.dirname, 'testing', 'worker-process.ts')],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
  return child;
}
