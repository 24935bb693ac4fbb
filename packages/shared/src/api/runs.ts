// The runs API contract: runs, steps, replay and audit bodies (zod), shared by the runtime and the designer.
import { z } from 'zod';

export const RunStatusSchema = z.enum(['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled']);
export const StepStatusSchema = z.enum(['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatusSchema>;
export type StepStatus = z.infer<typeof StepStatusSchema>;

export const StepErrorInfoSchema = z.object({
  code: z.string(),
  message: z.string(),
  retryable: z.boolean(),
  details: z.unknown().optional(),
  retryAfterMs: z.number().optional(),
});

export const StepAttemptSchema = z.object({
  attempt: z.number().int(),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  error: StepErrorInfoSchema.optional(),
  nextRetryAt: z.string().optional(),
  waitingUntil: z.string().optional(),
});

export const StepLogSchema = z.object({ at: z.string(), message: z.string(), data: z.unknown().optional() });

export const RunSchema = z
  .object({
    id: z.string(),
    flowId: z.string(),
    flowVersion: z.number().int(),
    triggerNodeId: z.string(),
    triggerType: z.string(),
    status: RunStatusSchema,
    idempotencyKey: z.string().nullable(),
    replayOf: z.string().nullable(),
    error: z.unknown().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
  })
  .meta({ id: 'Run' });

export const StepSchema = z
  .object({
    id: z.string(),
    nodeId: z.string(),
    status: StepStatusSchema,
    attempt: z.number().int(),
    input: z.unknown(),
    output: z.unknown(),
    /** Output ports the step continued on (`['error']` when its failure flowed to the error port). */
    ports: z.array(z.string()).nullable(),
    error: StepErrorInfoSchema.nullable(),
    logs: z.array(StepLogSchema),
    attempts: z.array(StepAttemptSchema),
    dueAt: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
  })
  .meta({ id: 'Step' });

export const RunDetailSchema = z
  .object({ run: RunSchema.extend({ payload: z.unknown() }), steps: z.array(StepSchema) })
  .meta({ id: 'RunDetail' });
export const RunListSchema = z
  .object({ runs: z.array(RunSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'RunList' });

export const RunListQuerySchema = z.object({
  flowId: z.string().optional(),
  status: RunStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().optional(),
});

export const ManualRunRequestSchema = z
  .object({ payload: z.unknown().default({}) })
  .meta({ id: 'ManualRunRequest' });
export const RunCreatedSchema = z.object({ runId: z.string() }).meta({ id: 'RunCreated' });

export const ReplayRequestSchema = z
  .object({
    from: z.enum(['failed', 'start']).default('failed'),
    version: z.enum(['original', 'current']).default('original'),
  })
  .meta({ id: 'ReplayRequest' });

export const BulkReplayRequestSchema = z
  .object({
    flowId: z.string().min(1),
    status: z.literal('failed').default('failed'),
    since: z.iso.datetime({ offset: true }),
    until: z.iso.datetime({ offset: true }),
    from: z.enum(['failed', 'start']).default('failed'),
    version: z.enum(['original', 'current']).default('original'),
  })
  .meta({ id: 'BulkReplayRequest' });

export const RunIdsSchema = z.object({ runIds: z.array(z.string()) }).meta({ id: 'RunIds' });

/** One message of `GET /api/runs/:id/events` (SSE `data:` as JSON; event name `run` or `step`). */
export const RunEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run'),
    runId: z.string(),
    flowId: z.string(),
    status: RunStatusSchema,
    at: z.string(),
  }),
  z.object({
    type: z.literal('step'),
    runId: z.string(),
    flowId: z.string(),
    stepId: z.string(),
    nodeId: z.string(),
    status: StepStatusSchema,
    attempt: z.number().int(),
    at: z.string(),
    dueAt: z.string().nullable().optional(),
  }),
]);

export const AuditEventSchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    flowId: z.string().nullable(),
    runId: z.string().nullable(),
    stepId: z.string().nullable(),
    data: z.unknown(),
    /** The chain's hash before the block this event was appended in (events appended together share it). */
    prevHash: z.string(),
    /** The chain's hash after that block. */
    hash: z.string(),
  })
  .meta({ id: 'AuditEvent' });

export type Run = z.infer<typeof RunSchema>;
export type Step = z.infer<typeof StepSchema>;
export type RunDetail = z.infer<typeof RunDetailSchema>;
export type RunEventMessage = z.infer<typeof RunEventSchema>;
export type ReplayRequest = z.infer<typeof ReplayRequestSchema>;
export type BulkReplayRequest = z.infer<typeof BulkReplayRequestSchema>;
export type AuditEvent = z.infer<typeof AuditEventSchema>;
