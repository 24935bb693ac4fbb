// startRun: commits a new run with its trigger step and the queued steps it feeds, or finds the duplicate.
import { newId, type StepErrorInfo } from '@sluice/shared';
import { and, eq } from 'drizzle-orm';
import { runs, steps } from '../db/schema';
import type { Work } from './group-committer';
import type { ChainPlan } from './plan-chain';
import { recordStepTransition } from './record-step';
import type { FlowGraph } from './rules/flow-graph';
import type { StepStatus } from './rules/step-status';
import { recordRunTransition, settleRun } from './settle-run';
import type { NewStep } from './step-records';
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
 * Inserts the run (`ON CONFLICT DO NOTHING` on the idempotency key), its trigger step as succeeded with the
 * payload as output, and a queued step for each node the trigger feeds, plus their jobs (after commit).
 * Guarantee: once this commits the run cannot be lost; a duplicate key never creates a second run.
 */
export function startRun(
  input: StartRunInput,
  now: Date,
  first?: { runId: string; plan: ChainPlan },
): Work<StartedRun> {
  return async (tx, fx) => {
    const runId = first?.runId ?? newId('run');
    const inserted = await tx
      .insert(runs)
      .values({
        id: runId,
        flowId: input.flowId,
        flowVersion: input.version,
        triggerNodeId: input.triggerNodeId,
        triggerType: input.triggerType,
        payload: input.payload ?? null,
        status: 'queued',
        idempotencyKey: input.idempotencyKey ?? null,
        replayOf: input.replayOf ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: runs.id });
    if (inserted.length === 0 && input.idempotencyKey) {
      const [first] = await tx
        .select({ id: runs.id })
        .from(runs)
        .where(and(eq(runs.flowId, input.flowId), eq(runs.idempotencyKey, input.idempotencyKey)));
      if (first) return { runId: first.id, duplicate: true };
    }
    const ref = { runId, flowId: input.flowId, version: input.version };
    const iso = now.toISOString();
    const trigger: NewStep = {
      id: newId('stp'),
      runId,
      nodeId: input.triggerNodeId,
      status: 'succeeded',
      attempt: 1,
      input: input.payload ?? null,
      output: input.payload ?? null,
      ports: ['out'],
      attempts: [{ attempt: 1, startedAt: iso, endedAt: iso }],
      createdAt: now,
      startedAt: now,
      endedAt: now,
      updatedAt: now,
    };
    // With a plan, the pure steps after the trigger already ran (in memory) and their successors are queued.
    const next: NewStep[] =
      first?.plan.rows ??
      input.graph
        .successors(input.triggerNodeId, ['out'])
        .map((n) => queuedRow(runId, n, input.payload ?? null, now));
    await tx.insert(steps).values([trigger, ...next]);
    recordRunTransition(fx, {
      runId,
      flowId: input.flowId,
      from: null,
      to: 'queued',
      at: now,
      actor: input.actor,
      data: { version: input.version, trigger: input.triggerType, replayOf: input.replayOf ?? undefined },
    });
    const created = fx.events.at(-1);
    if (created?.type === 'run') created.trigger = input.triggerType;
    for (const row of next) {
      const status = row.status as StepStatus;
      const attempt = row.attempt ?? 0;
      recordStepTransition(fx, {
        ...ref,
        stepId: row.id as string,
        nodeId: row.nodeId,
        status,
        attempt,
        at: now,
        actor: input.actor,
        dueAt: row.dueAt,
      });
      const job = first ? undefined : jobFor(ref, row.id as string, status, attempt, null);
      if (job) fx.jobs.push(job);
    }
    if (first) fx.jobs.push(...first.plan.jobs);
    const active = next.some(
      (r) => r.status === 'queued' || r.status === 'running' || r.status === 'waiting',
    );
    if (!active) {
      const failed = next.find((r) => r.status === 'failed' && !r.ports);
      const failure = failed
        ? { nodeId: failed.nodeId, stepId: failed.id as string, error: failed.error as StepErrorInfo }
        : undefined;
      await settleRun(tx, fx, { runId, knownRunning: false, now, actor: input.actor, failure });
    }
    return { runId, duplicate: false };
  };
}
