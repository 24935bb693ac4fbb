// Config of trigger.webhook: the path it listens on, how callers authenticate, where the idempotency key comes from.
import { z } from 'zod';

export const WebhookAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('token'),
    header: z.string().min(1).default('authorization'),
    /** Expected value; `Bearer <token>` for the authorization header. A `{{secret.NAME}}` reference once secrets land. */
    token: z.string().min(8, 'a webhook token needs at least 8 characters'),
  }),
  z.object({
    kind: z.literal('hmac'),
    /** Standard Webhooks secret (`whsec_...` base64). */
    secret: z.string().min(8, 'an HMAC secret needs at least 8 characters'),
    toleranceSec: z.number().int().min(1).max(3600).default(300),
  }),
]);

export const WebhookConfigSchema = z.object({
  path: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,127}$/, 'path: lowercase letters, digits, ".", "_" or "-" (max 128)'),
  auth: WebhookAuthSchema.default({ kind: 'none' }),
  idempotency: z
    .object({
      source: z.enum(['header', 'field', 'none']).default('header'),
      /** Header name (default `webhook-id`) or payload field path (e.g. `event.id`). */
      key: z.string().min(1).default('webhook-id'),
    })
    .default({ source: 'header', key: 'webhook-id' }),
});

export type WebhookConfig = z.infer<typeof WebhookConfigSchema>;
