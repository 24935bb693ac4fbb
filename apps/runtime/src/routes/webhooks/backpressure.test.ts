// Back-pressure: with more queued steps than the limit, webhooks answer 503 with Retry-After and store nothing.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body as json } from '../../../test/support/resources';
import { runs } from '../../db/schema';
import { type ApiHarness, startApiHarness } from '../../engine/testing/api-harness';
import { publishFlow } from '../../engine/testing/seed-flow';

let h: ApiHarness;
beforeAll(async () => {
  // No worker: the first run's step stays queued, so the backlog is above a limit of 0.
  h = await startApiHarness({ worker: false, maxBacklog: 0 });
});
afterAll(() => h.close());

describe('webhook back-pressure', () => {
  it('answers 503 with Retry-After once the backlog is over the limit', async () => {
    const path = `bp-${Date.now()}`;
    const { flowId } = await publishFlow(h.database.db, {
      name: 'bp',
      nodes: [
        { id: 'hook', type: 'trigger.webhook', config: { path } },
        { id: 'send', type: 'delivery.http', config: { url: 'http://127.0.0.1:9/never' } },
      ],
      edges: [{ id: 'e1', source: 'hook', target: 'send' }],
    });
    const first = await h.app.request(`/webhooks/${path}`, { method: 'POST', body: '{}' });
    expect(first.status).toBe(202);
    await new Promise((r) => setTimeout(r, 600));
    const second = await h.app.request(`/webhooks/${path}`, { method: 'POST', body: '{}' });
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('1');
    expect((await json(second)).error.code).toBe('overloaded');
    expect(await h.database.db.select().from(runs).where(eq(runs.flowId, flowId))).toHaveLength(1);
  });
});
