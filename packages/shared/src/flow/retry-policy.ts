// Per-node retry policy: how many attempts a step gets and how long to wait between them.
import { z } from 'zod';

export const BackoffSchema = z
  .object({
    type: z.enum(['fixed', 'exponential']).default('exponential'),
    delayMs: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600_000)
      .default(1000),
    maxDelayMs: z
      .number()
      .int()
      .min(0)
      .max(30 * 24 * 3600_000)
      .optional(),
    jitter: z.boolean().default(true),
  })
  .meta({ id: 'Backoff' });

export const RetryPolicySchema = z
  .object({
    /** Total attempts including the first one; 1 means no retry. */
    attempts: z.number().int().min(1).max(1000).default(1),
    backoff: BackoffSchema.default({ type: 'exponential', delayMs: 1000, jitter: true }),
  })
  .meta({ id: 'RetryPolicy' });

export type RetryPolicy = z.infer<typeof RetryPolicySchema>;
export type Backoff = z.infer<typeof BackoffSchema>;
