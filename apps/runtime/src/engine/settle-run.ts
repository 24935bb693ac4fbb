// Recomputes a run's status after its steps changed, inside the transaction that changed them.
import { isoText, type StepErrorInfo } from '@sluice/shared';
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../audit';
import { runs, steps } from '../db/schema';
import type { Effects } from './effects';
import type { InlineStep } from './inline-steps';
import { isRunTerminal, type RunStatus } from './rules/run-status';
import { nextRunStatus, type StepCounts } from './rules/transitions';
import { type LockedRun, setWriter } from './set-writes';

export interface SettleFacts {
  runId: string;
  /** True when this transaction created or kept a queued/running step: the run is running, no count needed. */
  knownRunning: boolean;
  /** Unhandled failed steps written later in this batch (deferred inserts the count cannot see yet). */
  pendingUnhandledFailed?: number;
  /** A step failure to record as the run's error (the first one wins). */
  failure?: { nodeId: string; stepId: string; error: StepErrorInfo };
  now: Date;
  actor: string;
  /** A step retired into the run row (PostgreSQL only: see inline-steps.ts). */
  inline?: InlineStep;
  /** A hand-off of the run row that ended (PostgreSQL only: see run-handoffs.ts). */
  removeHandoff?: string;
}

/**
 * Locks the run row (so concurrent branches settle one after the other and exactly one sees the last step end),
 * then moves the run to the status its steps imply. Returns the new status.
 */
export async function settleRun(
  tx: Tx,
  fx: Effects,
  f: SettleFacts,
  /** The run's lock (+ count) already sent by the caller (`lockRun`), to save it a round trip. */
  locked?: Promise<LockedRun | null>,
): Promise<RunStatus | null> {
  const writer = setWriter(tx);
  if (!writer) return settleRunByItem(tx, fx, f);
  // PostgreSQL: the lock (+ count) and the write are gathered with the other items of the batch (set-based).
  const run = await (locked ?? writer.lockRun({ runId: f.runId, count: !f.knownRunning }));
  if (!run) return null;
  const current = run.status as RunStatus;
  const counted = run.counts ?? { queued: 1, running: 0, waiting: 0, unhandledFailed: 0 };
  // The hand-offs still in the run row are running steps too.
  const handoffs = run.handoffs.filter((id) => id !== f.removeHandoff).length;
  const counts = withPending(counted, f.pendingUnhandledFailed, handoffs);
  const status = nextRunStatus(current, counts);
  // Sent, not awaited: nothing here depends on its answer; the group committer drains it before COMMIT.
  writer
    .writeRun({
      runId: f.runId,
      status,
      at: f.now,
      terminal: status !== current && isRunTerminal(status),
      error: f.failure ?? null,
      inline: f.inline ?? null,
      removeHandoff: f.removeHandoff ?? null,
    })
    .catch(() => {});
  if (status !== current) recordSettled(fx, f, run.flowId, current, status);
  return status;
}

/** One statement at a time (PGlite): the same transition as `settleRun`. */
async function settleRunByItem(tx: Tx, fx: Effects, f: SettleFacts): Promise<RunStatus | null> {
  const [run] = await tx
    .update(runs)
    .set({
      updatedAt: f.now,
      ...(f.failure ? { error: sql`coalesce(${runs.error}, ${JSON.stringify(f.failure)}::jsonb)` } : {}),
    })
    .where(eq(runs.id, f.runId))
    .returning({ status: runs.status, flowId: runs.flowId, triggerType: runs.triggerType });
  if (!run) return null;
  const current = run.status as RunStatus;
  const counted = f.knownRunning
    ? { queued: 1, running: 0, waiting: 0, unhandledFailed: 0 }
    : await countSteps(tx, f.runId);
  const counts = withPending(counted, f.pendingUnhandledFailed);
  const status = nextRunStatus(current, counts);
  if (status === current) return status;
  const terminal = isRunTerminal(status);
  await tx
    .update(runs)
    .set({
      status,
      ...(terminal ? { endedAt: f.now } : {}),
      ...(status === 'running'
        ? { startedAt: sql`coalesce(${runs.startedAt}, ${isoText(f.now)}::timestamptz)` }
        : {}),
    })
    .where(eq(runs.id, f.runId));
  recordSettled(fx, f, run.flowId, current, status);
  return status;
}

/**
 * The counts with the batch's own unhandled failures and the run row's hand-offs (running) added (a literal: see
 * withFields in @sluice/shared).
 */
const withPending = (c: StepCounts, unhandled = 0, handoffs = 0): StepCounts => ({
  queued: c.queued,
  running: c.running + handoffs,
  waiting: c.waiting,
  unhandledFailed: c.unhandledFailed + unhandled,
});

const recordSettled = (fx: Effects, f: SettleFacts, flowId: string, from: RunStatus, to: RunStatus) =>
  recordRunTransition(fx, { runId: f.runId, flowId, from, to, at: f.now, actor: f.actor });

export function recordRunTransition(
  fx: Effects,
  t: {
    runId: string;
    flowId: string;
    from: RunStatus | null;
    to: RunStatus;
    at: Date;
    actor: string;
    data?: Record<string, unknown>;
  },
): void {
  fx.audit.push({
    actor: t.actor,
    action: `run.${t.to}`,
    flowId: t.flowId,
    runId: t.runId,
    at: t.at,
    data: { from: t.from, ...t.data },
  });
  fx.events.push({ type: 'run', runId: t.runId, flowId: t.flowId, status: t.to, at: isoText(t.at) });
}

async function countSteps(tx: Tx, runId: string) {
  const n = (cond: ReturnType<typeof sql>) => sql<number>`count(*) filter (where ${cond})`.mapWith(Number);
  const [c] = await tx
    .select({
      queued: n(sql`${steps.status} = 'queued'`),
      running: n(sql`${steps.status} = 'running'`),
      waiting: n(sql`${steps.status} = 'waiting'`),
      unhandledFailed: n(
        sql`${steps.status} = 'failed' and (${steps.ports} is null or not (${steps.ports} @> '["error"]'::jsonb))`,
      ),
    })
    .from(steps)
    .where(eq(steps.runId, runId));
  return c ?? { queued: 0, running: 0, waiting: 0, unhandledFailed: 0 };
}
