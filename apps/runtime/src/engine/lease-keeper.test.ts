// LeaseKeeper against real PostgreSQL: held steps keep a lease in the future, others are left alone, no timer idles.
import { newId } from '@sluice/shared';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresDatabase } from '../../test/support/databases';
import type { Database } from '../db/client';
import { runs, steps } from '../db/schema';
import { createLogger } from '../logging/logger';
import { LeaseKeeper } from './lease-keeper';
import { publishFlow } from './testing/seed-flow';

let database: Database;
beforeAll(async () => {
  database = await postgresDatabase();
});
afterAll(() => database.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function claimedSteps(lockedBy: string[], lockedUntil: Date) {
  const { flowId } = await publishFlow(database.db, {
    name: 'leases',
    nodes: [{ id: 'hook', type: 'trigger.manual', config: {} }],
    edges: [],
  });
  const runId = newId('run');
  await database.db.insert(runs).values({
    id: runId,
    flowId,
    flowVersion: 1,
    triggerNodeId: 'hook',
    triggerType: 'trigger.manual',
    status: 'running',
  });
  const ids = lockedBy.map(() => newId('stp'));
  await database.db.insert(steps).values(
    ids.map((id, i) => ({
      id,
      runId,
      nodeId: 'hook',
      status: 'running',
      lockedBy: lockedBy[i],
      lockedUntil,
    })),
  );
  return ids;
}

const leases = async (ids: string[]) =>
  new Map(
    (
      await database.db
        .select({ id: steps.id, until: steps.lockedUntil })
        .from(steps)
        .where(inArray(steps.id, ids))
    ).map((r) => [r.id, r.until?.getTime() ?? 0]),
  );

describe('LeaseKeeper', () => {
  it('renews every held step in one statement per tick while it runs, only the ones this worker owns', async () => {
    const soon = new Date(Date.now() + 300);
    const [a, b, theirs] = await claimedSteps(['me', 'me', 'other'], soon);
    const keeper = new LeaseKeeper({
      db: database.db,
      log: createLogger('silent'),
      workerId: 'me',
      leaseMs: 300,
      now: () => new Date(),
    });
    let during = new Map<string, number>();
    await Promise.all([
      keeper.hold(a as string, () => sleep(900)),
      keeper.hold(b as string, () => sleep(900)),
      keeper.hold(theirs as string, async () => {
        await sleep(800);
        during = await leases([a, b, theirs] as string[]);
        expect(keeper.size).toBe(3);
      }),
    ]);
    // Held for 900 ms with a 300 ms lease: still in the future near the end, from renewals.
    expect(during.get(a as string)).toBeGreaterThan(Date.now() - 150);
    expect(during.get(b as string)).toBeGreaterThan(Date.now() - 150);
    expect(during.get(theirs as string)).toBe(soon.getTime());
    expect(keeper.size).toBe(0);
    // Nothing held: no more renewals.
    const after = await leases([a, b] as string[]);
    await sleep(350);
    expect(await leases([a, b] as string[])).toEqual(after);
  });
});
