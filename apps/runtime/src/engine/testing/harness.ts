// Test support: an engine and a worker on this test run's PostgreSQL and a Redis prefix of their own.
import type { Worker } from 'bullmq';
import { inject } from 'vitest';
import { postgresDatabase, uniquePrefix } from '../../../test/support/databases';
import type { Database } from '../../db/client';
import { createLogger } from '../../logging/logger';
import { createMetrics } from '../../metrics/metrics';
import { createSandbox } from '../../sandbox';
import { startStepWorker } from '../../worker/step-worker';
import { createEngineSystem, type EngineSystem, type EngineSystemOptions } from '../create-engine';
import { runSchedule } from '../schedules';

export interface Harness extends EngineSystem {
  database: Database;
  prefix: string;
  redisUrl: string;
  worker?: Worker;
  startWorker(): Worker;
  close(): Promise<void>;
}

export async function startHarness(
  opts: Partial<EngineSystemOptions> & { worker?: boolean } = {},
): Promise<Harness> {
  const database = await postgresDatabase();
  const prefix = opts.prefix ?? uniquePrefix('engine');
  const redisUrl = opts.redisUrl ?? inject('redisUrl');
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const sandbox = createSandbox({ poolSize: 1, memoryLimitMb: 64, maxTimeoutMs: 5000, log });
  const system = await createEngineSystem({
    db: database.db,
    log,
    snippets: sandbox,
    metrics: createMetrics(),
    redisUrl,
    prefix,
    ...opts,
  });
  const h: Harness = {
    ...system,
    database,
    prefix,
    redisUrl,
    startWorker() {
      h.worker = startStepWorker(system.engine, {
        redisUrl,
        prefix,
        log,
        lockDurationMs: 2000,
        onSchedule: (data) => runSchedule(system.engine, data),
      });
      return h.worker;
    },
    async close() {
      await h.worker?.close();
      await system.close();
      await database.close();
      sandbox.dispose();
    },
  };
  if (opts.worker !== false) h.startWorker();
  return h;
}
