// cancelRun against real PostgreSQL: it locks a run's steps before the run, as a completion does (a step, then its
// run), so a cancel racing a completion of the same run waits for it instead of deadlocking with it.
import { newId } from '@sluice/shared';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postgresDatabase } from '../../test/support/databases';
import type { Database } from '../db/client';
import { runs, steps } from '../db/schema';
import { cancelRun } from './cancel-run';
import { emptyEffects } from './effects';
import { seedRun } from './testing/seed-run';

let database: Database;
const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
beforeAll(async () => {
  database = await postgresDatabase();
});
afterAll(async () => {
  await database.close();
  await sql.end();
});

async function runningRun() {
  const { runId, stepIds } = await seedRun(database.db, 'queued', [{ status: 'running', lockedBy: 'w1' }]);
  return { runId, stepId: stepIds[0] as string };
}

describe('cancelRun', () => {
  it('waits for a completion holding the step, then cancels (no deadlock: step, then run, in both)', async () => {
    const { runId, stepId } = await runningRun();
    let cancel: Promise<unknown> | undefined;
    // The completion's order: the step's outcome first (its row lock), then the run's lock.
    await sql.begin(async (tx) => {
      await tx`update steps set updated_at = now() where id = ${stepId}`;
      cancel = database.db.transaction((t) => cancelRun(runId, 'test', new Date())(t, emptyEffects()));
      await new Promise((r) => setTimeout(r, 200)); // the cancel is now waiting for the step
      await tx`select id from runs where id = ${runId} for update`;
    });
    expect(await cancel).toEqual({ ok: true });
    const [run] = await database.db.select().from(runs).where(eq(runs.id, runId));
    const [step] = await database.db.select().from(steps).where(eq(steps.id, stepId));
    expect([run?.status, step?.status]).toEqual(['cancelled', 'cancelled']);
  });

  it('answers run_ended for an ended run and leaves it as it is', async () => {
    const { runId } = await runningRun();
    await database.db.update(steps).set({ status: 'succeeded' }).where(eq(steps.runId, runId));
    await database.db.update(runs).set({ status: 'succeeded' }).where(eq(runs.id, runId));
    const fx = emptyEffects();
    const result = await database.db.transaction((t) => cancelRun(runId, 'test', new Date())(t, fx));
    expect(result).toEqual({ ok: false, code: 'run_ended', status: 'succeeded' });
    expect(fx.audit).toEqual([]);
    expect(
      await database.db.transaction((t) => cancelRun(newId('run'), 'test', new Date())(t, emptyEffects())),
    ).toEqual({ ok: false, code: 'not_found' });
  });
});
