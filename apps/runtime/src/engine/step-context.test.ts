// StepContext's abort: onAbort listeners and the lazily made signal see the same abort, once; a step timeout ends
// the delivery's request in flight (delivery.http listens with onAbort, not on an AbortSignal).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { executors } from '@sluice/nodes/executors';
import type { FlowDocument } from '@sluice/shared';
import { describe, expect, it } from 'vitest';
import { executeNode } from './execute-node';
import { compileFlow } from './rules/flow-graph';
import { StepContext } from './step-context';

const context = () =>
  new StepContext({
    runId: 'run_a',
    stepId: 'stp_a',
    nodeId: 'send',
    flowId: 'flw_a',
    flowVersion: 1,
    attempt: 1,
    variables: {},
    resumeState: undefined,
    timeoutMs: undefined,
    now: () => new Date(),
    snippets: { run: () => Promise.reject(new Error('no sandbox')) },
  });

describe('StepContext abort', () => {
  it('calls each onAbort listener once with the reason, and not the removed ones', () => {
    const ctx = context();
    const seen: string[] = [];
    ctx.onAbort((r) => seen.push(`a:${r.message}`));
    const remove = ctx.onAbort((r) => seen.push(`b:${r.message}`));
    ctx.onAbort((r) => seen.push(`c:${r.message}`));
    remove();
    ctx.abort(new Error('step timed out'));
    ctx.abort(new Error('again'));
    expect(seen).toEqual(['a:step timed out', 'c:step timed out']);
  });

  it('tells a listener added after the abort at once', () => {
    const ctx = context();
    ctx.abort(new Error('late'));
    const seen: Error[] = [];
    ctx.onAbort((r) => seen.push(r));
    expect(seen.map((e) => e.message)).toEqual(['late']);
  });

  it('aborts the signal with the same reason, whether it was asked for before or after the abort', () => {
    const before = context();
    const signal = before.signal;
    before.abort(new Error('first'));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('first');

    const after = context();
    after.abort(new Error('second'));
    expect(after.signal.aborted).toBe(true);
    expect((after.signal.reason as Error).message).toBe('second');
  });

  it('a step timeout ends the delivery request in flight, and the attempt fails with the timeout', async () => {
    const closed: Promise<void>[] = [];
    const server = createServer((req: IncomingMessage) => {
      // Never answers: only the step's abort can end this request.
      closed.push(new Promise((r) => req.socket.once('close', () => r())));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const doc = {
        id: 'flw_a',
        name: 'timeout',
        nodes: [
          { id: 'hook', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
          {
            id: 'send',
            type: 'delivery.http',
            position: { x: 200, y: 0 },
            config: { url, timeoutMs: 30_000 },
            timeoutMs: 100,
          },
        ],
        edges: [{ id: 'e1', source: 'hook', target: 'send' }],
      } as unknown as FlowDocument;
      const started = Date.now();
      const exec = await executeNode(
        { executors, now: () => new Date() },
        {
          graph: compileFlow(doc),
          runId: 'run_a',
          flowId: 'flw_a',
          version: 1,
          stepId: 'stp_a',
          nodeId: 'send',
          attempt: 1,
          input: { id: 'u1' },
        },
      );
      // No retry policy on the node: the one attempt fails, with the step's timeout as its error.
      expect(exec.outcome).toMatchObject({ kind: 'failed', error: { code: 'Timeout', retryable: true } });
      expect(closed).toHaveLength(1);
      await closed[0];
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
