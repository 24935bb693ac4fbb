// /api/flows: thin handlers over the flows service (validate -> one service call -> c.json).

import { registry } from '@sluice/nodes';
import { validateFlow } from '@sluice/shared';
import { createRouter } from '../../api/router';
import { appendAudit } from '../../audit';
import { actorOf } from '../../auth/principal';
import {
  createFlow,
  deleteFlow,
  diffVersions,
  exportFlow,
  type FlowsDeps,
  getFlow,
  importFlows,
  listFlows,
  listVersions,
  publishedWebhookPaths,
  publishFlow,
  saveDraft,
  unpublishFlow,
} from '../../flows';
import type { Resources } from '../../resources';
import { importHook } from './import-hook';
import * as route from './route-defs';

export function flowsDeps(r: Resources): FlowsDeps {
  return { db: r.database.db, registry, hooks: r.flowHooks, log: r.log, audit: appendAudit };
}

/** A file name for Content-Disposition: the flow's name, lowercased, safe characters only. */
const fileName = (name: string) =>
  `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'flow'
  }.flow.json`;

export function flowsRoutes(r: Resources) {
  const deps = flowsDeps(r);
  const router = createRouter();

  router.openapi(route.createFlowRoute, async (c) => {
    const doc = c.req.valid('json');
    const flow = await createFlow(deps, actorOf(c.get('principal')), doc);
    return c.json(flow, 201);
  });
  router.openapi(route.listFlowsRoute, async (c) => c.json({ flows: await listFlows(deps.db) }, 200));
  router.openapi(route.validateFlowRoute, async (c) => {
    const paths = await publishedWebhookPaths(deps.db);
    const { flowId } = c.req.valid('query');
    const errors = validateFlow(c.req.valid('json'), { registry, publishedWebhookPaths: paths, flowId });
    return c.json({ valid: errors.length === 0, errors }, 200);
  });
  router.openapi(
    route.importFlowsRoute,
    async (c) => {
      const body = c.req.valid('json');
      const docs = 'flows' in body ? body.flows : [body];
      return c.json({ flows: await importFlows(deps, actorOf(c.get('principal')), docs) }, 201);
    },
    // The hook re-reads the body, so it is async: zod-openapi awaits hooks, its types expect a response.
    importHook as never,
  );
  router.openapi(route.getFlowRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await getFlow(deps, id, c.req.valid('query').version), 200);
  });
  router.openapi(route.saveDraftRoute, async (c) => {
    const { id } = c.req.valid('param');
    const doc = c.req.valid('json');
    return c.json(await saveDraft(deps, actorOf(c.get('principal')), id, doc), 200);
  });
  router.openapi(route.deleteFlowRoute, async (c) => {
    await deleteFlow(deps, actorOf(c.get('principal')), c.req.valid('param').id);
    return c.body(null, 204);
  });
  router.openapi(route.publishFlowRoute, async (c) => {
    const flow = await publishFlow(deps, actorOf(c.get('principal')), c.req.valid('param').id);
    return c.json(flow, 200);
  });
  router.openapi(route.unpublishFlowRoute, async (c) => {
    const flow = await unpublishFlow(deps, actorOf(c.get('principal')), c.req.valid('param').id);
    return c.json(flow, 200);
  });
  router.openapi(route.listVersionsRoute, async (c) => {
    return c.json({ versions: await listVersions(deps.db, c.req.valid('param').id) }, 200);
  });
  router.openapi(route.exportFlowRoute, async (c) => {
    const doc = await exportFlow(deps, c.req.valid('param').id, c.req.valid('query').version);
    c.header('Content-Disposition', `attachment; filename="${fileName(doc.name)}"`);
    return c.json(doc, 200);
  });
  router.openapi(route.diffFlowRoute, async (c) => {
    const { from, to } = c.req.valid('query');
    return c.json(await diffVersions(deps.db, c.req.valid('param').id, from, to), 200);
  });
  return router;
}
