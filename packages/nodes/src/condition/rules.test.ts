// evaluateRule for every operator, case matching (all/any), first-match-wins, and the config's rule checks.
import { NonRetriableError } from '@sluice/shared';
import { describe, expect, it } from 'vitest';
import { ConditionConfigSchema, OPERATORS, type Rule, RuleSchema } from './config';
import { MAX_PATTERN_LENGTH } from './regex';
import { evaluateRule, firstMatchingCase } from './rules';

const input = {
  status: 'terminated',
  age: 42,
  score: '7.5',
  terminationDate: '2026-03-01T00:00:00Z',
  tags: ['contractor', 'emea'],
  groups: [{ name: 'admins' }, { name: 'users' }],
  email: 'ada@example.com',
  manager: null,
  notes: '',
  extra: {},
};
const holds = (field: string, operator: Rule['operator'], value?: unknown) =>
  evaluateRule({ field, operator, value }, input);

describe('evaluateRule: every operator', () => {
  it('eq / neq, type-aware', () => {
    expect(holds('status', 'eq', 'terminated')).toBe(true);
    expect(holds('age', 'eq', '42')).toBe(true);
    expect(holds('groups.1.name', 'eq', 'users')).toBe(true);
    expect(holds('tags', 'eq', ['contractor', 'emea'])).toBe(true);
    expect(holds('status', 'neq', 'active')).toBe(true);
    expect(holds('missing', 'neq', 'x')).toBe(true);
    expect(holds('manager', 'eq', null)).toBe(true);
  });

  it('gt / gte / lt / lte on numbers, numeric strings and ISO dates', () => {
    expect(holds('age', 'gt', 41)).toBe(true);
    expect(holds('age', 'gte', 42)).toBe(true);
    expect(holds('age', 'lt', 42)).toBe(false);
    expect(holds('age', 'lte', 42)).toBe(true);
    expect(holds('score', 'gt', 7)).toBe(true);
    expect(holds('terminationDate', 'lt', '2026-03-02')).toBe(true);
    expect(holds('terminationDate', 'gte', '2026-03-01T01:00:00+01:00')).toBe(true);
  });

  it('ordering is false when values cannot be ordered or the field is missing', () => {
    expect(holds('status', 'gt', 5)).toBe(false);
    expect(holds('missing', 'lt', 5)).toBe(false);
    expect(holds('tags', 'gte', 1)).toBe(false);
  });

  it('contains / notContains on strings and arrays', () => {
    expect(holds('email', 'contains', '@example')).toBe(true);
    expect(holds('tags', 'contains', 'emea')).toBe(true);
    expect(holds('tags', 'contains', 'apac')).toBe(false);
    expect(holds('groups', 'contains', { name: 'admins' })).toBe(true);
    expect(holds('age', 'contains', 4)).toBe(false);
    expect(holds('tags', 'notContains', 'apac')).toBe(true);
    expect(holds('email', 'notContains', 'example')).toBe(false);
  });

  it('startsWith / endsWith on strings (numbers as text)', () => {
    expect(holds('email', 'startsWith', 'ada@')).toBe(true);
    expect(holds('email', 'endsWith', '.com')).toBe(true);
    expect(holds('age', 'startsWith', '4')).toBe(true);
    expect(holds('tags', 'startsWith', 'con')).toBe(false);
    expect(holds('missing', 'endsWith', 'x')).toBe(false);
  });

  it('in / notIn against a list, type-aware', () => {
    expect(holds('status', 'in', ['terminated', 'suspended'])).toBe(true);
    expect(holds('age', 'in', ['41', '42'])).toBe(true);
    expect(holds('status', 'notIn', ['active'])).toBe(true);
    expect(holds('status', 'notIn', ['terminated'])).toBe(false);
  });

  it('exists / notExists: null is present, missing is not', () => {
    expect(holds('manager', 'exists')).toBe(true);
    expect(holds('nope', 'exists')).toBe(false);
    expect(holds('nope', 'notExists')).toBe(true);
    expect(holds('groups.5', 'notExists')).toBe(true);
  });

  it('isEmpty / isNotEmpty: missing, null, blank, [] and {} are empty; 0 and false are not', () => {
    for (const f of ['nope', 'manager', 'notes', 'extra']) expect(holds(f, 'isEmpty')).toBe(true);
    expect(evaluateRule({ field: 'a', operator: 'isEmpty' }, { a: [] })).toBe(true);
    expect(evaluateRule({ field: 'a', operator: 'isEmpty' }, { a: 0 })).toBe(false);
    expect(evaluateRule({ field: 'a', operator: 'isEmpty' }, { a: false })).toBe(false);
    expect(holds('tags', 'isNotEmpty')).toBe(true);
  });

  it('matches: plain and /literal/flags patterns, strings and numbers only', () => {
    expect(holds('email', 'matches', '^[a-z]+@example\\.com$')).toBe(true);
    expect(holds('status', 'matches', '/^TERMINATED$/i')).toBe(true);
    expect(holds('status', 'matches', '^TERMINATED$')).toBe(false);
    expect(holds('age', 'matches', '^4\\d$')).toBe(true);
    expect(holds('tags', 'matches', '.*')).toBe(false);
    expect(holds('missing', 'matches', '.*')).toBe(false);
  });

  it('a /g pattern stays stateless across evaluations', () => {
    expect([1, 2, 3].map(() => holds('status', 'matches', '/term/g'))).toEqual([true, true, true]);
  });

  it('an unusable pattern that slipped past the config is a NonRetriableError naming the rule', () => {
    const run = () =>
      evaluateRule({ field: 'status', operator: 'matches', value: '(' }, input, 'cases.0.rules.2');
    expect(run).toThrow(NonRetriableError);
    expect(run).toThrow(/cases\.0\.rules\.2\.value/);
    expect(() => holds('status', 'matches', 'x'.repeat(MAX_PATTERN_LENGTH + 1))).toThrow(/longer than 500/);
  });

  it('covers every declared operator', () => {
    const results = OPERATORS.map((operator) =>
      holds('status', operator, operator === 'matches' ? 'x' : ['x']),
    );
    expect(results.every((r) => typeof r === 'boolean')).toBe(true);
    expect(results).toHaveLength(17);
  });
});

describe('firstMatchingCase', () => {
  const config = ConditionConfigSchema.parse({
    cases: [
      { id: 'vip', rules: [{ field: 'tags', operator: 'contains', value: 'vip' }] },
      {
        id: 'leaver',
        match: 'all',
        rules: [
          { field: 'status', operator: 'eq', value: 'terminated' },
          { field: 'age', operator: 'gte', value: 18 },
        ],
      },
      {
        id: 'review',
        match: 'any',
        rules: [
          { field: 'status', operator: 'eq', value: 'suspended' },
          { field: 'email', operator: 'endsWith', value: '.org' },
        ],
      },
      { id: 'alsoLeaver', rules: [{ field: 'status', operator: 'eq', value: 'terminated' }] },
    ],
  });

  it('returns the first case whose rules hold', () => {
    expect(firstMatchingCase(config.cases, input)).toBe('leaver');
    expect(firstMatchingCase(config.cases, { ...input, tags: ['vip'] })).toBe('vip');
  });

  it('needs every rule for match all and one for match any', () => {
    expect(firstMatchingCase(config.cases, { ...input, age: 16 })).toBe('alsoLeaver');
    expect(firstMatchingCase(config.cases, { status: 'active', email: 'x@y.org' })).toBe('review');
  });

  it('falls through to else', () => {
    expect(firstMatchingCase(config.cases, { status: 'active' })).toBe('else');
    expect(firstMatchingCase(config.cases, null)).toBe('else');
  });
});

describe('RuleSchema value checks', () => {
  const issue = (rule: object) => RuleSchema.safeParse(rule).error?.issues[0];

  it('needs a value for binary operators, none for unary ones', () => {
    expect(issue({ field: 'a', operator: 'eq' })).toMatchObject({
      path: ['value'],
      message: /eq needs a value/,
    });
    expect(issue({ field: 'a', operator: 'exists' })).toBeUndefined();
    expect(issue({ field: 'a', operator: 'eq', value: null })).toBeUndefined();
  });

  it('needs a list for in/notIn and a compilable, bounded pattern for matches', () => {
    expect(issue({ field: 'a', operator: 'in', value: 'x' })?.message).toMatch(/list/);
    expect(issue({ field: 'a', operator: 'matches', value: 3 })?.message).toMatch(
      /regular expression string/,
    );
    expect(issue({ field: 'a', operator: 'matches', value: '([a-z' })?.message).toMatch(/not a usable/);
    expect(issue({ field: 'a', operator: 'matches', value: 'a'.repeat(501) })?.message).toMatch(/longer/);
  });

  it('reports the issue under the rule inside the flow config', () => {
    const r = ConditionConfigSchema.safeParse({
      cases: [{ id: 'c', rules: [{ field: 'x', operator: 'gt' }] }],
    });
    expect(r.error?.issues[0]?.path).toEqual(['cases', 0, 'rules', 0, 'value']);
  });
});
