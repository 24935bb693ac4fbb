// Publish-time check: every snippet of a flow must parse, or publishing is refused with the node and line named.
import type { FlowDocument, FlowProblem, NodeRegistry } from '@sluice/shared';
import { FlowValidationError } from '../flows/flow-errors';
import type { FlowHooks } from '../flows/flow-hooks';
import { findSyntaxErrors } from './syntax-check';

/**
 * Syntax-checks the code field (`descriptor.ui.codeField`) of every node that has one and is not empty.
 * The first problem of each snippet has the path `['nodes', i, 'config', field]` and names the node, line and column.
 * @example checkFlowSnippets(doc, registry) // [] when every snippet compiles
 */
export function checkFlowSnippets(doc: Pick<FlowDocument, 'nodes'>, registry: NodeRegistry): FlowProblem[] {
  const problems: FlowProblem[] = [];
  doc.nodes.forEach((node, i) => {
    const field = registry.get(node.type)?.ui.codeField;
    const code = field ? node.config?.[field] : undefined;
    if (!field || typeof code !== 'string' || !code.trim()) return;
    // Only the first error of each snippet: later parse errors are usually echoes of it.
    const d = findSyntaxErrors(code)[0];
    if (d) {
      problems.push({
        code: 'bad_config',
        message: `node "${node.id}": ${field} does not compile: line ${d.line}, column ${d.column}: ${d.message}`,
        path: ['nodes', i, 'config', field],
        nodeId: node.id,
      });
    }
  });
  return problems;
}

/** The flows service hook that refuses to publish a flow whose snippets do not compile. */
export function snippetPublishHook(registry: NodeRegistry): FlowHooks {
  return {
    async check(_flowId, _version, doc) {
      const problems = checkFlowSnippets(doc, registry);
      if (problems.length) throw new FlowValidationError(problems);
    },
  };
}
