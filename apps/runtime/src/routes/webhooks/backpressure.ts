// Back-pressure: webhooks are refused with 503 + Retry-After while the backlog of queued steps is over a limit.

/** Measures the backlog at most every `everyMs`, so a burst of webhooks costs one count. */
export class BacklogGate {
  private measuredAt = 0;
  private backlog = 0;
  private pending?: Promise<void>;

  constructor(
    private readonly measure: () => Promise<number>,
    private readonly limit: number,
    private readonly everyMs = 500,
  ) {}

  /** True when new work should be refused. */
  async full(): Promise<boolean> {
    if (Date.now() - this.measuredAt > this.everyMs) {
      this.pending ??= this.measure()
        .then((n) => {
          this.backlog = n;
          this.measuredAt = Date.now();
        })
        .finally(() => {
          this.pending = undefined;
        });
      await this.pending;
    }
    return this.backlog > this.limit;
  }
}
