// transform executor: what it asks the snippet runner for and how it maps the answer (the real sandbox is tested in the runtime).
import { NonRetriableError, plainJson } from '@sluice/shared';
import { describe, expect, it } from 'vitest';
import { type SnippetRequest, type SnippetRunner, snippetResult } from '../kit/executor';
import { testContext } from '../kit/test-context';
import { transformExecutor } from './execute';
import { TransformConfigSchema } from './index';

/** Records each request and answers with a fixed result. */
function recordingRunner(answer: () => { output: unknown; logs: string[] }) {
  const requests: SnippetRequest[] = [];
  const runner: SnippetRunner = {
    run: async (request) => {
      requests.push(request);
      const { output, logs } = answer();
      return snippetResult(output, logs, 1);
    },
  };
  return { runner, requests };
}

describe('transform executor', () => {
  const config = TransformConfigSchema.parse({ code: 'export default (input: any) => ({ id: input.id })' });

  it('runs the code on the input with the step identity as ctx, and returns the output', async () => {
    const { runner, requests } = recordingRunner(() => ({ output: { id: 7 }, logs: ['mapped 7'] }));
    const ctx = testContext({ snippets: runner, variables: { tenant: 'acme' } });
    const result = await transformExecutor.execute({ id: 7, name: 'x' }, config, ctx);
    expect(result).toMatchObject({ status: 'succeeded' });
    expect(plainJson((result as { output: unknown }).output)).toEqual({ id: 7 });
    expect(requests).toEqual([
      {
        code: config.code,
        input: { id: 7, name: 'x' },
        timeoutMs: undefined,
        context: {
          runId: 'run_test',
          stepId: 'stp_test',
          nodeId: 'node1',
          flowId: 'flw_test',
          variables: { tenant: 'acme' },
        },
      },
    ]);
    expect(ctx.logs).toEqual(['mapped 7']);
  });

  it("passes the node's timeout as the snippet's budget", async () => {
    const { runner, requests } = recordingRunner(() => ({ output: 1, logs: [] }));
    await transformExecutor.execute({}, config, testContext({ snippets: runner, timeoutMs: 250 }));
    expect(requests[0]!.timeoutMs).toBe(250);
  });

  it('lets the runner failure through unchanged (the engine reads its retryable flag), its logs in the step logs', async () => {
    const failing: SnippetRunner = {
      run: async () => {
        throw new NonRetriableError('SnippetError: boom at line 2', { line: 2 }, 'SnippetError');
      },
    };
    await expect(
      transformExecutor.execute({}, config, testContext({ snippets: failing })),
    ).rejects.toMatchObject({
      code: 'SnippetError',
      retryable: false,
    });
  });

  it('uses the default code when none is configured', () => {
    expect(TransformConfigSchema.parse({}).code).toContain('export default');
  });
});
