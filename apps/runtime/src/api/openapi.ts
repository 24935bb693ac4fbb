// GET /api/openapi.json: the OpenAPI 3.1 document generated from every zod route definition.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env';

export const OPENAPI_PATH = '/api/openapi.json';

export function mountOpenApi(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token: the admin token printed on first start, or SLUICE_ADMIN_TOKEN.',
  });
  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: {
      title: 'Sluice API',
      version: '0.1.0',
      description: 'Flows, runs, webhooks, audit. Errors: {error:{code, message, path}} with a 4xx status.',
    },
    security: [{ bearer: [] }],
  });
}
