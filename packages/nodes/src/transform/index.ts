// transform: reshape the input with a TypeScript snippet run in the sandbox.
import { z } from 'zod';
import { defineNode, IN, OUT } from '../kit/define-node';

export const DEFAULT_TRANSFORM_CODE = `export default (input: Input, ctx: SnippetContext) => {
  return input;
};
`;

export const TransformConfigSchema = z.object({
  code: z.string().min(1, 'code: a transform needs code').max(100_000).default(DEFAULT_TRANSFORM_CODE),
  /** Optional TypeScript type of the input, used for type checking when no sample exists. */
  inputType: z.string().max(20_000).optional(),
});

export const transform = defineNode({
  type: 'transform',
  version: 1,
  label: 'Transform',
  description: 'Reshape the data with a TypeScript function.',
  category: 'transform',
  icon: 'code',
  config: TransformConfigSchema,
  inputs: IN,
  outputs: OUT,
  hasErrorPort: true,
  pure: true,
  ui: {
    codeField: 'code',
    fields: {
      code: { widget: 'code', label: 'Code' },
      inputType: { widget: 'code', label: 'Input type', hidden: true },
    },
    summary: (c) => {
      const lines = c.code.split('\n').filter((l) => l.trim()).length;
      return `TypeScript · ${lines} line${lines === 1 ? '' : 's'}`;
    },
  },
});
