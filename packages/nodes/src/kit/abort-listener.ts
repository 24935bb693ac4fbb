// ExecutionContext#onAbort over an AbortSignal, for contexts that have a signal anyway (tests, other hosts).

/** Why `signal` aborted, as an Error (`abort()` without a reason gives a DOMException, which is one). */
function abortReason(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  return r instanceof Error ? r : new Error(String(r ?? 'aborted'));
}

/** An `onAbort` that listens to `signal`. */
export function abortListenerOf(signal: AbortSignal): (listener: (reason: Error) => void) => () => void {
  return (listener) => {
    if (signal.aborted) {
      listener(abortReason(signal));
      return () => {};
    }
    const handler = () => listener(abortReason(signal));
    signal.addEventListener('abort', handler, { once: true });
    return () => signal.removeEventListener('abort', handler);
  };
}
