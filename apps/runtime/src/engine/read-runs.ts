// Reads runs for the API: newest-first pages with an id cursor, and one run with all its steps.
import { withFields } from '@sluice/shared';
import { and, asc, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { runs, steps } from '../db/schema';
import { type InlineStep, inlineStepRow } from './inline-steps';
import { handoffStepRow, type RunHandoff } from './run-handoffs';

export interface RunListQuery {
  flowId?: string;
  status?: string;
  limit: number;
  cursor?: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type RunRow = typeof runs.$inferSelect;
type StepRow = typeof steps.$inferSelect;

export function runView(r: RunRow) {
  return {
    id: r.id,
    flowId: r.flowId,
    flowVersion: r.flowVersion,
    triggerNodeId: r.triggerNodeId,
    triggerType: r.triggerType,
    status: r.status,
    idempotencyKey: r.idempotencyKey,
    replayOf: r.replayOf,
    error: r.error ?? null,
    createdAt: r.createdAt.toISOString(),
    startedAt: iso(r.startedAt),
    endedAt: iso(r.endedAt),
  };
}

export function stepView(s: StepRow) {
  return {
    id: s.id,
    nodeId: s.nodeId,
    status: s.status,
    attempt: s.attempt,
    input: s.input ?? null,
    output: s.output ?? null,
    ports: (s.ports as string[] | null) ?? null,
    error: (s.error as never) ?? null,
    logs: s.logs as never[],
    attempts: s.attempts as never[],
    dueAt: iso(s.dueAt),
    createdAt: s.createdAt.toISOString(),
    startedAt: iso(s.startedAt),
    endedAt: iso(s.endedAt),
  };
}

/**
 * The trigger's step of a run, made from the run row (startRun stores none: it would repeat the run). Its id is the
 * run's with the step prefix. Succeeded at the run's creation, the payload as its input and output.
 */
export function triggerStepView(r: RunRow): ReturnType<typeof stepView> {
  const at = r.createdAt.toISOString();
  const payload = r.payload ?? null;
  return {
    id: `stp_${r.id.replace(/^run_/, '')}`,
    nodeId: r.triggerNodeId,
    status: 'succeeded',
    attempt: 1,
    input: payload,
    output: payload,
    ports: ['out'],
    error: null as never,
    logs: [],
    attempts: [{ attempt: 1, startedAt: at, endedAt: at }] as never[],
    dueAt: null,
    createdAt: at,
    startedAt: at,
    endedAt: at,
  };
}

/** Run ids sort by creation time, so the id is the cursor: the next page holds ids below it. */
export async function listRuns(db: Db, q: RunListQuery) {
  const where: SQL[] = [];
  if (q.flowId) where.push(eq(runs.flowId, q.flowId));
  if (q.status) where.push(eq(runs.status, q.status));
  if (q.cursor) where.push(lt(runs.id, q.cursor));
  const rows = await db
    .select()
    .from(runs)
    .where(and(...where))
    .orderBy(desc(runs.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return { runs: page.map(runView), nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null };
}

export async function getRunDetail(db: Db, runId: string) {
  const [run] = await db.select().from(runs).where(eq(runs.id, runId));
  if (!run) return null;
  const stored = await db
    .select()
    .from(steps)
    .where(eq(steps.runId, runId))
    .orderBy(asc(steps.createdAt), asc(steps.id));
  const inline = (run.inlineSteps as InlineStep[] | null) ?? [];
  const handoffs = (run.handoffs as RunHandoff[] | null) ?? [];
  const rows =
    inline.length === 0 && handoffs.length === 0
      ? stored
      : [
          ...inline.map((s) => inlineStepRow(run.id, run.payload ?? null, s)),
          ...handoffs.map((h) => handoffStepRow(run, h)),
          ...stored,
        ];
  // Steps created in one transaction share a time: the trigger first, then by start time.
  const ordered = rows.sort(
    (a, b) =>
      a.createdAt.getTime() - b.createdAt.getTime() ||
      Number(b.nodeId === run.triggerNodeId) - Number(a.nodeId === run.triggerNodeId) ||
      (a.startedAt?.getTime() ?? Number.MAX_SAFE_INTEGER) -
        (b.startedAt?.getTime() ?? Number.MAX_SAFE_INTEGER),
  );
  const views = ordered.map(stepView);
  // Runs started before the trigger step stopped being stored have it among their rows.
  if (!rows.some((s) => s.nodeId === run.triggerNodeId)) views.unshift(triggerStepView(run));
  return { run: withFields(runView(run), { payload: run.payload ?? null }), steps: views };
}
