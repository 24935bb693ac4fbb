// Cycle detection: the strongly connected components of the flow graph that contain a loop.
import { buildAdjacency } from './adjacency';
import type { GraphDoc } from './graph-types';

/**
 * Every group of nodes that reach each other (a loop), each group's ids in document order; a node with an
 * edge to itself is a group of one. Empty for a DAG. Iterative Tarjan, so 5,000-node flows do not overflow.
 * @example findCycles(doc) // [['a', 'b', 'c']] for a -> b -> c -> a
 */
export function findCycles(doc: GraphDoc): string[][] {
  const adjacency = buildAdjacency(doc);
  const order = new Map(doc.nodes.map((n, i) => [n.id, i] as const));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let counter = 0;

  for (const root of adjacency.keys()) {
    if (index.has(root)) continue;
    const frames: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const targets = adjacency.get(frame.id)!;
      if (frame.next < targets.length) {
        const t = targets[frame.next++]!;
        if (!index.has(t)) {
          index.set(t, counter);
          low.set(t, counter++);
          stack.push(t);
          onStack.add(t);
          frames.push({ id: t, next: 0 });
        } else if (onStack.has(t)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(t)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== frame.id);
      if (group.length > 1 || targets.includes(frame.id)) groups.push(group);
    }
  }
  for (const g of groups) g.sort((a, b) => order.get(a)! - order.get(b)!);
  return groups.sort((a, b) => order.get(a[0]!)! - order.get(b[0]!)!);
}

/**
 * One concrete loop through a group from `findCycles`, in edge order, starting at the group's first node
 * (the shortest one back to it). Messages show it as `a -> b -> c -> a`.
 */
export function loopThrough(doc: GraphDoc, group: readonly string[]): string[] {
  const start = group[0];
  if (start === undefined) return [];
  const members = new Set(group);
  const adjacency = buildAdjacency(doc);
  const parent = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const next of adjacency.get(id) ?? []) {
      if (next === start) {
        const path = [id];
        while (path[0] !== start) path.unshift(parent.get(path[0]!)!);
        return path;
      }
      if (members.has(next) && !parent.has(next)) {
        parent.set(next, id);
        queue.push(next);
      }
    }
  }
  return [...group];
}
