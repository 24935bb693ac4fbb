// Hand-offs held in the run row, against real PostgreSQL, Redis and HTTP consumers: no step row while they run,
// retired into inline_steps on success, a step row for any other outcome, taken over by a worker when their lease
// is lost (the late completion discarded), cancelled with their run.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runs, steps } from '../db/schema';
import { getRunDetail } from './read-runs';
import { type Harness, startHarness } from './testing/harness';
import { startHttpConsumer } from './testing/http-consumer';
import { publishFlow } from './testing/seed-flow';
import { startWebhookRun } from './testing/start-webhook-run';
import { waitForRun } from './testing/wait-for';

/** A consumer that holds the first request until `release`, answers the others at once with `status(n)`. */
async function startGate(status: (n: number) => number = () => 200) {
  let n = 0;
  let held: ServerResponse | null = null;
  let arrived: () => void = () => {};
  const first = new Promise<void>((r) => {
    arrived = r;
  });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const i = n++;
      if (i === 0) {
        held = res;
        arrived();
        return;
      }
      res.writeHead(status(i), { 'content-type': 'application/json' }).end(`{"n":${i}}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    first,
    count: () => n,
    release: () => held?.writeHead(200, { 'content-type': 'application/json' }).end('{"n":0}'),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

let local: Harness;
beforeAll(async () => {
  local = await startHarness({ worker: false, localSteps: 8 });
});
afterAll(() => local.close());

async function flowTo(url: string, retry?: object) {
  return publishFlow(local.database.db, {
    name: 'handoff',
    nodes: [
      { id: 'hook', type: 'trigger.webhook', config: { path: `h-${Math.random().toString(36).slice(2)}` } },
      { id: 'send', type: 'delivery.http', config: { url: `${url}/x` }, ...(retry ? { retry } : {}) },
    ],
    edges: [{ id: 'e1', source: 'hook', target: 'send' }],
  });
}

const runRow = async (runId: string) =>
  (await local.database.db.select().from(runs).where(eq(runs.id, runId)))[0];
const stepRows = (runId: string) => local.database.db.select().from(steps).where(eq(steps.runId, runId));

describe('hand-offs in the run row', () => {
  it('are no step row while they run, show as running, and retire into inline_steps on success', async () => {
    const gate = await startGate();
    try {
      const { flowId, version } = await flowTo(gate.url);
      const { runId } = await startWebhookRun(local.engine, { flowId, version }, { user: 'u1' });
      await gate.first;
      expect(await stepRows(runId)).toEqual([]);
      const row = await runRow(runId);
      expect(row?.handoffs).toEqual([
        { id: expect.any(String), nodeId: 'send', startedAt: expect.any(String) },
      ]);
      expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
      const running = await getRunDetail(local.database.db, runId);
      expect(running?.steps.find((s) => s.nodeId === 'send')).toMatchObject({
        status: 'running',
        attempt: 1,
        input: { user: 'u1' },
      });
      gate.release();
      expect((await waitForRun(local.database.db, runId, ['succeeded', 'failed'])).status).toBe('succeeded');
      expect(await stepRows(runId)).toEqual([]);
      const done = await runRow(runId);
      expect(done?.handoffs).toBeNull();
      const detail = await getRunDetail(local.database.db, runId);
      expect(detail?.steps.find((s) => s.nodeId === 'send')).toMatchObject({
        status: 'succeeded',
        attempt: 1,
        input: { user: 'u1' },
        output: expect.objectContaining({ status: 200, body: { n: 0 } }),
      });
    } finally {
      await gate.close();
    }
  });

  it('become a step row with their attempts when they do not succeed at once', async () => {
    const consumer = await startHttpConsumer((_, i) => ({ status: i === 0 ? 503 : 200 }));
    const worker = await startHarness({ prefix: local.prefix });
    try {
      const { flowId, version } = await flowTo(consumer.url, {
        attempts: 3,
        backoff: { type: 'fixed', delayMs: 50, jitter: false },
      });
      const { runId } = await startWebhookRun(local.engine, { flowId, version }, { user: 'u2' });
      expect((await waitForRun(local.database.db, runId, ['succeeded', 'failed'])).status).toBe('succeeded');
      expect(await runRow(runId)).toMatchObject({ handoffs: null, inlineSteps: null });
      const [row] = await stepRows(runId);
      expect(row).toMatchObject({ nodeId: 'send', status: 'succeeded', attempt: 2, input: { user: 'u2' } });
      const attempts = row?.attempts as { attempt: number; error?: unknown; nextRetryAt?: string }[];
      expect(attempts.map((a) => a.attempt)).toEqual([1, 2]);
      expect(attempts[0]?.nextRetryAt).toEqual(expect.any(String));
      expect(consumer.received.map((d) => d.status)).toEqual([503, 200]);
    } finally {
      await worker.close();
      await consumer.close();
    }
  });

  it('are taken over by a worker when their lease is lost; the late completion commits nothing', async () => {
    const gate = await startGate();
    const worker = await startHarness({ prefix: local.prefix });
    try {
      const { flowId, version } = await flowTo(gate.url);
      const { runId } = await startWebhookRun(local.engine, { flowId, version }, { user: 'u3' });
      await gate.first;
      // The accepting process is as good as dead: its lease is another's and long expired.
      await local.database.db
        .update(runs)
        .set({ lockedBy: 'dead-process', lockedUntil: sql`now() - interval '1 minute'` })
        .where(eq(runs.id, runId));
      await worker.engine.reconcile({ flowIds: [flowId] });
      const run = await waitForRun(local.database.db, runId, ['succeeded', 'failed']);
      expect(run.status).toBe('succeeded');
      expect(run.handoffs).toBeNull();
      const [row] = await stepRows(runId);
      expect(row).toMatchObject({
        nodeId: 'send',
        status: 'succeeded',
        attempt: 2,
        output: expect.anything(),
      });
      expect(
        ((row?.attempts ?? []) as { error?: { code?: string } }[]).map((a) => a.error?.code ?? null),
      ).toEqual(['WorkerLost', null]);
      // The first process's delivery ends now: its outcome is discarded, the run and the row stay as they are.
      gate.release();
      await local.engine.idle();
      expect((await stepRows(runId)).map((s) => [s.status, s.attempt])).toEqual([['succeeded', 2]]);
      expect(gate.count()).toBe(2);
    } finally {
      await worker.close();
      await gate.close();
    }
  });

  it('are cancelled with their run', async () => {
    const gate = await startGate();
    try {
      const { flowId, version } = await flowTo(gate.url);
      const { runId } = await startWebhookRun(local.engine, { flowId, version }, { user: 'u4' });
      await gate.first;
      expect(await local.engine.cancelRun(runId, 'tester')).toEqual({ ok: true });
      gate.release();
      await local.engine.idle();
      const run = await runRow(runId);
      expect(run).toMatchObject({ status: 'cancelled', handoffs: null });
      expect((await stepRows(runId)).map((s) => [s.nodeId, s.status])).toEqual([['send', 'cancelled']]);
    } finally {
      await gate.close();
    }
  });
});
