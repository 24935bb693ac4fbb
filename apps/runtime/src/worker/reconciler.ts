// Runs the engine's reconciliation on start and then periodically, so jobs and schedulers lost from Redis come back.
import type { Engine } from '../engine/engine';
import { reconcileSchedules } from '../engine/schedules';
import type { Logger } from '../logging/logger';

export interface Reconciler {
  /** Resolves after the first pass. */
  ready: Promise<void>;
  stop(): void;
}

export function startReconciler(engine: Engine, log: Logger, intervalMs = 15_000): Reconciler {
  let running = false;
  const pass = async () => {
    if (running) return;
    running = true;
    try {
      const n = await engine.reconcile();
      const schedules = await reconcileSchedules(engine);
      if (n > 0) log.debug({ steps: n, schedules }, 'reconciled step jobs and schedules from Postgres');
    } catch (err) {
      log.warn({ err }, 'reconciliation failed; retrying at the next interval');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(pass, intervalMs);
  timer.unref();
  return { ready: pass(), stop: () => clearInterval(timer) };
}
