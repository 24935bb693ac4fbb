// A flow version compiled for execution: nodes by id, successors by output port, which kinds are pure.
import { DEFAULT_OUTPUT_PORT, ERROR_PORT, type FlowDocument, type FlowNode } from '@sluice/shared';

/** Deterministic kinds without effects: a worker chains them inside one job and may re-run them after a crash. */
export const PURE_TYPES: ReadonlySet<string> = new Set(['transform', 'condition']);

export interface FlowGraph {
  readonly doc: FlowDocument;
  node(id: string): FlowNode | undefined;
  /** Target node ids fed by `ports` of `nodeId`, each once, in edge order. */
  successors(nodeId: string, ports: readonly string[]): string[];
  hasErrorEdge(nodeId: string): boolean;
  isPure(nodeId: string): boolean;
}

export function compileFlow(doc: FlowDocument): FlowGraph {
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const out = new Map<string, Map<string, string[]>>();
  for (const e of doc.edges) {
    const port = e.sourceHandle ?? DEFAULT_OUTPUT_PORT;
    const byPort = out.get(e.source) ?? new Map<string, string[]>();
    out.set(e.source, byPort);
    byPort.set(port, [...(byPort.get(port) ?? []), e.target]);
  }
  return {
    doc,
    node: (id) => nodes.get(id),
    successors(nodeId, ports) {
      const byPort = out.get(nodeId);
      if (!byPort) return [];
      const targets = new Set<string>();
      for (const p of ports) for (const t of byPort.get(p) ?? []) targets.add(t);
      return [...targets];
    },
    hasErrorEdge: (nodeId) => (out.get(nodeId)?.get(ERROR_PORT)?.length ?? 0) > 0,
    isPure: (nodeId) => PURE_TYPES.has(nodes.get(nodeId)?.type ?? ''),
  };
}
