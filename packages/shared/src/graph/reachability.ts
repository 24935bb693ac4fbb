// Reachability: which nodes can be reached from some start nodes, downstream/upstream of a node.
import { buildAdjacency, buildReverseAdjacency } from './adjacency';
import type { GraphDoc } from './graph-types';

function walk(adjacency: Map<string, string[]>, starts: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack: string[] = [];
  for (const s of starts) {
    if (adjacency.has(s) && !seen.has(s)) {
      seen.add(s);
      stack.push(s);
    }
  }
  while (stack.length > 0) {
    for (const next of adjacency.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

/** Every node reachable from `starts` along edges, the starts included (ids that are not nodes are ignored). */
export function reachableFrom(doc: GraphDoc, starts: Iterable<string>): Set<string> {
  return walk(buildAdjacency(doc), starts);
}

function inDocOrder(doc: GraphDoc, ids: Set<string>, exclude: string): string[] {
  const out: string[] = [];
  for (const n of doc.nodes) if (ids.has(n.id) && n.id !== exclude && !out.includes(n.id)) out.push(n.id);
  return out;
}

/** Ids of every node after `nodeId` (on any port), in document order, `nodeId` itself excluded. */
export function downstreamOf(doc: GraphDoc, nodeId: string): string[] {
  const adjacency = buildAdjacency(doc);
  return inDocOrder(doc, walk(adjacency, adjacency.get(nodeId) ?? []), nodeId);
}

/** Ids of every node before `nodeId`, in document order, `nodeId` itself excluded. */
export function upstreamOf(doc: GraphDoc, nodeId: string): string[] {
  const reverse = buildReverseAdjacency(doc);
  return inDocOrder(doc, walk(reverse, reverse.get(nodeId) ?? []), nodeId);
}

/** Whether adding an edge `source -> target` would close a loop (true for `source === target`). */
export function wouldCreateCycle(doc: GraphDoc, source: string, target: string): boolean {
  return source === target || reachableFrom(doc, [target]).has(source);
}
