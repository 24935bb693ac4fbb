// startRun: commits a new run with the steps its trigger leads to, or finds the duplicate.
import { newId, type StepErrorInfo } from '@sluice/shared';
import { and, eq } from 'drizzle-orm';
import { runs } from '../db/schema';
import type { NewRun } from './effects';
import type { Work } from './group-committer';
import { inlineRecord, isInlineable } from './inline-steps';
import type { ChainPlan } from './plan-chain';
import { recordStepTransition } from './record-step';
import type { FlowGraph } from './rules/flow-graph';
import type { RunStatus } from './rules/run-status';
import type { StepStatus } from './rules/step-status';
import { handoffRecord, isHandoffRow } from './run-handoffs';
import { recordRunTransition } from './settle-run';
import { isActiveRow, type NewStep } from './step-records';
import { jobFor, queuedRow } from './step-rows';

export interface StartRunInput {
  flowId: string;
  version: number;
  graph: FlowGraph;
  triggerNodeId: string;
  triggerType: string;
  payload: unknown;
  /** Same key for the same flow returns the first run (unique index on runs(flow_id, idempotency_key)). */
  idempotencyKey?: string | null;
  replayOf?: string | null;
  actor: string;
}

export interface StartedRun {
  runId: string;
  /** True when the idempotency key matched an existing run, which is returned instead. */
  duplicate: boolean;
}

/**
 * Writes the run and the steps that follow its trigger: with `first`,
 * the rows of the pure steps already executed and the queued effectful ones; without, a queued step per node the
 * trigger feeds. A run with a key is inserted at once (`ON CONFLICT DO NOTHING`: a duplicate returns the first
 * run); other rows go to the batch's multi-row inserts. A run with nothing left to do is stored already ended.
 * The trigger's own step is not stored: it is the run row itself (node, payload, time), and getRunDetail shows it
 * (a stored copy cost a step row per run: 1.13x runs/s in bench/e2e without it). Runs from before keep theirs.
 * Nor are the pure steps of the plan that succeeded: the run row keeps them (inline-steps.ts).
 * Guarantee: once this commits the run cannot be lost; a duplicate key never creates a second run.
 */
export function startRun(
  input: StartRunInput,
  now: Date,
  /** `handoffsInRun`: the plan's hand-offs go into the run row (run-handoffs.ts), not step rows. */
  first?: { runId: string; plan: ChainPlan; handoffsInRun?: boolean },
): Work<StartedRun> {
  return async (tx, fx) => {
    const runId = first?.runId ?? newId('run');
    const payload = input.payload ?? null;
    const next: NewStep[] =
      first?.plan.rows ??
      input.graph.successors(input.triggerNodeId, ['out']).map((n) => queuedRow(runId, n, payload, now));
    // The succeeded pure steps of the start's plan go into the run row (inline-steps.ts), the rest into step rows.
    const inline: NewStep[] = [];
    const handoffs: NewStep[] = [];
    const stored: NewStep[] = [];
    for (const row of next) {
      if (first && isInlineable(row)) inline.push(row);
      else if (first?.handoffsInRun && isHandoffRow(row)) handoffs.push(row);
      else stored.push(row);
    }
    const lease = handoffs[0];
    const failed = next.find((r) => r.status === 'failed' && !r.ports);
    const ended: RunStatus | null = next.some(isActiveRow) ? null : failed ? 'failed' : 'succeeded';
    const run: NewRun = {
      id: runId,
      flowId: input.flowId,
      flowVersion: input.version,
      triggerNodeId: input.triggerNodeId,
      triggerType: input.triggerType,
      payload,
      inlineSteps: inline.length > 0 ? inline.map((r) => inlineRecord(r, payload)) : null,
      handoffs: lease ? handoffs.map((r) => handoffRecord(r, payload)) : null,
      lockedBy: lease?.lockedBy ?? null,
      lockedUntil: lease?.lockedUntil ?? null,
      status: ended ?? 'queued',
      idempotencyKey: input.idempotencyKey ?? null,
      replayOf: input.replayOf ?? null,
      error: failed
        ? { nodeId: failed.nodeId, stepId: failed.id, error: failed.error as StepErrorInfo }
        : null,
      createdAt: now,
      startedAt: ended ? now : null,
      endedAt: ended ? now : null,
      updatedAt: now,
    };
    if (input.idempotencyKey) {
      const inserted = await tx.insert(runs).values(run).onConflictDoNothing().returning({ id: runs.id });
      if (inserted.length === 0) {
        const [existing] = await tx
          .select({ id: runs.id })
          .from(runs)
          .where(and(eq(runs.flowId, input.flowId), eq(runs.idempotencyKey, input.idempotencyKey)));
        if (existing) return { runId: existing.id, duplicate: true };
      }
    } else {
      fx.runs.push(run);
    }
    fx.steps.push(...stored);

    const ref = { runId, flowId: input.flowId, version: input.version };
    // No `undefined` values: audit data that is plain JSON is hashed as is, anything else goes through a JSON round trip.
    const data: Record<string, unknown> = { version: input.version, trigger: input.triggerType };
    if (input.replayOf) data.replayOf = input.replayOf;
    recordRunTransition(fx, {
      runId,
      flowId: input.flowId,
      from: null,
      to: 'queued',
      at: now,
      actor: input.actor,
      data,
    });
    const created = fx.events.at(-1);
    if (created?.type === 'run') created.trigger = input.triggerType;
    for (const row of next) {
      const status = row.status as StepStatus;
      const attempt = row.attempt ?? 0;
      const stepId = row.id as string;
      recordStepTransition(fx, {
        runId,
        flowId: input.flowId,
        stepId,
        nodeId: row.nodeId,
        status,
        attempt,
        at: now,
        actor: input.actor,
        dueAt: row.dueAt,
      });
      const job = first ? undefined : jobFor(ref, stepId, status, attempt, null);
      if (job) fx.jobs.push(job);
    }
    if (first) fx.jobs.push(...first.plan.jobs);
    if (ended)
      recordRunTransition(fx, {
        runId,
        flowId: input.flowId,
        from: 'queued',
        to: ended,
        at: now,
        actor: input.actor,
      });
    return { runId, duplicate: false };
  };
}
