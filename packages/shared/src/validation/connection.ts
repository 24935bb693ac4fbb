// Whether the canvas may draw a new edge: the same rules as the validator, asked one connection at a time.
import { DEFAULT_INPUT_PORT, DEFAULT_OUTPUT_PORT } from '../flow/flow-document';
import { edgeSourcePort, type GraphEdge } from '../graph/graph-types';
import { wouldCreateCycle } from '../graph/reachability';
import type { NodeRegistry } from '../nodes/node-descriptor';
import { type NodeRef, nodePorts } from './node-config';

/** A connection as React Flow reports it (handles may be `null`). */
export interface ConnectionRequest {
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

export interface ConnectableDoc {
  nodes: readonly (NodeRef & { id: string })[];
  edges: readonly GraphEdge[];
}

export type ConnectionRejection =
  | 'unknown_node'
  | 'self_loop'
  | 'into_trigger'
  | 'unknown_source_port'
  | 'unknown_target_port'
  | 'duplicate_edge'
  | 'cycle';

export type ConnectionCheck = { ok: true } | { ok: false; reason: ConnectionRejection; message: string };

const reject = (reason: ConnectionRejection, message: string): ConnectionCheck => ({
  ok: false,
  reason,
  message,
});

/** Why a connection may not be drawn, or `{ok: true}`; the message suits a canvas tooltip. */
export function checkConnection(
  registry: NodeRegistry,
  doc: ConnectableDoc,
  c: ConnectionRequest,
): ConnectionCheck {
  const source = doc.nodes.find((n) => n.id === c.source);
  const target = doc.nodes.find((n) => n.id === c.target);
  if (!source || !target) return reject('unknown_node', 'both ends must be nodes of this flow');
  if (c.source === c.target) return reject('self_loop', 'a node cannot connect to itself');
  if (registry.get(target.type)?.category === 'trigger') {
    return reject('into_trigger', `"${target.id}" is a trigger; nothing may connect into it`);
  }
  const sourceHandle = c.sourceHandle ?? DEFAULT_OUTPUT_PORT;
  const targetHandle = c.targetHandle ?? DEFAULT_INPUT_PORT;
  if (!nodePorts(registry, source).outputs.some((p) => p.id === sourceHandle)) {
    return reject('unknown_source_port', `"${source.id}" has no output "${sourceHandle}"`);
  }
  if (!nodePorts(registry, target).inputs.some((p) => p.id === targetHandle)) {
    return reject('unknown_target_port', `"${target.id}" has no input "${targetHandle}"`);
  }
  const duplicate = doc.edges.some(
    (e) =>
      e.source === c.source &&
      e.target === c.target &&
      edgeSourcePort(e) === sourceHandle &&
      (e.targetHandle ?? DEFAULT_INPUT_PORT) === targetHandle,
  );
  if (duplicate) return reject('duplicate_edge', 'these ports are already connected');
  if (wouldCreateCycle(doc, c.source, c.target)) {
    return reject('cycle', `"${target.id}" already leads back to "${source.id}"; flows may not loop`);
  }
  return { ok: true };
}

/** `checkConnection(...).ok`, for React Flow's `isValidConnection`. */
export function isValidConnection(
  registry: NodeRegistry,
  doc: ConnectableDoc,
  c: ConnectionRequest,
): boolean {
  return checkConnection(registry, doc, c).ok;
}
