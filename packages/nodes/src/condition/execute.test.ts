// condition executor: rules mode ports and untouched output; code mode through a minimal snippet runner.
import { NonRetriableError } from '@sluice/shared';
import { describe, expect, it } from 'vitest';
import { type SnippetRunner, snippetResult } from '../kit/executor';
import { testContext } from '../kit/test-context';
import { ConditionConfigSchema } from './config';
import { conditionExecutor, PredicateResultError } from './execute';

/** Test double of the host's sandbox: the "code" is a JS function expression evaluated in this process. */
const jsRunner: SnippetRunner = {
  run: async ({ code, input }) => {
    const fn = new Function(`return (${code})`)() as (input: unknown) => unknown;
    return snippetResult(fn(input), [`ran ${code.length} chars`]);
  },
};
const ctx = () => testContext({ snippets: jsRunner });

describe('condition executor: rules mode', () => {
  const config = ConditionConfigSchema.parse({
    cases: [
      { id: 'leaver', rules: [{ field: 'person.status', operator: 'eq', value: 'terminated' }] },
      { id: 'mover', rules: [{ field: 'changes.0.op', operator: 'eq', value: 'move' }] },
    ],
  });

  it('routes to the first matching case and passes the input on unchanged', async () => {
    const input = { person: { status: 'terminated' }, changes: [{ op: 'move' }] };
    const result = await conditionExecutor.execute(input, config, ctx());
    expect(result).toEqual({ status: 'succeeded', output: input, ports: ['leaver'] });
    expect((result as { output: unknown }).output).toBe(input);
  });

  it('reads array indexes in paths', async () => {
    const input = { person: { status: 'active' }, changes: [{ op: 'move' }] };
    expect(await conditionExecutor.execute(input, config, ctx())).toMatchObject({ ports: ['mover'] });
  });

  it('routes to else when nothing matches, including a non-object input', async () => {
    expect(await conditionExecutor.execute({ person: {} }, config, ctx())).toMatchObject({ ports: ['else'] });
    expect(await conditionExecutor.execute('text', config, ctx())).toMatchObject({ ports: ['else'] });
  });
});

describe('condition executor: code mode', () => {
  const code = (predicate: string) => ConditionConfigSchema.parse({ mode: 'code', code: predicate });

  it('routes to true or false from the predicate and forwards its logs', async () => {
    const c = ctx();
    const config = code('(input) => input.age >= 18');
    expect(await conditionExecutor.execute({ age: 20 }, config, c)).toEqual({
      status: 'succeeded',
      output: { age: 20 },
      ports: ['true'],
    });
    expect(await conditionExecutor.execute({ age: 3 }, config, c)).toMatchObject({ ports: ['false'] });
    expect(c.logs).toEqual(['ran 26 chars', 'ran 26 chars']);
  });

  it('rejects a non-boolean result with a NonRetriableError naming the type', async () => {
    const cases: [string, string][] = [
      ['() => "yes"', 'string'],
      ['() => 1', 'number'],
      ['() => null', 'null'],
      ['() => undefined', 'undefined'],
      ['() => [true]', 'array'],
      ['() => ({ ok: true })', 'object'],
    ];
    for (const [predicate, type] of cases) {
      const err = await conditionExecutor.execute({}, code(predicate), ctx()).catch((e) => e);
      expect(err).toBeInstanceOf(PredicateResultError);
      expect(err).toBeInstanceOf(NonRetriableError);
      expect(err).toMatchObject({
        code: 'PredicateNotBoolean',
        message: `condition code must return a boolean, got ${type}`,
      });
    }
  });

  it('passes the step ids and variables as the snippet context', async () => {
    const seen: unknown[] = [];
    const spy: SnippetRunner = {
      run: async (request) => {
        seen.push(request.context);
        return snippetResult(true);
      },
    };
    await conditionExecutor.execute(
      {},
      code('() => true'),
      testContext({ snippets: spy, variables: { env: 'prod' } }),
    );
    expect(seen).toEqual([
      {
        runId: 'run_test',
        stepId: 'stp_test',
        nodeId: 'node1',
        flowId: 'flw_test',
        variables: { env: 'prod' },
      },
    ]);
  });

  it('lets the runner errors through unchanged', async () => {
    const boom = new NonRetriableError('snippet threw', {}, 'SnippetError');
    const failing: SnippetRunner = { run: async () => Promise.reject(boom) };
    const err = await conditionExecutor
      .execute({}, code('() => true'), testContext({ snippets: failing }))
      .catch((e) => e);
    expect(err).toBe(boom);
  });
});
