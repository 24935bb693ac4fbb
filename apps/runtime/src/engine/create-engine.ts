// Builds the engine and its Redis-side parts (queue producer, event bus) from a database and a Redis URL.

import { hostname } from 'node:os';
import {
  executors as defaultExecutors,
  type NodeExecutor,
  type SnippetRunner,
} from '@sluice/nodes/executors';
import { withFields } from '@sluice/shared';
import type { Db } from '../db/client';
import type { Logger } from '../logging/logger';
import type { Metrics } from '../metrics/metrics';
import { createRedisConnection, whenReady } from '../queue/redis-connection';
import { StepQueue } from '../queue/step-queue';
import { Engine } from './engine';
import { RunEventBus } from './run-event-bus';

export interface EngineSystemOptions {
  db: Db;
  log: Logger;
  metrics: Metrics;
  redisUrl: string;
  /** BullMQ prefix (`config.queuePrefix`); tests use a unique one. */
  prefix: string;
  snippets?: SnippetRunner;
  executors?: ReadonlyMap<string, NodeExecutor>;
  workerId?: string;
  leaseMs?: number;
  /** PGlite is one connection: its transactions go one at a time. */
  kind?: 'postgres' | 'pglite';
  /** See EngineOptions.localSteps. */
  localSteps?: number;
}

export interface EngineSystem {
  engine: Engine;
  queue: StepQueue;
  bus: RunEventBus;
  close(): Promise<void>;
}

export async function createEngineSystem(o: EngineSystemOptions): Promise<EngineSystem> {
  const producer = createRedisConnection(o.redisUrl, 'producer');
  const subscriber = createRedisConnection(o.redisUrl, 'subscriber');
  // The subscriber too: a SUBSCRIBE sent while ioredis is still connecting can overtake its ready check (INFO), which
  // then fails on a connection in subscriber mode, and the subscription is lost (seen as cancels never arriving).
  await Promise.all([whenReady(producer), whenReady(subscriber)]);
  const queue = new StepQueue(producer, o.prefix);
  const bus = new RunEventBus(producer, subscriber, o.prefix);
  const engine = new Engine({
    db: o.db,
    log: o.log.child({ component: 'engine' }),
    queue,
    bus,
    metrics: o.metrics,
    executors: o.executors ?? defaultExecutors,
    snippets: o.snippets,
    workerId: o.workerId ?? `${hostname()}-${process.pid}`,
    leaseMs: o.leaseMs,
    maxInflight: o.kind === 'pglite' ? 1 : Number(process.env.SLUICE_COMMITS_IN_FLIGHT ?? 2),
    minBatchWhenBusy: Number(process.env.SLUICE_MIN_BATCH_WHEN_BUSY ?? 32),
    localSteps: o.localSteps,
    handoffsInRun: o.kind !== 'pglite',
  });
  o.metrics.measureQueueDepth(async () =>
    withFields(await queue.depth(), { backlog: await engine.backlog() }),
  );
  return {
    engine,
    queue,
    bus,
    async close() {
      await engine.idle();
      await queue.close();
      subscriber.disconnect();
      producer.disconnect();
    },
  };
}
