// Keeps the leases of the steps this process is executing: one renewal statement for all of them per tick.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { steps } from '../db/schema';
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
  /** Step id -> executions holding it (one, unless a step is somehow run twice here). */
  private readonly held = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly o: LeaseKeeperOptions) {}

  async hold<T>(stepId: string, f: () => Promise<T>): Promise<T> {
    this.held.set(stepId, (this.held.get(stepId) ?? 0) + 1);
    this.timer ??= setInterval(() => this.renew(), Math.max(50, Math.floor(this.o.leaseMs / 3)));
    try {
      return await f();
    } finally {
      const n = (this.held.get(stepId) ?? 1) - 1;
      if (n > 0) this.held.set(stepId, n);
      else this.held.delete(stepId);
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
    const ids = [...this.held.keys()];
    if (ids.length === 0) return;
    this.o.db
      .update(steps)
      .set({ lockedUntil: new Date(this.o.now().getTime() + this.o.leaseMs) })
      .where(and(inArray(steps.id, ids), eq(steps.lockedBy, this.o.workerId)))
      .catch((err) => this.o.log.warn({ err, steps: ids.length }, 'lease renewal failed'));
  }
}
