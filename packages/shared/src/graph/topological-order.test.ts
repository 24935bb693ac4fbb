import { describe, expect, it } from 'vitest';
import type { GraphDoc } from './graph-types';
import { GraphCycleError, topologicalOrder } from './topological-order';

describe('topologicalOrder', () => {
  it('puts every node after its predecessors, keeping document order among ready nodes', () => {
    const doc: GraphDoc = {
      nodes: [{ id: 'd' }, { id: 'b' }, { id: 'a' }, { id: 'c' }, { id: 'lonely' }],
      edges: [
        { id: '1', source: 'a', target: 'b' },
        { id: '2', source: 'a', target: 'c' },
        { id: '3', source: 'b', target: 'd' },
        { id: '4', source: 'c', target: 'd' },
      ],
    };
    // Among the nodes ready at each step the earliest in the document goes first.
    expect(topologicalOrder(doc)).toEqual(['a', 'b', 'c', 'd', 'lonely']);
  });

  it('is the empty list for an empty flow', () => {
    expect(topologicalOrder({ nodes: [], edges: [] })).toEqual([]);
  });

  it('throws a GraphCycleError naming the loop', () => {
    const doc: GraphDoc = {
      nodes: [{ id: 't' }, { id: 'a' }, { id: 'b' }],
      edges: [
        { id: '1', source: 't', target: 'a' },
        { id: '2', source: 'a', target: 'b' },
        { id: '3', source: 'b', target: 'a' },
      ],
    };
    expect(() => topologicalOrder(doc)).toThrow(GraphCycleError);
    try {
      topologicalOrder(doc);
    } catch (e) {
      expect((e as GraphCycleError).code).toBe('graph_cycle');
      expect((e as GraphCycleError).cycles).toEqual([['a', 'b']]);
    }
  });
});
