// startRun: commits a new run with its trigger step and the queued steps it feeds, or finds the duplicate.
import { newId } from '@sluice/shared';
import { and, eq } from 'drizzle-orm';
import { runs, steps } from '../db/schema';
import type { Work } from './group-committer';
import { recordStepTransition } from './record-step';
import type { FlowGraph } from './rules/flow-graph';
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
export function startRun(input: StartRunInput, now: Date): Work<StartedRun> {
  return async (tx, fx) => {
    const runId = newId('run');
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
    const next = input.graph
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
      recordStepTransition(fx, {
        ...ref,
        stepId: row.id as string,
        nodeId: row.nodeId,
        status: 'queued',
        attempt: 0,
        at: now,
        actor: input.actor,
      });
      const job = jobFor(ref, row.id as string, 'queued', 0, null);
      if (job) fx.jobs.push(job);
    }
    if (next.length === 0) await settleRun(tx, fx, { runId, knownRunning: false, now, actor: input.actor });
    return { runId, duplicate: false };
  };
}
