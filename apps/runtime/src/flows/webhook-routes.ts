// The webhook_routes table: which published flow version answers POST /webhooks/:path.
import { type FlowDocument, WEBHOOK_TRIGGER_TYPE, withFields } from '@sluice/shared';
import { eq } from 'drizzle-orm';
import { webhookRoutes } from '../db/schema';
import type { Tx } from './flows-deps';

/** Every published webhook path and the flow that owns it (for validateFlow's duplicate check). */
export async function publishedWebhookPaths(tx: Tx): Promise<Map<string, string>> {
  const rows = await tx
    .select({ path: webhookRoutes.path, flowId: webhookRoutes.flowId })
    .from(webhookRoutes);
  return new Map(rows.map((r) => [r.path, r.flowId]));
}

/** The webhook triggers of a (valid) document: path and node id. */
export function webhookTriggers(doc: FlowDocument): Array<{ path: string; nodeId: string }> {
  return doc.nodes
    .filter((n) => n.type === WEBHOOK_TRIGGER_TYPE && typeof n.config.path === 'string')
    .map((n) => ({ path: n.config.path as string, nodeId: n.id }));
}

/** Points the flow's webhook paths at `version`, dropping paths the new version no longer has. */
export async function replaceWebhookRoutes(tx: Tx, flowId: string, version: number, doc: FlowDocument) {
  await removeWebhookRoutes(tx, flowId);
  const rows = webhookTriggers(doc).map((t) => withFields(t, { flowId, version }));
  if (rows.length) await tx.insert(webhookRoutes).values(rows);
}

export async function removeWebhookRoutes(tx: Tx, flowId: string) {
  await tx.delete(webhookRoutes).where(eq(webhookRoutes.flowId, flowId));
}
