// Ports of a node on the canvas via @sluice/shared's `nodePorts` (the validator's rule), split for drawing.
import { registry } from '@sluice/nodes';
import { ERROR_PORT, type NodeDescriptor, nodePorts, type PortSpec } from '@sluice/shared';

export interface NodePortsView {
  inputs: PortSpec[];
  outputs: PortSpec[];
  /** Whether the implicit `error` port exists (drawn apart, at the bottom of the card). */
  error: boolean;
}

export const descriptorOf = (type: string): NodeDescriptor | undefined => registry.get(type);

// Cards remount while a large flow pans: ports of an (immutable) config object are computed once.
const cached = new WeakMap<object, { type: string; ports: NodePortsView }>();

export function portsOf(type: string, config: unknown): NodePortsView {
  if (config === null || typeof config !== 'object') return computePorts(type, config);
  const hit = cached.get(config);
  if (hit?.type === type) return hit.ports;
  const ports = computePorts(type, config);
  cached.set(config, { type, ports });
  return ports;
}

function computePorts(type: string, config: unknown): NodePortsView {
  const p = nodePorts(registry, { type, config });
  return {
    inputs: p.inputs,
    outputs: p.outputs.filter((o) => o.id !== ERROR_PORT),
    error: p.outputs.some((o) => o.id === ERROR_PORT),
  };
}
