// Builds the Hono app: error handling, body limit, auth on /api, then one router per resource, then the designer.
import { OpenAPIHono } from '@hono/zod-openapi';
import { findPrincipal } from '../auth/tokens';
import { requireAuth } from '../middleware/auth';
import { bodySizeLimit } from '../middleware/body-limit';
import { storableInput } from '../middleware/storable-input';
import type { Resources } from '../resources';
import { auditRoutes } from '../routes/audit';
import { flowsRoutes } from '../routes/flows';
import { healthRoutes } from '../routes/health';
import { metricsRoutes } from '../routes/metrics';
import { runsRoutes } from '../routes/runs';
import { snippetsRoutes } from '../routes/snippets';
import { webhookRoutes } from '../routes/webhooks';
import type { AppEnv } from './app-env';
import { mountDesigner } from './designer';
import { errorHandler, notFoundHandler } from './error-handler';
import { mountOpenApi, OPENAPI_PATH } from './openapi';
import { validationHook } from './validation-hook';

export function createApp(r: Resources): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(errorHandler(r.log));
  app.notFound(notFoundHandler);
  app.use('*', bodySizeLimit(r.config.bodyLimitBytes));
  app.use('*', storableInput());
  app.use(
    '/api/*',
    requireAuth({ authenticate: (t) => findPrincipal(r.database.db, t), publicPaths: [OPENAPI_PATH] }),
  );

  // Routes: one line per resource.
  app.route('/', healthRoutes(r));
  app.route('/api', flowsRoutes(r));
  app.route('/api', auditRoutes(r));
  if (r.engine) {
    app.route('/api', runsRoutes(r, r.engine));
    app.route('/', webhookRoutes(r, r.engine));
    app.route('/', metricsRoutes(r.engine));
  }
  app.route('/api', snippetsRoutes(r));

  mountOpenApi(app);
  mountDesigner(app, r.config.designerDist);
  return app;
}
