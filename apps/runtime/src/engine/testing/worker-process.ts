// Test support: a worker in its own process (engine + BullMQ worker, no reconciler), for SIGKILL tests.
// Run: node --no-node-snapshot --import tsx worker-process.ts  (env: DATABASE_URL, REDIS_URL, PREFIX, LEASE_MS)
import { openDatabase } from '../../db/client';
import { createLogger } from '../../logging/logger';
import { createMetrics } from '../../metrics/metrics';
import { startStepWorker } from '../../worker/step-worker';
import { createEngineSystem } from '../create-engine';

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

const database = await openDatabase({ url: env('DATABASE_URL'), max: 4 });
const log = createLogger(process.env.LOG_LEVEL ?? 'silent');
const redisUrl = env('REDIS_URL');
const prefix = env('PREFIX');
const system = await createEngineSystem({
  db: database.db,
  log,
  metrics: createMetrics(),
  redisUrl,
  prefix,
  workerId: `child-${process.pid}`,
  leaseMs: Number(process.env.LEASE_MS ?? 1500),
});
startStepWorker(system.engine, { redisUrl, prefix, log, lockDurationMs: 2000 });
// No reconciler: the test database is shared, and BullMQ's stalled-job check hands the dead worker's job over.

process.stdout.write('ready\n');
