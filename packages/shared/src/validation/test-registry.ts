// Test-only: a small registry of node kinds shaped like the real ones (shared must not depend on @sluice/nodes).
import { z } from 'zod';
import type { NodeDescriptor, NodeRegistry, PortSpec } from '../nodes/node-descriptor';

const out = (): PortSpec[] => [{ id: 'out' }];
const IN: PortSpec[] = [{ id: 'in' }];

function kind<C>(
  type: string,
  category: NodeDescriptor['category'],
  config: z.ZodType<C>,
  outputs: (c: C) => PortSpec[] = out,
): NodeDescriptor<C> {
  const trigger = category === 'trigger';
  return {
    type,
    version: 1,
    label: type,
    description: `test ${type}`,
    category,
    icon: 'box',
    config,
    inputs: trigger ? [] : IN,
    outputs,
    hasErrorPort: !trigger,
    ui: {},
  };
}

const CaseSchema = z.object({ id: z.string().regex(/^[A-Za-z][\w-]*$/), rules: z.array(z.unknown()).min(1) });

export const testDescriptors: NodeDescriptor[] = [
  kind('trigger.webhook', 'trigger', z.object({ path: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/) })),
  kind('trigger.manual', 'trigger', z.object({})),
  kind('transform', 'transform', z.object({ code: z.string().min(1).default('export default (i) => i') })),
  kind('condition', 'logic', z.object({ cases: z.array(CaseSchema).min(1) }), (c) => [
    ...c.cases.map((k) => ({ id: k.id })),
    { id: 'else' },
  ]),
  kind('delay', 'timing', z.object({ duration: z.string().regex(/^P/, 'an ISO 8601 duration') })),
  kind(
    'delivery.http',
    'delivery',
    z.object({ url: z.string().min(1, 'url: required'), method: z.enum(['GET', 'POST']).default('POST') }),
  ),
];

export const testRegistry: NodeRegistry = new Map(testDescriptors.map((d) => [d.type, d]));
