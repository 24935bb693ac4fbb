// A node's parsed config and its ports, read through its kind's descriptor. Used by validator, engine and designer.
import type { z } from 'zod';
import { ERROR_PORT } from '../flow/flow-document';
import type { NodeDescriptor, NodeRegistry, PortSpec } from '../nodes/node-descriptor';

/** The part of a flow node these functions read. */
export interface NodeRef {
  type: string;
  config?: unknown;
}

export type ParsedNodeConfig =
  | { ok: true; descriptor: NodeDescriptor; config: unknown }
  | { ok: false; reason: 'unknown_type'; issues: [] }
  | { ok: false; reason: 'bad_config'; descriptor: NodeDescriptor; issues: z.core.$ZodIssue[] };

/**
 * The node's config parsed by its kind's zod schema (defaults applied), or why it could not be.
 * @example const p = parseNodeConfig(registry, node); if (p.ok) execute(input, p.config, ctx);
 */
export function parseNodeConfig(registry: NodeRegistry, node: NodeRef): ParsedNodeConfig {
  const descriptor = registry.get(node.type);
  if (!descriptor) return { ok: false, reason: 'unknown_type', issues: [] };
  const result = descriptor.config.safeParse(node.config ?? {});
  if (!result.success) return { ok: false, reason: 'bad_config', descriptor, issues: result.error.issues };
  return { ok: true, descriptor, config: result.data };
}

export interface NodePorts {
  inputs: PortSpec[];
  /** The kind's outputs for this config, then the implicit `error` port when the kind has one. */
  outputs: PortSpec[];
}

function declaredOutputs(descriptor: NodeDescriptor, parsed: ParsedNodeConfig, raw: unknown): PortSpec[] {
  if (parsed.ok) return descriptor.outputs(parsed.config);
  // A config being edited may not parse yet; its outputs are still worth drawing when they can be computed.
  try {
    return descriptor.outputs(raw ?? {});
  } catch {
    return [];
  }
}

/** The node's input and output ports; both empty for an unknown type. */
export function nodePorts(registry: NodeRegistry, node: NodeRef): NodePorts {
  const parsed = parseNodeConfig(registry, node);
  if (!parsed.ok && parsed.reason === 'unknown_type') return { inputs: [], outputs: [] };
  const descriptor = parsed.descriptor;
  const outputs = [...declaredOutputs(descriptor, parsed, node.config)];
  if (descriptor.hasErrorPort && !outputs.some((p) => p.id === ERROR_PORT)) {
    outputs.push({ id: ERROR_PORT, label: 'Error' });
  }
  return { inputs: [...descriptor.inputs], outputs };
}
