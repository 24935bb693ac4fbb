// Config of condition: declarative cases of rules (first match wins, else `else`), or a TypeScript predicate.
import { z } from 'zod';
import { compilePattern } from './regex';

export const OPERATORS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'notContains',
  'startsWith',
  'endsWith',
  'in',
  'notIn',
  'exists',
  'notExists',
  'isEmpty',
  'isNotEmpty',
  'matches',
] as const;

/** Operators that test the field alone and take no `value`. */
export const UNARY_OPERATORS: readonly Operator[] = ['exists', 'notExists', 'isEmpty', 'isNotEmpty'];
export type Operator = (typeof OPERATORS)[number];

export const RuleSchema = z
  .object({
    /** Dotted path into the input, e.g. `person.affiliation` or `changes.0.op`. */
    field: z.string().min(1, 'field: which input field to test'),
    operator: z.enum(OPERATORS),
    /** Compared value; an array for `in`/`notIn`, a regular expression (`^a` or `/^a/i`) for `matches`. */
    value: z.unknown().optional(),
  })
  .superRefine((r, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['value'], message });
    if (UNARY_OPERATORS.includes(r.operator)) return;
    if (r.value === undefined) return issue(`value: operator ${r.operator} needs a value`);
    if ((r.operator === 'in' || r.operator === 'notIn') && !Array.isArray(r.value)) {
      return issue(`value: operator ${r.operator} needs a list of values`);
    }
    if (r.operator === 'matches') {
      if (typeof r.value !== 'string') return issue('value: matches needs a regular expression string');
      try {
        compilePattern(r.value);
      } catch (err) {
        issue(`value: not a usable regular expression (${(err as Error).message})`);
      }
    }
  });

export const CaseSchema = z.object({
  /** Becomes the output port id. */
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'case id: letters, digits, _ or -'),
  label: z.string().max(100).optional(),
  match: z.enum(['all', 'any']).default('all'),
  rules: z.array(RuleSchema).min(1, 'a case needs at least one rule'),
});

export const ConditionConfigSchema = z
  .object({
    mode: z.enum(['rules', 'code']).default('rules'),
    cases: z.array(CaseSchema).default([]),
    /** Code mode: `export default (input, ctx) => boolean`; ports `true` and `false`. */
    code: z.string().max(100_000).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.mode === 'code' && !c.code?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: 'code: a predicate is required in code mode' });
    }
    if (c.mode === 'rules' && c.cases.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['cases'], message: 'cases: add at least one case' });
    }
    const seen = new Set<string>();
    c.cases.forEach((k, i) => {
      if (k.id === 'else' || seen.has(k.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['cases', i, 'id'],
          message: `case id "${k.id}" is reserved or repeated`,
        });
      }
      seen.add(k.id);
    });
  });

export type ConditionConfig = z.infer<typeof ConditionConfigSchema>;
export type Rule = z.infer<typeof RuleSchema>;
