// Keeps the leases of the steps this process is executing: one renewal statement for all of them per tick.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { runs, steps } from '../db/schema';
import type { Logger } from '../logging/logger';

export interface LeaseKeeperOptions {
  db: Db;
  log: Logger;
  /** The lock owner the steps were claimed by. */
  workerId: string;
  /** How long a renewal holds a step; renewed every third of it. */
  leaseMs: number;
  now(): Date;
}

/**
 * Guarantee: while `hold(stepId, f)` runs, the step's `locked_until` is pushed to `now + leaseMs` at least every
 * `leaseMs / 3`, as long as this process still owns the lock, so no other worker takes a step that is still being
 * executed. One interval and one UPDATE for every step held (not a timer per step); the interval runs only while
 * something is held.
 */
export class LeaseKeeper {
  /** Step id, or `run:` + run id for hand-offs held in run rows -> executions holding it. */
  private readonly held = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly o: LeaseKeeperOptions) {}

  /** Holds a claimed step row's lease, or a run row's (its hand-offs: run-handoffs.ts), while `f` runs. */
  async hold<T>(what: { stepId: string } | { runId: string }, f: () => Promise<T>): Promise<T> {
    const key = 'runId' in what ? `run:${what.runId}` : what.stepId;
    this.held.set(key, (this.held.get(key) ?? 0) + 1);
    this.timer ??= setInterval(() => this.renew(), Math.max(50, Math.floor(this.o.leaseMs / 3)));
    try {
      return await f();
    } finally {
      const n = (this.held.get(key) ?? 1) - 1;
      if (n > 0) this.held.set(key, n);
      else this.held.delete(key);
      if (this.held.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    }
  }

  /** Steps held right now (for tests and metrics). */
  get size(): number {
    return this.held.size;
  }

  private renew(): void {
    const keys = [...this.held.keys()];
    if (keys.length === 0) return;
    const until = new Date(this.o.now().getTime() + this.o.leaseMs);
    const stepIds = keys.filter((k) => !k.startsWith('run:'));
    const runIds = keys.filter((k) => k.startsWith('run:')).map((k) => k.slice(4));
    const failed = (err: unknown) => this.o.log.warn({ err, steps: keys.length }, 'lease renewal failed');
    if (stepIds.length > 0)
      this.o.db
        .update(steps)
        .set({ lockedUntil: until })
        .where(and(inArray(steps.id, stepIds), eq(steps.lockedBy, this.o.workerId)))
        .catch(failed);
    if (runIds.length > 0)
      this.o.db
        .update(runs)
        .set({ lockedUntil: until })
        .where(and(inArray(runs.id, runIds), eq(runs.lockedBy, this.o.workerId), isNotNull(runs.handoffs)))
        .catch(failed);
  }
}
