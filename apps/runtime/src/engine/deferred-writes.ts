// Writes a batch's deferred rows in a few multi-row statements, just before its audit rows and its commit.
import { and, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../audit';
import { bulkInsert, rawClientOf } from '../audit/bulk-insert';
import { runs, steps } from '../db/schema';
import type { Effects } from './effects';
import { recordRunTransition } from './settle-run';

/**
 * The new runs and steps the batch's items have gathered so far, sent now (postgres-js only) and taken out of
 * their effects: called once the items' first statements (outcomes, run locks) are on the wire, these inserts
 * follow them, so PostgreSQL executes them while this process reads the locks' answers instead of after.
 * Returns the inserts in flight (the transaction waits for them before COMMIT), or null when nothing was sent.
 */
export function sendEarlyRows(tx: Tx, effects: readonly Effects[]): Promise<unknown> | null {
  if (!rawClientOf(tx)) return null;
  const newRuns = effects.flatMap((fx) => fx.runs.splice(0));
  const newSteps = effects.flatMap((fx) => fx.steps.splice(0));
  if (newRuns.length === 0 && newSteps.length === 0) return null;
  return sendRows(tx, newRuns, newSteps);
}

/**
 * postgres-js: the runs' inserts, then the steps' (their foreign key needs the runs), sent back to back without
 * waiting (the server keeps the order). The caller awaits the answers before COMMIT.
 */
function sendRows(tx: Tx, newRuns: Effects['runs'], newSteps: Effects['steps']): Promise<unknown> {
  const sent = Promise.all([
    bulkInsert(tx, runs, newRuns, { anyOrder: true }),
    bulkInsert(tx, steps, newSteps, { anyOrder: true }),
  ]);
  sent.catch(() => {}); // awaited before COMMIT
  return sent;
}

/**
 * New runs, then new steps (their foreign key needs the runs), then the runs whose first step was claimed move
 * to running. One statement each instead of one per item: the transaction's cost no longer grows with items.
 * Resolves once `fx.audit` is final, with the statements still in flight (postgres-js: the inserts, when no run
 * update needs an answer first), so the audit rows and COMMIT can follow them without a round trip.
 */
export async function flushDeferred(tx: Tx, fx: Effects): Promise<{ inFlight?: Promise<unknown> }> {
  // On postgres-js the rows go out in one pipeline; through the query builder (PGlite) the steps wait for the runs.
  let inserted: Promise<unknown>;
  if (rawClientOf(tx)) inserted = sendRows(tx, fx.runs, fx.steps);
  else {
    await bulkInsert(tx, runs, fx.runs, { anyOrder: true });
    await bulkInsert(tx, steps, fx.steps, { anyOrder: true });
    inserted = Promise.resolve();
  }
  // Wrapped: an async function returning a promise would wait for it.
  if (fx.startedRuns.length === 0) return { inFlight: inserted };
  const byRun = new Map(fx.startedRuns.map((s) => [s.runId, s]));
  const at = fx.startedRuns[0]?.at ?? new Date();
  const update = tx
    .update(runs)
    .set({
      status: 'running',
      startedAt: sql`coalesce(${runs.startedAt}, ${at.toISOString()}::timestamptz)`,
      updatedAt: at,
    })
    .where(and(inArray(runs.id, [...byRun.keys()]), inArray(runs.status, ['queued', 'waiting'])))
    .returning({ id: runs.id, status: runs.status });
  const [, started] = await Promise.all([inserted, update]);
  for (const r of started) {
    const s = byRun.get(r.id);
    if (s)
      recordRunTransition(fx, {
        runId: s.runId,
        flowId: s.flowId,
        from: null,
        to: 'running',
        at: s.at,
        actor: s.actor,
      });
  }
  return {};
}
