import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresDatabase } from '../../test/support/databases';
import type { Database } from '../db/client';
import { steps } from '../db/schema';
import { createLogger } from '../logging/logger';
import { LeaseKeeper } from './lease-keeper';
import { seedRun } from './testing/seed-run';

let database: Database;
beforeAll(async () => {
  database = await postgresDatabase();
});
afterAll(() => database.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function claimedSteps(lockedBy: string[], lockedUntil: Date) {
  const rows = lockedBy.map((by) => ({ status: 'running', lockedBy: by, lockedUntil }));
  return (await seedRun(database.db, 'running', rows)).stepIds;
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
      keeper.hold({ stepId: a as string }, () => sleep(900)),
      keeper.hold({ stepId: b as string }, () => sleep(900)),
      keeper.hold({ stepId: theirs as string }, async () => {
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
