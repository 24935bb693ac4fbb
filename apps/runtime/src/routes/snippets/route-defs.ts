// OpenAPI definitions of the snippets routes: type check, declarations for the editor, test run.
import { createRoute, z } from '@hono/zod-openapi';
import {
  ApiErrorBodySchema,
  SnippetCheckBodySchema,
  SnippetCheckResultSchema,
  SnippetDeclarationsResultSchema,
  SnippetInputTypeSchema,
  SnippetTestBodySchema,
  SnippetTestFailureSchema,
  SnippetTestResultSchema,
} from '@sluice/shared';

const tags = ['snippets'];
const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
const jsonBody = <T>(schema: T) => ({ body: { required: true, ...json(schema) } });
const errors = {
  400: { description: 'Invalid request: `error.path` names the field', ...json(ApiErrorBodySchema) },
  401: { description: 'Missing or invalid bearer token', ...json(ApiErrorBodySchema) },
} as const;

export const checkSnippetRoute = createRoute({
  method: 'post',
  path: '/snippets/check',
  tags,
  summary: 'Type-check a snippet against its input (a sample or a declared type) and SnippetContext',
  request: jsonBody(SnippetCheckBodySchema),
  responses: {
    200: {
      description: 'TypeScript diagnostics; empty when the snippet is fine',
      ...json(SnippetCheckResultSchema),
    },
    ...errors,
  },
});

export const declarationsRoute = createRoute({
  method: 'post',
  path: '/snippets/declarations',
  tags,
  summary: 'The .d.ts of Input and SnippetContext for an editor (Monaco addExtraLib)',
  request: jsonBody(SnippetInputTypeSchema),
  responses: {
    200: { description: 'Global declarations, no imports', ...json(SnippetDeclarationsResultSchema) },
    ...errors,
  },
});

export const contextDtsRoute = createRoute({
  method: 'get',
  path: '/snippets/context.d.ts',
  tags,
  summary: 'The .d.ts of SnippetContext with `type Input = any` (as text)',
  responses: {
    200: { description: 'TypeScript declarations', content: { 'text/plain': { schema: z.string() } } },
    401: errors[401],
  },
});

export const testSnippetRoute = createRoute({
  method: 'post',
  path: '/snippets/test',
  tags,
  summary: 'Run a snippet on an input in the sandbox',
  request: jsonBody(SnippetTestBodySchema),
  responses: {
    200: { description: 'The output, logs and duration', ...json(SnippetTestResultSchema) },
    422: {
      description:
        'The snippet failed: SnippetError (with its line), SnippetCompileError, SnippetTimeout, SnippetMemoryLimit, SnippetOutputError',
      ...json(SnippetTestFailureSchema),
    },
    ...errors,
  },
});
