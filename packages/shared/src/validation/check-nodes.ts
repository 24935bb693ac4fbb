// Node checks: duplicate ids, unknown types, configs that fail their kind's schema.
import { type FlowProblem, formatFieldPath, toProblemPath } from './flow-problem';
import type { Check } from './validation-context';

export const checkNodes: Check = (ctx) => {
  const problems: FlowProblem[] = [];
  const seen = new Set<string>();
  for (const n of ctx.nodes) {
    const base = ['nodes', n.index] as (string | number)[];
    if (seen.has(n.id)) {
      problems.push({
        code: 'duplicate_node_id',
        message: `node id "${n.id}" is used by more than one node`,
        path: [...base, 'id'],
        nodeId: n.id,
      });
    }
    seen.add(n.id);
    if (n.type !== undefined && !ctx.options.registry.has(n.type)) {
      problems.push({
        code: 'unknown_type',
        message: `node "${n.id}": unknown node type "${n.type}"`,
        path: [...base, 'type'],
        nodeId: n.id,
      });
    }
    if (n.parsed && !n.parsed.ok && n.parsed.reason === 'bad_config') {
      for (const issue of n.parsed.issues) {
        const field = formatFieldPath(issue.path);
        problems.push({
          code: 'bad_config',
          message: `node "${n.id}" config${field ? ` field "${field}"` : ''}: ${issue.message}`,
          path: [...base, 'config', ...toProblemPath(issue.path)],
          nodeId: n.id,
        });
      }
    }
  }
  return problems;
};
