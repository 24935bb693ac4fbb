// The deadline of one outbound request: the step's abort plus a timeout, ending the request it watches.
//
// It listens with `ctx.onAbort`, not on `ctx.signal` (an AbortController per delivery). Not
// `AbortSignal.any([ctx.signal, AbortSignal.timeout(ms)])`: on Node 20.20 every `any()` stays registered on a
// long-lived parent signal until that parent is collected (measured: +100k dependants per 100k calls, ~85 MiB),
// and a worker-wide ctx.signal would leak one entry per delivery. Nor an AbortController handed to node:http: its
// `signal` option adds listeners and stream tracking per request (with the controller, ~15 us of CPU per delivery,
// every run's hot path). The deadline destroys the request it watches instead; `dispose()` removes the timer and
// the listener.

import type { ExecutionContext } from '../kit/executor';

/** What a deadline ends: the outgoing request (destroying it also ends a response being read). */
export interface Endable {
  destroy(error?: Error): unknown;
}

export interface RequestDeadline {
  /** True once the timeout (not the step's abort) ended the request. */
  readonly timedOut: boolean;
  /** Why the step was aborted, if it was while this deadline watched. */
  readonly abortedBy: Error | undefined;
  /** Why the request was ended, once it was. */
  readonly reason: Error | undefined;
  /** Ends `target` when the deadline passes or the step is aborted; at once if one already happened. */
  watch(target: Endable): void;
  /** Clears the timer and the abort listener; call when the request has ended. */
  dispose(): void;
}

/** A deadline that passes when the step is aborted (`onAbort` of its context) or after `timeoutMs`. */
export function requestDeadline(step: Pick<ExecutionContext, 'onAbort'>, timeoutMs: number): RequestDeadline {
  return new Deadline(step, timeoutMs);
}

/**
 * A class, not an object literal with getters and named closures: those gave every delivery its own hidden
 * class (getters defined per object; tsx names each inner closure with a property redefinition), measured in
 * bench/e2e as map churn on every run. The timer and the abort listener are bound methods, made once per deadline.
 */
class Deadline implements RequestDeadline {
  timedOut = false;
  abortedBy: Error | undefined = undefined;
  reason: Error | undefined = undefined;
  private target: Endable | undefined = undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly stopListening: () => void;

  constructor(
    step: Pick<ExecutionContext, 'onAbort'>,
    private readonly timeoutMs: number,
  ) {
    this.timer = setTimeout(this.expired.bind(this), timeoutMs);
    this.stopListening = step.onAbort(this.aborted.bind(this));
  }

  watch(t: Endable): void {
    this.target = t;
    if (this.reason) t.destroy(this.reason);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.stopListening();
  }

  private expired(): void {
    this.timedOut = true;
    this.end(new DOMException(`no response within ${this.timeoutMs} ms`, 'TimeoutError'));
  }

  private aborted(why: Error): void {
    this.abortedBy = why;
    this.end(why);
  }

  private end(why: Error): void {
    if (this.reason) return;
    this.reason = why;
    this.target?.destroy(why);
  }
}
