// defineNode: declare a node kind's descriptor with its config type inferred from the zod schema.
import type { NodeDescriptor, PortSpec } from '@sluice/shared';
import type { z } from 'zod';

export function defineNode<S extends z.ZodType>(
  d: Omit<NodeDescriptor<z.output<S>>, 'config'> & { config: S },
): NodeDescriptor<z.output<S>> {
  return d as NodeDescriptor<z.output<S>>;
}

export const port = (id: string, label?: string): PortSpec => (label ? { id, label } : { id });
export const IN: PortSpec[] = [port('in')];
export const OUT = (): PortSpec[] => [port('out')];
