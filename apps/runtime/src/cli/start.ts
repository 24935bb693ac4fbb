// Starts a Sluice process for its role: database (migrated), Redis, then the API (and, with the engine, the worker).
import { join } from 'node:path';
import { registry } from '@sluice/nodes';
import { createApp } from '../api/app';
import { createOpsApp } from '../api/ops-app';
import { appendAudit } from '../audit';
import { ensureAdminToken } from '../auth/admin-token';
import { type Config, ConfigError } from '../config/config';
import { openDatabase } from '../db/client';
import { loadExamples } from '../flows/load-examples';
import type { Logger } from '../logging/logger';
import { redisCheck } from '../redis/ping-redis';
import { resolveRedis } from '../redis/resolve-redis';
import type { Resources } from '../resources';
import { webhookFastPathOf } from '../routes/webhooks/fast-path';
import { createSandbox } from '../sandbox';
import { sandboxOptionsFromEnv } from '../sandbox/options';
import { startEngine } from '../worker/start-engine';
import { lockDataDir } from './data-dir-lock';
import { startHttpServer } from './http-server';

export interface Running {
  resources: Resources;
  /** The port the API listens on; for a worker, its /health, /ready and /metrics port (undefined when off). */
  port?: number;
  /** Stops everything in reverse order of start. */
  stop(): Promise<void>;
}

/** Starts the process; on a failure half-way, what was started is stopped again before the error is thrown. */
export async function startSluice(config: Config, log: Logger): Promise<Running> {
  if (config.role === 'worker' && !config.databaseUrl) {
    throw new ConfigError(
      'a separate worker needs DATABASE_URL (embedded PGlite is single-process): use `all`',
    );
  }
  const closers: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const close of closers.reverse().splice(0)) {
      await close().catch((err) => log.error({ err }, 'error while stopping'));
    }
  };
  try {
    if (!config.databaseUrl) {
      const release = lockDataDir(config.dataDir);
      closers.push(async () => release());
    }
    const database = config.databaseUrl
      ? await openDatabase({ url: config.databaseUrl })
      : await openDatabase({ dataDir: join(config.dataDir, 'pglite') });
    closers.push(() => database.close());
    await database.migrate();
    log.info({ database: database.kind }, 'database ready');

    const redis = await resolveRedis({ redisUrl: config.redisUrl, dataDir: config.dataDir, log });
    closers.push(redis.stop);
    log.info({ redis: redis.url, source: redis.source }, 'redis ready');

    // One sandbox per process, shared by the engine's steps and POST /api/snippets/test.
    const sandbox = createSandbox(sandboxOptionsFromEnv(process.env, log));
    closers.push(async () => sandbox.dispose());
    const engine = await startEngine({ config, log, database, redisUrl: redis.url, snippets: sandbox });
    closers.push(engine.stop);

    const resources: Resources = {
      config,
      log,
      database,
      redisUrl: redis.url,
      readinessChecks: [redisCheck(redis.url)],
      flowHooks: [],
      sandbox,
      engine,
    };

    let port: number | undefined;
    if (config.role !== 'worker') {
      await ensureAdminToken({ db: database.db, dataDir: config.dataDir, fromEnv: config.adminToken });
      const app = createApp(resources);
      // Routers register their publish checks while the app is built (snippets must compile); the engine's
      // hook registers schedules, so it goes last: a rejected publish leaves no schedule behind. Examples load
      // after both, so they pass the same checks and get their schedules.
      resources.flowHooks.push(engine.flowHooks);
      if (config.examplesDir) {
        const deps = { db: database.db, registry, hooks: resources.flowHooks, log, audit: appendAudit };
        await loadExamples(deps, config.examplesDir);
      }
      const fastPath = webhookFastPathOf(resources, engine);
      const server = await startHttpServer(app.fetch, config.port, config.host, fastPath);
      closers.push(() => server.close());
      port = server.port;
      log.info({ url: `http://localhost:${port}`, role: config.role }, 'sluice is listening');
    } else {
      resources.flowHooks.push(engine.flowHooks);
      if (config.workerPort !== null) {
        // The worker's own operations endpoints: its step durations and queue depth are only in this process.
        const server = await startHttpServer(createOpsApp(resources).fetch, config.workerPort, config.host);
        closers.push(() => server.close());
        port = server.port;
        log.info({ url: `http://localhost:${port}/metrics`, role: config.role }, 'worker metrics are served');
      }
    }
    return { resources, port, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
