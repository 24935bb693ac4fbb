// The Postgres claim guard: of many workers racing for one step, exactly one gets it; an expired lease is taken over;
// the outcome of a worker that lost its lease is discarded, whether it would update the row or retire it.

import { FlowDocumentSchema, JsonData } from '@sluice/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresDatabase } from '../../test/support/databases';
import type { Database } from '../db/client';
import { runs, steps } from '../db/schema';
import { claimStep } from './claim-step';
import { completeStep } from './complete-step';
import { flushDeferred } from './deferred-writes';
import { emptyEffects } from './effects';
import { getRunDetail } from './read-runs';
import { compileFlow } from './rules/flow-graph';
import { startRun } from './start-run';
import type { AttemptRecord } from './step-records';
import { publishFlow } from './testing/seed-flow';
import { drain } from './tx-gather';

let database: Database;
beforeAll(async () => {
  database = await postgresDatabase();
});
afterAll(() => database.close());

async function queuedStep() {
  const doc = {
    name: 'claim',
    nodes: [
      { id: 'hook', type: 'trigger.webhook', config: { path: `c-${Math.random().toString(36).slice(2)}` } },
      { id: 'send', type: 'delivery.http', config: { url: 'http://127.0.0.1:9/x' } },
    ],
    edges: [{ id: 'e1', source: 'hook', target: 'send' }],
  };
  const { flowId, version } = await publishFlow(database.db, doc);
  const graph = compileFlow(FlowDocumentSchema.parse(doc));
  const input = {
    flowId,
    version,
    graph,
    triggerNodeId: 'hook',
    triggerType: 'trigger.webhook',
    payload: { user: 'u1', tags: ['a', 'é'] },
    actor: 't',
  };
  const { runId } = await database.db.transaction(async (tx) => {
    const fx = emptyEffects();
    const started = await startRun(input, new Date())(tx, fx);
    await flushDeferred(tx, fx);
    return started;
  });
  const [step] = await database.db
    .select()
    .from(steps)
    .where(eq(steps.runId, runId))
    .then((r) => r.filter((s) => s.nodeId === 'send'));
  return { flowId, version, runId, stepId: step?.id as string };
}

const claim = (
  s: { flowId: string; runId: string; stepId: string },
  workerId: string,
  now = new Date(),
  leaseMs = 60_000,
) => database.db.transaction((tx) => claimStep({ ...s, workerId, leaseMs, now })(tx, emptyEffects()));

describe('claimStep', () => {
  it('lets exactly one of many concurrent claims win', async () => {
    const s = await queuedStep();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => claim(s, `w${i}`)));
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ status: 'running', attempt: 1 });
    expect(winners[0]?.attempts).toHaveLength(1);
  });

  it('refuses a step under a live lease and takes over an expired one as a new attempt', async () => {
    const s = await queuedStep();
    const t0 = new Date();
    expect(await claim(s, 'a', t0, 1000)).not.toBeNull();
    expect(await claim(s, 'b', new Date(t0.getTime() + 500))).toBeNull();
    const taken = await claim(s, 'b', new Date(t0.getTime() + 1500));
    expect(taken).toMatchObject({ lockedBy: 'b', attempt: 2 });
  });

  it('hands the stored input over as its JSON text, parsed only when read', async () => {
    const s = await queuedStep();
    const won = await claim(s, 'w');
    expect(won?.input).toBeInstanceOf(JsonData);
    const input = won?.input as JsonData;
    expect(JSON.parse(input.text)).toEqual({ user: 'u1', tags: ['a', 'é'] });
    expect(input.value).toEqual({ user: 'u1', tags: ['a', 'é'] });
  });
});

describe('completeStep after a claim', () => {
  type Claimed = NonNullable<Awaited<ReturnType<typeof claim>>>;
  const succeed = (s: Awaited<ReturnType<typeof queuedStep>>, step: Claimed, workerId: string) =>
    database.db.transaction(async (tx) => {
      const fx = emptyEffects();
      const endedAt = new Date();
      const out = await completeStep({
        ref: { runId: s.runId, flowId: s.flowId, version: s.version },
        step: {
          id: step.id,
          nodeId: step.nodeId,
          attempt: step.attempt,
          attempts: step.attempts as AttemptRecord[],
          logs: [],
          input: step.input,
          state: step.state,
        },
        exec: {
          outcome: { kind: 'succeeded', output: { status: 200, by: workerId }, ports: ['out'] },
          logs: [],
          startedAt: endedAt,
          endedAt,
          type: 'delivery.http',
        },
        plan: { rows: [], handoffs: [], jobs: [], executions: [] },
        workerId,
      })(tx, fx);
      await flushDeferred(tx, fx);
      await drain(tx);
      return out;
    });
  const runStatus = async (runId: string) =>
    (await database.db.select({ status: runs.status }).from(runs).where(eq(runs.id, runId)))[0]?.status;

  it('retires a first-attempt success into the run row; a late worker whose lease was taken over commits nothing', async () => {
    const s = await queuedStep();
    const t0 = new Date();
    const a = (await claim(s, 'a', t0, 1000)) as Claimed;
    const b = (await claim(s, 'b', new Date(t0.getTime() + 1500))) as Claimed;
    // Worker a's lease was taken over: its success at attempt 1 would retire the row, but the guard refuses it.
    expect(await succeed(s, a, 'a')).toBeNull();
    expect(await runStatus(s.runId)).toBe('queued');
    // Worker b succeeds at attempt 2: the row keeps the outcome and both attempts.
    expect(await succeed(s, b, 'b')).toEqual([]);
    expect(await runStatus(s.runId)).toBe('succeeded');
    const [row] = await database.db.select().from(steps).where(eq(steps.id, s.stepId));
    expect(row).toMatchObject({ status: 'succeeded', attempt: 2, output: { status: 200, by: 'b' } });
    expect(row?.attempts).toHaveLength(2);

    const first = await queuedStep();
    const won = (await claim(first, 'w')) as Claimed;
    expect(await succeed(first, won, 'w')).toEqual([]);
    expect(await runStatus(first.runId)).toBe('succeeded');
    expect(await database.db.select().from(steps).where(eq(steps.id, first.stepId))).toEqual([]);
    // The run detail shows it as the step it was.
    const detail = await getRunDetail(database.db, first.runId);
    expect(detail?.steps.find((v) => v.id === first.stepId)).toMatchObject({
      nodeId: 'send',
      status: 'succeeded',
      attempt: 1,
      input: { user: 'u1', tags: ['a', 'é'] },
      output: { status: 200, by: 'w' },
      ports: ['out'],
    });
    // A second completion of the retired step (a duplicate job) finds no row: discarded.
    expect(await succeed(first, won, 'w')).toBeNull();
  });
});
