// Webhook checks: a webhook path is used by one trigger only, in this flow and across published flows.
import type { FlowProblem } from './flow-problem';
import type { Check } from './validation-context';

/** The node type whose `config.path` is served at `/webhooks/<path>`. */
export const WEBHOOK_TRIGGER_TYPE = 'trigger.webhook';

export const checkWebhooks: Check = (ctx) => {
  const problems: FlowProblem[] = [];
  const firstUser = new Map<string, string>();
  const published = ctx.options.publishedWebhookPaths;
  for (const n of ctx.nodes) {
    if (n.type !== WEBHOOK_TRIGGER_TYPE || !n.parsed?.ok) continue;
    const path = (n.parsed.config as { path?: unknown }).path;
    if (typeof path !== 'string') continue;
    const at = ['nodes', n.index, 'config', 'path'];
    const earlier = firstUser.get(path);
    if (earlier !== undefined) {
      problems.push({
        code: 'duplicate_webhook_path',
        message: `node "${n.id}": webhook path "${path}" is already used by node "${earlier}" of this flow`,
        path: at,
        nodeId: n.id,
      });
      continue;
    }
    firstUser.set(path, n.id);
    const owner = published?.get(path);
    if (owner !== undefined && owner !== ctx.options.flowId) {
      problems.push({
        code: 'duplicate_webhook_path',
        message: `node "${n.id}": webhook path "${path}" is already used by published flow ${owner}`,
        path: at,
        nodeId: n.id,
      });
    }
  }
  return problems;
};
