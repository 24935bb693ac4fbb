// Who follows whom: outgoing/incoming edges and successors of a node, ignoring edges to ids that are not nodes.
import { DEFAULT_OUTPUT_PORT } from '../flow/flow-document';
import { edgeSourcePort, type GraphDoc, type GraphEdge } from './graph-types';

/** Node id -> ids of the nodes its edges point to (each once, in edge order). Dangling edges are ignored. */
export function buildAdjacency(doc: GraphDoc): Map<string, string[]> {
  const adjacency = new Map<string, string[]>();
  for (const n of doc.nodes) if (!adjacency.has(n.id)) adjacency.set(n.id, []);
  for (const e of doc.edges) {
    const next = adjacency.get(e.source);
    if (!next || !adjacency.has(e.target) || next.includes(e.target)) continue;
    next.push(e.target);
  }
  return adjacency;
}

/** The reverse of `buildAdjacency`: node id -> ids of the nodes with an edge into it. */
export function buildReverseAdjacency(doc: GraphDoc): Map<string, string[]> {
  return buildAdjacency({
    nodes: doc.nodes,
    edges: doc.edges.map((e) => ({ id: e.id, source: e.target, target: e.source })),
  });
}

/** Edges leaving `nodeId`; only those on `port` when it is given. */
export function outgoingEdges(doc: GraphDoc, nodeId: string, port?: string): GraphEdge[] {
  return doc.edges.filter((e) => e.source === nodeId && (port === undefined || edgeSourcePort(e) === port));
}

/** Edges arriving at `nodeId`. */
export function incomingEdges(doc: GraphDoc, nodeId: string): GraphEdge[] {
  return doc.edges.filter((e) => e.target === nodeId);
}

/**
 * Ids of the nodes that follow `nodeId` on its output `port` (each once, in edge order): what the engine
 * schedules after a step that succeeded on that port.
 * @example successors(doc, 'isTerminated', 'true') // ['wait14d']
 */
export function successors(doc: GraphDoc, nodeId: string, port: string = DEFAULT_OUTPUT_PORT): string[] {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const out: string[] = [];
  for (const e of outgoingEdges(doc, nodeId, port)) {
    if (ids.has(e.target) && !out.includes(e.target)) out.push(e.target);
  }
  return out;
}
