// Snippets through a real flow run: webhook -> transform -> condition (code) -> delivery, and failing snippets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRunDetail } from '../engine/read-runs';
import { type Harness, startHarness } from '../engine/testing/harness';
import { type HttpConsumer, startHttpConsumer } from '../engine/testing/http-consumer';
import { publishFlow } from '../engine/testing/seed-flow';
import { waitForRun } from '../engine/testing/wait-for';

let h: Harness;
let consumer: HttpConsumer;
beforeAll(async () => {
  h = await startHarness();
  consumer = await startHttpConsumer();
});
afterAll(async () => {
  await h.close();
  await consumer.close();
});

async function run(nodes: unknown[], edges: unknown[], payload: unknown) {
  const { flowId, version } = await publishFlow(h.database.db, {
    name: 'snippets',
    variables: { domain: 'example.org' },
    nodes: [
      {
        id: 'hook',
        type: 'trigger.webhook',
        config: { path: `snip-${Math.random().toString(36).slice(2)}` },
      },
      ...(nodes as never[]),
    ],
    edges: edges as never[],
  });
  const graph = await h.engine.flows.get(flowId, version);
  const { runId } = await h.engine.startRun({
    flowId,
    version,
    graph: graph!,
    triggerNodeId: 'hook',
    triggerType: 'trigger.webhook',
    payload,
    actor: 'test',
  });
  const finished = await waitForRun(h.database.db, runId, ['succeeded', 'failed']);
  return { run: finished, steps: (await getRunDetail(h.database.db, runId))?.steps ?? [] };
}

const toScim = `export default (input: { id: string; first: string; last: string; status: string }, ctx: SnippetContext) => {
  ctx.log('mapping', input.id);
  return {
    userName: (input.first + '.' + input.last + '@' + ctx.variables.domain).toLowerCase(),
    externalId: input.id,
    active: input.status !== 'terminated',
    step: ctx.nodeId,
  };
};`;

describe('snippets in a flow run', () => {
  it('transforms, routes on a TypeScript predicate and delivers', async () => {
    const path = `/scim/${Math.random().toString(36).slice(2)}`;
    const { run: r, steps } = await run(
      [
        { id: 'map', type: 'transform', config: { code: toScim } },
        {
          id: 'gone',
          type: 'condition',
          config: { mode: 'code', code: 'export default (u: { active: boolean }) => !u.active;' },
        },
        { id: 'send', type: 'delivery.http', config: { url: `${consumer.url}${path}` } },
      ],
      [
        { id: 'e1', source: 'hook', target: 'map' },
        { id: 'e2', source: 'map', target: 'gone' },
        { id: 'e3', source: 'gone', sourceHandle: 'true', target: 'send' },
      ],
      { id: 'E1', first: 'Ada', last: 'Lovelace', status: 'terminated' },
    );
    expect(r.status).toBe('succeeded');
    const map = steps.find((s) => s.nodeId === 'map')!;
    expect(map.output).toEqual({
      userName: 'ada.lovelace@example.org',
      externalId: 'E1',
      active: false,
      step: 'map',
    });
    expect(JSON.stringify(map.logs)).toContain('mapping E1');
    expect(steps.find((s) => s.nodeId === 'gone')!.ports).toEqual(['true']);
    expect(consumer.received.filter((d) => d.url === path)).toHaveLength(1);
    // The transform's output travels as the isolate's JSON text (stored, passed through the condition, sent as
    // the body): every copy of it reads back as the same plain JSON.
    for (const id of ['gone', 'send']) expect(steps.find((s) => s.nodeId === id)!.input).toEqual(map.output);
    expect(steps.find((s) => s.nodeId === 'gone')!.output).toEqual(map.output);
    expect(JSON.parse(consumer.received.find((d) => d.url === path)!.body)).toEqual(map.output);
  });

  it('fails the run on a throwing snippet with its line, without retrying it even when the policy allows', async () => {
    const code =
      'export default (input: any) => {\n  if (!input.email) {\n    throw new Error("no email for " + input.id);\n  }\n  return input;\n};';
    const { run: r, steps } = await run(
      [
        {
          id: 'map',
          type: 'transform',
          config: { code },
          retry: { attempts: 3, backoff: { type: 'fixed', delayMs: 10 } },
        },
      ],
      [{ id: 'e1', source: 'hook', target: 'map' }],
      { id: 'E2' },
    );
    expect(r.status).toBe('failed');
    const map = steps.find((s) => s.nodeId === 'map')!;
    expect(map.attempt).toBe(1);
    expect(map.error).toMatchObject({
      code: 'SnippetError',
      message: 'SnippetError: no email for E2 at line 3',
      retryable: false,
    });
  });

  it('retries a timeout (the sandbox default budget) as the node policy says, then fails with SnippetTimeout', async () => {
    const { run: r, steps } = await run(
      [
        {
          id: 'spin',
          type: 'transform',
          config: { code: 'export default () => { for (;;) {} };' },
          retry: { attempts: 2, backoff: { type: 'fixed', delayMs: 10, jitter: false } },
        },
      ],
      [{ id: 'e1', source: 'hook', target: 'spin' }],
      {},
    );
    expect(r.status).toBe('failed');
    const spin = steps.find((s) => s.nodeId === 'spin')!;
    expect(spin.attempt).toBe(2);
    expect(spin.error).toMatchObject({ code: 'SnippetTimeout', retryable: true });
  });

  it('a pure step after a delivery that waits for its retry keeps the run going until it ends', async () => {
    // The transform runs inline in the delivery's completion and ends `waiting` (retry); its row is inserted after
    // the completion's step count, so the run must not be settled on that count alone.
    const { run: r, steps } = await run(
      [
        { id: 'send', type: 'delivery.http', config: { url: `${consumer.url}/before-spin` } },
        {
          id: 'spin',
          type: 'transform',
          config: { code: 'export default () => { for (;;) {} };' },
          timeoutMs: 100,
          retry: { attempts: 2, backoff: { type: 'fixed', delayMs: 300, jitter: false } },
        },
      ],
      [
        { id: 'e1', source: 'hook', target: 'send' },
        { id: 'e2', source: 'send', target: 'spin' },
      ],
      {},
    );
    expect(r.status).toBe('failed');
    const spin = steps.find((s) => s.nodeId === 'spin')!;
    expect(spin.attempt).toBe(2);
    expect(spin.error).toMatchObject({ code: 'SnippetTimeout' });
  });
});
