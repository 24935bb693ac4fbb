// Cancelling a run ends its attempt in flight (here, or in another process through the event bus), not only
// discards its outcome: a delivery stuck on a consumer that never answers is ended at once, not at its timeout.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steps } from '../db/schema';
import type { Engine } from './engine';
import { type Harness, startHarness } from './testing/harness';
import { publishFlow } from './testing/seed-flow';
import { startWebhookRun } from './testing/start-webhook-run';
import { waitForRun } from './testing/wait-for';

let h: Harness;
let other: Harness;
/** A consumer that reads each request and never answers; `closed` settles when the client ends the connection. */
const pending: { req: IncomingMessage; closed: Promise<number> }[] = [];
const consumer = createServer((req) => {
  req.resume();
  pending.push({ req, closed: new Promise((r) => req.socket.once('close', () => r(Date.now()))) });
});
let url = '';

beforeAll(async () => {
  h = await startHarness();
  // A second engine on the same queues and bus, without a worker: "another process" for the cancel.
  other = await startHarness({ prefix: h.prefix, worker: false });
  await new Promise<void>((r) => consumer.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(consumer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  consumer.closeAllConnections();
  consumer.close();
  await other.close();
  await h.close();
});

/** Starts a run whose delivery (60 s timeout, no retry) hangs on the consumer; resolves once it is in flight. */
async function hangingRun() {
  const { flowId, version } = await publishFlow(h.database.db, {
    name: 'hangs',
    nodes: [
      { id: 'hook', type: 'trigger.webhook', config: { path: `hang-${Date.now()}-${Math.random()}` } },
      {
        id: 'send',
        type: 'delivery.http',
        config: { url: `${url}/scim`, timeoutMs: 60_000 },
        retry: { attempts: 1 },
      },
    ],
    edges: [{ id: 'e1', source: 'hook', target: 'send' }],
  });
  const before = pending.length;
  const { runId } = await startWebhookRun(h.engine, { flowId, version }, { user: 'sjones' });
  for (let i = 0; i < 200 && pending.length === before; i++) await new Promise((r) => setTimeout(r, 25));
  const inFlight = pending[before];
  if (!inFlight) throw new Error('the delivery never reached the consumer');
  return { runId, closed: inFlight.closed };
}

async function expectEndedByCancel(cancelling: Engine) {
  const { runId, closed } = await hangingRun();
  const at = Date.now();
  expect(await cancelling.cancelRun(runId, 'test')).toEqual({ ok: true });
  // The request is ended by the client well before its 60 s timeout.
  expect((await closed) - at).toBeLessThan(5_000);
  expect((await waitForRun(h.database.db, runId, ['cancelled'])).status).toBe('cancelled');
  // The attempt's outcome is discarded: the step stays cancelled, no error recorded.
  await h.engine.idle();
  const rows = await h.database.db.select().from(steps).where(eq(steps.runId, runId));
  expect(rows.map((s) => [s.nodeId, s.status, s.error])).toEqual([['send', 'cancelled', null]]);
}

describe('cancelling a run with a step in flight', () => {
  it('ends the attempt executing in this process', async () => {
    await expectEndedByCancel(h.engine);
  });

  it('ends the attempt executing in another process (told through the event bus)', async () => {
    await expectEndedByCancel(other.engine);
  });
});
