// The engine against real PostgreSQL and Redis: runs flow through BullMQ jobs to real HTTP consumers.
import { newId } from '@sluice/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../audit';
import { runs, steps } from '../db/schema';
import type { Engine } from './engine';
import { getRunDetail } from './read-runs';
import { type Harness, startHarness } from './testing/harness';
import { type HttpConsumer, startHttpConsumer } from './testing/http-consumer';
import { publishFlow } from './testing/seed-flow';
import { startWebhookRun } from './testing/start-webhook-run';
import { waitForRun } from './testing/wait-for';

let h: Harness;
let consumer: HttpConsumer;
beforeAll(async () => {
  h = await startHarness();
  consumer = await startHttpConsumer();
});
afterAll(async () => {
  await h.close();
  await consumer.close();
});

const start = (engine: Engine, flowId: string, version: number, payload: unknown, key?: string) =>
  startWebhookRun(engine, { flowId, version }, payload, { idempotencyKey: key });

const stepsOf = async (runId: string) => (await getRunDetail(h.database.db, runId))?.steps ?? [];

describe('engine', () => {
  it('runs webhook -> condition -> delivery and ends succeeded, the condition chained into the delivery job', async () => {
    const { flowId, version } = await publishFlow(h.database.db, {
      name: 'core',
      nodes: [
        { id: 'hook', type: 'trigger.webhook', config: { path: `p-${Date.now()}` } },
        {
          id: 'isSn',
          type: 'condition',
          config: { cases: [{ id: 'sn', rules: [{ field: 'op', operator: 'eq', value: 'changeSN' }] }] },
        },
        { id: 'send', type: 'delivery.http', config: { url: `${consumer.url}/scim/{{input.user}}` } },
      ],
      edges: [
        { id: 'e1', source: 'hook', target: 'isSn' },
        { id: 'e2', source: 'isSn', sourceHandle: 'sn', target: 'send' },
      ],
    });
    const { runId, duplicate } = await start(h.engine, flowId, version, { op: 'changeSN', user: 'sjones' });
    expect(duplicate).toBe(false);
    const run = await waitForRun(h.database.db, runId, ['succeeded', 'failed']);
    expect(run.status).toBe('succeeded');
    const rows = await stepsOf(runId);
    expect(rows.map((s) => [s.nodeId, s.status, s.attempt])).toEqual([
      ['hook', 'succeeded', 1],
      ['isSn', 'succeeded', 1],
      ['send', 'succeeded', 1],
    ]);
    expect(rows[1]?.ports).toEqual(['sn']);
    expect(consumer.received.filter((d) => d.url === '/scim/sjones')).toHaveLength(1);
    // The trigger's step is the run itself: shown from the run row, not stored as a step row.
    expect(rows[0]).toMatchObject({
      id: runId.replace(/^run_/, 'stp_'),
      input: { op: 'changeSN', user: 'sjones' },
      output: { op: 'changeSN', user: 'sjones' },
      ports: ['out'],
      createdAt: run.createdAt.toISOString(),
    });
    // The condition ran with the start and succeeded: kept in the run row, its input and output (the payload,
    // passed along unchanged) not repeated; shown as a step, audited as one.
    expect(rows[1]).toMatchObject({
      input: { op: 'changeSN', user: 'sjones' },
      output: { op: 'changeSN', user: 'sjones' },
      attempts: [{ attempt: 1, startedAt: rows[1]?.startedAt, endedAt: rows[1]?.endedAt }],
    });
    const stored = await h.database.db
      .select({ nodeId: steps.nodeId })
      .from(steps)
      .where(eq(steps.runId, runId));
    // The delivery succeeded at its first attempt: its row was deleted at completion and its record kept in the
    // run row, with its input and output.
    expect(stored).toEqual([]);
    const [row] = await h.database.db
      .select({ inline: runs.inlineSteps })
      .from(runs)
      .where(eq(runs.id, runId));
    expect(row?.inline).toEqual([
      {
        id: rows[1]?.id,
        nodeId: 'isSn',
        ports: ['sn'],
        startedAt: rows[1]?.startedAt,
        endedAt: rows[1]?.endedAt,
      },
      {
        id: rows[2]?.id,
        nodeId: 'send',
        ports: ['out'],
        startedAt: rows[2]?.startedAt,
        endedAt: rows[2]?.endedAt,
        input: { op: 'changeSN', user: 'sjones' },
        output: rows[2]?.output,
        logs: rows[2]?.logs,
      },
    ]);
    const trail = await listAudit(h.database.db, { runId, limit: 50 });
    expect(trail.events.filter((e) => e.stepId === rows[1]?.id).map((e) => e.action)).toEqual([
      'step.succeeded',
    ]);
  });

  it('shows a stored trigger step of a run from before once, as stored', async () => {
    const { flowId } = await publishFlow(h.database.db, {
      name: 'older',
      nodes: [{ id: 'hook', type: 'trigger.manual', config: {} }],
      edges: [],
    });
    const runId = newId('run');
    const stepId = newId('stp');
    await h.database.db.insert(runs).values({
      id: runId,
      flowId,
      flowVersion: 1,
      triggerNodeId: 'hook',
      triggerType: 'trigger.manual',
      status: 'succeeded',
      payload: { a: 1 },
    });
    await h.database.db.insert(steps).values({
      id: stepId,
      runId,
      nodeId: 'hook',
      status: 'succeeded',
      attempt: 1,
      input: { a: 1 },
      output: { a: 1 },
    });
    const rows = await stepsOf(runId);
    expect(rows.map((s) => [s.id, s.nodeId])).toEqual([[stepId, 'hook']]);
  });

  it('a condition that takes no connected port ends the run succeeded without deliveries', async () => {
    const { flowId, version } = await publishFlow(h.database.db, {
      name: 'else',
      nodes: [
        { id: 'hook', type: 'trigger.webhook', config: { path: `e-${Date.now()}` } },
        {
          id: 'c',
          type: 'condition',
          config: { cases: [{ id: 'x', rules: [{ field: 'a', operator: 'exists' }] }] },
        },
        { id: 'send', type: 'delivery.http', config: { url: `${consumer.url}/never` } },
      ],
      edges: [
        { id: 'e1', source: 'hook', target: 'c' },
        { id: 'e2', source: 'c', sourceHandle: 'x', target: 'send' },
      ],
    });
    const { runId } = await start(h.engine, flowId, version, { b: 1 });
    expect((await waitForRun(h.database.db, runId, ['succeeded', 'failed'])).status).toBe('succeeded');
    expect((await stepsOf(runId)).map((s) => s.nodeId)).toEqual(['hook', 'c']);
  });

  it('returns the first run for a duplicate idempotency key', async () => {
    const { flowId, version } = await publishFlow(h.database.db, {
      name: 'dup',
      nodes: [{ id: 'hook', type: 'trigger.webhook', config: { path: `d-${Date.now()}` } }],
      edges: [],
    });
    const [a, b] = await Promise.all([
      start(h.engine, flowId, version, {}, 'k1'),
      start(h.engine, flowId, version, {}, 'k1'),
    ]);
    expect(b?.runId).toBe(a?.runId);
    expect([a?.duplicate, b?.duplicate].sort()).toEqual([false, true]);
    expect((await waitForRun(h.database.db, a.runId, ['succeeded'])).status).toBe('succeeded');
  });
});

describe('engine with local steps (`sluice all`)', () => {
  it('executes the first effectful step in the process that accepted the run, with no job and no worker', async () => {
    const local = await startHarness({ worker: false, localSteps: 8 });
    try {
      const { flowId, version } = await publishFlow(local.database.db, {
        name: 'local',
        nodes: [
          { id: 'hook', type: 'trigger.webhook', config: { path: `l-${Date.now()}` } },
          { id: 'send', type: 'delivery.http', config: { url: `${consumer.url}/local` } },
        ],
        edges: [{ id: 'e1', source: 'hook', target: 'send' }],
      });
      const { runId } = await start(local.engine, flowId, version, { n: 1 });
      expect((await waitForRun(local.database.db, runId, ['succeeded', 'failed'])).status).toBe('succeeded');
      expect(consumer.received.filter((d) => d.url === '/local')).toHaveLength(1);
      expect(await local.queue.depth()).toEqual({ waiting: 0, delayed: 0, active: 0 });
    } finally {
      await local.close();
    }
  });
});
