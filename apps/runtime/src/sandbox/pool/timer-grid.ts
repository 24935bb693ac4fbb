// Sync-budget timeouts rounded up so that the watchdog timers of consecutive runs expire together.

/** Budgets end on this grid: a few ms more budget, one timer-thread wake-up per grid step instead of per run. */
const GRID_MS = 5;

/**
 * isolated-vm arms one timer per `applySync({ timeout })` on its shared timer thread, and a timer cancelled when
 * the run ends still wakes that thread when it expires: one wake-up (a context switch, measured 3-6 us of process
 * CPU per run under load) per run. Rounding each deadline up to a common grid lets the thread expire a whole
 * batch per wake-up. The budget becomes `budgetMs` to `budgetMs + GRID_MS`; only for the sync budget, whose
 * expiry restarts the run off-thread: a snippet's own CPU limit (`timeoutMs`) is never rounded.
 *
 * @example gridTimeout(25) // 25..30, so that now + result lands on a multiple of 5 ms (within 1 ms)
 */
export function gridTimeout(budgetMs: number, now = performance.now()): number {
  return Math.ceil(Math.ceil((now + budgetMs) / GRID_MS) * GRID_MS - now);
}
