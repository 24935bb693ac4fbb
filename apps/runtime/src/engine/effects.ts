// What a transaction asks to happen once it has committed: audit rows (written inside it), jobs, live events.
import type { AuditInput } from '../audit';
import type { RunStatus } from './rules/run-status';
import type { StepStatus } from './rules/step-status';

/** A BullMQ job that executes (or resumes) one step; `jobId` is deterministic, so adding it twice is harmless. */
export interface StepJob {
  jobId: string;
  stepId: string;
  runId: string;
  flowId: string;
  version: number;
  /** Run no earlier than this (delays, retry backoff). */
  dueAt?: Date | null;
}

/** A transition shown to live subscribers (SSE). */
export type RunEvent =
  | { type: 'run'; runId: string; flowId: string; status: RunStatus; at: string; trigger?: string }
  | {
      type: 'step';
      runId: string;
      flowId: string;
      stepId: string;
      nodeId: string;
      status: StepStatus;
      attempt: number;
      at: string;
      dueAt?: string | null;
    };

export interface Effects {
  audit: AuditInput[];
  jobs: StepJob[];
  events: RunEvent[];
  /** Metrics and other bookkeeping to run once committed. */
  after: Array<() => void>;
}

export const emptyEffects = (): Effects => ({ audit: [], jobs: [], events: [], after: [] });
