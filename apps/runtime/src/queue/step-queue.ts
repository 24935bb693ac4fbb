// The BullMQ queue of step jobs: one job per step to execute or resume, delayed for waits and backoffs.
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { StepJob } from '../engine/effects';

export const STEP_QUEUE = 'steps';

export interface StepJobData {
  stepId: string;
  runId: string;
  flowId: string;
  version: number;
}

/** A scheduler tick of a `trigger.schedule` node. */
export interface ScheduleJobData {
  flowId: string;
  nodeId: string;
}

export class StepQueue {
  readonly queue: Queue;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue(STEP_QUEUE, {
      connection,
      prefix,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: 1000 },
    });
  }

  /** Adds the jobs in one round trip; ids that already exist are left as they are. */
  async enqueue(jobs: readonly StepJob[], now = Date.now()): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map((j) => ({
        name: 'step',
        data: {
          stepId: j.stepId,
          runId: j.runId,
          flowId: j.flowId,
          version: j.version,
        } satisfies StepJobData,
        opts: { jobId: j.jobId, delay: j.dueAt ? Math.max(0, j.dueAt.getTime() - now) : undefined },
      })),
    );
  }

  /** Jobs waiting to run (backlog) and delayed (waits, backoffs). */
  async depth(): Promise<{ waiting: number; delayed: number; active: number }> {
    const c = await this.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    return {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
      delayed: c.delayed ?? 0,
      active: c.active ?? 0,
    };
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
