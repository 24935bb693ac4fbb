// Graph checks: at least one trigger, no cycle, every node reachable from a trigger.
import { findCycles } from '../graph/cycles';
import { reachableFrom } from '../graph/reachability';
import type { FlowProblem } from './flow-problem';
import type { Check } from './validation-context';

const listIds = (ids: string[]) => ids.map((id) => `"${id}"`).join(' -> ');

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
      message:
        cycle.length === 1
          ? `node "${first.id}" is connected to itself; flows may not loop`
          : `nodes ${listIds(cycle)} form a cycle; flows may not loop`,
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
