// Live run/step transitions across processes: one Redis pub/sub message per committed batch, filtered per run here.
import type { Redis } from 'ioredis';
import type { RunEvent } from './effects';

export type RunEventListener = (event: RunEvent) => void;

export class RunEventBus {
  private readonly channel: string;
  /** Run ids cancelled anywhere: one message per cancel. */
  private readonly cancels: string;
  private readonly listeners = new Map<string, Set<RunEventListener>>();
  private subscribed?: Promise<unknown>;

  /** `subscriber` is used only for SUBSCRIBE (a connection in subscriber mode can do nothing else). */
  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    prefix: string,
  ) {
    this.channel = `${prefix}-run-events`;
    this.cancels = `${prefix}-run-cancels`;
  }

  /** Tells every process (this one included) that `runId` was cancelled: they end its attempts executing there. */
  async publishCancel(runId: string): Promise<void> {
    await this.publisher.publish(this.cancels, runId);
  }

  /**
   * Calls `listener` with the id of every run cancelled from now on, by any process. Subscribes at once (a worker
   * must hear of a cancel while it executes a step, whether or not anyone watches a run here).
   */
  onCancel(listener: (runId: string) => void): void {
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.cancels) listener(message);
    });
    this.subscriber.subscribe(this.cancels).catch(() => {
      // Redis down: the steps of a run cancelled meanwhile finish here and their outcomes are discarded.
    });
  }

  async publish(events: readonly RunEvent[]): Promise<void> {
    if (events.length > 0) await this.publisher.publish(this.channel, JSON.stringify(events));
  }

  /** Calls `listener` for each transition of `runId` until the returned function is called. */
  async subscribe(runId: string, listener: RunEventListener): Promise<() => void> {
    await this.ensureSubscribed();
    const set = this.listeners.get(runId) ?? new Set();
    this.listeners.set(runId, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(runId);
    };
  }

  private ensureSubscribed(): Promise<unknown> {
    this.subscribed ??= this.subscriber.subscribe(this.channel).then(() => {
      this.subscriber.on('message', (channel: string, message: string) => {
        if (channel !== this.channel || this.listeners.size === 0) return;
        for (const e of JSON.parse(message) as RunEvent[]) {
          for (const l of this.listeners.get(e.runId) ?? []) l(e);
        }
      });
    });
    return this.subscribed;
  }
}
