// POST /webhooks/:path: public trigger of the published flow routed at that path; 202 {runId} once committed.
// The work is in ingest.ts; the server's fast path (fast-path.ts) answers the same requests without Hono.
import { requestHeaders } from '../../api/incoming-headers';
import { createRouter } from '../../api/router';
import type { Resources } from '../../resources';
import type { StartedEngine } from '../../worker/start-engine';
import { documentWebhookRoutes } from '../runs/openapi';
import { webhookIngest } from './ingest';

export function webhookRoutes(r: Resources, started: StartedEngine) {
  const router = createRouter();
  documentWebhookRoutes(router);
  const ingest = webhookIngest(r, started);
  router.post('/webhooks/:path', async (c) => {
    const a = await ingest({
      path: c.req.param('path'),
      headers: requestHeaders(c),
      rawBody: await c.req.text(),
    });
    if (a.status === 503) c.header('Retry-After', a.retryAfter);
    return c.json(a.body, a.status);
  });
  return router;
}
