// validateFlow: every problem of a flow document, each with a code, a message and the path of the field at fault.
import { FlowDocumentSchema } from '../flow/flow-document';
import { checkEdges } from './check-edges';
import { checkGraph } from './check-graph';
import { checkNodes } from './check-nodes';
import { checkWebhooks } from './check-webhooks';
import { type FlowProblem, formatFieldPath, toProblemPath } from './flow-problem';
import { readLooseDocument } from './loose-document';
import { buildValidationContext, type ValidateFlowOptions } from './validation-context';

function schemaProblems(doc: unknown): FlowProblem[] {
  const result = FlowDocumentSchema.safeParse(doc);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const field = formatFieldPath(issue.path);
    return {
      code: 'schema' as const,
      message: field ? `${field}: ${issue.message}` : issue.message,
      path: toProblemPath(issue.path),
    };
  });
}

/**
 * Every problem of `doc` (not only the first): schema, node, edge, graph and webhook-path checks. A document
 * that fails the schema still gets the other checks on the nodes and edges that can be read. `[]` means valid.
 * @example validateFlow(body, { registry, publishedWebhookPaths, flowId })
 */
export function validateFlow(doc: unknown, options: ValidateFlowOptions): FlowProblem[] {
  const ctx = buildValidationContext(readLooseDocument(doc), options);
  return [
    ...schemaProblems(doc),
    ...checkNodes(ctx),
    ...checkEdges(ctx),
    ...checkWebhooks(ctx),
    ...checkGraph(ctx),
  ];
}
