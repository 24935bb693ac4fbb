import { describe, expect, it } from 'vitest';
import { findCycles, loopThrough } from './cycles';
import type { GraphDoc } from './graph-types';

const chain = (ids: string[], pairs: [string, string][]): GraphDoc => ({
  nodes: ids.map((id) => ({ id })),
  edges: pairs.map(([source, target], i) => ({ id: `e${i}`, source, target })),
});

describe('findCycles', () => {
  it('is empty for a DAG with a diamond', () => {
    const doc = chain(
      ['a', 'b', 'c', 'd'],
      [
        ['a', 'b'],
        ['a', 'c'],
        ['b', 'd'],
        ['c', 'd'],
      ],
    );
    expect(findCycles(doc)).toEqual([]);
  });

  it('finds a loop with its members in document order', () => {
    const doc = chain(
      ['start', 'x', 'y', 'z'],
      [
        ['start', 'z'],
        ['z', 'y'],
        ['y', 'x'],
        ['x', 'z'],
      ],
    );
    expect(findCycles(doc)).toEqual([['x', 'y', 'z']]);
  });

  it('finds a self loop and separate loops, ordered by their first node', () => {
    const doc = chain(
      ['a', 'b', 'c', 'd', 'e'],
      [
        ['d', 'e'],
        ['e', 'd'],
        ['c', 'c'],
        ['a', 'b'],
      ],
    );
    expect(findCycles(doc)).toEqual([['c'], ['d', 'e']]);
  });

  it('merges loops that share nodes into one group', () => {
    const doc = chain(
      ['a', 'b', 'c'],
      [
        ['a', 'b'],
        ['b', 'a'],
        ['b', 'c'],
        ['c', 'b'],
      ],
    );
    expect(findCycles(doc)).toEqual([['a', 'b', 'c']]);
  });

  it('handles a 5,000-node chain closed into one loop without overflowing the stack', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `n${i}`);
    const pairs = ids.map((id, i) => [id, ids[(i + 1) % ids.length]!] as [string, string]);
    const cycles = findCycles(chain(ids, pairs));
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(5000);
  });

  it('ignores edges whose ends are not nodes', () => {
    expect(findCycles(chain(['a'], [['a', 'ghost']]))).toEqual([]);
  });
});

describe('loopThrough', () => {
  it('follows the edges, not the document order', () => {
    const doc = chain(
      ['x', 'y', 'z'],
      [
        ['z', 'y'],
        ['y', 'x'],
        ['x', 'z'],
      ],
    );
    const [group] = findCycles(doc);
    expect(loopThrough(doc, group!)).toEqual(['x', 'z', 'y']);
  });

  it('takes the shortest loop back to the first node of a tangle', () => {
    const doc = chain(
      ['a', 'b', 'c'],
      [
        ['a', 'b'],
        ['b', 'a'],
        ['b', 'c'],
        ['c', 'b'],
      ],
    );
    expect(loopThrough(doc, ['a', 'b', 'c'])).toEqual(['a', 'b']);
    expect(loopThrough(doc, ['c'])).toEqual(['c']);
  });
});
