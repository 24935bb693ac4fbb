// condition: route the input to one output port per matching case (or `else`), or `true`/`false` in code mode.
import { defineNode, IN, port } from '../kit/define-node';
import { ConditionConfigSchema } from './config';

export const condition = defineNode({
  type: 'condition',
  version: 1,
  label: 'Condition',
  description: 'Route by rules on the input fields, or by a TypeScript predicate.',
  category: 'logic',
  icon: 'split',
  config: ConditionConfigSchema,
  inputs: IN,
  outputs: (c) =>
    c.mode === 'code'
      ? [port('true'), port('false')]
      : [...c.cases.map((k) => port(k.id, k.label)), port('else')],
  hasErrorPort: true,
  pure: true,
  ui: {
    codeField: 'code',
    fields: {
      mode: { widget: 'select', label: 'Mode', order: 1 },
      cases: { widget: 'cases', label: 'Cases', order: 2 },
      code: { widget: 'code', label: 'Predicate', order: 3 },
    },
    summary: (c) =>
      c.mode === 'code'
        ? 'TypeScript predicate'
        : `${c.cases.length} case${c.cases.length === 1 ? '' : 's'} + else`,
  },
});
