// Test support: the real Hono app over the engine harness, with an admin token for /api calls; with `serve`, also
// the real HTTP server (its webhook fast path included) on a free port.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { adminHeaders, testResources } from '../../../test/support/resources';
import { createApp } from '../../api/app';
import { startHttpServer } from '../../cli/http-server';
import { webhookFastPathOf } from '../../routes/webhooks/fast-path';
import type { StartedEngine } from '../../worker/start-engine';
import { type Harness, startHarness } from './harness';

export interface ApiHarness extends Harness {
  app: ReturnType<typeof createApp>;
  headers: Record<string, string>;
  started: StartedEngine;
  /** With `serve`: the server's base URL, and whether the fast path took each request it saw. */
  url?: string;
  fastPathTook?: boolean[];
}

export async function startApiHarness(
  opts: Parameters<typeof startHarness>[0] & {
    maxBacklog?: number;
    serve?: boolean;
    bodyLimitBytes?: number;
  } = {},
): Promise<ApiHarness> {
  const h = await startHarness(opts);
  const started: StartedEngine = {
    system: h,
    metrics: h.engine.o.metrics,
    flowHooks: {},
    maxBacklog: opts.maxBacklog ?? 100_000,
    stop: async () => {},
  };
  const resources = testResources(h.database, { engine: started });
  if (opts.bodyLimitBytes) resources.config.bodyLimitBytes = opts.bodyLimitBytes;
  const app = createApp(resources);
  const harness = Object.assign(h, { app, headers: await adminHeaders(h.database), started });
  if (!opts.serve) return harness;
  const fast = webhookFastPathOf(resources, started);
  const fastPathTook: boolean[] = [];
  const server = await startHttpServer(
    app.fetch,
    0,
    '127.0.0.1',
    (req: IncomingMessage, res: ServerResponse) => {
      const took = fast(req, res);
      fastPathTook.push(took);
      return took;
    },
  );
  const close = harness.close;
  return Object.assign(harness, {
    url: `http://127.0.0.1:${server.port}`,
    fastPathTook,
    close: async () => {
      await server.close(100);
      await close();
    },
  });
}
