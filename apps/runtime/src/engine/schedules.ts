// trigger.schedule: BullMQ job schedulers registered on publish, removed on unpublish/delete, each tick a run.
import { scheduleTrigger } from '@sluice/nodes';
import type { FlowDocument } from '@sluice/shared';
import { and, isNotNull, isNull } from 'drizzle-orm';
import { flows } from '../db/schema';
import type { FlowHooks } from '../flows/flow-hooks';
import type { ScheduleJobData, StepQueue } from '../queue/step-queue';
import type { Engine } from './engine';

const schedulerId = (flowId: string, nodeId: string) => `sch-${flowId}-${nodeId}`;

/**
 * Makes the flow's schedulers one per `trigger.schedule` node of `doc` (cron + time zone); with `replace`, removes
 * the ones of nodes that are gone first.
 */
export async function registerSchedules(
  queue: StepQueue,
  flowId: string,
  doc: FlowDocument,
  replace = true,
): Promise<number> {
  if (replace) await removeSchedules(queue, flowId);
  const nodes = doc.nodes.filter((n) => n.type === scheduleTrigger.type);
  for (const n of nodes) {
    const config = scheduleTrigger.config.parse(n.config);
    const data: ScheduleJobData = { flowId, nodeId: n.id };
    await queue.queue.upsertJobScheduler(
      schedulerId(flowId, n.id),
      { pattern: config.cron, tz: config.timezone },
      { name: 'schedule', data },
    );
  }
  return nodes.length;
}

export async function removeSchedules(queue: StepQueue, flowId: string): Promise<void> {
  const prefix = schedulerId(flowId, '');
  for (let start = 0; ; start += 500) {
    const page = await queue.queue.getJobSchedulers(start, start + 499);
    for (const s of page) if (s.key.startsWith(prefix)) await queue.queue.removeJobScheduler(s.key);
    if (page.length < 500) return;
  }
}

/** One tick: a run of the flow's published version from the schedule node, with the node's configured payload. */
export async function runSchedule(engine: Engine, data: ScheduleJobData): Promise<void> {
  const version = await engine.flows.publishedVersion(data.flowId);
  if (version == null) return;
  const graph = await engine.flows.get(data.flowId, version);
  const node = graph?.node(data.nodeId);
  if (!graph || node?.type !== scheduleTrigger.type) return;
  const payload = scheduleTrigger.config.parse(node.config).payload;
  await engine.startRun({
    flowId: data.flowId,
    version,
    graph,
    triggerNodeId: node.id,
    triggerType: node.type,
    payload,
    actor: 'schedule',
  });
}

/** The hooks the flows service calls on publish and unpublish/delete. */
export function scheduleHooks(queue: StepQueue): FlowHooks {
  return {
    published: async (flowId, _version, doc) => {
      await registerSchedules(queue, flowId, doc);
    },
    unpublished: (flowId) => removeSchedules(queue, flowId),
  };
}

/**
 * Re-registers the schedulers of every published flow from Postgres: job schedulers live in Redis only, so this
 * brings them back after a flush and covers flows published while no hook was listening; schedulers of flows no
 * longer published are removed.
 */
export async function reconcileSchedules(engine: Engine): Promise<number> {
  const published = await engine.o.db
    .select({ id: flows.id, version: flows.publishedVersion })
    .from(flows)
    .where(and(isNotNull(flows.publishedVersion), isNull(flows.deletedAt)));
  const live = new Set(published.map((f) => f.id));
  for (const s of await engine.o.queue.queue.getJobSchedulers(0, 9999)) {
    // `sch-<flowId>-<nodeId>`: flow ids have no `-`. A scheduler of a flow no longer published is an orphan.
    const flowId = s.key.startsWith('sch-') ? s.key.slice(4).split('-')[0] : undefined;
    if (flowId && !live.has(flowId)) await engine.o.queue.queue.removeJobScheduler(s.key);
  }
  let n = 0;
  for (const f of published) {
    const graph = f.version == null ? undefined : await engine.flows.get(f.id, f.version);
    if (graph?.doc.nodes.some((node) => node.type === scheduleTrigger.type)) {
      n += await registerSchedules(engine.o.queue, f.id, graph.doc, false);
    }
  }
  return n;
}
