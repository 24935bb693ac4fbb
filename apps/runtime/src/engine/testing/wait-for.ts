// Test support: polls Postgres until a run reaches one of the given statuses.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { runs } from '../../db/schema';

export async function waitForRun(db: Db, runId: string, statuses: string[], timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [run] = await db.select().from(runs).where(eq(runs.id, runId));
    if (run && statuses.includes(run.status)) return run;
    if (Date.now() > deadline)
      throw new Error(`run ${runId} is ${run?.status ?? 'missing'}, expected ${statuses.join('|')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
