// Test support: starts a run of a published flow as its webhook trigger (node `hook`) would.
import type { Engine } from '../engine';

export async function startWebhookRun(
  engine: Engine,
  flow: { flowId: string; version: number },
  payload: unknown,
  opts: { idempotencyKey?: string; actor?: string } = {},
) {
  const graph = await engine.flows.get(flow.flowId, flow.version);
  if (!graph) throw new Error(`flow ${flow.flowId} v${flow.version} is not stored`);
  return engine.startRun({
    flowId: flow.flowId,
    version: flow.version,
    graph,
    triggerNodeId: 'hook',
    triggerType: 'trigger.webhook',
    payload,
    idempotencyKey: opts.idempotencyKey,
    actor: opts.actor ?? 'test',
  });
}
