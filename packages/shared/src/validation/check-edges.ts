// Edge checks: duplicate ids, ends that are not nodes, ports the nodes do not have, edges into triggers.
import { DEFAULT_INPUT_PORT, DEFAULT_OUTPUT_PORT } from '../flow/flow-document';
import type { FlowProblem } from './flow-problem';
import type { LooseEdge } from './loose-document';
import type { Check, CheckedNode } from './validation-context';

const portList = (ports: { id: string }[]) =>
  ports.length ? ports.map((p) => `"${p.id}"`).join(', ') : 'none';

function checkSourcePort(e: LooseEdge, source: CheckedNode): FlowProblem | undefined {
  // A bad config is reported already; its outputs cannot be known, so its ports are not judged.
  if (!source.ports || !source.parsed?.ok) return undefined;
  const handle = e.sourceHandle ?? DEFAULT_OUTPUT_PORT;
  if (source.ports.outputs.some((p) => p.id === handle)) return undefined;
  return {
    code: 'unknown_source_port',
    message: `edge "${e.id}": node "${source.id}" has no output port "${handle}" (its outputs: ${portList(source.ports.outputs)})`,
    path: ['edges', e.index, 'sourceHandle'],
    edgeId: e.id,
    nodeId: source.id,
  };
}

function checkTargetPort(e: LooseEdge, target: CheckedNode): FlowProblem | undefined {
  if (!target.ports) return undefined;
  if (target.isTrigger) {
    return {
      code: 'trigger_has_inputs',
      message: `edge "${e.id}": "${target.id}" is a trigger; nothing may connect into a trigger`,
      path: ['edges', e.index, 'target'],
      edgeId: e.id,
      nodeId: target.id,
    };
  }
  const handle = e.targetHandle ?? DEFAULT_INPUT_PORT;
  if (target.ports.inputs.some((p) => p.id === handle)) return undefined;
  return {
    code: 'unknown_target_port',
    message: `edge "${e.id}": node "${target.id}" has no input port "${handle}" (its inputs: ${portList(target.ports.inputs)})`,
    path: ['edges', e.index, 'targetHandle'],
    edgeId: e.id,
    nodeId: target.id,
  };
}

export const checkEdges: Check = (ctx) => {
  const problems: FlowProblem[] = [];
  const seen = new Set<string>();
  for (const e of ctx.doc.edges) {
    if (seen.has(e.id)) {
      problems.push({
        code: 'duplicate_edge_id',
        message: `edge id "${e.id}" is used by more than one edge`,
        path: ['edges', e.index, 'id'],
        edgeId: e.id,
      });
    }
    seen.add(e.id);
    const source = ctx.byId.get(e.source);
    const target = ctx.byId.get(e.target);
    for (const [end, node, id] of [
      ['source', source, e.source],
      ['target', target, e.target],
    ] as const) {
      if (node) continue;
      problems.push({
        code: 'dangling_edge',
        message: `edge "${e.id}": its ${end} "${id}" is not a node of this flow`,
        path: ['edges', e.index, end],
        edgeId: e.id,
      });
    }
    const sourceProblem = source && checkSourcePort(e, source);
    if (sourceProblem) problems.push(sourceProblem);
    const targetProblem = target && checkTargetPort(e, target);
    if (targetProblem) problems.push(targetProblem);
  }
  return problems;
};
