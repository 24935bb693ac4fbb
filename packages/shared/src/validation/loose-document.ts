// Reads the nodes and edges out of a document that may fail the schema, so graph checks still run on the rest.
import type { GraphDoc } from '../graph/graph-types';

export interface LooseNode {
  /** Index in the document's `nodes` array, for problem paths. */
  index: number;
  id: string;
  /** Undefined when the document's `type` is not a string (the schema problem says so). */
  type?: string;
  /** Undefined when `config` is present but not an object (the schema problem says so). */
  config?: Record<string, unknown>;
}

export interface LooseEdge {
  index: number;
  id: string;
  source: string;
  target: string;
  sourceHandle?: string;
  targetHandle?: string;
}

export interface LooseDocument extends GraphDoc {
  nodes: LooseNode[];
  edges: LooseEdge[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const optionalString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function looseNode(raw: unknown, index: number): LooseNode | undefined {
  if (!isRecord(raw) || typeof raw.id !== 'string') return undefined;
  const config = raw.config === undefined ? {} : isRecord(raw.config) ? raw.config : undefined;
  return { index, id: raw.id, type: optionalString(raw.type), config };
}

function looseEdge(raw: unknown, index: number): LooseEdge | undefined {
  if (!isRecord(raw)) return undefined;
  const { id, source, target } = raw;
  if (typeof id !== 'string' || typeof source !== 'string' || typeof target !== 'string') return undefined;
  return {
    index,
    id,
    source,
    target,
    sourceHandle: optionalString(raw.sourceHandle),
    targetHandle: optionalString(raw.targetHandle),
  };
}

/** Every node with a string id and every edge with string id/source/target, keeping their array indexes. */
export function readLooseDocument(doc: unknown): LooseDocument {
  const nodes: LooseNode[] = [];
  const edges: LooseEdge[] = [];
  if (isRecord(doc) && Array.isArray(doc.nodes)) {
    doc.nodes.forEach((raw, i) => {
      const n = looseNode(raw, i);
      if (n) nodes.push(n);
    });
  }
  if (isRecord(doc) && Array.isArray(doc.edges)) {
    doc.edges.forEach((raw, i) => {
      const e = looseEdge(raw, i);
      if (e) edges.push(e);
    });
  }
  return { nodes, edges };
}
