// The systems a process runs with, passed explicitly to the API, the engine and the worker (no module singletons).
import type { Config } from './config/config';
import type { Database } from './db/client';
import type { FlowHooks } from './flows/flow-hooks';
import type { Logger } from './logging/logger';
import type { ReadinessCheck } from './routes/health/readiness';
import type { Sandbox } from './sandbox';
import type { StartedEngine } from './worker/start-engine';

export interface Resources {
  config: Config;
  log: Logger;
  database: Database;
  /** The resolved Redis URL: REDIS_URL, localhost:6379, or the child redis-server (redis/resolve-redis.ts). */
  redisUrl: string;
  /** Probes /ready runs besides Postgres; add one per dependency (Redis, queues...). */
  readinessChecks: ReadinessCheck[];
  /** Called on publish/unpublish/delete of a flow (flows/flow-hooks.ts). */
  flowHooks: FlowHooks[];
  /**
   * Runs snippets (the engine's `snippets`, POST /api/snippets/test). Create it with
   * `createSandbox(sandboxOptionsFromEnv(process.env, log))` and dispose it on stop; when absent, the snippets
   * routes create one on first use.
   */
  sandbox?: Sandbox;
  /** The durable engine: runs, steps, queue, live run events, metrics (worker/start-engine.ts); absent in tests of other parts. */
  engine?: StartedEngine;
}
