// The deadline of one outbound request: the step's signal plus a timeout, ending the request it watches.
//
// Not `AbortSignal.any([ctx.signal, AbortSignal.timeout(ms)])`: on Node 20.20 every `any()` stays registered on a
// long-lived parent signal until that parent is collected (measured: +100k dependants per 100k calls, ~85 MiB),
// and a worker-wide ctx.signal would leak one entry per delivery. Nor an AbortController handed to node:http: its
// `signal` option adds listeners and stream tracking per request (with the controller, ~15 us of CPU per delivery,
// every run's hot path). The deadline destroys the request it watches instead; `dispose()` removes the timer and
// the listener.

/** What a deadline ends: the outgoing request (destroying it also ends a response being read). */
export interface Endable {
  destroy(error?: Error): unknown;
}

export interface RequestDeadline {
  /** True once the timeout (not the step's signal) ended the request. */
  readonly timedOut: boolean;
  /** Why the request was ended, once it was. */
  readonly reason: Error | undefined;
  /** Ends `target` when the deadline passes or the step's signal aborts; at once if one already did. */
  watch(target: Endable): void;
  /** Clears the timer and the listener on the step's signal; call when the request has ended. */
  dispose(): void;
}

/** A deadline that passes when `outer` aborts or after `timeoutMs`, whichever comes first. */
export function requestDeadline(outer: AbortSignal, timeoutMs: number): RequestDeadline {
  return new Deadline(outer, timeoutMs);
}

/**
 * A class, not an object literal with getters and named closures: those gave every delivery its own hidden
 * class (getters defined per object; tsx names each inner closure with a property redefinition), measured in
 * bench/e2e as map churn on every run. The listener and the timer are bound methods made once per deadline.
 */
class Deadline implements RequestDeadline {
  timedOut = false;
  reason: Error | undefined = undefined;
  private target: Endable | undefined = undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort: () => void;

  constructor(
    private readonly outer: AbortSignal,
    private readonly timeoutMs: number,
  ) {
    this.onAbort = this.outerAborted.bind(this);
    this.timer = setTimeout(this.expired.bind(this), timeoutMs);
    if (outer.aborted) this.outerAborted();
    else outer.addEventListener('abort', this.onAbort, { once: true });
  }

  watch(t: Endable): void {
    this.target = t;
    if (this.reason) t.destroy(this.reason);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.outer.removeEventListener('abort', this.onAbort);
  }

  private expired(): void {
    this.timedOut = true;
    this.end(new DOMException(`no response within ${this.timeoutMs} ms`, 'TimeoutError'));
  }

  private outerAborted(): void {
    const r = this.outer.reason;
    this.end(r instanceof Error ? r : new Error(String(r ?? 'aborted')));
  }

  private end(why: Error): void {
    if (this.reason) return;
    this.reason = why;
    this.target?.destroy(why);
  }
}
