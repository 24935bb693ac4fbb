import { describe, expect, it } from 'vitest';
import { FlowDocumentSchema } from '../flow/flow-document';
import { type DiffableFlow, diffFlows, FlowDiffSchema, isEmptyDiff } from './flow-diff';

function v1(): DiffableFlow {
  return {
    name: 'HR -> SCIM',
    nodes: [
      { id: 'hr', type: 'trigger.webhook', position: { x: 0, y: 0 }, config: { path: 'hr' } },
      { id: 'map', type: 'transform', position: { x: 200, y: 0 }, config: { code: 'a' } },
      {
        id: 'scim',
        type: 'delivery.http',
        position: { x: 400, y: 0 },
        config: { url: 'https://a', method: 'POST' },
      },
      { id: 'old', type: 'delay', position: { x: 600, y: 0 }, config: { duration: 'P1D' } },
    ],
    edges: [
      { id: 'e1', source: 'hr', target: 'map' },
      { id: 'e2', source: 'map', target: 'scim' },
      { id: 'e3', source: 'scim', target: 'old' },
    ],
  };
}

describe('diffFlows', () => {
  it('an identical flow gives an empty diff', () => {
    const d = diffFlows(v1(), v1());
    expect(isEmptyDiff(d)).toBe(true);
    expect(d.nodes).toEqual({ added: [], removed: [], changed: [], moved: [] });
  });

  it('lists added, removed and changed nodes and edges with the fields that changed', () => {
    const to = v1();
    to.name = 'HR -> SCIM v2';
    to.nodes[2] = {
      ...to.nodes[2]!,
      config: { url: 'https://b', method: 'POST', timeoutMs: 5000 },
      retry: { attempts: 3 },
    };
    to.nodes[1] = { ...to.nodes[1]!, name: 'Map to SCIM' };
    to.nodes.splice(3, 1);
    to.nodes.push({ id: 'audit', type: 'delivery.http', config: { url: 'https://siem' } });
    to.edges[2] = { id: 'e3', source: 'scim', target: 'audit' };
    to.edges.push({ id: 'e4', source: 'scim', sourceHandle: 'error', target: 'audit' });
    const d = diffFlows(v1(), to);
    expect(d.nameChanged).toBe(true);
    expect(d.nodes).toEqual({
      added: ['audit'],
      removed: ['old'],
      changed: [
        { id: 'map', fields: ['name'] },
        { id: 'scim', fields: ['config.timeoutMs', 'config.url', 'retry'] },
      ],
      moved: [],
    });
    expect(d.edges).toEqual({ added: ['e4'], removed: [], changed: [{ id: 'e3', fields: ['target'] }] });
  });

  it('reports a position-only change as moved, not changed', () => {
    const to = v1();
    to.nodes[1] = { ...to.nodes[1]!, position: { x: 250, y: 40 } };
    const d = diffFlows(v1(), to);
    expect(d.nodes.changed).toEqual([]);
    expect(d.nodes.moved).toEqual(['map']);
    expect(isEmptyDiff(d)).toBe(false);
  });

  it('reports a node both moved and changed in both lists', () => {
    const to = v1();
    to.nodes[1] = { ...to.nodes[1]!, position: { x: 1, y: 1 }, type: 'condition' };
    const d = diffFlows(v1(), to);
    expect(d.nodes.changed).toEqual([{ id: 'map', fields: ['type'] }]);
    expect(d.nodes.moved).toEqual(['map']);
  });

  it('treats default handles and omitted defaults as equal', () => {
    const to = v1();
    to.edges[0] = { id: 'e1', source: 'hr', sourceHandle: 'out', target: 'map', targetHandle: 'in' };
    const parsed = FlowDocumentSchema.parse(to);
    expect(isEmptyDiff(diffFlows(v1(), parsed))).toBe(true);
  });

  it('notes a changed handle, description and variables', () => {
    const to = v1();
    to.edges[1] = { id: 'e2', source: 'map', sourceHandle: 'error', target: 'scim' };
    to.description = 'now documented';
    to.variables = { tenant: 'acme' };
    const d = diffFlows(v1(), to);
    expect(d.edges.changed).toEqual([{ id: 'e2', fields: ['sourceHandle'] }]);
    expect(d.descriptionChanged).toBe(true);
    expect(d.variablesChanged).toBe(true);
    expect(d.nameChanged).toBe(false);
  });

  it('ignores key order inside config and reports nested changes by top-level config key', () => {
    const to = v1();
    to.nodes[2] = { ...to.nodes[2]!, config: { method: 'POST', url: 'https://a' } };
    expect(diffFlows(v1(), to).nodes.changed).toEqual([]);
    const from = v1();
    from.nodes[2]!.config = { url: 'https://a', auth: { kind: 'bearer', token: 'x' } };
    to.nodes[2] = { ...to.nodes[2]!, config: { url: 'https://a', auth: { kind: 'bearer', token: 'y' } } };
    expect(diffFlows(from, to).nodes.changed).toEqual([{ id: 'scim', fields: ['config.auth'] }]);
  });

  it('its result matches FlowDiffSchema', () => {
    const to = v1();
    to.nodes.pop();
    expect(FlowDiffSchema.safeParse(diffFlows(v1(), to)).success).toBe(true);
  });
});
