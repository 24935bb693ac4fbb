// Pure steps executed with a run's start, and steps that succeeded at their first attempt, kept in the run row
// instead of as step rows.
//
// A run's first transaction inserts the run and the steps its trigger leads to; the pure ones (conditions,
// transforms) have already run in memory by then. One that succeeded is final: nothing will update it, count it or
// claim it, and its input is usually the run's payload and its output that same input (a condition). Stored as a
// step row it cost a row with two index entries and a foreign-key check, and repeated the payload twice: a compact
// record in `runs.inline_steps` costs neither (bench/e2e: 1.07x runs/s for the row alone). The run detail shows
// them as steps (`inlineStepRow`, through getRunDetail); every transition is audited and published as before.
//
// An effectful step (a delivery) is a row while it runs: its lease, the guard against a second execution, the
// reconciler and cancel all work on it. If it succeeds at its first attempt, its completion deletes the row (the
// same guard: still running, still ours) and appends its record here in the run UPDATE that settles the run,
// instead of updating the row with its outcome (bench/e2e: the row's insert and update were a third of
// PostgreSQL's CPU per run). Anything else (a retry, a wait, a failure) updates the row as before: its attempts
// stay on record.
import { isoText } from '@sluice/shared';
import type { NewStep, StepRow } from './step-records';

/** What `runs.inline_steps` holds per step; a missing `input` is the run's payload, a missing `output` the input. */
export interface InlineStep {
  id: string;
  nodeId: string;
  ports: string[];
  startedAt: string;
  endedAt: string;
  input?: unknown;
  output?: unknown;
  logs?: unknown[];
}

/** A step row of the start's plan that can be kept inline: executed and succeeded (final, nothing owed). */
export const isInlineable = (row: NewStep): boolean =>
  row.status === 'succeeded' && row.startedAt instanceof Date && row.endedAt instanceof Date;

/**
 * The record kept for `row`, a succeeded step executed with the start of a run whose payload is `payload`. The
 * input and output are left out when they are the very values they default to (the same reference: what the
 * engine passed along unchanged), so the common case repeats nothing.
 */
export function inlineRecord(row: NewStep, payload: unknown): InlineStep {
  const record: InlineStep = {
    id: row.id as string,
    nodeId: row.nodeId,
    ports: (row.ports as string[] | null) ?? [],
    startedAt: isoText(row.startedAt as Date),
    endedAt: isoText(row.endedAt as Date),
  };
  if (row.input !== payload) record.input = row.input ?? null;
  if (row.output !== row.input) record.output = row.output ?? null;
  const logs = row.logs as unknown[] | undefined;
  if (logs && logs.length > 0) record.logs = logs;
  return record;
}

/** The record of a step that succeeded at its first attempt, started at `startedAt` (retired from its row). */
export function retiredRecord(
  step: { id: string; nodeId: string; input: unknown },
  startedAt: string,
  endedAt: Date,
  succeeded: { output: unknown; ports: string[] },
  logs: unknown[],
): InlineStep {
  const record: InlineStep = {
    id: step.id,
    nodeId: step.nodeId,
    ports: succeeded.ports,
    startedAt,
    endedAt: isoText(endedAt),
    input: step.input ?? null,
    output: succeeded.output ?? null,
  };
  if (logs.length > 0) record.logs = logs;
  return record;
}

/** The step row `record` stands for, as read back with its run (payload as stored). */
export function inlineStepRow(runId: string, payload: unknown, record: InlineStep): StepRow {
  const startedAt = new Date(record.startedAt);
  const endedAt = new Date(record.endedAt);
  const input = 'input' in record ? record.input : payload;
  return {
    id: record.id,
    runId,
    nodeId: record.nodeId,
    status: 'succeeded',
    attempt: 1,
    input,
    output: 'output' in record ? record.output : input,
    ports: record.ports,
    error: null,
    logs: record.logs ?? [],
    attempts: [{ attempt: 1, startedAt: record.startedAt, endedAt: record.endedAt }],
    state: null,
    dueAt: null,
    lockedBy: null,
    lockedUntil: null,
    createdAt: startedAt,
    startedAt,
    endedAt,
    updatedAt: endedAt,
  };
}
