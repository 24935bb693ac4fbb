// A problem found in a flow document: a code, a message naming the node and field, and a path into the document.
import { z } from 'zod';

export const FLOW_PROBLEM_CODES = [
  'schema',
  'unknown_type',
  'bad_config',
  'duplicate_node_id',
  'duplicate_edge_id',
  'dangling_edge',
  'unknown_source_port',
  'unknown_target_port',
  'trigger_has_inputs',
  'cycle',
  'unreachable_node',
  'no_trigger',
  'duplicate_webhook_path',
] as const;

export type FlowProblemCode = (typeof FLOW_PROBLEM_CODES)[number];

export type ProblemPath = (string | number)[];

export const FlowProblemSchema = z
  .object({
    code: z.enum(FLOW_PROBLEM_CODES),
    message: z.string(),
    path: z.array(z.union([z.string(), z.number()])),
    nodeId: z.string().optional(),
    edgeId: z.string().optional(),
  })
  .meta({ id: 'FlowProblem' });

export type FlowProblem = z.infer<typeof FlowProblemSchema>;

/** zod issue paths may hold symbols; the API's paths hold strings and numbers only. */
export function toProblemPath(path: readonly PropertyKey[]): ProblemPath {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

/** `cases[0].id` style rendering of a path inside a config, for messages. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}
