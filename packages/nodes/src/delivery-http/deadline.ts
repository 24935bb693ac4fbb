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
  let timedOut = false;
  let reason: Error | undefined;
  let target: Endable | undefined;
  const end = (why: Error) => {
    if (reason) return;
    reason = why;
    target?.destroy(why);
  };
  const onOuterAbort = () =>
    end(outer.reason instanceof Error ? outer.reason : new Error(String(outer.reason ?? 'aborted')));
  const timer = setTimeout(() => {
    timedOut = true;
    end(new DOMException(`no response within ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  if (outer.aborted) onOuterAbort();
  else outer.addEventListener('abort', onOuterAbort, { once: true });
  return {
    get timedOut() {
      return timedOut;
    },
    get reason() {
      return reason;
    },
    watch(t) {
      target = t;
      if (reason) t.destroy(reason);
    },
    dispose() {
      clearTimeout(timer);
      outer.removeEventListener('abort', onOuterAbort);
    },
  };
}
