// Runs API through the real app: manual trigger with a sandboxed transform, replay (failed/start x original/current),
// bulk replay, cancel, 409s, pagination, SSE and /metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body as json } from '../../../test/support/resources';
import { type ApiHarness, startApiHarness } from '../../engine/testing/api-harness';
import { type HttpConsumer, startHttpConsumer } from '../../engine/testing/http-consumer';
import { publishFlow } from '../../engine/testing/seed-flow';
import { waitForRun } from '../../engine/testing/wait-for';

let h: ApiHarness;
let consumer: HttpConsumer;
/** Paths that answer 500 until removed from this set. */
const failing = new Set<string>();
beforeAll(async () => {
  h = await startApiHarness();
  consumer = await startHttpConsumer((d) => ({ status: failing.has(d.url) ? 500 : 200 }));
});
afterAll(async () => {
  await h.close();
  await consumer.close();
});

const api = (path: string, init: RequestInit = {}) =>
  h.app.request(path, { ...init, headers: { ...h.headers, ...init.headers } });
const post = (path: string, body: unknown) => api(path, { method: 'POST', body: JSON.stringify(body) });

function provisioningFlow(target: string) {
  return {
    name: 'manual provisioning',
    nodes: [
      { id: 'start', type: 'trigger.manual' },
      {
        id: 'shape',
        type: 'transform',
        config: {
          code: 'export default (input: any) => ({ user: input.uid, upper: String(input.uid).toUpperCase() });',
        },
      },
      { id: 'send', type: 'delivery.http', config: { url: `${consumer.url}${target}` } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'shape' },
      { id: 'e2', source: 'shape', target: 'send' },
    ],
  };
}

async function startManual(flowId: string, payload: unknown) {
  const res = await post(`/api/flows/${flowId}/runs`, { payload });
  expect(res.status).toBe(202);
  return ((await json(res)) as { runId: string }).runId;
}

const detail = async (runId: string) => json(await api(`/api/runs/${runId}`));
const stepOf = (d: { steps: Array<{ nodeId: string }> }, nodeId: string) =>
  d.steps.filter((s) => s.nodeId === nodeId) as any[];

describe('runs API', () => {
  it('runs a manual trigger through a transform in the real sandbox', async () => {
    const { flowId } = await publishFlow(h.database.db, provisioningFlow('/ok'));
    const runId = await startManual(flowId, { uid: 'wes' });
    expect((await waitForRun(h.database.db, runId, ['succeeded', 'failed'])).status).toBe('succeeded');
    const d = await detail(runId);
    expect(d.run).toMatchObject({
      id: runId,
      flowId,
      status: 'succeeded',
      triggerType: 'trigger.manual',
      payload: { uid: 'wes' },
    });
    expect(stepOf(d, 'shape')[0]).toMatchObject({
      status: 'succeeded',
      output: { user: 'wes', upper: 'WES' },
    });
    expect(JSON.parse(consumer.received.at(-1)?.body ?? '{}')).toEqual({ user: 'wes', upper: 'WES' });
  });

  it('replays from failed in the same run, reusing upstream outputs, on the original and the current version', async () => {
    failing.add('/v1');
    const { flowId } = await publishFlow(h.database.db, provisioningFlow('/v1'));
    const runId = await startManual(flowId, { uid: 'a' });
    const failed = await waitForRun(h.database.db, runId, ['succeeded', 'failed']);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ nodeId: 'send' });
    const before = await detail(runId);

    // Still failing: replay on the original version fails again, same run, the transform is not re-run.
    expect(
      (await json(await post(`/api/runs/${runId}/replay`, { from: 'failed', version: 'original' }))).runId,
    ).toBe(runId);
    expect((await waitForRun(h.database.db, runId, ['failed'])).status).toBe('failed');

    // Version 2 sends elsewhere; replaying on the current version delivers there.
    await publishFlow(h.database.db, provisioningFlow('/v2'), flowId);
    const res = await post(`/api/runs/${runId}/replay`, { from: 'failed', version: 'current' });
    expect(res.status).toBe(202);
    expect((await waitForRun(h.database.db, runId, ['succeeded', 'failed'])).status).toBe('succeeded');
    const after = await detail(runId);
    expect(after.run.flowVersion).toBe(2);
    expect(stepOf(after, 'shape')).toHaveLength(1);
    expect(stepOf(after, 'shape')[0].id).toBe(stepOf(before, 'shape')[0].id);
    const send = stepOf(after, 'send');
    expect(send).toHaveLength(1);
    expect(send[0]).toMatchObject({ status: 'succeeded', attempt: 3 });
    expect(send[0].output.status).toBe(200);
    expect(consumer.received.filter((d) => d.url === '/v2')).toHaveLength(1);

    // A succeeded run has nothing to replay from failed.
    expect((await post(`/api/runs/${runId}/replay`, { from: 'failed' })).status).toBe(409);
    failing.delete('/v1');
  });

  it('replays from start as a new linked run with the original or the current version', async () => {
    failing.add('/s1');
    const { flowId } = await publishFlow(h.database.db, provisioningFlow('/s1'));
    const runId = await startManual(flowId, { uid: 'b' });
    expect((await waitForRun(h.database.db, runId, ['failed'])).status).toBe('failed');
    await publishFlow(h.database.db, provisioningFlow('/s2'), flowId);

    const original = (
      await json(await post(`/api/runs/${runId}/replay`, { from: 'start', version: 'original' }))
    ).runId;
    expect(original).not.toBe(runId);
    expect((await waitForRun(h.database.db, original, ['succeeded', 'failed'])).status).toBe('failed');
    const o = await detail(original);
    expect(o.run).toMatchObject({ replayOf: runId, flowVersion: 1, payload: { uid: 'b' } });
    expect(stepOf(o, 'send')[0].input).toEqual({ user: 'b', upper: 'B' });

    const current = (
      await json(await post(`/api/runs/${runId}/replay`, { from: 'start', version: 'current' }))
    ).runId;
    expect((await waitForRun(h.database.db, current, ['succeeded', 'failed'])).status).toBe('succeeded');
    const c = await detail(current);
    expect(c.run).toMatchObject({ replayOf: runId, flowVersion: 2 });
    expect(c.steps.map((s: { nodeId: string; status: string }) => [s.nodeId, s.status])).toEqual([
      ['start', 'succeeded'],
      ['shape', 'succeeded'],
      ['send', 'succeeded'],
    ]);
    failing.delete('/s1');
  });

  it('bulk-replays the failed runs of a flow in a time window', async () => {
    failing.add('/bulk');
    const { flowId } = await publishFlow(h.database.db, provisioningFlow('/bulk'));
    const since = new Date(Date.now() - 1000).toISOString();
    const ids = [await startManual(flowId, { uid: 'x' }), await startManual(flowId, { uid: 'y' })];
    for (const id of ids) await waitForRun(h.database.db, id, ['failed']);
    failing.delete('/bulk');
    const res = await post('/api/runs/replay', {
      flowId,
      status: 'failed',
      since,
      until: new Date(Date.now() + 1000).toISOString(),
      from: 'failed',
      version: 'original',
    });
    expect(res.status).toBe(200);
    expect(((await json(res)).runIds as string[]).sort()).toEqual([...ids].sort());
    for (const id of ids)
      expect((await waitForRun(h.database.db, id, ['succeeded', 'failed'])).status).toBe('succeeded');
    expect((await post('/api/runs/replay', { flowId })).status).toBe(400);
  });

  it('refuses to replay an active run (409), cancels it, and streams its transitions as SSE', async () => {
    const { flowId } = await publishFlow(h.database.db, {
      name: 'slow',
      nodes: [
        { id: 'start', type: 'trigger.manual' },
        { id: 'wait', type: 'delay', config: { mode: 'duration', duration: 'PT30S' } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'wait' }],
    });
    const runId = await startManual(flowId, {});
    await waitForRun(h.database.db, runId, ['waiting']);
    const replay = await post(`/api/runs/${runId}/replay`, { from: 'start' });
    expect(replay.status).toBe(409);
    expect((await json(replay)).error.code).toBe('run_active');

    const sse = await api(`/api/runs/${runId}/events`);
    expect(sse.headers.get('content-type')).toContain('text/event-stream');
    const reader = (sse.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: snapshot');

    expect((await post(`/api/runs/${runId}/cancel`, {})).status).toBe(200);
    let text = '';
    while (!text.includes('"status":"cancelled","at"') || !text.includes('event: run')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('event: step');
    expect(text).toMatch(/event: run\ndata: .*"status":"cancelled"/);
    await reader.cancel();

    const d = await detail(runId);
    expect(d.run.status).toBe('cancelled');
    expect(stepOf(d, 'wait')[0].status).toBe('cancelled');
    expect((await post(`/api/runs/${runId}/cancel`, {})).status).toBe(409);
    expect((await post('/api/runs/run_nope/cancel', {})).status).toBe(404);
  });

  it('lists runs newest first with cursor pagination and filters', async () => {
    const { flowId } = await publishFlow(h.database.db, provisioningFlow('/list'));
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await startManual(flowId, { uid: `u${i}` }));
    const page1 = await json(await api(`/api/runs?flowId=${flowId}&limit=2`));
    expect(page1.runs.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    const page2 = await json(await api(`/api/runs?flowId=${flowId}&limit=2&cursor=${page1.nextCursor}`));
    expect(page2.runs.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect(page2.nextCursor).toBeNull();
    for (const id of ids) await waitForRun(h.database.db, id, ['succeeded']);
    const done = await json(await api(`/api/runs?flowId=${flowId}&status=succeeded`));
    expect(done.runs).toHaveLength(3);
    expect((await api('/api/runs?status=bogus')).status).toBe(400);
    expect((await api('/api/runs/run_missing')).status).toBe(404);
    expect((await api('/api/runs')).status).toBe(200);
    expect((await h.app.request('/api/runs')).status).toBe(401);
  });

  it('describes its routes in the OpenAPI document', async () => {
    const doc = await json(await h.app.request('/api/openapi.json'));
    for (const path of [
      '/api/runs',
      '/api/runs/{id}',
      '/api/runs/{id}/replay',
      '/api/runs/replay',
      '/api/flows/{id}/runs',
      '/api/audit',
      '/webhooks/{path}',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('exposes Prometheus metrics', async () => {
    const res = await h.app.request('/metrics');
    const text = await res.text();
    expect(text).toContain('sluice_runs_started_total{trigger="trigger.manual"}');
    expect(text).toMatch(/sluice_runs_finished_total\{status="succeeded"\} \d+/);
    expect(text).toContain('sluice_step_duration_seconds_bucket');
    expect(text).toContain('sluice_queue_depth{state="backlog"}');
  });
});
