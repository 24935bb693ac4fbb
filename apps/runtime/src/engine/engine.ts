// The engine: applies the transition rules in Postgres through the group committer and moves work with BullMQ.
import type { NodeExecutor, SnippetRunner } from '@sluice/nodes/executors';
import { newId, withFields } from '@sluice/shared';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { steps } from '../db/schema';
import type { Logger } from '../logging/logger';
import type { Metrics } from '../metrics/metrics';
import type { StepJobData, StepQueue } from '../queue/step-queue';
import { cancelRun } from './cancel-run';
import { claimStep } from './claim-step';
import { completeStep } from './complete-step';
import { flushDeferred, sendEarlyRows } from './deferred-writes';
import type { Effects } from './effects';
import { type ExecuteDeps, type Execution, executeNode } from './execute-node';
import { FlowStore } from './flow-store';
import { GroupCommitter } from './group-committer';
import { LeaseKeeper } from './lease-keeper';
import { planChain } from './plan-chain';
import { reconcileJobs, releaseExpiredHandoffs } from './reconcile';
import type { FlowGraph } from './rules/flow-graph';
import { isRunTerminal } from './rules/run-status';
import type { WaitState } from './rules/step-status';
import type { RunEventBus } from './run-event-bus';
import { RunningSteps } from './running-steps';
import { type StartRunInput, startRun } from './start-run';
import type { AttemptRecord, LogRecord, NewStep } from './step-records';
import type { RunRef } from './step-rows';

export interface EngineOptions {
  db: Db;
  log: Logger;
  queue: StepQueue;
  metrics: Metrics;
  executors: ReadonlyMap<string, NodeExecutor>;
  bus?: RunEventBus;
  snippets?: SnippetRunner;
  /** Names this process in step locks and the audit trail. */
  workerId: string;
  /** How long a claim holds a step before another worker may take it over (renewed while executing). */
  leaseMs?: number;
  /** Pure steps chained inline per job; effectful successors a job takes over itself. */
  pureLimit?: number;
  handoffLimit?: number;
  now?: () => Date;
  /**
   * Effectful steps right after a trigger this process may execute itself, without a job (0: all go through
   * BullMQ). Worth it where a worker runs in the same process (`sluice all`).
   */
  localSteps?: number;
  /** Group-commit transactions in flight at once; 1 for PGlite (one connection). */
  maxInflight?: number;
  /** See CommitterOptions.minBatchWhenBusy. */
  minBatchWhenBusy?: number;
  /** Keep `localSteps` in their run rows while they run (run-handoffs.ts; PostgreSQL, not PGlite). */
  handoffsInRun?: boolean;
}

/** The part of a step row an execution needs. */
export interface ClaimedStep {
  id: string;
  nodeId: string;
  attempt: number;
  input: unknown;
  attempts: unknown;
  logs: unknown;
  state: unknown;
  /** A hand-off held in its run row (run-handoffs.ts), not a step row. */
  inRun?: boolean;
}

/** A step inserted already claimed by this worker (a hand-off), as the claim would have returned it. */
const claimedHandoff = (h: NewStep): ClaimedStep => ({
  id: h.id as string,
  nodeId: h.nodeId,
  attempt: h.attempt ?? 1,
  input: h.input,
  attempts: h.attempts,
  logs: [],
  state: null,
});

export class Engine {
  readonly flows: FlowStore;
  readonly committer: GroupCommitter;
  readonly now: () => Date;
  private readonly exec: ExecuteDeps;
  private readonly leaseMs: number;
  private readonly leases: LeaseKeeper;
  /** Steps executing in this process without a job (see runLocally). */
  private readonly local = new Set<Promise<void>>();
  /** Every attempt executing in this process, by step: a cancelled run's are ended (running-steps.ts). */
  private readonly running = new RunningSteps();

  constructor(readonly o: EngineOptions) {
    this.now = o.now ?? (() => new Date());
    this.leaseMs = o.leaseMs ?? 60_000;
    this.leases = new LeaseKeeper({
      db: o.db,
      log: o.log,
      workerId: o.workerId,
      leaseMs: this.leaseMs,
      now: this.now,
    });
    this.flows = new FlowStore(o.db);
    this.exec = { executors: o.executors, snippets: o.snippets, now: this.now, running: this.running };
    // A run cancelled through another process: end its attempts executing here too.
    o.bus?.onCancel((runId) => this.running.abortRun(runId));
    this.committer = new GroupCommitter({
      db: o.db,
      log: o.log,
      beforeCommit: flushDeferred,
      sendEarly: sendEarlyRows,
      maxInflight: o.maxInflight,
      minBatchWhenBusy: o.minBatchWhenBusy,
      afterCommit: (fx) => this.afterCommit(fx),
    });
  }

  /**
   * Commits a run (see start-run.ts); resolves after the commit with its id. The pure steps right after the
   * trigger (conditions, transforms) are executed first, in memory, and committed with the run: the first job
   * of the run is then its first effectful step.
   */
  async startRun(input: StartRunInput) {
    const runId = newId('run');
    const now = this.now();
    const ref = { runId, flowId: input.flowId, version: input.version };
    const trigger = { kind: 'succeeded' as const, output: input.payload ?? null, ports: ['out'] };
    const local = Math.max(0, (this.o.localSteps ?? 0) - this.local.size);
    const chain = {
      workerId: this.o.workerId,
      leaseMs: this.leaseMs,
      pureLimit: this.o.pureLimit ?? 50,
      handoffLimit: Math.min(local, this.o.handoffLimit ?? 16),
    };
    const plan = await planChain(this.exec, input.graph, ref, input.triggerNodeId, trigger, chain);
    for (const e of plan.executions) this.observe(e);
    const inRun = this.o.handoffsInRun === true;
    const started = await this.committer.submit(
      runId,
      startRun(input, now, { runId, plan, handoffsInRun: inRun }),
    );
    if (!started.duplicate) for (const h of plan.handoffs) this.runLocally(input.graph, ref, h, inRun);
    return started;
  }

  /**
   * Executes a step this process committed already claimed (a step row, or with `inRun` an entry of its run row:
   * run-handoffs.ts), without a job: no Redis round trip and no claim. If the process dies meanwhile, the lease
   * expires and the reconciler gives the step to any worker.
   */
  private runLocally(graph: FlowGraph, ref: RunRef, h: NewStep, inRun: boolean): void {
    const step = withFields(claimedHandoff(h), { inRun });
    const p: Promise<void> = this.runClaimed(graph, ref, step)
      .catch((err) =>
        this.o.log.error({ err, stepId: step.id }, 'local step failed; the reconciler will retry it'),
      )
      .finally(() => this.local.delete(p));
    this.local.add(p);
  }

  /** Processes one step job: claim in Postgres, execute, commit the outcome, continue with hand-offs. */
  async processStep(data: StepJobData): Promise<void> {
    const graph = await this.flows.get(data.flowId, data.version);
    if (!graph) {
      this.o.log.error({ job: data }, 'step job for an unknown flow version; dropped');
      return;
    }
    const claim = withFields(data, { workerId: this.o.workerId, leaseMs: this.leaseMs, now: this.now() });
    const step = await this.committer.submit(data.runId, claimStep(claim));
    if (!step) return;
    await this.runClaimed(graph, { runId: data.runId, flowId: data.flowId, version: data.version }, step);
  }

  private async runClaimed(graph: FlowGraph, ref: RunRef, step: ClaimedStep): Promise<void> {
    const wait = step.state as WaitState | null;
    const exec = await this.leases.hold(step.inRun ? { runId: ref.runId } : { stepId: step.id }, () =>
      executeNode(this.exec, {
        graph,
        ...ref,
        stepId: step.id,
        nodeId: step.nodeId,
        attempt: step.attempt,
        input: step.input,
        resumeState: wait?.kind === 'resume' ? wait.value : undefined,
      }),
    );
    const chain = {
      workerId: this.o.workerId,
      leaseMs: this.leaseMs,
      pureLimit: this.o.pureLimit ?? 50,
      handoffLimit: this.o.handoffLimit ?? 16,
    };
    const plan = await planChain(this.exec, graph, ref, step.nodeId, exec.outcome, chain);
    for (const e of [exec, ...plan.executions]) this.observe(e);
    const handoffs = await this.committer.submit(
      ref.runId,
      completeStep({
        ref,
        step: withFields(step, {
          attempts: (step.attempts ?? []) as AttemptRecord[],
          logs: (step.logs ?? []) as LogRecord[],
        }),
        exec,
        plan,
        workerId: this.o.workerId,
      }),
    );
    if (!handoffs) {
      this.o.log.warn({ stepId: step.id }, 'step lost its lease or was cancelled; outcome discarded');
      return;
    }
    await Promise.all(handoffs.map((h) => this.runClaimed(graph, ref, claimedHandoff(h))));
  }

  private observe(e: Execution): void {
    const status = e.outcome.kind;
    this.o.metrics.observeStep(e.type, status, (e.endedAt.getTime() - e.startedAt.getTime()) / 1000);
  }

  private async afterCommit(fx: Effects): Promise<void> {
    for (const e of fx.events) {
      if (e.type !== 'run') continue;
      if (e.status === 'queued' && e.trigger) this.o.metrics.countRunStarted(e.trigger);
      if (isRunTerminal(e.status)) this.o.metrics.countRunFinished(e.status);
    }
    await Promise.all([this.o.queue.enqueue(fx.jobs), this.o.bus?.publish(fx.events)]);
  }

  /** Re-creates the job of every queued, waiting or abandoned step from Postgres (after a Redis loss). */
  async reconcile(opts: { flowIds?: string[] } = {}): Promise<number> {
    const now = this.now();
    await releaseExpiredHandoffs(this.o.db, now, opts);
    return reconcileJobs(this.o.db, this.o.queue, now, opts);
  }

  /**
   * Cancels the run (see cancel-run.ts); once committed, its attempts executing in this process are ended and the
   * other processes are told to end theirs (their outcomes would be discarded anyway: the steps are `cancelled`).
   */
  async cancelRun(runId: string, actor: string) {
    const result = await this.committer.submit(runId, cancelRun(runId, actor, this.now()));
    if (result.ok) {
      this.running.abortRun(runId);
      await this.o.bus?.publishCancel(runId).catch((err) => {
        this.o.log.warn({ err, runId }, 'could not tell other processes of a cancelled run');
      });
    }
    return result;
  }

  /** Steps queued in Postgres and not yet started: the backlog back-pressure is measured on. */
  async backlog(): Promise<number> {
    const [row] = await this.o.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(steps)
      .where(eq(steps.status, 'queued'));
    return row?.n ?? 0;
  }

  /** Waits until everything submitted is committed. */
  async idle(): Promise<void> {
    while (this.local.size > 0) await Promise.all([...this.local]);
    await this.committer.idle();
  }
}
