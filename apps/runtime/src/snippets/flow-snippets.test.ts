// checkFlowSnippets: syntax errors, imports and missing default exports are reported per node with line and column.
import { registry } from '@sluice/nodes';
import type { FlowDocument } from '@sluice/shared';
import { describe, expect, it } from 'vitest';
import { FlowValidationError } from '../flows/flow-errors';
import { checkFlowSnippets, snippetPublishHook } from './flow-snippets';

const doc = (nodes: FlowDocument['nodes']): FlowDocument => ({ name: 'f', variables: {}, nodes, edges: [] });
const node = (id: string, type: string, config: Record<string, unknown>) => ({
  id,
  type,
  config,
  position: { x: 0, y: 0 },
});

describe('checkFlowSnippets', () => {
  it('accepts compiling snippets and ignores nodes without code', () => {
    const flow = doc([
      node('hook', 'trigger.webhook', { path: 'hr' }),
      node('map', 'transform', { code: 'export default (input: { a: number }) => ({ b: input.a });' }),
      node('rules', 'condition', { mode: 'rules', cases: [] }),
    ]);
    expect(checkFlowSnippets(flow, registry)).toEqual([]);
  });

  it('names the node, the field, the line and the column of a syntax error', () => {
    const flow = doc([
      node('ok', 'transform', { code: 'export default (i: any) => i;' }),
      node('broken', 'transform', {
        code: 'export default (input: any) => {\n  return { a: input.a, };;\n  const = 1;\n};',
      }),
    ]);
    expect(checkFlowSnippets(flow, registry)).toEqual([
      {
        code: 'bad_config',
        message: 'node "broken": code does not compile: line 3, column 9: Variable declaration expected.',
        path: ['nodes', 1, 'config', 'code'],
        nodeId: 'broken',
      },
    ]);
  });

  it('reports imports and a missing default export', () => {
    const flow = doc([
      node('imp', 'transform', { code: 'import fs from "fs";\nexport default () => fs;' }),
      node('nodef', 'condition', { mode: 'code', code: 'const f = (i: any) => true;' }),
    ]);
    expect(checkFlowSnippets(flow, registry).map((p) => [p.nodeId, p.message])).toEqual([
      [
        'imp',
        'node "imp": code does not compile: line 1, column 1: imports are not available in snippets: use ctx.helpers instead',
      ],
      [
        'nodef',
        'node "nodef": code does not compile: line 1, column 1: a snippet needs `export default (input, ctx) => output`',
      ],
    ]);
  });

  it('the publish hook throws FlowValidationError with the problems', async () => {
    const hook = snippetPublishHook(registry);
    const flow = doc([node('broken', 'transform', { code: 'export default (' })]);
    const err = await hook.check!('flw_1', 1, flow).catch((e) => e);
    expect(err).toBeInstanceOf(FlowValidationError);
    expect(err.problems[0]).toMatchObject({ nodeId: 'broken', path: ['nodes', 0, 'config', 'code'] });
    await expect(hook.check!('flw_1', 1, doc([]))).resolves.toBeUndefined();
  });
});
