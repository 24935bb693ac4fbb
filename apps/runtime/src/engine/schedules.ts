// trigger.schedule: BullMQ job schedulers registered on publish, removed on unpublish/delete, each tick a run.
import { scheduleTrigger } from '@sluice/nodes';
import type { FlowDocument } from '@sluice/shared';
import type { FlowHooks } from '../flows/flow-hooks';
import type { ScheduleJobData, StepQueue } from '../queue/step-queue';
import type { Engine } from './engine';

const schedulerId = (flowId: string, nodeId: string) => `sch-${flowId}-${nodeId}`;

/** Replaces the flow's schedulers with one per `trigger.schedule` node of `doc` (cron + time zone). */
export async function registerSchedules(
  queue: StepQueue,
  flowId: string,
  doc: FlowDocument,
): Promise<number> {
  await removeSchedules(queue, flowId);
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
