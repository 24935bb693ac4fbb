// The API's error contract: `{error: {code, message, path?}}` with a 4xx/5xx status.
import { z } from 'zod';

export const ApiErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      path: z.array(z.union([z.string(), z.number()])).optional(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
