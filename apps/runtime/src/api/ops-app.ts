// The operations app a `worker` serves (it has no API): liveness, readiness and its Prometheus metrics.
import { Hono } from 'hono';
import type { Resources } from '../resources';
import { healthRoutes } from '../routes/health';
import { metricsRoutes } from '../routes/metrics';
import { errorHandler, notFoundHandler } from './error-handler';

export function createOpsApp(r: Resources): Hono {
  const app = new Hono();
  app.onError(errorHandler(r.log));
  app.notFound(notFoundHandler);
  app.route('/', healthRoutes(r));
  if (r.engine) app.route('/', metricsRoutes(r.engine));
  return app;
}
