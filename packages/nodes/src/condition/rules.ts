// Evaluate condition rules against an input: one function per operator, cases matched first-wins.

import { getPath } from '../kit/path';
import { compareValues, valuesEqual } from './compare';
import type { ConditionConfig, Rule } from './config';
import { matchesPattern } from './regex';

type Case = ConditionConfig['cases'][number];

const isEmpty = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

const ordered = (a: unknown, b: unknown, ok: (order: number) => boolean) => {
  const order = compareValues(a, b);
  return order !== null && ok(order);
};

function contains(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string')
    return typeof expected === 'string' || typeof expected === 'number'
      ? actual.includes(String(expected))
      : false;
  if (Array.isArray(actual)) return actual.some((item) => valuesEqual(item, expected));
  return false;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

const text = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;

/** Whether one rule holds for `input`. `where` names the rule in error messages, e.g. `cases.0.rules.1`. */
export function evaluateRule(rule: Rule, input: unknown, where = 'rule'): boolean {
  const actual = getPath(input, rule.field);
  const expected = rule.value;
  switch (rule.operator) {
    case 'eq':
      return valuesEqual(actual, expected);
    case 'neq':
      return !valuesEqual(actual, expected);
    case 'gt':
      return ordered(actual, expected, (o) => o > 0);
    case 'gte':
      return ordered(actual, expected, (o) => o >= 0);
    case 'lt':
      return ordered(actual, expected, (o) => o < 0);
    case 'lte':
      return ordered(actual, expected, (o) => o <= 0);
    case 'contains':
      return contains(actual, expected);
    case 'notContains':
      return !contains(actual, expected);
    case 'startsWith':
      return text(actual)?.startsWith(String(expected)) ?? false;
    case 'endsWith':
      return text(actual)?.endsWith(String(expected)) ?? false;
    case 'in':
      return asList(expected).some((item) => valuesEqual(actual, item));
    case 'notIn':
      return !asList(expected).some((item) => valuesEqual(actual, item));
    case 'exists':
      return actual !== undefined;
    case 'notExists':
      return actual === undefined;
    case 'isEmpty':
      return isEmpty(actual);
    case 'isNotEmpty':
      return !isEmpty(actual);
    case 'matches': {
      const subject = text(actual);
      return subject !== null && matchesPattern(subject, expected, `${where}.value`);
    }
  }
}

/**
 * Whether a case holds: all of its rules, or any of them. Plain loops, and a rule's name for error messages
 * (`cases.0.rules.1`) is built only for the operator that can fail: this runs for every condition step.
 */
export function caseMatches(k: Case, input: unknown, where = 'case'): boolean {
  const any = k.match === 'any';
  for (let i = 0; i < k.rules.length; i++) {
    const rule = k.rules[i] as Rule;
    const name = rule.operator === 'matches' ? `${where}.rules.${i}` : where;
    if (evaluateRule(rule, input, name) === any) return any;
  }
  return !any;
}

/** The id of the first case that holds, or `else`. */
export function firstMatchingCase(cases: readonly Case[], input: unknown): string {
  for (let i = 0; i < cases.length; i++) {
    const k = cases[i] as Case;
    if (caseMatches(k, input, `cases.${i}`)) return k.id;
  }
  return 'else';
}
