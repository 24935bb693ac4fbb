// Shared pieces of the flows routes' OpenAPI definitions: params, queries, JSON bodies and error responses.
import { z } from '@hono/zod-openapi';
import { ApiErrorBodySchema } from '@sluice/shared';

export const IdParams = z.object({
  // Ids are `flw_` + letters and digits; anything else cannot exist (and must not reach SQL as odd bytes).
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, 'not a flow id')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'flw_01jd3x...' }),
});

export const VersionQuery = z.object({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .openapi({ description: 'a version number; latest if omitted' }),
});

export const DiffQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

export const ValidateQuery = z.object({
  flowId: z.string().optional().openapi({ description: 'the flow this document belongs to, if any' }),
});

/** `{content: {'application/json': {schema}}}` */
export const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

export const jsonBody = <T>(schema: T) => ({ body: { required: true, ...json(schema) } });

const error = (description: string) => ({ description, ...json(ApiErrorBodySchema) });

export const errors = {
  400: error('Invalid request: `error.path` names the field'),
  401: error('Missing or invalid bearer token'),
  404: error('No such flow or version'),
} as const;

export const invalidFlow = error(
  'The flow cannot be published: `error.details.problems` lists every problem with its path',
);
export const conflict = error('The flow changed meanwhile; try again');
