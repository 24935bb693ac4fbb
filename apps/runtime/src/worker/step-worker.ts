// The BullMQ worker of a `worker` (or `all`) process: executes step jobs and schedule ticks through the engine.
import { type Job, Worker } from 'bullmq';
import type { Engine } from '../engine/engine';
import type { Logger } from '../logging/logger';
import { createRedisConnection } from '../queue/redis-connection';
import { type ScheduleJobData, STEP_QUEUE, type StepJobData } from '../queue/step-queue';

export interface StepWorkerOptions {
  redisUrl: string;
  prefix: string;
  log: Logger;
  /** Jobs in flight at once; deliveries mostly wait on the network. */
  concurrency?: number;
  /** BullMQ's job lock; a job of a dead worker is taken over after it (tests lower it). */
  lockDurationMs?: number;
  /** Runs a schedule tick: creates the run of a `trigger.schedule` node. */
  onSchedule?(data: ScheduleJobData): Promise<void>;
}

export function startStepWorker(engine: Engine, o: StepWorkerOptions): Worker {
  const lockDuration = o.lockDurationMs ?? 30_000;
  const worker = new Worker(
    STEP_QUEUE,
    async (job: Job) => {
      if (job.name === 'schedule') return o.onSchedule?.(job.data as ScheduleJobData);
      return engine.processStep(job.data as StepJobData);
    },
    {
      connection: createRedisConnection(o.redisUrl, 'worker'),
      prefix: o.prefix,
      concurrency: o.concurrency ?? 64,
      lockDuration,
      stalledInterval: Math.min(30_000, lockDuration),
      maxStalledCount: 5,
    },
  );
  worker.on('failed', (job, err) => o.log.error({ err, jobId: job?.id }, 'step job failed'));
  worker.on('error', (err) => o.log.error({ err }, 'step worker error'));
  return worker;
}
