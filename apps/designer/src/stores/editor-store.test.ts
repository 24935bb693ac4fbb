import { describe, expect, it } from 'vitest';
import { createEditorStore } from './editor-store';

const fresh = () => {
  const store = createEditorStore();
  store.getState().load({ name: 'Test', nodes: [], edges: [], variables: {} });
  return store;
};

describe('editor store', () => {
  it('adds nodes with readable ids and default configs, and connects them', () => {
    const s = fresh();
    const a = s.getState().addNode('trigger.webhook', { x: 0, y: 0 });
    const b = s.getState().addNode('transform', { x: 300, y: 0 });
    expect([a, b]).toEqual(['webhook1', 'transform1']);
    s.getState().connect({ source: a!, target: b!, sourceHandle: 'out', targetHandle: 'in' });
    const doc = s.getState().document();
    expect(doc.nodes.map((n) => n.type)).toEqual(['trigger.webhook', 'transform']);
    expect(doc.edges).toEqual([
      { id: 'e-webhook1-out-transform1', source: 'webhook1', target: 'transform1' },
    ]);
    expect(doc.nodes[1]?.config.code).toContain('export default');
  });

  it('rejects unknown kinds', () => {
    expect(fresh().getState().addNode('nope', { x: 0, y: 0 })).toBeNull();
  });

  it('undoes and redoes mutations', () => {
    const s = fresh();
    s.getState().addNode('transform', { x: 0, y: 0 });
    s.getState().updateMeta('transform1', { name: 'Shape' });
    s.getState().undo();
    expect(s.getState().meta.transform1?.name).toBeUndefined();
    s.getState().undo();
    expect(s.getState().nodes).toHaveLength(0);
    s.getState().redo();
    s.getState().redo();
    expect(s.getState().meta.transform1?.name).toBe('Shape');
  });

  it('deletes the selection with its edges', () => {
    const s = fresh();
    s.getState().addNode('trigger.webhook', { x: 0, y: 0 });
    s.getState().addNode('transform', { x: 300, y: 0 });
    s.getState().connect({
      source: 'webhook1',
      target: 'transform1',
      sourceHandle: 'out',
      targetHandle: 'in',
    });
    s.getState().select('transform1');
    s.getState().deleteSelection();
    expect(s.getState().nodes.map((n) => n.id)).toEqual(['webhook1']);
    expect(s.getState().edges).toEqual([]);
    expect(s.getState().meta.transform1).toBeUndefined();
  });

  it('copies and pastes a selection with new ids and the inner edges', () => {
    const s = fresh();
    s.getState().addNode('trigger.webhook', { x: 0, y: 0 });
    s.getState().addNode('transform', { x: 300, y: 0 });
    s.getState().connect({
      source: 'webhook1',
      target: 'transform1',
      sourceHandle: 'out',
      targetHandle: 'in',
    });
    s.setState((st) => ({ nodes: st.nodes.map((n) => ({ ...n, selected: true })) }));
    s.getState().copySelection();
    s.getState().paste();
    const ids = s.getState().nodes.map((n) => n.id);
    expect(ids).toEqual(['webhook1', 'transform1', 'webhook2', 'transform2']);
    expect(s.getState().edges.map((e) => `${e.source}->${e.target}`)).toEqual([
      'webhook1->transform1',
      'webhook2->transform2',
    ]);
    expect(
      s
        .getState()
        .nodes.filter((n) => n.selected)
        .map((n) => n.id),
    ).toEqual(['webhook2', 'transform2']);
  });

  it('lays out left to right along the edges', () => {
    const s = fresh();
    s.getState().addNode('trigger.webhook', { x: 500, y: 500 });
    s.getState().addNode('transform', { x: 0, y: 0 });
    s.getState().connect({
      source: 'webhook1',
      target: 'transform1',
      sourceHandle: 'out',
      targetHandle: 'in',
    });
    s.getState().autoLayout();
    const [w, t] = s.getState().nodes;
    expect(t!.position.x).toBeGreaterThan(w!.position.x + 200);
  });

  it('round-trips a document, keeping ports other than the defaults', () => {
    const s = createEditorStore();
    const doc = {
      name: 'RT',
      variables: {},
      nodes: [
        { id: 'c', type: 'condition', position: { x: 0, y: 0 }, config: { mode: 'code', code: 'x' } },
        { id: 'd', type: 'transform', position: { x: 1, y: 2 }, config: {}, name: 'D' },
      ],
      edges: [{ id: 'e1', source: 'c', sourceHandle: 'true', target: 'd' }],
    };
    s.getState().load(doc);
    expect(s.getState().document()).toEqual(doc);
    expect(s.getState().dirty).toBe(false);
  });
});
