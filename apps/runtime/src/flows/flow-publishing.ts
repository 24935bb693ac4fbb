// Publishing: make the latest version the one webhooks and schedules run; unpublish; soft delete.
import type { FlowDetail, FlowDocument } from '@sluice/shared';
import { and, eq } from 'drizzle-orm';
import { ApiError } from '../api/api-error';
import { flows, flowVersions } from '../db/schema';
import { getFlow, publishProblems } from './flow-drafts';
import { FlowConflictError, FlowValidationError } from './flow-errors';
import type { FlowHooks } from './flow-hooks';
import { loadFlow, loadVersion } from './flow-queries';
import type { FlowsDeps } from './flows-deps';
import { removeWebhookRoutes, replaceWebhookRoutes } from './webhook-routes';

const isUniqueViolation = (err: unknown) =>
  /duplicate key|unique constraint/i.test(String((err as Error)?.message ?? '')) ||
  (err as { code?: string })?.code === '23505' ||
  (err as { cause?: { code?: string } })?.cause?.code === '23505';

/** Every hook's `check`, then every hook's `published` (see FlowHooks); unexpected failures answer 503. */
async function runPublishHooks(deps: FlowsDeps, id: string, version: number, doc: FlowDocument) {
  const phases = [(h: FlowHooks) => h.check, (h: FlowHooks) => h.published];
  for (const phase of phases) {
    for (const hook of deps.hooks) {
      try {
        await phase(hook)?.call(hook, id, version, doc);
      } catch (err) {
        if (err instanceof ApiError) throw err;
        deps.log.error({ err, flowId: id }, 'publish hook failed');
        throw new ApiError(
          503,
          'publish_hook_failed',
          `publishing could not finish: ${(err as Error).message}`,
        );
      }
    }
  }
}

/**
 * Publishes the latest version: it must pass validateFlow (including webhook paths of other published flows)
 * and every `published` hook (which may reject it). Guarantee: routes, published_version and the audit event
 * commit together; a concurrent save or a path taken meanwhile answers 409/400 and changes nothing.
 */
export async function publishFlow(deps: FlowsDeps, actor: string, id: string): Promise<FlowDetail> {
  const flow = await loadFlow(deps.db, id);
  const version = await loadVersion(deps.db, id, flow.latestVersion);
  const problems = await publishProblems(deps, deps.db, id, version.document);
  if (problems.length) throw new FlowValidationError(problems);
  const doc = version.document as FlowDocument;
  await runPublishHooks(deps, id, version.version, doc);
  try {
    await deps.db.transaction(async (tx) => {
      const locked = await loadFlow(tx, id, { forUpdate: true });
      if (locked.latestVersion !== version.version) {
        throw new FlowConflictError(`flow ${id} changed while publishing; publish again`);
      }
      await replaceWebhookRoutes(tx, id, version.version, doc);
      const now = new Date();
      await tx
        .update(flows)
        .set({ publishedVersion: version.version, updatedAt: now })
        .where(eq(flows.id, id));
      await tx
        .update(flowVersions)
        .set({ publishedAt: now })
        .where(and(eq(flowVersions.flowId, id), eq(flowVersions.version, version.version)));
      await deps.audit(tx, {
        actor,
        action: 'flow.published',
        flowId: id,
        data: { version: version.version },
      });
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Another flow took one of our webhook paths between the check and the commit.
    throw new FlowValidationError(await publishProblems(deps, deps.db, id, doc));
  }
  return getFlow(deps, id);
}

/** After the commit: a failing hook is logged, not reported, since the flow is already unpublished. */
async function runUnpublishedHooks(deps: FlowsDeps, id: string) {
  for (const hook of deps.hooks) {
    try {
      await hook.unpublished?.(id);
    } catch (err) {
      deps.log.error({ err, flowId: id }, 'unpublished hook failed');
    }
  }
}

/** Stops webhooks and schedules of the flow; its versions stay. Idempotent. */
export async function unpublishFlow(deps: FlowsDeps, actor: string, id: string): Promise<FlowDetail> {
  await deps.db.transaction(async (tx) => {
    const flow = await loadFlow(tx, id, { forUpdate: true });
    await removeWebhookRoutes(tx, id);
    await tx.update(flows).set({ publishedVersion: null, updatedAt: new Date() }).where(eq(flows.id, id));
    const data = { version: flow.publishedVersion };
    await deps.audit(tx, { actor, action: 'flow.unpublished', flowId: id, data });
  });
  await runUnpublishedHooks(deps, id);
  return getFlow(deps, id);
}

/** Soft delete: unpublishes and hides the flow; runs and versions stay for audit. */
export async function deleteFlow(deps: FlowsDeps, actor: string, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await loadFlow(tx, id, { forUpdate: true });
    await removeWebhookRoutes(tx, id);
    const now = new Date();
    await tx
      .update(flows)
      .set({ publishedVersion: null, deletedAt: now, updatedAt: now })
      .where(eq(flows.id, id));
    await deps.audit(tx, { actor, action: 'flow.deleted', flowId: id });
  });
  await runUnpublishedHooks(deps, id);
}
