// Graph checks: at least one trigger, no cycle, every node reachable from a trigger.
import { findCycles, loopThrough } from '../graph/cycles';
import type { GraphDoc } from '../graph/graph-types';
import { reachableFrom } from '../graph/reachability';
import type { FlowProblem } from './flow-problem';
import type { Check } from './validation-context';

const quoted = (ids: readonly string[]) => ids.map((id) => `"${id}"`);

/** `nodes "a" -> "b" -> "a" form a cycle`, naming the other nodes of the tangle when there are more. */
function cycleMessage(graph: GraphDoc, cycle: string[]): string {
  if (cycle.length === 1) return `node "${cycle[0]}" is connected to itself; flows may not loop`;
  const loop = loopThrough(graph, cycle);
  const others = cycle.filter((id) => !loop.includes(id));
  const also = others.length ? ` (${quoted(others).join(', ')} loop with them too)` : '';
  return `nodes ${quoted([...loop, cycle[0]!]).join(' -> ')} form a cycle${also}; flows may not loop`;
}

export const checkGraph: Check = (ctx) => {
  const problems: FlowProblem[] = [];
  // Edges into triggers are reported as `trigger_has_inputs`; leaving them out avoids a second, derived cycle.
  const graph = {
    nodes: ctx.doc.nodes,
    edges: ctx.doc.edges.filter((e) => !ctx.byId.get(e.target)?.isTrigger),
  };
  for (const cycle of findCycles(graph)) {
    const first = ctx.byId.get(cycle[0]!)!;
    problems.push({
      code: 'cycle',
      message: cycleMessage(graph, cycle),
      path: ['nodes', first.index],
      nodeId: first.id,
    });
  }

  const triggers = ctx.nodes.filter((n) => n.isTrigger);
  if (triggers.length === 0) {
    // Without a trigger every node is unreachable; one problem says it better than one per node.
    problems.push({
      code: 'no_trigger',
      message: 'the flow needs a trigger to start its runs',
      path: ['nodes'],
    });
    return problems;
  }
  const reachable = reachableFrom(
    graph,
    triggers.map((t) => t.id),
  );
  for (const n of ctx.byId.values()) {
    if (reachable.has(n.id)) continue;
    problems.push({
      code: 'unreachable_node',
      message: `node "${n.id}" cannot be reached from any trigger; connect it or remove it`,
      path: ['nodes', n.index],
      nodeId: n.id,
    });
  }
  return problems;
};
