// The flows service's persistence on both drivers: versions, publish with webhook routes, hooks, audit, delete.

import { registry } from '@sluice/nodes';
import type { FlowDocument } from '@sluice/shared';
import { FlowDocumentSchema } from '@sluice/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../../test/support/databases';
import { uniquePath, webhookFlow } from '../../test/support/flows';
import { appendAudit, listAudit } from '../audit';
import type { Database } from '../db/client';
import { webhookRoutes } from '../db/schema';
import { createLogger } from '../logging/logger';
import {
  createFlow,
  deleteFlow,
  exportFlow,
  type FlowHooks,
  type FlowsDeps,
  FlowValidationError,
  getFlow,
  importFlows,
  listFlows,
  listVersions,
  publishFlow,
  saveDraft,
  unpublishFlow,
} from '.';

const doc = (path = uniquePath()): FlowDocument => FlowDocumentSchema.parse(webhookFlow(path));

describe.each(drivers)('flows service on $name', ({ open }) => {
  let database: Database;
  let deps: FlowsDeps;
  const calls: string[] = [];
  const hooks: FlowHooks[] = [];
  beforeAll(async () => {
    database = await open();
    deps = { db: database.db, registry, hooks, log: createLogger('silent'), audit: appendAudit };
    hooks.push({
      published: async (id, version) => void calls.push(`published ${id} v${version}`),
      unpublished: async (id) => void calls.push(`unpublished ${id}`),
    });
  });
  afterAll(() => database.close());

  it('keeps every version immutable and numbers them without gaps', async () => {
    const created = await createFlow(deps, 'tester', doc());
    expect(created).toMatchObject({ version: 1, status: 'draft', latestVersion: 1, publishedVersion: null });
    const second = { ...doc(), name: 'renamed' };
    const saved = await saveDraft(deps, 'tester', created.id, second);
    expect(saved).toMatchObject({ version: 2, name: 'renamed', latestVersion: 2 });
    expect((await getFlow(deps, created.id, 1)).name).toBe(created.name);
    expect((await listVersions(database.db, created.id)).map((v) => [v.version, v.name])).toEqual([
      [1, created.name],
      [2, 'renamed'],
    ]);
    const summary = (await listFlows(database.db)).find((f) => f.id === created.id);
    expect(summary).toMatchObject({
      name: 'renamed',
      latestVersion: 2,
      publishedVersion: null,
      status: 'draft',
    });
  });

  it('gives concurrent saves consecutive versions', async () => {
    const { id } = await createFlow(deps, 'tester', doc());
    const saves = await Promise.all([1, 2, 3, 4].map(() => saveDraft(deps, 'tester', id, doc())));
    expect(saves.map((s) => s.version).sort()).toEqual([2, 3, 4, 5]);
  });

  it('publishes: webhook routes, hooks, audit; unpublish and delete remove them', async () => {
    const path = uniquePath();
    const { id } = await createFlow(deps, 'tester', doc(path));
    const published = await publishFlow(deps, 'tester', id);
    expect(published).toMatchObject({ status: 'published', publishedVersion: 1 });
    const routes = await database.db.select().from(webhookRoutes).where(eq(webhookRoutes.flowId, id));
    expect(routes).toEqual([{ path, flowId: id, version: 1, nodeId: 'hr' }]);
    expect(calls).toContain(`published ${id} v1`);

    await unpublishFlow(deps, 'tester', id);
    expect(await database.db.select().from(webhookRoutes).where(eq(webhookRoutes.flowId, id))).toEqual([]);
    expect(calls).toContain(`unpublished ${id}`);

    await publishFlow(deps, 'tester', id);
    await deleteFlow(deps, 'tester', id);
    expect(await database.db.select().from(webhookRoutes).where(eq(webhookRoutes.flowId, id))).toEqual([]);
    await expect(getFlow(deps, id)).rejects.toMatchObject({ status: 404 });
    const actions = (await listAudit(database.db, { flowId: id, limit: 100 })).events;
    expect(actions.map((a) => a.action)).toEqual([
      'flow.created',
      'flow.published',
      'flow.unpublished',
      'flow.published',
      'flow.deleted',
    ]);
    expect(new Set(actions.map((a) => a.actor))).toEqual(new Set(['tester']));
  });

  it('refuses to publish a webhook path another published flow owns', async () => {
    const path = uniquePath();
    const first = await createFlow(deps, 'tester', doc(path));
    await publishFlow(deps, 'tester', first.id);
    const second = await createFlow(deps, 'tester', doc(path));
    expect(second.warnings.map((w) => w.code)).toEqual(['duplicate_webhook_path']);
    const err = await publishFlow(deps, 'tester', second.id).catch((e) => e);
    expect(err).toBeInstanceOf(FlowValidationError);
    expect(err.problems).toEqual([
      expect.objectContaining({
        code: 'duplicate_webhook_path',
        path: ['nodes', 0, 'config', 'path'],
        nodeId: 'hr',
      }),
    ]);
    expect((await getFlow(deps, second.id)).publishedVersion).toBeNull();
  });

  it('lets a hook reject a publish with problems, leaving the flow unpublished', async () => {
    const { id } = await createFlow(deps, 'tester', doc());
    const problem = { code: 'bad_config' as const, message: 'snippet does not compile', path: ['nodes', 1] };
    const rejecting: FlowHooks = {
      published: async () => {
        throw new FlowValidationError([problem]);
      },
    };
    const err = await publishFlow({ ...deps, hooks: [rejecting] }, 'tester', id).catch((e) => e);
    expect(err).toBeInstanceOf(FlowValidationError);
    expect(err.problems).toEqual([problem]);
    expect((await getFlow(deps, id)).status).toBe('draft');
  });

  it('runs every check before any published hook, and answers 503 for an unexpected hook failure', async () => {
    const { id } = await createFlow(deps, 'tester', doc());
    const order: string[] = [];
    const effects: FlowHooks = { published: async () => void order.push('schedule registered') };
    const check: FlowHooks = {
      check: async () => {
        order.push('checked');
        throw new FlowValidationError([{ code: 'bad_config', message: 'no', path: ['nodes', 1] }]);
      },
    };
    await expect(publishFlow({ ...deps, hooks: [effects, check] }, 'tester', id)).rejects.toBeInstanceOf(
      FlowValidationError,
    );
    expect(order).toEqual(['checked']);
    const broken: FlowHooks = { published: () => Promise.reject(new Error('redis down')) };
    await expect(publishFlow({ ...deps, hooks: [broken] }, 'tester', id)).rejects.toMatchObject({
      status: 503,
      code: 'publish_hook_failed',
    });
    expect((await getFlow(deps, id)).publishedVersion).toBeNull();
  });

  it('imports all documents or none', async () => {
    // Counted by a name of its own: other test files add flows to the same database meanwhile.
    const name = `import ${uniquePath()}`;
    const named = () => FlowDocumentSchema.parse(webhookFlow(uniquePath(), name));
    const imported = async () => (await listFlows(database.db)).filter((f) => f.name === name);
    let calls = 0;
    const failing: FlowsDeps = {
      ...deps,
      audit: async (tx, event) => {
        if (++calls === 2) throw new Error('disk full');
        await appendAudit(tx, event);
      },
    };
    await expect(importFlows(failing, 'tester', [named(), named()])).rejects.toThrow('disk full');
    expect(await imported()).toHaveLength(0);
    const created = await importFlows(deps, 'tester', [named(), named()]);
    expect(created.map((f) => f.version)).toEqual([1, 1]);
    expect(await imported()).toHaveLength(2);
  });

  it('exports exactly the stored document', async () => {
    const input = doc();
    const { id } = await createFlow(deps, 'tester', input);
    expect(await exportFlow(deps, id)).toEqual({ ...input, id, version: 1 });
  });
});
