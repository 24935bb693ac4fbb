import { describe, expect, it } from 'vitest';
import type { GraphDoc } from './graph-types';
import { downstreamOf, reachableFrom, upstreamOf, wouldCreateCycle } from './reachability';

// t1 -> a -> b -> d ; t2 -> c -> d ; island
const doc: GraphDoc = {
  nodes: [{ id: 't1' }, { id: 't2' }, { id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }, { id: 'island' }],
  edges: [
    { id: '1', source: 't1', target: 'a' },
    { id: '2', source: 'a', target: 'b' },
    { id: '3', source: 'b', target: 'd' },
    { id: '4', source: 't2', target: 'c' },
    { id: '5', source: 'c', sourceHandle: 'error', target: 'd' },
  ],
};

describe('reachability', () => {
  it('reachableFrom includes the starts and everything after them, on every port', () => {
    expect([...reachableFrom(doc, ['t2'])].sort()).toEqual(['c', 'd', 't2']);
    expect(reachableFrom(doc, ['t1', 't2']).has('island')).toBe(false);
    expect(reachableFrom(doc, ['ghost']).size).toBe(0);
  });

  it('downstreamOf lists what follows a node in document order, without the node', () => {
    expect(downstreamOf(doc, 't1')).toEqual(['a', 'b', 'd']);
    expect(downstreamOf(doc, 'd')).toEqual([]);
    expect(downstreamOf(doc, 'ghost')).toEqual([]);
  });

  it('upstreamOf lists what precedes a node in document order', () => {
    expect(upstreamOf(doc, 'd')).toEqual(['t1', 't2', 'a', 'b', 'c']);
    expect(upstreamOf(doc, 't1')).toEqual([]);
  });

  it('downstreamOf terminates on a loop and leaves the node itself out', () => {
    const loop: GraphDoc = {
      nodes: [{ id: 'x' }, { id: 'y' }],
      edges: [
        { id: '1', source: 'x', target: 'y' },
        { id: '2', source: 'y', target: 'x' },
      ],
    };
    expect(downstreamOf(loop, 'x')).toEqual(['y']);
  });

  it('wouldCreateCycle is true for a self loop or when the target already leads to the source', () => {
    expect(wouldCreateCycle(doc, 'a', 'a')).toBe(true);
    expect(wouldCreateCycle(doc, 'd', 'a')).toBe(true);
    expect(wouldCreateCycle(doc, 'a', 'd')).toBe(false);
    expect(wouldCreateCycle(doc, 'c', 'b')).toBe(false);
  });
});
