// A flow version compiled for execution: nodes by id, successors by output port, which nodes are pure (their
// descriptor says so: `NodeDescriptor.pure`).
import { registry } from '@sluice/nodes';
import {
  ERROR_PORT,
  edgeSourcePort,
  type FlowDocument,
  type FlowNode,
  type NodeRegistry,
} from '@sluice/shared';

export interface FlowGraph {
  readonly doc: FlowDocument;
  node(id: string): FlowNode | undefined;
  /** Target node ids fed by `ports` of `nodeId`, each once, in edge order. */
  successors(nodeId: string, ports: readonly string[]): string[];
  hasErrorEdge(nodeId: string): boolean;
  isPure(nodeId: string): boolean;
}

export function compileFlow(doc: FlowDocument, kinds: NodeRegistry = registry): FlowGraph {
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const out = new Map<string, Map<string, string[]>>();
  for (const e of doc.edges) {
    const port = edgeSourcePort(e);
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
    isPure: (nodeId) => kinds.get(nodes.get(nodeId)?.type ?? '')?.pure === true,
  };
}
