// What a transaction asks to happen once it has committed: audit rows (written inside it), jobs, live events.
import type { AuditInput } from '../audit';
import type { runs } from '../db/schema';
import type { RunStatus } from './rules/run-status';
import type { StepStatus } from './rules/step-status';
import type { NewStep } from './step-records';

export type NewRun = typeof runs.$inferInsert;

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
  /** Rows written once per batch, at its end, in multi-row statements (deferred-writes.ts). */
  runs: NewRun[];
  steps: NewStep[];
  /** Runs to move from queued/waiting to running because one of their steps was claimed. */
  startedRuns: Array<{ runId: string; flowId: string; at: Date; actor: string }>;
}

export const emptyEffects = (): Effects => ({
  audit: [],
  jobs: [],
  events: [],
  after: [],
  runs: [],
  steps: [],
  startedRuns: [],
});
