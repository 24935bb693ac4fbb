// What every validation check reads: the loose document, each node's descriptor and parsed config, the options.

import type { NodeRegistry } from '../nodes/node-descriptor';
import { withFields } from '../objects/with-fields';
import type { FlowProblem } from './flow-problem';
import type { LooseDocument, LooseNode } from './loose-document';
import { type NodePorts, nodePorts, type ParsedNodeConfig, parseNodeConfig } from './node-config';

export interface ValidateFlowOptions {
  registry: NodeRegistry;
  /** Webhook paths of published flows: path -> id of the flow owning it. */
  publishedWebhookPaths?: ReadonlyMap<string, string>;
  /** The id of the flow being validated, so its own published paths are not reported. */
  flowId?: string;
}

export interface CheckedNode extends LooseNode {
  /** Undefined for a node whose type is missing or unknown. */
  parsed?: ParsedNodeConfig;
  ports?: NodePorts;
  isTrigger: boolean;
}

export interface ValidationContext {
  doc: LooseDocument;
  nodes: CheckedNode[];
  /** First node with each id (later duplicates are reported, not used). */
  byId: ReadonlyMap<string, CheckedNode>;
  options: ValidateFlowOptions;
}

export type Check = (ctx: ValidationContext) => FlowProblem[];

function checkNode(registry: NodeRegistry, n: LooseNode): CheckedNode {
  if (n.type === undefined || !registry.has(n.type)) return withFields(n, { isTrigger: false });
  const ref = { type: n.type, config: n.config };
  const parsed = n.config === undefined ? undefined : parseNodeConfig(registry, ref);
  return withFields(n, {
    parsed,
    ports: nodePorts(registry, ref),
    isTrigger: registry.get(n.type)!.category === 'trigger',
  });
}

export function buildValidationContext(doc: LooseDocument, options: ValidateFlowOptions): ValidationContext {
  const nodes = doc.nodes.map((n) => checkNode(options.registry, n));
  const byId = new Map<string, CheckedNode>();
  for (const n of nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  return { doc, nodes, byId, options };
}
