// After a step ran: execute the pure steps it leads to in memory, and decide how each effectful successor starts.
import { newId } from '@sluice/shared';
import type { StepJob } from './effects';
import { type ExecuteDeps, type Execution, executeNode } from './execute-node';
import type { FlowGraph } from './rules/flow-graph';
import type { StepOutcome } from './rules/transitions';
import type { NewStep } from './step-records';
import { executedRow, handoffRow, jobFor, queuedRow, type RunRef } from './step-rows';

export interface ChainOptions {
  workerId: string;
  leaseMs: number;
  /** Pure steps one job may execute inline before the rest is queued as jobs. */
  pureLimit: number;
  /** Effectful successors this job takes over itself; the rest are queued for other workers. */
  handoffLimit: number;
}

export interface ChainPlan {
  /** Rows to insert with the commit that records the step which led to them. */
  rows: NewStep[];
  /** Rows inserted as running under this worker's lock: execute them once committed. */
  handoffs: NewStep[];
  jobs: StepJob[];
  /** Executions of the inline pure steps, for metrics. */
  executions: Execution[];
}

const next = (o: StepOutcome) =>
  o.kind === 'succeeded' || o.kind === 'routed' ? { ports: o.ports, output: o.output } : null;

/**
 * Expands what follows `outcome` of `nodeId`: pure successors run now (their outcomes become rows), effectful
 * ones become hand-offs or queued rows. Nothing is written here; the caller commits the plan in one transaction.
 */
export async function planChain(
  deps: ExecuteDeps,
  graph: FlowGraph,
  ref: RunRef,
  nodeId: string,
  outcome: StepOutcome,
  o: ChainOptions,
): Promise<ChainPlan> {
  const plan: ChainPlan = { rows: [], handoffs: [], jobs: [], executions: [] };
  const first = next(outcome);
  if (!first) return plan;
  const frontier = graph.successors(nodeId, first.ports).map((id) => ({ nodeId: id, input: first.output }));
  let pureBudget = o.pureLimit;
  while (frontier.length > 0) {
    const item = frontier.shift() as { nodeId: string; input: unknown };
    const now = deps.now();
    if (graph.isPure(item.nodeId) && pureBudget-- > 0) {
      const stepId = newId('stp');
      const exec = await executeNode(deps, {
        graph,
        ...ref,
        stepId,
        nodeId: item.nodeId,
        attempt: 1,
        input: item.input,
      });
      const row = executedRow(stepId, ref.runId, item.nodeId, item.input, exec);
      plan.rows.push(row);
      plan.executions.push(exec);
      const job = jobFor(ref, row.id as string, row.status as 'waiting', 1, row.dueAt ?? null);
      if (job) plan.jobs.push(job);
      const n = next(exec.outcome);
      if (n)
        for (const t of graph.successors(item.nodeId, n.ports)) frontier.push({ nodeId: t, input: n.output });
    } else if (!graph.isPure(item.nodeId) && plan.handoffs.length < o.handoffLimit) {
      const row = handoffRow(ref.runId, item.nodeId, item.input, now, o.workerId, o.leaseMs);
      plan.rows.push(row);
      plan.handoffs.push(row);
    } else {
      const row = queuedRow(ref.runId, item.nodeId, item.input, now);
      plan.rows.push(row);
      plan.jobs.push(jobFor(ref, row.id as string, 'queued', 0, null) as StepJob);
    }
  }
  return plan;
}
