// The minimal graph shape the graph functions read: a flow document, or a partly valid one during validation.
import { DEFAULT_OUTPUT_PORT } from '../flow/flow-document';

export interface GraphNode {
  id: string;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string;
  targetHandle?: string;
}

/** A `FlowDocument` satisfies this; so does any `{nodes, edges}` with ids. */
export interface GraphDoc {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
}

/** The output port an edge leaves from (`out` when the edge names none). */
export const edgeSourcePort = (e: Pick<GraphEdge, 'sourceHandle'>): string =>
  e.sourceHandle ?? DEFAULT_OUTPUT_PORT;
