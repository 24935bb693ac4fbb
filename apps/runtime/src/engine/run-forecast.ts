// What this process expects of the runs it writes: each run's status and how many of its step rows are queued,
// running, waiting or failed without a connected error port, as its own transactions (committed or in flight) left
// them. A completion of such a run settles it without waiting for the run's lock and step count: the run's write
// goes out with a check that fails the transaction if the run is not as expected (set-writes.ts, `expect`), and the
// group committer then re-runs the batch without forecasts. A forecast only saves a round trip; Postgres decides.
import { ERROR_PORT } from '@sluice/shared';
import { isRunTerminal, type RunStatus } from './rules/run-status';
import type { StepStatus } from './rules/step-status';
import type { StepCounts } from './rules/transitions';
import type { NewStep } from './step-records';

export interface KnownRun {
  status: RunStatus;
  counts: StepCounts;
}

export const NO_STEPS: StepCounts = { queued: 0, running: 0, waiting: 0, unhandledFailed: 0 };

/** A failed step counts against its run unless it went out through its error port (as STEP_COUNTS counts it). */
const isUnhandled = (status: StepStatus, ports: unknown): boolean =>
  status === 'failed' && !(Array.isArray(ports) && ports.includes(ERROR_PORT));

/** `c` with one more step of `status`. */
export function withStep(c: StepCounts, status: StepStatus, ports: unknown): StepCounts {
  return {
    queued: c.queued + (status === 'queued' ? 1 : 0),
    running: c.running + (status === 'running' ? 1 : 0),
    waiting: c.waiting + (status === 'waiting' ? 1 : 0),
    unhandledFailed: c.unhandledFailed + (isUnhandled(status, ports) ? 1 : 0),
  };
}

/** `c` with the rows added (new step rows, counted as the step count in Postgres would count them). */
export function withRows(c: StepCounts, rows: readonly NewStep[]): StepCounts {
  let out = c;
  for (const r of rows) out = withStep(out, r.status as StepStatus, r.ports);
  return out;
}

/**
 * The counts after a running step was stored with `status`: null when the forecast holds no running step, which
 * cannot be right (the step is running in Postgres, or the outcome is not stored).
 */
export function afterOutcome(c: StepCounts, status: StepStatus, ports: unknown): StepCounts | null {
  if (c.running < 1) return null;
  return withStep(
    { queued: c.queued, running: c.running - 1, waiting: c.waiting, unhandledFailed: c.unhandledFailed },
    status,
    ports,
  );
}

/** The three facts nextRunStatus decides on: what a check compares, not the exact counts. */
export interface CountClasses {
  busy: boolean;
  waiting: boolean;
  failed: boolean;
}

export const classesOf = (c: StepCounts): CountClasses => ({
  busy: c.queued + c.running > 0,
  waiting: c.waiting > 0,
  failed: c.unhandledFailed > 0,
});

/**
 * The runs this process wrote last, bounded (the oldest is dropped first: a run forgotten is settled the slow way).
 * Ended runs are not kept.
 */
export class RunForecast {
  private readonly runs = new Map<string, KnownRun>();
  /** Completions settled from a forecast, and batches re-run because a run was not as forecast. */
  readonly stats = { used: 0, missed: 0 };

  constructor(private readonly limit = 20_000) {}

  get size(): number {
    return this.runs.size;
  }

  get(runId: string): KnownRun | undefined {
    return this.runs.get(runId);
  }

  /** After a write that leaves the run so. */
  set(runId: string, status: RunStatus, counts: StepCounts): void {
    this.runs.delete(runId);
    if (isRunTerminal(status)) return;
    this.runs.set(runId, { status, counts });
    if (this.runs.size > this.limit) {
      const oldest = this.runs.keys().next().value;
      if (oldest !== undefined) this.runs.delete(oldest);
    }
  }

  /** Runs another writer may have moved, or whose transaction failed: settled the slow way from now on. */
  forget(runIds: Iterable<string>): void {
    for (const id of runIds) this.runs.delete(id);
  }

  /** A batch with these runs failed; `missed`: because one was not as forecast. */
  failed(runIds: Iterable<string>, missed: boolean): void {
    this.forget(runIds);
    if (missed) this.stats.missed++;
  }
}
