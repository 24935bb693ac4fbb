import { describe, expect, it } from 'vitest';
import { buildAdjacency, incomingEdges, outgoingEdges, successors } from './adjacency';
import type { GraphDoc } from './graph-types';

const doc: GraphDoc = {
  nodes: [{ id: 'hook' }, { id: 'cond' }, { id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'err' }],
  edges: [
    { id: 'e1', source: 'hook', target: 'cond' },
    { id: 'e2', source: 'cond', sourceHandle: 'true', target: 'a' },
    { id: 'e3', source: 'cond', sourceHandle: 'true', target: 'b' },
    { id: 'e4', source: 'cond', sourceHandle: 'false', target: 'c' },
    { id: 'e5', source: 'cond', sourceHandle: 'error', target: 'err' },
    { id: 'e6', source: 'cond', sourceHandle: 'true', target: 'a' },
    { id: 'e7', source: 'cond', sourceHandle: 'true', target: 'ghost' },
    { id: 'e8', source: 'a', sourceHandle: 'out', target: 'c' },
  ],
};

describe('successors', () => {
  it('lists the targets on one port, each once, in edge order, skipping ids that are not nodes', () => {
    expect(successors(doc, 'cond', 'true')).toEqual(['a', 'b']);
    expect(successors(doc, 'cond', 'false')).toEqual(['c']);
    expect(successors(doc, 'cond', 'error')).toEqual(['err']);
  });

  it('defaults to the `out` port and treats a missing sourceHandle as `out`', () => {
    expect(successors(doc, 'hook')).toEqual(['cond']);
    expect(successors(doc, 'a')).toEqual(['c']);
    expect(successors(doc, 'cond')).toEqual([]);
  });

  it('is empty for a port with no edges or an unknown node', () => {
    expect(successors(doc, 'cond', 'maybe')).toEqual([]);
    expect(successors(doc, 'nobody', 'out')).toEqual([]);
  });
});

describe('outgoingEdges / incomingEdges / buildAdjacency', () => {
  it('filters edges by source port and by target', () => {
    expect(outgoingEdges(doc, 'cond', 'true').map((e) => e.id)).toEqual(['e2', 'e3', 'e6', 'e7']);
    expect(outgoingEdges(doc, 'cond').map((e) => e.id)).toHaveLength(6);
    expect(incomingEdges(doc, 'c').map((e) => e.id)).toEqual(['e4', 'e8']);
  });

  it('builds adjacency over all ports without duplicates or dangling targets', () => {
    const adjacency = buildAdjacency(doc);
    expect(adjacency.get('cond')).toEqual(['a', 'b', 'c', 'err']);
    expect(adjacency.get('c')).toEqual([]);
    expect(adjacency.has('ghost')).toBe(false);
  });
});
