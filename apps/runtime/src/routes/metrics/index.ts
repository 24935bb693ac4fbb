// GET /metrics: this instance's Prometheus registry in the text exposition format.
import { Hono } from 'hono';
import type { StartedEngine } from '../../worker/start-engine';

export function metricsRoutes(started: StartedEngine) {
  const router = new Hono();
  router.get('/metrics', async (c) => {
    const { registry } = started.metrics;
    c.header('Content-Type', registry.contentType);
    return c.body(await registry.metrics());
  });
  return router;
}
