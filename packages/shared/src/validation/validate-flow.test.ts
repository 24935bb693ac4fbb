import { describe, expect, it } from 'vitest';
import type { FlowProblem } from './flow-problem';
import { testRegistry as registry } from './test-registry';
import { validateFlow } from './validate-flow';

type Doc = { name: string; nodes: any[]; edges: any[] } & Record<string, unknown>;

/** webhook -> toScim -> isTerminated -(terminated)-> wait14d -> deprovision; fan-out and error handling. */
function realisticFlow(): Doc {
  return {
    name: 'HR termination -> deprovision',
    nodes: [
      { id: 'hr', type: 'trigger.webhook', position: { x: 0, y: 0 }, config: { path: 'hr-events' } },
      { id: 'toScim', type: 'transform', config: { code: 'export default (i) => ({ user: i.id })' } },
      {
        id: 'isTerminated',
        type: 'condition',
        config: { cases: [{ id: 'terminated', rules: [{ field: 'status', operator: 'eq', value: 'T' }] }] },
      },
      { id: 'wait14d', type: 'delay', config: { duration: 'P14D' } },
      { id: 'deprovision', type: 'delivery.http', config: { url: 'https://scim.example/Users' } },
      { id: 'audit', type: 'delivery.http', config: { url: 'https://siem.example/events', method: 'POST' } },
      { id: 'notify', type: 'delivery.http', config: { url: 'https://chat.example/hook' } },
      { id: 'onError', type: 'delivery.http', config: { url: 'https://pager.example' } },
    ],
    edges: [
      { id: 'e1', source: 'hr', target: 'toScim' },
      { id: 'e2', source: 'toScim', target: 'isTerminated' },
      { id: 'e3', source: 'toScim', sourceHandle: 'out', target: 'audit', targetHandle: 'in' },
      { id: 'e4', source: 'isTerminated', sourceHandle: 'terminated', target: 'wait14d' },
      { id: 'e5', source: 'isTerminated', sourceHandle: 'else', target: 'notify' },
      { id: 'e6', source: 'wait14d', target: 'deprovision' },
      { id: 'e7', source: 'deprovision', sourceHandle: 'error', target: 'onError' },
    ],
  };
}

const validate = (doc: unknown, extra: Partial<Parameters<typeof validateFlow>[1]> = {}) =>
  validateFlow(doc, { registry, ...extra });

const summary = (problems: FlowProblem[]) => problems.map((p) => ({ code: p.code, path: p.path }));

describe('validateFlow: a valid flow', () => {
  it('returns [] for a realistic flow with fan-out, a condition and an error port', () => {
    expect(validate(realisticFlow())).toEqual([]);
  });

  it('returns [] for a minimal manual flow with defaulted position and config', () => {
    expect(validate({ name: 'm', nodes: [{ id: 'go', type: 'trigger.manual' }], edges: [] })).toEqual([]);
  });

  it('accepts a webhook path published by the same flow', () => {
    const paths = new Map([['hr-events', 'flw_self']]);
    expect(validate(realisticFlow(), { publishedWebhookPaths: paths, flowId: 'flw_self' })).toEqual([]);
  });
});

describe('validateFlow: one test per problem code', () => {
  it('schema: one problem per zod issue, with its path', () => {
    const doc = realisticFlow();
    doc.name = '';
    doc.nodes[1].position = { x: 'left', y: 0 };
    expect(summary(validate(doc))).toEqual([
      { code: 'schema', path: ['name'] },
      { code: 'schema', path: ['nodes', 1, 'position', 'x'] },
    ]);
  });

  it('schema: a document that is not an object is one problem at the root', () => {
    const problems = validate('not a flow');
    expect(summary(problems)).toEqual([
      { code: 'schema', path: [] },
      { code: 'no_trigger', path: ['nodes'] },
    ]);
  });

  it('unknown_type: names the node and the type field', () => {
    const doc = realisticFlow();
    doc.nodes[5].type = 'delivery.carrier-pigeon';
    const problems = validate(doc);
    expect(summary(problems)).toEqual([{ code: 'unknown_type', path: ['nodes', 5, 'type'] }]);
    expect(problems[0]!.nodeId).toBe('audit');
    expect(problems[0]!.message).toContain('delivery.carrier-pigeon');
  });

  it('bad_config: one problem per issue with the path into config and a message naming the field', () => {
    const doc = realisticFlow();
    doc.nodes[4].config = { url: '', method: 'PUT' };
    const problems = validate(doc);
    expect(summary(problems)).toEqual([
      { code: 'bad_config', path: ['nodes', 4, 'config', 'url'] },
      { code: 'bad_config', path: ['nodes', 4, 'config', 'method'] },
    ]);
    expect(problems[0]).toMatchObject({ nodeId: 'deprovision' });
    expect(problems[0]!.message).toContain('"url"');
    expect(problems[1]!.message).toContain('"method"');
  });

  it('bad_config: nested fields are named with their index', () => {
    const doc = realisticFlow();
    doc.nodes[2].config.cases[0].id = '9bad';
    const problems = validate(doc);
    expect(summary(problems)).toEqual([
      { code: 'bad_config', path: ['nodes', 2, 'config', 'cases', 0, 'id'] },
    ]);
    expect(problems[0]!.message).toContain('"cases[0].id"');
  });

  it('duplicate_node_id: reported on the second node with that id', () => {
    const doc = realisticFlow();
    doc.nodes[6].id = 'audit';
    const problems = validate(doc);
    expect(summary(problems)).toEqual([
      { code: 'duplicate_node_id', path: ['nodes', 6, 'id'] },
      { code: 'dangling_edge', path: ['edges', 4, 'target'] },
    ]);
    expect(problems[0]!.nodeId).toBe('audit');
  });

  it('duplicate_edge_id: reported on the second edge with that id', () => {
    const doc = realisticFlow();
    doc.edges[4].id = 'e1';
    const problems = validate(doc);
    expect(summary(problems)).toEqual([{ code: 'duplicate_edge_id', path: ['edges', 4, 'id'] }]);
    expect(problems[0]!.edgeId).toBe('e1');
  });

  it('dangling_edge: source and target are checked separately', () => {
    const doc = realisticFlow();
    doc.edges.push({ id: 'e8', source: 'ghost', target: 'audit' });
    doc.edges.push({ id: 'e9', source: 'audit', target: 'phantom' });
    const problems = validate(doc);
    expect(summary(problems)).toEqual([
      { code: 'dangling_edge', path: ['edges', 7, 'source'] },
      { code: 'dangling_edge', path: ['edges', 8, 'target'] },
    ]);
    expect(problems[0]!.message).toContain('ghost');
    expect(problems[1]).toMatchObject({ edgeId: 'e9' });
  });

  it('unknown_source_port: a handle not among the outputs of the parsed config', () => {
    const doc = realisticFlow();
    doc.edges[3].sourceHandle = 'rehired';
    const problems = validate(doc);
    // The edge still counts for reachability: one wrong handle is one problem, not a cascade.
    expect(summary(problems)).toEqual([{ code: 'unknown_source_port', path: ['edges', 3, 'sourceHandle'] }]);
    expect(problems[0]!.message).toContain('"rehired"');
  });

  it('unknown_source_port: the default handle `out` is checked too (condition has no `out`)', () => {
    const doc = realisticFlow();
    doc.edges[4].sourceHandle = undefined;
    const problems = validate(doc);
    expect(summary(problems)).toEqual([{ code: 'unknown_source_port', path: ['edges', 4, 'sourceHandle'] }]);
    expect(problems[0]).toMatchObject({ edgeId: 'e5', nodeId: 'isTerminated' });
    expect(problems[0]!.message).toContain('"terminated", "else", "error"');
  });

  it('unknown_source_port: triggers have no error port', () => {
    const doc = realisticFlow();
    doc.edges.push({ id: 'e8', source: 'hr', sourceHandle: 'error', target: 'notify' });
    expect(summary(validate(doc))).toEqual([
      { code: 'unknown_source_port', path: ['edges', 7, 'sourceHandle'] },
    ]);
  });

  it('unknown_target_port: a handle not among the inputs', () => {
    const doc = realisticFlow();
    doc.edges[5].targetHandle = 'side';
    const problems = validate(doc);
    expect(summary(problems)).toEqual([{ code: 'unknown_target_port', path: ['edges', 5, 'targetHandle'] }]);
    expect(problems[0]).toMatchObject({ edgeId: 'e6', nodeId: 'deprovision' });
  });

  it('trigger_has_inputs: an edge into a trigger', () => {
    const doc = realisticFlow();
    doc.edges.push({ id: 'back', source: 'audit', target: 'hr' });
    const problems = validate(doc);
    expect(summary(problems)).toEqual([{ code: 'trigger_has_inputs', path: ['edges', 7, 'target'] }]);
    expect(problems[0]).toMatchObject({ edgeId: 'back', nodeId: 'hr' });
  });

  it('cycle: one problem per loop, at its first node, listing the loop', () => {
    const doc = realisticFlow();
    doc.edges.push({ id: 'loop', source: 'wait14d', target: 'isTerminated' });
    const problems = validate(doc);
    expect(summary(problems)).toEqual([{ code: 'cycle', path: ['nodes', 2] }]);
    expect(problems[0]!.nodeId).toBe('isTerminated');
    expect(problems[0]!.message).toContain('"isTerminated" -> "wait14d"');
  });

  it('cycle: a node connected to itself', () => {
    const doc = realisticFlow();
    doc.edges.push({ id: 'self', source: 'audit', target: 'audit' });
    const problems = validate(doc);
    expect(summary(problems)).toEqual([{ code: 'cycle', path: ['nodes', 5] }]);
    expect(problems[0]!.message).toContain('itself');
  });

  it('unreachable_node: a node no trigger leads to', () => {
    const doc = realisticFlow();
    doc.nodes.push({ id: 'orphan', type: 'transform', config: {} });
    const problems = validate(doc);
    expect(summary(problems)).toEqual([{ code: 'unreachable_node', path: ['nodes', 8] }]);
    expect(problems[0]!.nodeId).toBe('orphan');
  });

  it('no_trigger: at the nodes array, without one unreachable problem per node', () => {
    const doc = realisticFlow();
    doc.nodes = doc.nodes.slice(1);
    doc.edges = doc.edges.slice(1);
    expect(summary(validate(doc))).toEqual([{ code: 'no_trigger', path: ['nodes'] }]);
  });

  it('duplicate_webhook_path: two webhook triggers of this flow', () => {
    const doc = realisticFlow();
    doc.nodes.push({ id: 'hr2', type: 'trigger.webhook', config: { path: 'hr-events' } });
    doc.edges.push({ id: 'e8', source: 'hr2', target: 'toScim' });
    const problems = validate(doc);
    expect(summary(problems)).toEqual([
      { code: 'duplicate_webhook_path', path: ['nodes', 8, 'config', 'path'] },
    ]);
    expect(problems[0]!.message).toContain('"hr"');
  });

  it('duplicate_webhook_path: a path owned by another published flow', () => {
    const paths = new Map([['hr-events', 'flw_other']]);
    const problems = validate(realisticFlow(), { publishedWebhookPaths: paths, flowId: 'flw_self' });
    expect(summary(problems)).toEqual([
      { code: 'duplicate_webhook_path', path: ['nodes', 0, 'config', 'path'] },
    ]);
    expect(problems[0]!.message).toContain('flw_other');
  });

  it('duplicate_webhook_path: a new flow (no flowId) may not take a published path', () => {
    const paths = new Map([['hr-events', 'flw_other']]);
    expect(summary(validate(realisticFlow(), { publishedWebhookPaths: paths }))).toEqual([
      { code: 'duplicate_webhook_path', path: ['nodes', 0, 'config', 'path'] },
    ]);
  });
});

describe('validateFlow: documents with many problems', () => {
  it('reports every problem, not the first', () => {
    const doc = realisticFlow();
    doc.nodes[1].type = 'mystery';
    doc.nodes[3].config = { duration: '14 days' };
    doc.nodes.push({ id: 'audit', type: 'delivery.http', config: { url: 'x' } });
    doc.edges.push({ id: 'e1', source: 'notify', target: 'nowhere' });
    doc.edges.push({ id: 'e9', source: 'deprovision', sourceHandle: 'ok', target: 'hr' });
    const problems = validate(doc);
    expect(summary(problems)).toEqual([
      { code: 'unknown_type', path: ['nodes', 1, 'type'] },
      { code: 'bad_config', path: ['nodes', 3, 'config', 'duration'] },
      { code: 'duplicate_node_id', path: ['nodes', 8, 'id'] },
      { code: 'duplicate_edge_id', path: ['edges', 7, 'id'] },
      { code: 'dangling_edge', path: ['edges', 7, 'target'] },
      { code: 'unknown_source_port', path: ['edges', 8, 'sourceHandle'] },
      { code: 'trigger_has_inputs', path: ['edges', 8, 'target'] },
    ]);
  });

  it('keeps checking the graph when the document fails the schema', () => {
    const doc = realisticFlow();
    delete (doc as Partial<Doc>).name;
    doc.nodes[2].id = '2bad';
    const problems = validate(doc);
    expect(summary(problems)).toEqual([
      { code: 'schema', path: ['name'] },
      { code: 'schema', path: ['nodes', 2, 'id'] },
      { code: 'dangling_edge', path: ['edges', 1, 'target'] },
      { code: 'dangling_edge', path: ['edges', 3, 'source'] },
      { code: 'dangling_edge', path: ['edges', 4, 'source'] },
      { code: 'unreachable_node', path: ['nodes', 2] },
      { code: 'unreachable_node', path: ['nodes', 3] },
      { code: 'unreachable_node', path: ['nodes', 4] },
      { code: 'unreachable_node', path: ['nodes', 6] },
      { code: 'unreachable_node', path: ['nodes', 7] },
    ]);
  });

  it('a config that fails its schema does not also produce port noise for its edges', () => {
    const doc = realisticFlow();
    doc.nodes[2].config = { cases: [] };
    expect(summary(validate(doc))).toEqual([{ code: 'bad_config', path: ['nodes', 2, 'config', 'cases'] }]);
  });

  it('several cycles and an unreachable island are each reported', () => {
    const doc: Doc = {
      name: 'loops',
      nodes: [
        { id: 'start', type: 'trigger.manual' },
        { id: 'a', type: 'transform' },
        { id: 'b', type: 'transform' },
        { id: 'c', type: 'transform' },
        { id: 'd', type: 'transform' },
        { id: 'island', type: 'transform' },
      ],
      edges: [
        { id: '1', source: 'start', target: 'a' },
        { id: '2', source: 'a', target: 'b' },
        { id: '3', source: 'b', target: 'a' },
        { id: '4', source: 'b', target: 'c' },
        { id: '5', source: 'c', target: 'd' },
        { id: '6', source: 'd', target: 'c' },
      ],
    };
    const problems = validate(doc);
    expect(summary(problems)).toEqual([
      { code: 'cycle', path: ['nodes', 1] },
      { code: 'cycle', path: ['nodes', 3] },
      { code: 'unreachable_node', path: ['nodes', 5] },
    ]);
    expect(problems[0]!.message).toBe('nodes "a" -> "b" -> "a" form a cycle; flows may not loop');
  });

  it('a cycle message follows the edges and names the other nodes of a tangle', () => {
    const doc: Doc = {
      name: 'tangle',
      nodes: ['start', 'x', 'y', 'z', 'w'].map((id, i) => ({ id, type: i ? 'transform' : 'trigger.manual' })),
      edges: [
        { id: '1', source: 'start', target: 'z' },
        { id: '2', source: 'z', target: 'y' },
        { id: '3', source: 'y', target: 'x' },
        { id: '4', source: 'x', target: 'z' },
        { id: '5', source: 'y', target: 'w' },
        { id: '6', source: 'w', target: 'y' },
      ],
    };
    const problems = validate(doc);
    expect(summary(problems)).toEqual([{ code: 'cycle', path: ['nodes', 1] }]);
    expect(problems[0]!.message).toBe(
      'nodes "x" -> "z" -> "y" -> "x" form a cycle ("w" loop with them too); flows may not loop',
    );
  });

  it('an unknown kind is not a trigger and its ports are not judged', () => {
    const doc: Doc = {
      name: 'x',
      nodes: [
        { id: 't', type: 'trigger.manual' },
        { id: 'u', type: 'future.kind', config: { any: 1 } },
      ],
      edges: [{ id: 'e', source: 't', target: 'u', targetHandle: 'whatever' }],
    };
    expect(summary(validate(doc))).toEqual([{ code: 'unknown_type', path: ['nodes', 1, 'type'] }]);
  });
});
