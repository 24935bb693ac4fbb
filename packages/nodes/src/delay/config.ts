// Config of delay: wait a fixed ISO 8601 duration, or until a timestamp read from the input (plus an offset).
import { isIsoDuration } from '@sluice/shared';
import { z } from 'zod';

const Duration = z.string().refine(isIsoDuration, 'an ISO 8601 duration such as P14D or PT30S');

export const DelayConfigSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('duration'), duration: Duration }),
  z.object({
    mode: z.literal('until'),
    /** Dotted path of an ISO timestamp in the input, e.g. `terminationDate`. */
    field: z.string().min(1, 'field: the input field holding the timestamp'),
    /** Added to that timestamp: "14 days after terminationDate" is `P14D`. */
    offset: Duration.default('PT0S'),
  }),
]);

export type DelayConfig = z.infer<typeof DelayConfigSchema>;
