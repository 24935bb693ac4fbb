// Test support: the real Hono app over the engine harness, with an admin token for /api calls.
import { adminHeaders, testResources } from '../../../test/support/resources';
import { createApp } from '../../api/app';
import type { StartedEngine } from '../../worker/start-engine';
import { type Harness, startHarness } from './harness';

export interface ApiHarness extends Harness {
  app: ReturnType<typeof createApp>;
  headers: Record<string, string>;
  started: StartedEngine;
}

export async function startApiHarness(
  opts: Parameters<typeof startHarness>[0] & { maxBacklog?: number } = {},
): Promise<ApiHarness> {
  const h = await startHarness(opts);
  const started: StartedEngine = {
    system: h,
    metrics: h.engine.o.metrics,
    flowHooks: {},
    maxBacklog: opts.maxBacklog ?? 100_000,
    stop: async () => {},
  };
  const app = createApp(testResources(h.database, { engine: started }));
  return Object.assign(h, { app, headers: await adminHeaders(h.database), started });
}
