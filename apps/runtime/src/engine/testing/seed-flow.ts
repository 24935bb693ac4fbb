// Test support: stores a flow document as a published version (flows, flow_versions, webhook_routes) directly.
import { type FlowDocumentInput, FlowDocumentSchema, newId } from '@sluice/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { flows, flowVersions, webhookRoutes } from '../../db/schema';

/** Adds version `latest + 1` of `flowId` (or a new flow) and publishes it, routing its webhook paths to it. */
export async function publishFlow(
  db: Db,
  input: FlowDocumentInput,
  flowId?: string,
): Promise<{ flowId: string; version: number }> {
  const doc = FlowDocumentSchema.parse(input);
  const id = flowId ?? newId('flw');
  const [existing] = await db.select().from(flows).where(eq(flows.id, id));
  const version = (existing?.latestVersion ?? 0) + 1;
  if (existing)
    await db.update(flows).set({ latestVersion: version, publishedVersion: version }).where(eq(flows.id, id));
  else
    await db.insert(flows).values({ id, name: doc.name, latestVersion: version, publishedVersion: version });
  await db
    .insert(flowVersions)
    .values({ flowId: id, version, document: { ...doc, id, version }, publishedAt: new Date() });
  for (const n of doc.nodes.filter((n) => n.type === 'trigger.webhook')) {
    const path = String(n.config.path);
    await db
      .insert(webhookRoutes)
      .values({ path, flowId: id, version, nodeId: n.id })
      .onConflictDoUpdate({ target: webhookRoutes.path, set: { flowId: id, version, nodeId: n.id } });
  }
  return { flowId: id, version };
}
