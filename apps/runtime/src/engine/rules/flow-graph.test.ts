// Tests of the compiled flow graph: successors by port, fan-out, error edges, pure kinds.
import { registry } from '@sluice/nodes';
import { FlowDocumentSchema } from '@sluice/shared';
import { describe, expect, it } from 'vitest';
import { compileFlow } from './flow-graph';

const doc = FlowDocumentSchema.parse({
  name: 'g',
  nodes: [
    { id: 'hook', type: 'trigger.webhook' },
    { id: 'cond', type: 'condition' },
    { id: 'a', type: 'delivery.http' },
    { id: 'b', type: 'delivery.http' },
    { id: 'c', type: 'transform' },
    { id: 'oops', type: 'delivery.http' },
  ],
  edges: [
    { id: 'e1', source: 'hook', target: 'cond' },
    { id: 'e2', source: 'cond', sourceHandle: 'yes', target: 'a' },
    { id: 'e3', source: 'cond', sourceHandle: 'yes', target: 'b' },
    { id: 'e4', source: 'cond', sourceHandle: 'else', target: 'c' },
    { id: 'e5', source: 'cond', sourceHandle: 'else', target: 'a' },
    { id: 'e6', source: 'a', sourceHandle: 'error', target: 'oops' },
  ],
});

describe('compileFlow', () => {
  const g = compileFlow(doc);
  it('follows the default port when edges omit the handle', () => {
    expect(g.successors('hook', ['out'])).toEqual(['cond']);
  });
  it('fans out to every target of a port, each once across ports', () => {
    expect(g.successors('cond', ['yes'])).toEqual(['a', 'b']);
    expect(g.successors('cond', ['yes', 'else'])).toEqual(['a', 'b', 'c']);
  });
  it('has no successors for a port without edges or a leaf', () => {
    expect(g.successors('cond', ['no'])).toEqual([]);
    expect(g.successors('b', ['out'])).toEqual([]);
  });
  it('knows which nodes have a connected error port', () => {
    expect(g.hasErrorEdge('a')).toBe(true);
    expect(g.hasErrorEdge('b')).toBe(false);
  });
  it('takes purity from the descriptors: transform and condition are pure', () => {
    expect(['cond', 'c', 'a', 'hook'].map(g.isPure)).toEqual([true, true, false, false]);
    expect(g.node('a')?.type).toBe('delivery.http');
    expect(g.node('zzz')).toBeUndefined();
  });
  it('follows a descriptor that declares itself pure (a new kind needs no engine change)', () => {
    const kinds = new Map(
      [...registry].map(([type, d]) => [type, type === 'delivery.http' ? { ...d, pure: true } : d]),
    );
    expect(compileFlow(doc, kinds).isPure('a')).toBe(true);
    expect(compileFlow(doc, kinds).isPure('hook')).toBe(false);
  });
});
