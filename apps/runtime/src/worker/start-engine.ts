// Starts the engine for a process: always the producer side (API needs it) and the audit sealer, plus worker and
// reconciler for `all`/`worker`.
import type { SnippetRunner } from '@sluice/nodes/executors';
import { startAuditSealer, unsealedBacklog } from '../audit';
import type { Config } from '../config/config';
import type { Database } from '../db/client';
import { createEngineSystem, type EngineSystem } from '../engine/create-engine';
import { runSchedule, scheduleHooks } from '../engine/schedules';
import type { FlowHooks } from '../flows/flow-hooks';
import type { Logger } from '../logging/logger';
import { createMetrics, type Metrics } from '../metrics/metrics';
import { createSandbox } from '../sandbox';
import { sandboxOptionsFromEnv } from '../sandbox/options';
import { startReconciler } from './reconciler';
import { startStepWorker } from './step-worker';

export interface StartedEngine {
  system: EngineSystem;
  metrics: Metrics;
  flowHooks: FlowHooks;
  /** Webhooks answer 503 while more steps than this are queued in Postgres. */
  maxBacklog: number;
  stop(): Promise<void>;
}

export interface StartEngineOptions {
  config: Config;
  log: Logger;
  database: Database;
  redisUrl: string;
  snippets?: SnippetRunner;
}

export async function startEngine(o: StartEngineOptions): Promise<StartedEngine> {
  const metrics = createMetrics({ defaultMetrics: true });
  const sandbox = o.snippets ? undefined : createSandbox(sandboxOptionsFromEnv(process.env, o.log));
  const system = await createEngineSystem({
    db: o.database.db,
    kind: o.database.kind,
    // `all` executes the first effectful steps of its own webhooks itself; `api` leaves them to the workers.
    localSteps: o.config.role === 'all' ? Number(process.env.SLUICE_LOCAL_STEPS ?? 256) : 0,
    log: o.log,
    metrics,
    redisUrl: o.redisUrl,
    prefix: o.config.queuePrefix,
    snippets: o.snippets ?? sandbox,
  });
  const stops: Array<() => Promise<void>> = [];
  // Every process seals (one at a time, the others skip their turn): appends join the chain within a fraction of a
  // second whichever processes run.
  const sealer = startAuditSealer(o.database.db, o.log.child({ component: 'audit' }));
  metrics.measureAuditBacklog(() => unsealedBacklog(o.database.db));
  stops.push(() => sealer.stop());
  if (o.config.role !== 'api') {
    const worker = startStepWorker(system.engine, {
      redisUrl: o.redisUrl,
      prefix: o.config.queuePrefix,
      log: o.log.child({ component: 'worker' }),
      onSchedule: (data) => runSchedule(system.engine, data),
      // Jobs in flight: most of a job's time is spent waiting for its commits and its delivery.
      concurrency: Number(process.env.SLUICE_WORKER_CONCURRENCY ?? 256),
    });
    const reconciler = startReconciler(system.engine, o.log.child({ component: 'reconciler' }));
    await reconciler.ready;
    stops.push(async () => {
      reconciler.stop();
      await worker.close();
    });
  }
  return {
    system,
    metrics,
    flowHooks: scheduleHooks(system.queue),
    // An operations knob read here until config grows an engine section.
    maxBacklog: Number(process.env.SLUICE_MAX_BACKLOG ?? 20_000),
    async stop() {
      for (const s of stops) await s();
      await system.close();
      sandbox?.dispose();
    },
  };
}
