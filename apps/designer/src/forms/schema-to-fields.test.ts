import { condition, delay, deliveryHttp, transform, webhookTrigger } from '@sluice/nodes';
import { RetryPolicySchema } from '@sluice/shared';
import { describe, expect, it } from 'vitest';
import type { FieldModel } from './field-model';
import { formFields } from './schema-to-fields';

const byKey = (fields: FieldModel[]) => Object.fromEntries(fields.map((f) => [f.key, f]));

describe('formFields', () => {
  it('turns delivery.http into select, text, key/value, unions and a nested object, in hint order', () => {
    const fields = formFields(deliveryHttp);
    expect(fields.map((f) => f.key)).toEqual([
      'method',
      'url',
      'headers',
      'body',
      'auth',
      'timeoutMs',
      'breaker',
    ]);
    const f = byKey(fields);
    expect(f.method).toMatchObject({
      kind: 'select',
      options: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      label: 'Method',
    });
    expect(f.url).toMatchObject({ kind: 'text', required: true, label: 'URL' });
    expect(f.headers?.kind).toBe('keyValue');
    expect(f.timeoutMs).toMatchObject({ kind: 'number', integer: true, min: 100, max: 300_000 });
    const auth = f.auth as Extract<FieldModel, { kind: 'union' }>;
    expect(auth.kind).toBe('union');
    expect(auth.discriminator).toBe('kind');
    expect(auth.variants.map((v) => v.value)).toEqual(['none', 'bearer', 'basic', 'hmac']);
    expect(auth.variants[1]?.fields.map((x) => [x.key, x.kind])).toEqual([['token', 'secret']]);
    const breaker = f.breaker as Extract<FieldModel, { kind: 'object' }>;
    expect(breaker.fields.map((x) => [x.key, x.kind])).toEqual([
      ['enabled', 'switch'],
      ['threshold', 'number'],
      ['halfOpenAfterMs', 'number'],
    ]);
  });

  it('gives condition a list of cases whose rules are a nested list, and a code field', () => {
    const f = byKey(formFields(condition));
    const cases = f.cases as Extract<FieldModel, { kind: 'list' }>;
    expect(cases.kind).toBe('list');
    const item = cases.item as Extract<FieldModel, { kind: 'object' }>;
    const rules = item.fields.find((x) => x.key === 'rules') as Extract<FieldModel, { kind: 'list' }>;
    expect(rules.kind).toBe('list');
    const ruleFields = (rules.item as Extract<FieldModel, { kind: 'object' }>).fields;
    expect(ruleFields.find((x) => x.key === 'operator')).toMatchObject({ kind: 'select' });
    expect(f.code?.kind).toBe('code');
  });

  it('hoists a root discriminated union (delay) with hints applied to the variant fields', () => {
    const [root] = formFields(delay);
    expect(root).toMatchObject({ kind: 'union', key: '', discriminator: 'mode', label: 'Wait' });
    const u = root as Extract<FieldModel, { kind: 'union' }>;
    expect(u.variants.find((v) => v.value === 'until')?.fields.map((x) => x.label)).toEqual([
      'Timestamp field',
      'Offset',
    ]);
  });

  it('leaves hidden fields out and keeps the code widget', () => {
    expect(formFields(transform).map((f) => [f.key, f.kind])).toEqual([['code', 'code']]);
  });

  it('keeps help text and placeholders from the hints', () => {
    expect(byKey(formFields(webhookTrigger)).path).toMatchObject({
      help: 'The run starts on POST /webhooks/<path>.',
      placeholder: 'hr-events',
    });
  });

  it('builds the retry policy form from the shared schema', () => {
    const f = byKey(formFields({ config: RetryPolicySchema, ui: {} }));
    expect(f.attempts).toMatchObject({ kind: 'number', min: 1 });
    expect((f.backoff as Extract<FieldModel, { kind: 'object' }>).fields.map((x) => x.key)).toEqual([
      'type',
      'delayMs',
      'maxDelayMs',
      'jitter',
    ]);
  });
});
