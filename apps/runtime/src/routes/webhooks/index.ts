// POST /webhooks/:path: public trigger of the published flow routed at that path; 202 {runId} once committed.
import { webhookTrigger } from '@sluice/nodes';
import { verifyWebhook, webhookIdempotencyKey } from '@sluice/nodes/executors';
import { errorBody } from '../../api/api-error';
import { requestHeaders } from '../../api/incoming-headers';
import { createRouter } from '../../api/router';
import type { Resources } from '../../resources';
import type { StartedEngine } from '../../worker/start-engine';
import { documentWebhookRoutes } from '../runs/openapi';
import { BacklogGate } from './backpressure';
import { RouteCache } from './route-cache';

export function webhookRoutes(r: Resources, started: StartedEngine) {
  const router = createRouter();
  documentWebhookRoutes(router);
  const { engine } = started.system;
  const latency = started.metrics.webhookLatency;
  const gate = new BacklogGate(() => engine.backlog(), started.maxBacklog);
  const routes = new RouteCache(r.database.db);
  // A publish or unpublish in this process is seen at once; other processes see it within the cache's TTL.
  r.flowHooks.push({ published: async () => routes.clear(), unpublished: async () => routes.clear() });
  // A trigger's config parsed once per node of a cached flow version, not once per request.
  const configs = new WeakMap<object, ReturnType<typeof webhookTrigger.config.parse>>();
  const configOf = (node: { config: unknown }) => {
    let config = configs.get(node);
    if (!config) {
      config = webhookTrigger.config.parse(node.config);
      configs.set(node, config);
    }
    return config;
  };

  router.post('/webhooks/:path', async (c) => {
    const t0 = performance.now();
    const answer = <T>(res: T & { status: number }) => {
      latency.observe({ status: String(res.status) }, (performance.now() - t0) / 1000);
      return res;
    };
    const path = c.req.param('path');
    const route = await routes.get(path);
    const graph = route && (await engine.flows.get(route.flowId, route.version));
    const node = route && graph?.node(route.nodeId);
    if (!route || !graph || node?.type !== webhookTrigger.type) {
      return answer(c.json(errorBody('not_found', `no published flow listens on /webhooks/${path}`), 404));
    }
    const config = configOf(node);
    const rawBody = await c.req.text();
    const headers = requestHeaders(c);
    const verified = verifyWebhook(config, { headers, rawBody });
    if (!verified.ok)
      return answer(c.json(errorBody('unauthorized', `webhook rejected: ${verified.reason}`), 401));
    let payload: unknown = {};
    if (rawBody.trim()) {
      try {
        payload = JSON.parse(rawBody);
      } catch {
        return answer(c.json(errorBody('invalid_json', 'the webhook body is not valid JSON'), 400));
      }
    }
    if (await gate.full()) {
      c.header('Retry-After', '1');
      return answer(c.json(errorBody('overloaded', 'too much work is queued; retry shortly'), 503));
    }
    const started = await engine.startRun({
      flowId: route.flowId,
      version: route.version,
      graph,
      triggerNodeId: node.id,
      triggerType: node.type,
      payload,
      idempotencyKey: webhookIdempotencyKey(config, headers, payload),
      actor: `webhook:${path}`,
    });
    return answer(c.json({ runId: started.runId, ...(started.duplicate ? { duplicate: true } : {}) }, 202));
  });
  return router;
}
