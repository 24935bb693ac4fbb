// Topological order of a flow's nodes (every node after all the nodes with edges into it).
import { buildAdjacency } from './adjacency';
import { findCycles } from './cycles';
import type { GraphDoc } from './graph-types';

/** Thrown by `topologicalOrder` for a graph with a loop; `cycles` lists each loop's node ids. */
export class GraphCycleError extends Error {
  readonly code = 'graph_cycle';
  constructor(readonly cycles: string[][]) {
    super(`the flow has a cycle: ${cycles.map((c) => c.join(' -> ')).join('; ')}`);
    this.name = 'GraphCycleError';
  }
}

/**
 * Node ids so that every edge points forward; ties keep document order (stable, so layouts and run views
 * do not jump). Throws `GraphCycleError` when the graph has a loop.
 */
export function topologicalOrder(doc: GraphDoc): string[] {
  const adjacency = buildAdjacency(doc);
  const indegree = new Map<string, number>();
  for (const id of adjacency.keys()) indegree.set(id, 0);
  for (const targets of adjacency.values()) for (const t of targets) indegree.set(t, indegree.get(t)! + 1);

  const position = new Map([...adjacency.keys()].map((id, i) => [id, i] as const));
  const ready = [...adjacency.keys()].filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    // Smallest document position first; flows are small enough that a sort beats a heap in clarity.
    ready.sort((a, b) => position.get(a)! - position.get(b)!);
    const id = ready.shift()!;
    order.push(id);
    for (const t of adjacency.get(id)!) {
      const left = indegree.get(t)! - 1;
      indegree.set(t, left);
      if (left === 0) ready.push(t);
    }
  }
  if (order.length < adjacency.size) throw new GraphCycleError(findCycles(doc));
  return order;
}
