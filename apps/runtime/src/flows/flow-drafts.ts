// Writing flows: create a flow and save new immutable draft versions; drafts may be incomplete (problems are warnings).
import { type FlowDetail, type FlowDocument, newId, validateFlow } from '@sluice/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { flows, flowVersions } from '../db/schema';
import { FlowNotFoundError } from './flow-errors';
import { loadFlow, loadVersion } from './flow-queries';
import { storedDocument, toDetail } from './flow-views';
import type { FlowsDeps, Tx } from './flows-deps';
import { publishedWebhookPaths } from './webhook-routes';

/** The problems that would block publishing `doc` now (empty when it could be published as is). */
export async function publishProblems(deps: FlowsDeps, tx: Tx, flowId: string | undefined, doc: unknown) {
  const paths = await publishedWebhookPaths(tx);
  return validateFlow(doc, { registry: deps.registry, publishedWebhookPaths: paths, flowId });
}

/** Inserts a new flow whose version 1 is `doc`, with its audit event, inside `tx`. */
export async function insertFlow(deps: FlowsDeps, tx: Tx, actor: string, doc: FlowDocument) {
  const id = newId('flw');
  const stored = storedDocument(doc, id, 1);
  const [flow] = await tx.insert(flows).values({ id, name: stored.name, latestVersion: 1 }).returning();
  const [version] = await tx
    .insert(flowVersions)
    .values({ flowId: id, version: 1, document: stored, createdBy: actor })
    .returning();
  await deps.audit(tx, {
    actor,
    action: 'flow.created',
    flowId: id,
    data: { version: 1, name: stored.name },
  });
  return { flow: flow!, version: version! };
}

/** Creates a flow whose version 1 is `doc` (schema-valid). Guarantee: flow, version and audit event commit together. */
export async function createFlow(deps: FlowsDeps, actor: string, doc: FlowDocument): Promise<FlowDetail> {
  const { flow, version } = await deps.db.transaction((tx) => insertFlow(deps, tx, actor, doc));
  return toDetail(flow, version, await publishProblems(deps, deps.db, flow.id, version.document));
}

/** Saves `doc` as the flow's next version. Earlier versions never change. Guarantee: version numbers have no gaps. */
export async function saveDraft(deps: FlowsDeps, actor: string, id: string, doc: FlowDocument) {
  const { flow, version } = await deps.db.transaction(async (tx) => {
    // The increment takes the row lock, so concurrent saves get consecutive numbers.
    const [flow] = await tx
      .update(flows)
      .set({ latestVersion: sql`${flows.latestVersion} + 1`, name: doc.name, updatedAt: new Date() })
      .where(and(eq(flows.id, id), isNull(flows.deletedAt)))
      .returning();
    if (!flow) throw new FlowNotFoundError(id);
    const stored = storedDocument(doc, id, flow.latestVersion);
    const [version] = await tx
      .insert(flowVersions)
      .values({ flowId: id, version: flow.latestVersion, document: stored, createdBy: actor })
      .returning();
    await deps.audit(tx, { actor, action: 'flow.saved', flowId: id, data: { version: flow.latestVersion } });
    return { flow, version: version! };
  });
  return toDetail(flow, version, await publishProblems(deps, deps.db, id, version.document));
}

/** One version of a flow (the latest when `version` is omitted), with its publish problems as warnings. */
export async function getFlow(deps: FlowsDeps, id: string, version?: number): Promise<FlowDetail> {
  const flow = await loadFlow(deps.db, id);
  const row = await loadVersion(deps.db, id, version ?? flow.latestVersion);
  return toDetail(flow, row, await publishProblems(deps, deps.db, id, row.document));
}
