// Hand-offs kept in the run row: the effectful steps a run's accepting process executes itself right after the
// commit (`sluice all`), while they run.
//
// As a step row, a hand-off cost an insert at ingest and an update (or, since session 8, a delete) at completion:
// with the completion half retired into `inline_steps`, the insert was the rest (bench/e2e: 1.156x runs/s for the
// row alone, by ablation). Kept in `runs.handoffs` under the run's own lease (`locked_by`, `locked_until`, renewed
// by the lease keeper), a hand-off keeps every guarantee of a claimed row:
// - its completion commits only if it is still in the run row and the run's lease is still this worker's (the
//   run's lock, taken by every completion anyway, returns both);
// - a success at its first attempt joins `inline_steps` (inline-steps.ts); any other outcome becomes a step row
//   with that outcome (retries, waits and failures are rows, as everywhere else);
// - if the process dies, the reconciler finds the run's expired lease (`releaseExpiredHandoffs`), writes each
//   hand-off as a `running` step row with that expired lease, and enqueues it as any step with an expired lease:
//   `claimStep` takes it over as a new attempt and closes the lost one; the late completion finds it gone;
// - a cancel writes them as cancelled step rows; the run's step count adds them as running; the run detail shows
//   them as running steps.
// PGlite keeps hand-offs as step rows (its completions go through per-item statements).
import { isoText } from '@sluice/shared';
import type { NewStep, StepRow } from './step-records';

/** What `runs.handoffs` holds per hand-off; a missing `input` is the run's payload. */
export interface RunHandoff {
  id: string;
  nodeId: string;
  startedAt: string;
  input?: unknown;
}

/** A hand-off row of a plan (`handoffRow`: running, locked by this worker) that the run row can hold instead. */
export const isHandoffRow = (row: NewStep): boolean => row.status === 'running' && !!row.lockedBy;

/** The record kept for hand-off `row` of a run whose payload is `payload` (the input left out when it is that). */
export function handoffRecord(row: NewStep, payload: unknown): RunHandoff {
  const record: RunHandoff = {
    id: row.id as string,
    nodeId: row.nodeId,
    startedAt: isoText(row.startedAt as Date),
  };
  if (row.input !== payload) record.input = row.input ?? null;
  return record;
}

/** The hand-off as the running step row it stands for (the run detail; the reconciler writes it when it expires). */
export function handoffStepRow(
  run: { id: string; payload: unknown; lockedBy: string | null; lockedUntil: Date | null },
  h: RunHandoff,
): StepRow {
  const startedAt = new Date(h.startedAt);
  return {
    id: h.id,
    runId: run.id,
    nodeId: h.nodeId,
    status: 'running',
    attempt: 1,
    input: 'input' in h ? h.input : run.payload,
    output: null,
    ports: null,
    error: null,
    logs: [],
    attempts: [{ attempt: 1, startedAt: h.startedAt }],
    state: null,
    dueAt: null,
    lockedBy: run.lockedBy,
    lockedUntil: run.lockedUntil,
    createdAt: startedAt,
    startedAt,
    endedAt: null,
    updatedAt: startedAt,
  };
}
