// The Postgres claim guard: of many workers racing for one step, exactly one gets it; an expired lease is taken over.

import { FlowDocumentSchema, JsonData } from '@sluice/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresDatabase } from '../../test/support/databases';
import type { Database } from '../db/client';
import { steps } from '../db/schema';
import { claimStep } from './claim-step';
import { flushDeferred } from './deferred-writes';
import { emptyEffects } from './effects';
import { compileFlow } from './rules/flow-graph';
import { startRun } from './start-run';
import { publishFlow } from './testing/seed-flow';

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
  return { flowId, runId, stepId: step?.id as string };
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
