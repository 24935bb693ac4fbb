// The retry policy and timeout form, generated like node configs from the shared zod schemas.
import { RetryPolicySchema } from '@sluice/shared';
import type { FieldModel } from '../forms/field-model';
import { formFields } from '../forms/schema-to-fields';

export const retryFields: FieldModel[] = formFields({
  config: RetryPolicySchema,
  ui: {
    fields: {
      attempts: {
        label: 'Attempts',
        help: 'Total attempts, the first included; 1 means no retry.',
        order: 1,
      },
      backoff: { label: 'Backoff', order: 2 },
    },
  },
});
