// Executor contract for condition, delay and delivery.http: wrong inputs fail as typed, non-retriable StepErrors,
// and odd inputs of any JSON shape either succeed or fail typed, never with a TypeError.
import { StepError } from '@sluice/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConditionConfigSchema } from '../condition/config';
import { conditionExecutor } from '../condition/execute';
import { DelayConfigSchema } from '../delay/config';
import { delayExecutor } from '../delay/execute';
import { DeliveryHttpConfigSchema } from '../delivery-http/config';
import { deliveryHttpExecutor } from '../delivery-http/execute';
import { type Consumer, startConsumer } from '../delivery-http/test-consumer';
import { executors } from '../executors';
import { type NodeExecutor, type SnippetRunner, snippetResult } from './executor';
import { testContext } from './test-context';

/** Test double of the sandbox: evaluates the snippet as a JS function expression. */
const jsRunner: SnippetRunner = {
  run: async ({ code, input }) => snippetResult(new Function(`return (${code})`)()(input)),
};
const ctx = () => testContext({ snippets: jsRunner, now: new Date('2026-11-26T12:00:00Z') });

let consumer: Consumer;
beforeAll(async () => {
  consumer = await startConsumer();
});
afterAll(() => consumer.close());

interface Kind {
  name: string;
  executor: NodeExecutor;
  config: () => unknown;
}

const kinds: Kind[] = [
  {
    name: 'condition (rules)',
    executor: conditionExecutor,
    config: () =>
      ConditionConfigSchema.parse({
        cases: [{ id: 'a', rules: [{ field: 'a.b.0', operator: 'gte', value: 1 }] }],
      }),
  },
  {
    name: 'condition (code)',
    executor: conditionExecutor,
    config: () => ConditionConfigSchema.parse({ mode: 'code', code: '(input) => input !== null' }),
  },
  {
    name: 'delay (duration)',
    executor: delayExecutor,
    config: () => DelayConfigSchema.parse({ mode: 'duration', duration: 'PT1M' }),
  },
  {
    name: 'delay (until)',
    executor: delayExecutor,
    config: () => DelayConfigSchema.parse({ mode: 'until', field: 'a' }),
  },
  {
    name: 'delivery.http',
    executor: deliveryHttpExecutor,
    config: () => DeliveryHttpConfigSchema.parse({ url: `${consumer.url}/in`, breaker: { enabled: false } }),
  },
];

const deep = (n: number): unknown => (n === 0 ? 'leaf' : { a: deep(n - 1) });
const ODD_INPUTS: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['zero', 0],
  ['empty string', ''],
  ['string', 'text'],
  ['empty array', []],
  ['nested array', [1, [2, [3]]]],
  ['empty object', {}],
  ['nulls inside', { a: { b: null } }],
  ['wrong types inside', { a: { b: 'not-a-list' } }],
  ['__proto__ key from JSON', JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')],
  ['deep nesting', deep(500)],
];

describe.each(kinds.map((k) => [k.name, k] as const))('%s on odd inputs', (_name, kind) => {
  it.each(ODD_INPUTS)('%s: succeeds, waits, or fails with a StepError', async (_label, input) => {
    const outcome = await kind.executor.execute(input, kind.config(), ctx()).then(
      (result) => result,
      (error) => error,
    );
    if (outcome instanceof Error) {
      expect(outcome, `${outcome.name}: ${outcome.message}`).toBeInstanceOf(StepError);
    } else {
      expect(['succeeded', 'waiting']).toContain(outcome.status);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

const BAD_INPUTS: {
  name: string;
  executor: NodeExecutor;
  config: () => unknown;
  input: unknown;
  code: string;
  names: string;
}[] = [
  {
    name: 'condition code returning a string',
    executor: conditionExecutor,
    config: () => ConditionConfigSchema.parse({ mode: 'code', code: '(input) => input.flag' }),
    input: { flag: 'yes' },
    code: 'PredicateNotBoolean',
    names: 'string',
  },
  {
    name: 'delay until a missing field',
    executor: delayExecutor,
    config: () => DelayConfigSchema.parse({ mode: 'until', field: 'person.leftAt' }),
    input: { person: {} },
    code: 'DelayField',
    names: 'person.leftAt',
  },
  {
    name: 'delay until a non-timestamp',
    executor: delayExecutor,
    config: () => DelayConfigSchema.parse({ mode: 'until', field: 'leftAt' }),
    input: { leftAt: 'last friday' },
    code: 'DelayField',
    names: 'leftAt',
  },
  {
    name: 'delivery.http URL template without its value',
    executor: deliveryHttpExecutor,
    config: () => DeliveryHttpConfigSchema.parse({ url: `${consumer.url}/users/{{input.user.id}}` }),
    input: { user: {} },
    code: 'TemplateError',
    names: 'input.user.id',
  },
  {
    name: 'delivery.http header value with a line break',
    executor: deliveryHttpExecutor,
    config: () =>
      DeliveryHttpConfigSchema.parse({ url: `${consumer.url}/x`, headers: { 'x-user': '{{input.u}}' } }),
    input: { u: 'a\r\nx-admin: true' },
    code: 'InvalidHeader',
    names: 'headers.x-user',
  },
  {
    name: 'delivery.http base URL from the input that is not http',
    executor: deliveryHttpExecutor,
    config: () => DeliveryHttpConfigSchema.parse({ url: '{{input.base}}/x' }),
    input: { base: 'file:///etc' },
    code: 'InvalidUrl',
    names: 'url',
  },
];

describe('bad inputs fail with a typed, non-retriable error that names the culprit', () => {
  it.each(BAD_INPUTS.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = consumer.received.length;
    const error = await c.executor.execute(c.input, c.config(), ctx()).catch((e) => e);
    expect(error).toBeInstanceOf(StepError);
    expect(error).toMatchObject({ code: c.code, retryable: false });
    expect(error.message).toContain(c.names);
    expect(consumer.received.length, 'nothing may be sent for a bad input').toBe(before);
  });
});

describe('registration', () => {
  it('registers condition, delay and delivery.http in the executors map', () => {
    expect(executors.get('condition')).toBe(conditionExecutor);
    expect(executors.get('delay')).toBe(delayExecutor);
    expect(executors.get('delivery.http')).toBe(deliveryHttpExecutor);
  });
});
