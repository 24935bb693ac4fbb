// The flow document: the one JSON shape a flow has in the designer, the API, the database and export files.
import { z } from 'zod';
import { RetryPolicySchema } from './retry-policy';

export const NodeIdSchema = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_-]{0,63}$/,
    'node ids start with a letter and use letters, digits, _ or - (max 64)',
  );

export const PositionSchema = z.object({ x: z.number(), y: z.number() });

export const FlowNodeSchema = z
  .object({
    id: NodeIdSchema,
    type: z.string().min(1).max(100),
    name: z.string().max(200).optional(),
    position: PositionSchema.default({ x: 0, y: 0 }),
    config: z.record(z.string(), z.unknown()).default({}),
    retry: RetryPolicySchema.optional(),
    /** Per-step timeout; executors bound it by their own maximum. */
    timeoutMs: z.number().int().min(1).max(3600_000).optional(),
    notes: z.string().max(5000).optional(),
  })
  .meta({ id: 'FlowNode' });

export const FlowEdgeSchema = z
  .object({
    id: z.string().min(1).max(100),
    source: z.string().min(1),
    /** Output port of the source node; `out` when omitted. */
    sourceHandle: z.string().min(1).max(100).optional(),
    target: z.string().min(1),
    /** Input port of the target node; `in` when omitted. */
    targetHandle: z.string().min(1).max(100).optional(),
  })
  .meta({ id: 'FlowEdge' });

export const FlowDocumentSchema = z
  .object({
    id: z.string().optional(),
    name: z.string().trim().min(1, 'a flow needs a name').max(200),
    description: z.string().max(5000).optional(),
    version: z.number().int().min(1).optional(),
    variables: z.record(z.string(), z.unknown()).default({}),
    nodes: z.array(FlowNodeSchema).max(5000),
    edges: z.array(FlowEdgeSchema).max(10000),
  })
  .meta({ id: 'FlowDocument' });

export type FlowNode = z.infer<typeof FlowNodeSchema>;
export type FlowEdge = z.infer<typeof FlowEdgeSchema>;
export type FlowDocument = z.infer<typeof FlowDocumentSchema>;
export type FlowDocumentInput = z.input<typeof FlowDocumentSchema>;

export const DEFAULT_OUTPUT_PORT = 'out';
export const DEFAULT_INPUT_PORT = 'in';
/** Every non-trigger node has this output; a step that exhausted its retries continues there when it is connected. */
export const ERROR_PORT = 'error';
