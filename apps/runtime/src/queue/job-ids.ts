// Deterministic BullMQ job ids built from Postgres state, so re-enqueueing (reconciler, retries) is idempotent.
import type { StepStatus } from '../engine/rules/step-status';

/**
 * `stp_x-q1` runs queued attempt 1; `stp_x-w1-<dueMs>` resumes a wait; `stp_x-r2` re-runs a step whose worker
 * died during attempt 2. BullMQ forbids `:` in ids; ours only use `[a-z0-9_-]`.
 */
export function stepJobId(stepId: string, status: StepStatus, attempt: number, dueAt: Date | null): string {
  if (status === 'waiting') return `${stepId}-w${attempt}-${dueAt?.getTime() ?? 0}`;
  if (status === 'running') return `${stepId}-r${attempt}`;
  return `${stepId}-q${attempt}`;
}
