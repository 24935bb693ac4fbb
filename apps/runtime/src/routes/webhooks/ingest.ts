// The webhook trigger apart from HTTP: find the flow published on the path, verify the sender, start the run.
// Served twice over one instance per engine: by the Hono route (OpenAPI, in-process tests) and by the server's
// fast path (fast-path.ts), which skips Hono for the busiest route of all.

import { webhookTrigger } from '@sluice/nodes';
import { verifyWebhook, webhookIdempotencyKey } from '@sluice/nodes/executors';
import type { ApiErrorBody } from '@sluice/shared';
import { errorBody } from '../../api/api-error';
import type { Resources } from '../../resources';
import type { StartedEngine } from '../../worker/start-engine';
import { BacklogGate } from './backpressure';
import { RouteCache } from './route-cache';

export interface WebhookCall {
  /** The `:path` segment, percent-decoded. */
  path: string;
  /** Names in lower case, repeated headers joined with ", ". */
  headers: Record<string, string>;
  rawBody: string;
}

export type WebhookAnswer =
  | { status: 202; body: { runId: string; duplicate?: true } }
  | { status: 400 | 401 | 404; body: ApiErrorBody }
  | { status: 503; body: ApiErrorBody; retryAfter: string };

export type WebhookIngest = (call: WebhookCall) => Promise<WebhookAnswer>;

const ingests = new WeakMap<StartedEngine, WebhookIngest>();

/** The ingest of this engine (one per engine: one route cache, one back-pressure gate, one flow hook). */
export function webhookIngest(r: Resources, started: StartedEngine): WebhookIngest {
  let ingest = ingests.get(started);
  if (!ingest) {
    ingest = createIngest(r, started);
    ingests.set(started, ingest);
  }
  return ingest;
}

function createIngest(r: Resources, started: StartedEngine): WebhookIngest {
  const { engine } = started.system;
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

  const answer = async ({ path, headers, rawBody }: WebhookCall): Promise<WebhookAnswer> => {
    const route = await routes.get(path);
    const graph = route && (await engine.flows.get(route.flowId, route.version));
    const node = route && graph?.node(route.nodeId);
    if (!route || !graph || node?.type !== webhookTrigger.type) {
      return { status: 404, body: errorBody('not_found', `no published flow listens on /webhooks/${path}`) };
    }
    const config = configOf(node);
    const verified = verifyWebhook(config, { headers, rawBody });
    if (!verified.ok) {
      return { status: 401, body: errorBody('unauthorized', `webhook rejected: ${verified.reason}`) };
    }
    let payload: unknown = {};
    if (rawBody.trim()) {
      try {
        payload = JSON.parse(rawBody);
      } catch {
        return { status: 400, body: errorBody('invalid_json', 'the webhook body is not valid JSON') };
      }
    }
    if (await gate.full()) {
      return {
        status: 503,
        body: errorBody('overloaded', 'too much work is queued; retry shortly'),
        retryAfter: '1',
      };
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
    return {
      status: 202,
      body: started.duplicate ? { runId: started.runId, duplicate: true } : { runId: started.runId },
    };
  };

  return async (call) => {
    const t0 = performance.now();
    const a = await answer(call);
    started.metrics.observeWebhook(a.status, (performance.now() - t0) / 1000);
    return a;
  };
}
