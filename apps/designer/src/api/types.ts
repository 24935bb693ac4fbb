// Shapes of the public API (ARCHITECTURE.md section 8) as the designer reads them; tolerant of extra fields.
export type { FlowDetail as FlowRecord, FlowStatus, FlowSummary, FlowVersionInfo } from '@sluice/shared';

export interface ValidationIssue {
  code: string;
  message: string;
  path?: (string | number)[];
  nodeId?: string;
}

export type RunStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
export type StepStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface RunSummary {
  id: string;
  flowId: string;
  flowVersion?: number;
  status: RunStatus;
  trigger?: string;
  triggerType?: string;
  createdAt?: string;
  startedAt?: string | null;
  endedAt?: string | null;
  replayOf?: string | null;
  error?: unknown;
}

export interface StepError {
  code?: string;
  message: string;
  [key: string]: unknown;
}

export interface StepLog {
  at?: string;
  message?: string;
  data?: unknown;
}

export interface StepAttempt {
  attempt: number;
  startedAt: string;
  endedAt?: string;
  error?: StepError;
  nextRetryAt?: string;
}

export interface StepRecord {
  id?: string;
  nodeId: string;
  status: StepStatus;
  attempt: number;
  input?: unknown;
  output?: unknown;
  port?: string | null;
  ports?: string[] | null;
  error?: StepError | null;
  logs?: (StepLog | string)[];
  attempts?: StepAttempt[];
  /** When a waiting step (delay, retry backoff) is due. */
  dueAt?: string | null;
  startedAt?: string | null;
  endedAt?: string | null;
}

export interface RunDetail {
  run: RunSummary;
  steps: StepRecord[];
}

export interface SnippetDiagnostic {
  message: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  start?: number;
  length?: number;
  severity?: 'error' | 'warning' | 'info' | string;
  code?: number | string;
}

export interface SnippetTestResult {
  output?: unknown;
  logs?: (StepLog | string)[];
  durationMs?: number;
  error?: { code?: string; message: string };
}
