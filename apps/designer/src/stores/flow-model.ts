// Conversion between the flow document and the editor's state (React Flow nodes/edges + per-node meta).
import type { FlowDocument, FlowEdge, FlowNode } from '@sluice/shared';
import type { Edge, Node } from '@xyflow/react';

export type NodeMeta = Omit<FlowNode, 'id' | 'position'>;
export type CanvasNode = Node<{ type: string }, 'sluice'>;

export interface GraphState {
  nodes: CanvasNode[];
  edges: Edge[];
  meta: Record<string, NodeMeta>;
}

export const toCanvasNode = (id: string, type: string, position: { x: number; y: number }): CanvasNode => ({
  id,
  type: 'sluice',
  position,
  data: { type },
});

export const toCanvasEdge = (e: FlowEdge): Edge => ({
  id: e.id,
  source: e.source,
  target: e.target,
  sourceHandle: e.sourceHandle ?? 'out',
  targetHandle: e.targetHandle ?? 'in',
  ...(e.sourceHandle === 'error' ? { className: 'edge-error' } : {}),
});

export function fromDocument(doc: Pick<FlowDocument, 'nodes' | 'edges'>): GraphState {
  const meta: Record<string, NodeMeta> = {};
  const nodes = doc.nodes.map((n) => {
    const { id, position, ...rest } = n;
    meta[id] = rest;
    return toCanvasNode(id, n.type, position ?? { x: 0, y: 0 });
  });
  return { nodes, edges: doc.edges.map(toCanvasEdge), meta };
}

export function toDocumentParts(g: GraphState): Pick<FlowDocument, 'nodes' | 'edges'> {
  const nodes: FlowNode[] = g.nodes.map((n) => ({
    id: n.id,
    ...(g.meta[n.id] ?? { type: n.data.type, config: {} }),
    position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
  }));
  const edges: FlowEdge[] = g.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    ...(e.sourceHandle && e.sourceHandle !== 'out' ? { sourceHandle: e.sourceHandle } : {}),
    ...(e.targetHandle && e.targetHandle !== 'in' ? { targetHandle: e.targetHandle } : {}),
  }));
  return { nodes, edges };
}
