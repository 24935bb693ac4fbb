// Replay and manual starts: resolve the version to use, then commit through the engine's transitions.
import { and, eq, gte, lte } from 'drizzle-orm';
import { runs } from '../db/schema';
import type { Engine } from './engine';
import { replayFailed } from './replay-failed';
import type { RunStatus } from './rules/run-status';
import { decideReplay, type ReplayFrom } from './rules/transitions';

export type VersionChoice = 'original' | 'current';

/** A replay or start refused: `code` maps to the HTTP status in the route. */
export class ReplayError extends Error {
  constructor(
    readonly code: 'not_found' | 'run_active' | 'nothing_to_replay' | 'not_published' | 'node_missing',
    message: string,
  ) {
    super(message);
    this.name = 'ReplayError';
  }
}

async function versionFor(engine: Engine, flowId: string, original: number, choice: VersionChoice) {
  const version = choice === 'original' ? original : await engine.flows.publishedVersion(flowId);
  if (version == null) throw new ReplayError('not_published', `flow ${flowId} has no published version`);
  const graph = await engine.flows.get(flowId, version);
  if (!graph) throw new ReplayError('not_found', `flow ${flowId} version ${version} not found`);
  return { version, graph };
}

/**
 * `from: 'failed'` re-queues the failed steps of the same run (returns its id); `from: 'start'` commits a new run
 * with the original payload, linked by `replay_of`. Either way on the original or the current published version.
 */
export async function replayRun(
  engine: Engine,
  runId: string,
  from: ReplayFrom,
  choice: VersionChoice,
  actor: string,
): Promise<string> {
  const [run] = await engine.o.db.select().from(runs).where(eq(runs.id, runId));
  if (!run) throw new ReplayError('not_found', `run ${runId} not found`);
  const decision = decideReplay(run.status as RunStatus, from);
  if (!decision.ok) throw new ReplayError(decision.code, decision.message);
  const { version, graph } = await versionFor(engine, run.flowId, run.flowVersion, choice);
  if (from === 'failed') {
    const result = await engine.committer.submit(
      runId,
      replayFailed({ runId, version, graph, actor }, engine.now()),
    );
    if (!result.ok) throw new ReplayError(result.code, result.message);
    return runId;
  }
  const trigger = graph.node(run.triggerNodeId);
  if (!trigger)
    throw new ReplayError('node_missing', `trigger "${run.triggerNodeId}" is not in version ${version}`);
  const started = await engine.startRun({
    flowId: run.flowId,
    version,
    graph,
    triggerNodeId: trigger.id,
    triggerType: trigger.type,
    payload: run.payload,
    replayOf: run.id,
    actor,
  });
  return started.runId;
}

export interface BulkReplay {
  flowId: string;
  status: 'failed';
  since: Date;
  until: Date;
  from: ReplayFrom;
  version: VersionChoice;
}

/** Replays every matching run (the day a consumer was down); runs that cannot be replayed are skipped. */
export async function replayMany(engine: Engine, q: BulkReplay, actor: string): Promise<string[]> {
  const matching = await engine.o.db
    .select({ id: runs.id })
    .from(runs)
    .where(
      and(
        eq(runs.flowId, q.flowId),
        eq(runs.status, q.status),
        gte(runs.createdAt, q.since),
        lte(runs.createdAt, q.until),
      ),
    )
    .limit(10_000);
  const ids: string[] = [];
  for (const r of matching) {
    try {
      ids.push(await replayRun(engine, r.id, q.from, q.version, actor));
    } catch (err) {
      if (!(err instanceof ReplayError)) throw err;
    }
  }
  return ids;
}

/** Starts a run of a flow by hand (`trigger.manual`, else its first trigger) on its published or a given version. */
export async function startManualRun(
  engine: Engine,
  flowId: string,
  payload: unknown,
  actor: string,
  version?: number,
) {
  const v = version ?? (await engine.flows.publishedVersion(flowId));
  if (v == null)
    throw new ReplayError(
      'not_published',
      `flow ${flowId} has no published version; publish it or pass ?version=`,
    );
  const graph = await engine.flows.get(flowId, v);
  if (!graph) throw new ReplayError('not_found', `flow ${flowId} version ${v} not found`);
  const trigger =
    graph.doc.nodes.find((n) => n.type === 'trigger.manual') ??
    graph.doc.nodes.find((n) => n.type.startsWith('trigger.'));
  if (!trigger) throw new ReplayError('node_missing', `flow ${flowId} version ${v} has no trigger`);
  return engine.startRun({
    flowId,
    version: v,
    graph,
    triggerNodeId: trigger.id,
    triggerType: 'trigger.manual',
    payload,
    actor,
  });
}
