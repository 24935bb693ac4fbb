// The abort signal of one outbound request: the step's signal plus a timeout, released when the request ends.
//
// Not `AbortSignal.any([ctx.signal, AbortSignal.timeout(ms)])`: on Node 20.20 every `any()` stays registered on a
// long-lived parent signal until that parent is collected (measured: +100k dependants per 100k calls, ~85 MiB),
// and a worker-wide ctx.signal would leak one entry per delivery. Here the listener and the timer are removed in
// `dispose()`.

export interface RequestDeadline {
  signal: AbortSignal;
  /** True once the timeout (not the step's signal) aborted the request. */
  readonly timedOut: boolean;
  /** Clears the timer and the listener on the step's signal; call when the request has ended. */
  dispose(): void;
}

/** A signal that aborts when `outer` aborts or after `timeoutMs`, whichever comes first. */
export function requestDeadline(outer: AbortSignal, timeoutMs: number): RequestDeadline {
  const controller = new AbortController();
  let timedOut = false;
  const onOuterAbort = () => controller.abort(outer.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`no response within ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  if (outer.aborted) onOuterAbort();
  else outer.addEventListener('abort', onOuterAbort, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    dispose() {
      clearTimeout(timer);
      outer.removeEventListener('abort', onOuterAbort);
    },
  };
}
