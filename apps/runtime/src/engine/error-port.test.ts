// Retries exhausted with the error port connected: {error, input} flows there and the run still succeeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  consumer = await startHttpConsumer((d) => ({
    status: d.url === '/broken' ? 503 : d.url === '/rejects' ? 400 : 200,
  }));
});
afterAll(async () => {
  await h.close();
  await consumer.close();
});

async function runOnce(target: string, errorEdge: boolean) {
  const { flowId, version } = await publishFlow(h.database.db, {
    name: 'errors',
    nodes: [
      { id: 'hook', type: 'trigger.webhook', config: { path: `x-${Math.random().toString(36).slice(2)}` } },
      {
        id: 'send',
        type: 'delivery.http',
        config: { url: `${consumer.url}${target}`, breaker: { enabled: false } },
        retry: { attempts: 2, backoff: { type: 'fixed', delayMs: 50, jitter: false } },
      },
      { id: 'alert', type: 'delivery.http', config: { url: `${consumer.url}/alerts` } },
    ],
    edges: [
      { id: 'e1', source: 'hook', target: 'send' },
      ...(errorEdge ? [{ id: 'e2', source: 'send', sourceHandle: 'error', target: 'alert' }] : []),
    ],
  });
  const { runId } = await startWebhookRun(h.engine, { flowId, version }, { uid: 'z' }, { actor: 't' });
  await waitForRun(h.database.db, runId, ['succeeded', 'failed']);
  return (await getRunDetail(h.database.db, runId)) as NonNullable<Awaited<ReturnType<typeof getRunDetail>>>;
}

describe('error port', () => {
  it('routes {error, input} to the error port after the retries, and the run succeeds', async () => {
    const d = await runOnce('/broken', true);
    expect(d.run.status).toBe('succeeded');
    const send = d.steps.find((s) => s.nodeId === 'send');
    expect(send).toMatchObject({ status: 'failed', attempt: 2, ports: ['error'] });
    const alert = d.steps.find((s) => s.nodeId === 'alert');
    expect(alert?.input).toMatchObject({ error: { code: 'HttpError' }, input: { uid: 'z' } });
    expect(alert?.status).toBe('succeeded');
  });

  it('fails the run when the error port is not connected; a 400 is not retried', async () => {
    const d = await runOnce('/rejects', false);
    expect(d.run.status).toBe('failed');
    expect(d.run.error).toMatchObject({ nodeId: 'send', error: { retryable: false } });
    expect(d.steps.find((s) => s.nodeId === 'send')).toMatchObject({
      status: 'failed',
      attempt: 1,
      ports: null,
    });
  });
});
