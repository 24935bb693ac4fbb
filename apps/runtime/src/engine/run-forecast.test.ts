// Settle forecasts: a completion of a run this process knows settles it without waiting for the run's lock and step
// count; when the run is not as forecast (moved by another writer, the step lost), PostgreSQL's check fails the
// batch, which is re-run the slow way: the outcome is what the slow way alone would have written.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../audit';
import { auditEvents, runs, steps } from '../db/schema';
import { afterOutcome, classesOf, NO_STEPS, RunForecast, withRows, withStep } from './run-forecast';
import { type Harness, startHarness } from './testing/harness';
import { publishFlow } from './testing/seed-flow';
import { startWebhookRun } from './testing/start-webhook-run';
import { waitForRun } from './testing/wait-for';

describe('forecast counts', () => {
  it('counts rows as the step count in PostgreSQL does', () => {
    const c = withRows(NO_STEPS, [
      { id: 'a', runId: 'r', nodeId: 'a', status: 'running' },
      { id: 'b', runId: 'r', nodeId: 'b', status: 'queued' },
      { id: 'c', runId: 'r', nodeId: 'c', status: 'waiting' },
      { id: 'd', runId: 'r', nodeId: 'd', status: 'failed', ports: null },
      { id: 'e', runId: 'r', nodeId: 'e', status: 'failed', ports: ['error'] },
      { id: 'f', runId: 'r', nodeId: 'f', status: 'succeeded', ports: ['out'] },
    ]);
    expect(c).toEqual({ queued: 1, running: 1, waiting: 1, unhandledFailed: 1 });
  });

  it('moves the completed step out of running; none running cannot be right', () => {
    const one = withStep(NO_STEPS, 'running', null);
    expect(afterOutcome(one, 'succeeded', ['out'])).toEqual(NO_STEPS);
    expect(afterOutcome(one, 'waiting', undefined)).toEqual({ ...NO_STEPS, waiting: 1 });
    expect(afterOutcome(one, 'failed', null)).toEqual({ ...NO_STEPS, unhandledFailed: 1 });
    expect(afterOutcome(one, 'failed', ['error'])).toEqual(NO_STEPS);
    expect(afterOutcome(NO_STEPS, 'succeeded', ['out'])).toBeNull();
    expect(classesOf({ queued: 0, running: 2, waiting: 0, unhandledFailed: 1 })).toEqual({
      busy: true,
      waiting: false,
      failed: true,
    });
  });

  it('keeps runs until they end, forgets on demand, and holds at most its limit (oldest out first)', () => {
    const f = new RunForecast(2);
    f.set('a', 'queued', NO_STEPS);
    f.set('b', 'running', NO_STEPS);
    f.set('a', 'running', NO_STEPS); // refreshed: now the newest
    f.set('c', 'queued', NO_STEPS);
    expect([f.get('a')?.status, f.get('b'), f.get('c')?.status]).toEqual(['running', undefined, 'queued']);
    f.set('a', 'succeeded', NO_STEPS);
    expect(f.get('a')).toBeUndefined();
    f.failed(['c'], true);
    expect([f.size, f.stats.missed]).toEqual([0, 1]);
  });
});

let h: Harness;
/** A consumer that holds every request until released, then answers 200. */
const held: { path: string; res: ServerResponse }[] = [];
const consumer = createServer((req, res) => {
  req.resume();
  req.on('end', () => held.push({ path: req.url ?? '', res }));
});
let url = '';

beforeAll(async () => {
  // Deliveries right after the trigger run in this process, as in `sluice all`: their runs are forecast.
  h = await startHarness({ worker: false, localSteps: 8 });
  await new Promise<void>((r) => consumer.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(consumer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const { res } of held) res.end();
  consumer.closeAllConnections();
  consumer.close();
  await h.close();
});

/** Answers the held requests (those to `path` only, if given). */
function release(path?: string): void {
  for (const h of [...held]) {
    if (path && h.path !== path) continue;
    held.splice(held.indexOf(h), 1);
    h.res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  }
}

/** Starts a run of `hook -> n deliveries`; resolves once all n are held at the consumer. */
async function heldRun(n = 1) {
  const sends = Array.from({ length: n }, (_, i) => `send${i}`);
  const { flowId, version } = await publishFlow(h.database.db, {
    name: 'forecast',
    nodes: [
      { id: 'hook', type: 'trigger.webhook', config: { path: `fc-${Date.now()}-${Math.random()}` } },
      ...sends.map((id) => ({
        id,
        type: 'delivery.http',
        config: { url: `${url}/${id}`, timeoutMs: 30_000, breaker: { enabled: false } },
        retry: { attempts: 1 },
      })),
    ],
    edges: sends.map((id) => ({ id: `e-${id}`, source: 'hook', target: id })),
  });
  const { runId } = await startWebhookRun(h.engine, { flowId, version }, { user: 'sjones' });
  for (let i = 0; i < 400 && held.length < n; i++) await new Promise((r) => setTimeout(r, 25));
  if (held.length < n) throw new Error('the deliveries never reached the consumer');
  return runId;
}

const auditOf = async (runId: string) =>
  (
    await h.database.db
      .select({ action: auditEvents.action, data: auditEvents.data, stepId: auditEvents.stepId })
      .from(auditEvents)
      .where(eq(auditEvents.runId, runId))
      .orderBy(asc(auditEvents.seq))
  ).map((e) => ({ action: e.action, from: (e.data as { from?: string } | null)?.from, stepId: e.stepId }));

describe('settling from a forecast', () => {
  it('settles a run it started without waiting, once per run, with branches ending together', async () => {
    const used = h.engine.forecast.stats.used;
    const runId = await heldRun(3);
    expect(h.engine.forecast.get(runId)).toEqual({
      status: 'queued',
      counts: { queued: 0, running: 3, waiting: 0, unhandledFailed: 0 },
    });
    release();
    await waitForRun(h.database.db, runId, ['succeeded', 'failed']);
    await h.engine.idle();
    expect(h.engine.forecast.stats.used - used).toBe(3);
    expect(h.engine.forecast.get(runId)).toBeUndefined(); // ended
    const actions = (await auditOf(runId)).map((e) => e.action);
    expect(actions.filter((a) => a === 'run.succeeded')).toHaveLength(1);
    expect(actions.filter((a) => a === 'step.succeeded')).toHaveLength(3);
    expect(await verifyAudit(h.database.db)).toMatchObject({ ok: true });
  });

  it('settles the runs of a batch re-run because the audit chain moved the slow way, once', async () => {
    const runId = await heldRun(3);
    // Another process appends to the audit chain: this engine's next batch is hashed from a head that moved on, fails
    // its chain guard and is re-run with every forecast of its runs forgotten (it ran in a loop once: a slow
    // completion taught the forecast in the middle of the re-run batch).
    await h.database.db.transaction((tx) => appendAudit(tx, { actor: 'other', action: 'test.moved' }));
    release();
    await waitForRun(h.database.db, runId, ['succeeded', 'failed']);
    await h.engine.idle();
    const actions = (await auditOf(runId)).map((e) => e.action);
    expect(actions.filter((a) => a === 'run.succeeded')).toHaveLength(1);
    expect(actions.filter((a) => a === 'step.succeeded')).toHaveLength(3);
    expect(await verifyAudit(h.database.db)).toMatchObject({ ok: true });
  });

  it('re-runs the batch the slow way when another writer moved the run meanwhile', async () => {
    const missed = h.engine.forecast.stats.missed;
    const runId = await heldRun();
    // Another process's doing, as far as this engine can tell: the run is running and has a step queued.
    await h.database.db.update(runs).set({ status: 'running' }).where(eq(runs.id, runId));
    await h.database.db
      .insert(steps)
      .values({ id: `${runId}-other`, runId, nodeId: 'send0', status: 'queued' });
    release();
    await h.engine.idle();
    await new Promise((r) => setTimeout(r, 100));
    await h.engine.idle();
    expect(h.engine.forecast.stats.missed - missed).toBe(1);
    // As the slow way decides: the queued step keeps the run running; the delivery's outcome is stored once.
    const [run] = await h.database.db.select().from(runs).where(eq(runs.id, runId));
    expect(run?.status).toBe('running');
    const audit = await auditOf(runId);
    expect(audit.filter((e) => e.action === 'step.succeeded')).toHaveLength(1);
    expect(audit.some((e) => e.action.startsWith('run.') && e.action !== 'run.queued')).toBe(false);
    // The forecast learnt the run again from PostgreSQL's count.
    expect(h.engine.forecast.get(runId)).toEqual({
      status: 'running',
      counts: { queued: 1, running: 0, waiting: 0, unhandledFailed: 0 },
    });
    expect(await verifyAudit(h.database.db)).toMatchObject({ ok: true });
    // Not left queued: other test files share this database and measure its backlog of queued steps.
    await h.database.db.update(steps).set({ status: 'cancelled' }).where(eq(steps.id, `${runId}-other`));
  });

  it('stores nothing of an attempt whose step was taken over meanwhile, as the slow way', async () => {
    const missed = h.engine.forecast.stats.missed;
    // Two branches: with the other one still running, the run's count alone cannot tell that this step was lost.
    const runId = await heldRun(2);
    // Its lease expired and another worker claimed it.
    await h.database.db
      .update(steps)
      .set({ lockedBy: 'another-worker' })
      .where(and(eq(steps.runId, runId), eq(steps.nodeId, 'send0')));
    release('/send0');
    // (Not engine.idle(): send1 is still held.)
    for (let i = 0; i < 200 && h.engine.forecast.stats.missed === missed; i++)
      await new Promise((r) => setTimeout(r, 25));
    await h.engine.committer.idle();
    expect(h.engine.forecast.stats.missed - missed).toBe(1);
    const send0 = async () =>
      (
        await h.database.db
          .select()
          .from(steps)
          .where(and(eq(steps.runId, runId), eq(steps.nodeId, 'send0')))
      )[0];
    expect(await send0()).toMatchObject({ status: 'running', lockedBy: 'another-worker', output: null });
    release('/send1');
    await h.engine.idle();
    const [run] = await h.database.db.select().from(runs).where(eq(runs.id, runId));
    expect(run?.status).toBe('running'); // send0 still runs, elsewhere
    expect(await send0()).toMatchObject({ status: 'running', lockedBy: 'another-worker', output: null });
    const audit = (await auditOf(runId)).map((e) => e.action);
    expect(audit).toEqual(['run.queued', 'step.running', 'step.running', 'step.succeeded', 'run.running']);
  });
});
