import type { FlowDocument } from '@sluice/shared';
import { describe, expect, it } from 'vitest';
import { diffView } from './diff-marks';

const node = (id: string, config: Record<string, unknown> = {}) => ({
  id,
  type: 'transform',
  position: { x: 0, y: 0 },
  config,
});

describe('diffView', () => {
  it('marks added, removed and changed nodes and keeps removed ones drawn', () => {
    const from: FlowDocument = {
      name: 'f',
      variables: {},
      nodes: [node('a'), node('b'), node('c', { code: '1' })],
      edges: [{ id: 'e1', source: 'a', target: 'b' }],
    };
    const to: FlowDocument = {
      name: 'f',
      variables: {},
      nodes: [node('a'), node('c', { code: '2' }), node('d')],
      edges: [],
    };
    const v = diffView(from, to);
    expect(v.marks).toEqual({ d: 'added', b: 'removed', c: 'changed' });
    expect(v.doc.nodes.map((n) => n.id)).toEqual(['a', 'c', 'd', 'b']);
    expect(v.doc.edges.map((e) => e.id)).toEqual(['e1']);
    expect(v.counts).toEqual({ added: 1, removed: 1, changed: 1 });
  });
});
