// The transform and condition executors running real snippets in the real sandbox.
import { abortListenerOf, type ExecutionContext, executors, type StepResult } from '@sluice/nodes/executors';
import { JsonData } from '@sluice/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger';
import { createSandbox } from './index';

const sandbox = createSandbox({
  poolSize: 1,
  memoryLimitMb: 32,
  maxTimeoutMs: 1000,
  log: createLogger('silent'),
});
afterAll(() => sandbox.dispose());

function context(logs: string[]): ExecutionContext {
  const signal = new AbortController().signal;
  return {
    runId: 'run_a',
    stepId: 'stp_a',
    nodeId: 'toScim',
    flowId: 'flw_a',
    flowVersion: 3,
    attempt: 1,
    variables: { domain: 'example.org' },
    signal,
    onAbort: abortListenerOf(signal),
    log: (m) => void logs.push(m),
    now: () => new Date(),
    snippets: sandbox,
  };
}

const transform = executors.get('transform')!;

/** A transform's output is the isolate's JSON text (JsonData); compare its value. */
const plain = (r: StepResult) => {
  expect(r.output).toBeInstanceOf(JsonData);
  return { ...r, output: (r.output as JsonData).value };
};
const condition = executors.get('condition')!;

describe('transform executor in the sandbox', () => {
  it('maps the input with ctx ids, variables, helpers and logs', async () => {
    const code = `type Hr = { id: string; first: string; last: string; end: string };
export default (input: Hr, ctx: SnippetContext) => {
  ctx.log('mapping', input.id);
  return {
    userName: \`\${input.first}.\${input.last}@\${ctx.variables.domain}\`.toLowerCase(),
    externalId: input.id,
    purgeAt: ctx.helpers.addDuration(input.end, 'P14D'),
    traceId: ctx.runId + '/' + ctx.nodeId,
  };
};`;
    const logs: string[] = [];
    const result = await transform.execute(
      { id: 'E1', first: 'Ada', last: 'Lovelace', end: '2026-03-01T00:00:00Z' },
      { code },
      context(logs),
    );
    expect(plain(result)).toEqual({
      status: 'succeeded',
      output: {
        userName: 'ada.lovelace@example.org',
        externalId: 'E1',
        purgeAt: '2026-03-15T00:00:00.000Z',
        traceId: 'run_a/toScim',
      },
    });
    expect(logs).toEqual(['mapping E1']);
  });

  it('awaits an async snippet', async () => {
    const code =
      'export default async (input: number[]) => { await null; return input.reduce((a, b) => a + b, 0); };';
    expect(plain(await transform.execute([1, 2, 3], { code }, context([])))).toEqual({
      status: 'succeeded',
      output: 6,
    });
  });

  it('takes a JsonData input as its text and answers with the JSON text of the output', async () => {
    const code =
      'export default (input: { a: number[] }) => ({ sum: input.a[0] + input.a[1], s: "\\n\\u2028" });';
    const result = await transform.execute(JsonData.fromText('{"a": [1, 2]}'), { code }, context([]));
    expect((result.output as JsonData).text).toBe('{"sum":3,"s":"\\n\u2028"}');
  });

  it('fails the step with the snippet line and no retry for a throw', async () => {
    const code =
      'export default (input: any) => {\n  if (!input.email) {\n    throw new Error("no email");\n  }\n};';
    await expect(transform.execute({}, { code }, context([]))).rejects.toMatchObject({
      code: 'SnippetError',
      message: 'SnippetError: no email at line 3',
      retryable: false,
    });
  });

  it('fails a timeout as retryable (the node policy decides) and a syntax error as not', async () => {
    await expect(
      transform.execute({}, { code: 'export default () => { for (;;) {} };' }, context([])),
    ).rejects.toMatchObject({ code: 'SnippetTimeout', retryable: true });
    await expect(
      transform.execute({}, { code: 'export default (input => input;' }, context([])),
    ).rejects.toMatchObject({ code: 'SnippetCompileError', retryable: false });
  });
});

describe('condition executor code mode in the sandbox', () => {
  it('routes on the predicate', async () => {
    const config = {
      mode: 'code',
      cases: [],
      code: 'export default (input: { status: string }) => input.status === "terminated";',
    };
    expect(await condition.execute({ status: 'terminated' }, config, context([]))).toMatchObject({
      ports: ['true'],
    });
    expect(await condition.execute({ status: 'active' }, config, context([]))).toMatchObject({
      ports: ['false'],
    });
  });
});
