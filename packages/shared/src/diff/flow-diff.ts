// diffFlows: what changed between two versions of a flow (nodes and edges by id, moves reported apart).
import { z } from 'zod';
import { DEFAULT_INPUT_PORT, DEFAULT_OUTPUT_PORT, type FlowDocumentInput } from '../flow/flow-document';
import { changedKeys, isRecord, jsonEqual } from './deep-equal';

const ChangedSchema = z.object({ id: z.string(), fields: z.array(z.string()) });

export const FlowDiffSchema = z
  .object({
    nameChanged: z.boolean(),
    descriptionChanged: z.boolean(),
    variablesChanged: z.boolean(),
    nodes: z.object({
      added: z.array(z.string()),
      removed: z.array(z.string()),
      /** Fields that differ: top-level node fields, and `config.<key>` for each changed config key. */
      changed: z.array(ChangedSchema),
      /** Nodes whose position differs (whether or not something else changed too). */
      moved: z.array(z.string()),
    }),
    edges: z.object({
      added: z.array(z.string()),
      removed: z.array(z.string()),
      changed: z.array(ChangedSchema),
    }),
  })
  .meta({ id: 'FlowDiff' });

export type FlowDiff = z.infer<typeof FlowDiffSchema>;

/** Parsed or unparsed documents both work: defaults (position, config, handles) are compared as filled in. */
export type DiffableFlow = Pick<FlowDocumentInput, 'name' | 'description' | 'variables' | 'nodes' | 'edges'>;

type Node = DiffableFlow['nodes'][number];
type Edge = DiffableFlow['edges'][number];

function nodeFields(a: Node, b: Node): string[] {
  const { id: _a, position: _pa, config: configA, ...restA } = a;
  const { id: _b, position: _pb, config: configB, ...restB } = b;
  const fields = changedKeys(restA, restB);
  const ca = isRecord(configA) ? configA : {};
  const cb = isRecord(configB) ? configB : {};
  return [...fields, ...changedKeys(ca, cb).map((k) => `config.${k}`)].sort();
}

const normaliseEdge = (e: Edge) => ({
  source: e.source,
  sourceHandle: e.sourceHandle ?? DEFAULT_OUTPUT_PORT,
  target: e.target,
  targetHandle: e.targetHandle ?? DEFAULT_INPUT_PORT,
});

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [i.id, i]));
}

/**
 * The changes from `from` to `to`: ids added, removed and changed (with the fields), in `to`'s order
 * (`removed` in `from`'s order).
 * @example diffFlows(v1, v2).nodes.changed // [{ id: 'scim', fields: ['config.url', 'retry'] }]
 */
export function diffFlows(from: DiffableFlow, to: DiffableFlow): FlowDiff {
  const fromNodes = byId(from.nodes);
  const toNodes = byId(to.nodes);
  const fromEdges = byId(from.edges);
  const toEdges = byId(to.edges);

  const diff: FlowDiff = {
    nameChanged: from.name !== to.name,
    descriptionChanged: (from.description ?? '') !== (to.description ?? ''),
    variablesChanged: !jsonEqual(from.variables ?? {}, to.variables ?? {}),
    nodes: {
      added: to.nodes.filter((n) => !fromNodes.has(n.id)).map((n) => n.id),
      removed: from.nodes.filter((n) => !toNodes.has(n.id)).map((n) => n.id),
      changed: [],
      moved: [],
    },
    edges: {
      added: to.edges.filter((e) => !fromEdges.has(e.id)).map((e) => e.id),
      removed: from.edges.filter((e) => !toEdges.has(e.id)).map((e) => e.id),
      changed: [],
    },
  };
  for (const b of to.nodes) {
    const a = fromNodes.get(b.id);
    if (!a) continue;
    const fields = nodeFields(a, b);
    if (fields.length) diff.nodes.changed.push({ id: b.id, fields });
    if (!jsonEqual(a.position ?? { x: 0, y: 0 }, b.position ?? { x: 0, y: 0 })) diff.nodes.moved.push(b.id);
  }
  for (const b of to.edges) {
    const a = fromEdges.get(b.id);
    if (!a) continue;
    const fields = changedKeys(normaliseEdge(a), normaliseEdge(b));
    if (fields.length) diff.edges.changed.push({ id: b.id, fields });
  }
  return diff;
}

/** True when the diff records no change at all (moves included). */
export function isEmptyDiff(d: FlowDiff): boolean {
  return (
    !d.nameChanged &&
    !d.descriptionChanged &&
    !d.variablesChanged &&
    [d.nodes.added, d.nodes.removed, d.nodes.changed, d.nodes.moved].every((l) => l.length === 0) &&
    [d.edges.added, d.edges.removed, d.edges.changed].every((l) => l.length === 0)
  );
}
