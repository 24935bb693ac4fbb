// GET /health (liveness: the process answers) and GET /ready (Postgres and every registered dependency answer).
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../api/router';
import type { Resources } from '../../resources';
import { databaseCheck, runChecks } from './readiness';

const HealthSchema = z.object({ status: z.literal('ok') }).openapi('Health');
const ReadySchema = z
  .object({
    ready: z.boolean(),
    checks: z.record(z.string(), z.object({ ok: z.boolean(), error: z.string().optional() })),
  })
  .openapi('Readiness');

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['health'],
  summary: 'Liveness',
  security: [],
  responses: {
    200: { description: 'The process is up', content: { 'application/json': { schema: HealthSchema } } },
  },
});

const ready = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['health'],
  summary: 'Readiness: Postgres, Redis and other dependencies answer',
  security: [],
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: ReadySchema } } },
    503: { description: 'A dependency is down', content: { 'application/json': { schema: ReadySchema } } },
  },
});

export function healthRoutes(r: Resources) {
  const router = createRouter();
  router.openapi(health, (c) => c.json({ status: 'ok' as const }, 200));
  router.openapi(ready, async (c) => {
    const report = await runChecks([databaseCheck(r.database), ...r.readinessChecks]);
    return report.ready ? c.json(report, 200) : c.json(report, 503);
  });
  return router;
}
