// Set-based statements for the completion hot path on PostgreSQL: one statement per batch for all step outcomes,
// run locks, step counts and run updates. Fixed statement texts (rows travel as one jsonb parameter), so
// postgres-js prepares each once per connection and pipelines them.
import { isoText, stringifyJson } from '@sluice/shared';
import { getTableColumns } from 'drizzle-orm';
import type { Tx } from '../audit';
import { jsonReady, rawClientOf } from '../audit/bulk-insert';
import { steps } from '../db/schema';
import type { InlineStep } from './inline-steps';
import { gather } from './tx-gather';

type Raw = NonNullable<ReturnType<typeof rawClientOf>>;

export interface OutcomeWrite {
  stepId: string;
  workerId: string;
  /** drizzle-shaped column values (property names); undefined keys are left unchanged. */
  cols: Record<string, unknown>;
  /** Delete the row instead (a first-attempt success kept in the run row: inline-steps.ts); `cols` unused. */
  retire?: boolean;
}

export interface StepCounts {
  queued: number;
  running: number;
  waiting: number;
  unhandledFailed: number;
}

export interface RunLock {
  runId: string;
  /** Count the run's steps after its row is locked. */
  count: boolean;
}

export interface LockedRun {
  status: string;
  flowId: string;
  counts: StepCounts | null;
  /** The ids of the hand-offs the run row holds (run-handoffs.ts), and whose lease they are under. */
  handoffs: string[];
  lockedBy: string | null;
}

export interface RunWrite {
  runId: string;
  /** The run's status after this transition (unchanged runs get their own status back). */
  status: string;
  at: Date;
  terminal: boolean;
  error: unknown;
  /** A retired step's record, appended to `inline_steps`. */
  inline?: InlineStep | null;
  /** A hand-off that ended, taken out of `handoffs` (null once none is left). */
  removeHandoff?: string | null;
}

/** Named prepared statements: `unsafe` defaults to unnamed ones, parsed and described (a round trip) each time. */
const PREPARED = { prepare: true };
// KEYED: the planner guesses 100 rows for any jsonb_to_recordset, so `UPDATE t ... FROM jsonb_to_recordset(..) v
// WHERE t.id = v.id` was planned as a hash join over a sequential scan of the whole table: each batch read every
// run ever stored. The same ids passed as an array (`t.id = any($2)`) give it the primary key to start from.
// Pinned by set-writes.test.ts (the generic plan of each statement on a table of some size).

const stepColumns = Object.entries(getTableColumns(steps));

type StepColumn = (typeof stepColumns)[number][1];

/** Sets the given columns of running steps held by the worker: $1 the rows as jsonb, $2 their ids (KEYED). */
export function outcomeStatement(columns: StepColumn[]): string {
  const defs = columns.map((c) => `"${c.name}" ${c.getSQLType()}`).join(',');
  const sets = columns.map((c) => `"${c.name}" = v."${c.name}"`).join(',');
  return `update "steps" s set ${sets}, "locked_by" = null, "locked_until" = null from jsonb_to_recordset($1::jsonb) as v(step_id text, worker_id text, ${defs}) where s."id" = any($2::text[]) and s."id" = v.step_id and s."status" = 'running' and s."locked_by" = v.worker_id returning s."id"`;
}

/** Deletes running steps held by the worker (retired into their run rows): $1 the rows as jsonb, $2 their ids (KEYED). */
export const RETIRE_STEPS = `delete from "steps" s using jsonb_to_recordset($1::jsonb) as v(step_id text, worker_id text) where s."id" = any($2::text[]) and s."id" = v.step_id and s."status" = 'running' and s."locked_by" = v.worker_id returning s."id"`;

/** Run statuses and times, and retired steps' records: $1 the rows as jsonb, $2 their ids (KEYED). */
export const RUN_WRITES = `update "runs" r set "status" = v.status, "updated_at" = v.at, "error" = coalesce(r."error", v.error), "ended_at" = case when v.terminal then v.at else r."ended_at" end, "started_at" = case when v.status = 'running' then coalesce(r."started_at", v.at) else r."started_at" end, "inline_steps" = case when v.inline is null then r."inline_steps" else coalesce(r."inline_steps", '[]'::jsonb) || jsonb_build_array(v.inline) end, "handoffs" = case when v.remove_handoff is null then r."handoffs" else (select jsonb_agg(h) from jsonb_array_elements(r."handoffs") h where h->>'id' <> v.remove_handoff) end from jsonb_to_recordset($1::jsonb) as v(id text, status text, at timestamptz, terminal boolean, error jsonb, inline jsonb, remove_handoff text) where r."id" = any($2::text[]) and r."id" = v.id`;

/** Locks the runs $1 (text[]) in id order. */
export const RUN_LOCKS = `select "id", "status", "flow_id", "handoffs", "locked_by" from "runs" where "id" = any($1::text[]) order by "id" for update`;

/** The step counts of the runs $1 (text[]) by status, failed ones without a connected error port apart. */
export const STEP_COUNTS = `select "run_id", count(*) filter (where "status" = 'queued')::int as queued, count(*) filter (where "status" = 'running')::int as running, count(*) filter (where "status" = 'waiting')::int as waiting, count(*) filter (where "status" = 'failed' and ("ports" is null or not ("ports" @> '["error"]'::jsonb)))::int as unhandled_failed from "steps" where "run_id" = any($1::text[]) group by "run_id"`;

/** The raw postgres-js client of `tx`, when the set-based path applies (PostgreSQL, not PGlite). */
export function setWriter(tx: Tx): SetWriter | null {
  const raw = rawClientOf(tx);
  return raw ? new SetWriter(tx, raw) : null;
}

export class SetWriter {
  constructor(
    private readonly tx: Tx,
    private readonly raw: Raw,
  ) {}

  /** Stores the outcome if the step is still running under this worker; resolves whether it was stored. */
  recordOutcome(w: OutcomeWrite): Promise<boolean> {
    return gather(this.tx, 'step-outcomes', (items: OutcomeWrite[]) => this.flushOutcomes(items), w);
  }

  /** Locks the run row (in id order across the batch) and, if asked, counts its steps after the lock. */
  lockRun(l: RunLock): Promise<LockedRun | null> {
    return gather(this.tx, 'run-locks', (items: RunLock[]) => this.flushLocks(items), l);
  }

  /** Sets the run's status, updated time, first error, and start/end times. */
  writeRun(w: RunWrite): Promise<null> {
    return gather(this.tx, 'run-writes', (items: RunWrite[]) => this.flushRunWrites(items), w);
  }

  private async flushOutcomes(items: OutcomeWrite[]): Promise<boolean[]> {
    // One statement per set of columns given (normally one: every outcome of a kind sets the same columns), and one
    // for the retired steps; all sent before the first await, ahead of the run locks and counts.
    const groups = new Map<string, OutcomeWrite[]>();
    const retired = items.filter((w) => w.retire);
    for (const w of items) {
      if (w.retire) continue;
      const mask = stepColumns.map(([key]) => (w.cols[key] === undefined ? '0' : '1')).join('');
      groups.set(mask, [...(groups.get(mask) ?? []), w]);
    }
    const stored = new Set<string>();
    const retiring =
      retired.length === 0
        ? null
        : (this.raw.unsafe(
            RETIRE_STEPS,
            [
              JSON.stringify(retired.map((w) => ({ step_id: w.stepId, worker_id: w.workerId }))),
              retired.map((w) => w.stepId),
            ],
            PREPARED,
          ) as Promise<{ id: string }[]>);
    await Promise.all([
      retiring?.then((rows) => {
        for (const r of rows) stored.add(r.id);
      }),
      ...[...groups.values()].map(async (group) => {
        const first = group[0] as OutcomeWrite;
        const used = stepColumns.filter(([key]) => first.cols[key] !== undefined);
        const records = group.map((w) => {
          const r: Record<string, unknown> = { step_id: w.stepId, worker_id: w.workerId };
          for (const [key, c] of used) r[c.name] = jsonReady(w.cols[key]);
          return r;
        });
        const rows = (await this.raw.unsafe(
          outcomeStatement(used.map(([, c]) => c)),
          // Outputs kept as JSON text (JsonData) are copied in, not re-encoded. The ids again as an array: see KEYED.
          [stringifyJson(records), group.map((w) => w.stepId)],
          PREPARED,
        )) as { id: string }[];
        for (const r of rows) stored.add(r.id);
      }),
    ]);
    return items.map((w) => stored.has(w.stepId));
  }

  private async flushLocks(items: RunLock[]): Promise<(LockedRun | null)[]> {
    const ids = [...new Set(items.map((l) => l.runId))].sort();
    const counted = [...new Set(items.filter((l) => l.count).map((l) => l.runId))];
    // Sent together: the server runs the count after the locks are granted, with a fresh snapshot (read committed),
    // so it sees the steps committed by the transaction that held a lock before. postgres-js keeps the order.
    const locking = this.raw.unsafe(RUN_LOCKS, [ids], PREPARED) as Promise<
      {
        id: string;
        status: string;
        flow_id: string;
        handoffs: { id: string }[] | null;
        locked_by: string | null;
      }[]
    >;
    const counting =
      counted.length === 0
        ? Promise.resolve([])
        : (this.raw.unsafe(STEP_COUNTS, [counted], PREPARED) as Promise<
            { run_id: string; queued: number; running: number; waiting: number; unhandled_failed: number }[]
          >);
    const [locked, counts] = await Promise.all([locking, counting]);
    const runs = new Map(locked.map((r) => [r.id, r]));
    const byRun = new Map(counts.map((c) => [c.run_id, c]));
    return items.map((l) => {
      const run = runs.get(l.runId);
      if (!run) return null;
      const c = byRun.get(l.runId);
      return {
        status: run.status,
        flowId: run.flow_id,
        handoffs: (run.handoffs ?? []).map((h) => h.id),
        lockedBy: run.locked_by,
        counts: !l.count
          ? null
          : {
              queued: c?.queued ?? 0,
              running: c?.running ?? 0,
              waiting: c?.waiting ?? 0,
              unhandledFailed: c?.unhandled_failed ?? 0,
            },
      };
    });
  }

  private async flushRunWrites(items: RunWrite[]): Promise<null[]> {
    // A run appears once per statement (UPDATE ... FROM applies one arbitrary match per row); items of one run are
    // one after the other in a batch, so a second write of a run is rare: it goes in a later statement, in order.
    const seen = new Set<string>();
    const first: RunWrite[] = [];
    const later: RunWrite[] = [];
    for (const w of items) {
      (seen.has(w.runId) ? later : first).push(w);
      seen.add(w.runId);
    }
    if (later.length > 0) {
      // Both sent now, in order (a flush sends everything before its first await): the server runs them in order.
      await Promise.all([this.flushRunWrites(first), this.flushRunWrites(later)]);
      return items.map(() => null);
    }
    const records = items.map((w) => ({
      id: w.runId,
      status: w.status,
      at: isoText(w.at),
      terminal: w.terminal,
      error: w.error ?? null,
      inline: w.inline ?? null,
      remove_handoff: w.removeHandoff ?? null,
    }));
    await this.raw.unsafe(
      RUN_WRITES,
      [JSON.stringify(records), items.map((w) => w.runId)], // see KEYED
      PREPARED,
    );
    return items.map(() => null);
  }
}
