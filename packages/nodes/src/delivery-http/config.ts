// Config of delivery.http: request template, auth, timeout and circuit breaker of an outbound HTTP call.
import { z } from 'zod';

export const HttpAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('bearer'), token: z.string().min(1, 'token: required for bearer auth') }),
  z.object({ kind: z.literal('basic'), username: z.string().min(1), password: z.string() }),
  z.object({
    kind: z.literal('hmac'),
    /** Standard Webhooks secret; the request is signed with webhook-id/-timestamp/-signature headers. */
    secret: z.string().min(8),
  }),
]);

export const DeliveryHttpConfigSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
  /** `{{input.path}}` templates are filled from the input. */
  url: z.string().min(1, 'url: required').max(4000),
  headers: z.record(z.string(), z.string()).default({}),
  body: z
    .discriminatedUnion('mode', [
      z.object({ mode: z.literal('input') }),
      z.object({ mode: z.literal('template'), template: z.string().max(100_000) }),
      z.object({ mode: z.literal('none') }),
    ])
    .default({ mode: 'input' }),
  timeoutMs: z.number().int().min(100).max(300_000).default(10_000),
  auth: HttpAuthSchema.default({ kind: 'none' }),
  breaker: z
    .object({
      enabled: z.boolean().default(true),
      /** Consecutive failures that open the breaker for this host. */
      threshold: z.number().int().min(1).max(1000).default(5),
      halfOpenAfterMs: z.number().int().min(100).max(3600_000).default(30_000),
    })
    .default({ enabled: true, threshold: 5, halfOpenAfterMs: 30_000 }),
});

export type DeliveryHttpConfig = z.infer<typeof DeliveryHttpConfigSchema>;
