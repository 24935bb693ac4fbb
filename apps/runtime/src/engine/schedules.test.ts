// trigger.schedule through BullMQ job schedulers: registered on publish, each tick a run, removed on unpublish.

import { FlowDocumentSchema } from '@sluice/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runs } from '../db/schema';
import { reconcileSchedules, scheduleHooks } from './schedules';
import { type Harness, startHarness } from './testing/harness';
import { publishFlow } from './testing/seed-flow';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('schedules', () => {
  it('registers a scheduler per schedule node on publish, starts runs on its ticks, and removes it on unpublish', async () => {
    const doc = FlowDocumentSchema.parse({
      name: 'nightly',
      nodes: [
        {
          id: 'tick',
          type: 'trigger.schedule',
          config: { cron: '* * * * * *', timezone: 'Europe/Berlin', payload: { job: 'sync' } },
        },
      ],
      edges: [],
    });
    const { flowId, version } = await publishFlow(h.database.db, doc);
    const hooks = scheduleHooks(h.queue);
    await hooks.published?.(flowId, version, doc);
    const schedulers = await h.queue.queue.getJobSchedulers();
    expect(schedulers.filter((s) => s.key.includes(flowId))).toMatchObject([
      { pattern: '* * * * * *', tz: 'Europe/Berlin' },
    ]);

    let started: Array<typeof runs.$inferSelect> = [];
    for (let i = 0; i < 60 && started.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      started = await h.database.db.select().from(runs).where(eq(runs.flowId, flowId));
    }
    expect(started[0]).toMatchObject({
      triggerType: 'trigger.schedule',
      triggerNodeId: 'tick',
      payload: { job: 'sync' },
    });

    // Lost from Redis (a flush): the reconciler brings it back from the published version in Postgres.
    await h.queue.queue.removeJobScheduler(`sch-${flowId}-tick`);
    expect(await reconcileSchedules(h.engine)).toBeGreaterThanOrEqual(1);
    expect((await h.queue.queue.getJobSchedulers()).filter((s) => s.key.includes(flowId))).toHaveLength(1);

    await hooks.unpublished?.(flowId);
    expect((await h.queue.queue.getJobSchedulers()).filter((s) => s.key.includes(flowId))).toEqual([]);
  });
});
