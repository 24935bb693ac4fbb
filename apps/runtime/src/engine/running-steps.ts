// The attempts executing in this process, so that cancelling a run ends them (not only discards their outcome).
import { NonRetriableError } from '@sluice/shared';

/** What an executing attempt offers to be ended with (StepContext). */
export interface Abortable {
  readonly runId: string;
  abort(reason: Error): void;
}

/** The error an attempt of a cancelled run is ended with (its outcome is discarded: the step is `cancelled`). */
export class RunCancelledError extends NonRetriableError {
  constructor(runId: string) {
    super(`run ${runId} was cancelled`, { runId }, 'RunCancelled');
  }
}

/**
 * Keyed by step id (one Map write per attempt on the hot path); cancelling walks them, which is rare. An attempt is
 * added when it starts and removed when it ends, whatever its outcome.
 */
export class RunningSteps {
  private readonly byStep = new Map<string, Abortable>();

  add(stepId: string, attempt: Abortable): void {
    this.byStep.set(stepId, attempt);
  }

  delete(stepId: string, attempt: Abortable): void {
    if (this.byStep.get(stepId) === attempt) this.byStep.delete(stepId);
  }

  /** Ends every attempt of `runId` executing here; returns how many there were. */
  abortRun(runId: string): number {
    let n = 0;
    for (const attempt of this.byStep.values()) {
      if (attempt.runId !== runId) continue;
      attempt.abort(new RunCancelledError(runId));
      n++;
    }
    return n;
  }

  get size(): number {
    return this.byStep.size;
  }
}
