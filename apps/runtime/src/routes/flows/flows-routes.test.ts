// /api/flows end to end through the real app on PostgreSQL: every route, every error case, the round trip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresDatabase } from '../../../test/support/databases';
import { uniquePath, webhookFlow } from '../../../test/support/flows';
import { adminHeaders, body, testResources } from '../../../test/support/resources';
import { createApp } from '../../api/app';
import type { Database } from '../../db/client';

describe('flows routes', () => {
  let database: Database;
  let headers: Record<string, string>;
  let app: ReturnType<typeof createApp>;
  const call = (method: string, path: string, payload?: unknown) =>
    app.request(`/api${path}`, {
      method,
      headers,
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
  const create = async (doc: unknown = webhookFlow()) => body(await call('POST', '/flows', doc));

  beforeAll(async () => {
    database = await postgresDatabase();
    headers = await adminHeaders(database);
    const r = testResources(database);
    r.config.bodyLimitBytes = 64 * 1024;
    app = createApp(r);
  });
  afterAll(() => database.close());

  it('needs a bearer token', async () => {
    expect((await app.request('/api/flows')).status).toBe(401);
    expect((await app.request('/api/flows', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await call('GET', '/flows')).status).toBe(200);
  });

  it('creates a draft (201) and lists it', async () => {
    const res = await call('POST', '/flows', webhookFlow());
    expect(res.status).toBe(201);
    const flow = await body(res);
    expect(flow).toMatchObject({
      id: expect.stringMatching(/^flw_/),
      version: 1,
      status: 'draft',
      warnings: [],
    });
    const { flows } = await body(await call('GET', '/flows'));
    expect(flows).toContainEqual(
      expect.objectContaining({ id: flow.id, latestVersion: 1, publishedVersion: null, status: 'draft' }),
    );
  });

  it('saves an incomplete draft and returns its problems as warnings', async () => {
    const doc = webhookFlow();
    doc.edges = [{ id: 'e1', source: 'hr', target: 'nowhere' }];
    const res = await call('POST', '/flows', doc);
    expect(res.status).toBe(201);
    const { warnings } = await body(res);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'dangling_edge', path: ['edges', 0, 'target'] }),
      ]),
    );
  });

  it('rejects a body that fails the schema with 400 naming the field', async () => {
    const doc = webhookFlow();
    doc.nodes[1]!.id = '1-bad id';
    const res = await call('POST', '/flows', doc);
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe('invalid_request');
    expect(error.path).toEqual(['nodes', 1, 'id']);
    const missing = await body(await call('POST', '/flows', { nodes: [], edges: [] }));
    expect(missing.error.path).toEqual(['name']);
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const bad = await app.request('/api/flows', { method: 'POST', headers, body: '{"name":' });
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.code).toBe('invalid_json');
    const big = webhookFlow();
    big.nodes[0]!.notes = 'x'.repeat(70 * 1024);
    const res = await call('POST', '/flows', big);
    expect(res.status).toBe(413);
    expect((await body(res)).error.code).toBe('payload_too_large');
  });

  it('answers 404 for unknown flows and versions on every route', async () => {
    const { id } = await create();
    const unknown = [
      ['GET', '/flows/flw_nope'],
      ['PUT', '/flows/flw_nope', webhookFlow()],
      ['DELETE', '/flows/flw_nope'],
      ['POST', '/flows/flw_nope/publish'],
      ['POST', '/flows/flw_nope/unpublish'],
      ['GET', '/flows/flw_nope/versions'],
      ['GET', '/flows/flw_nope/export'],
      ['GET', '/flows/flw_nope/diff?from=1&to=1'],
      ['GET', `/flows/${id}?version=9`],
      ['GET', `/flows/${id}/diff?from=1&to=9`],
    ] as const;
    for (const [method, path, payload] of unknown) {
      const res = await call(method, path, payload);
      expect([method, path, res.status]).toEqual([method, path, 404]);
      expect((await body(res)).error.code).toBe('not_found');
    }
  });

  it('answers 400 for bad query parameters', async () => {
    const { id } = await create();
    const res = await call('GET', `/flows/${id}?version=zero`);
    expect(res.status).toBe(400);
    expect((await body(res)).error.path).toEqual(['version']);
    const diff = await call('GET', `/flows/${id}/diff?from=1`);
    expect(diff.status).toBe(400);
    expect((await body(diff)).error.path).toEqual(['to']);
  });

  it('round-trips: create -> save draft -> publish -> export -> import gives the same document', async () => {
    const created = await create(webhookFlow(uniquePath('rt'), 'Round trip'));
    const changed = webhookFlow(uniquePath('rt'), 'Round trip v2');
    changed.nodes.push({ id: 'audit', type: 'delivery.http', config: { url: 'http://127.0.0.1:9/log' } });
    changed.edges.push({ id: 'e3', source: 'toScim', target: 'audit' });
    const saved = await body(await call('PUT', `/flows/${created.id}`, changed));
    expect(saved).toMatchObject({ version: 2, status: 'draft', warnings: [] });
    const publish = await call('POST', `/flows/${created.id}/publish`);
    expect(publish.status).toBe(200);
    expect(await body(publish)).toMatchObject({ version: 2, status: 'published', publishedVersion: 2 });

    const exported = await call('GET', `/flows/${created.id}/export`);
    expect(exported.headers.get('content-disposition')).toBe(
      'attachment; filename="round-trip-v2.flow.json"',
    );
    const file = await body(exported);
    expect(file).toMatchObject({ id: created.id, version: 2, name: 'Round trip v2' });

    // Import it elsewhere: a new flow whose document is the same apart from its id and version.
    await call('POST', `/flows/${created.id}/unpublish`);
    const imported = await call('POST', '/flows/import', file);
    expect(imported.status).toBe(201);
    const [copy] = (await body(imported)).flows;
    expect(copy.id).not.toBe(created.id);
    const copyFile = await body(await call('GET', `/flows/${copy.id}/export`));
    expect({ ...copyFile, id: file.id, version: file.version }).toEqual(file);
  });

  it('keeps versions immutable and lists them', async () => {
    const first = webhookFlow(uniquePath(), 'Immutable');
    const { id } = await create(first);
    await call('PUT', `/flows/${id}`, { ...webhookFlow(), name: 'Immutable v2' });
    const v1 = await body(await call('GET', `/flows/${id}?version=1`));
    expect(v1).toMatchObject({ version: 1, name: 'Immutable', latestVersion: 2 });
    expect(v1.nodes).toEqual((await body(await call('GET', `/flows/${id}/export?version=1`))).nodes);
    const latest = await body(await call('GET', `/flows/${id}`));
    expect(latest).toMatchObject({ version: 2, name: 'Immutable v2' });
    const { versions } = await body(await call('GET', `/flows/${id}/versions`));
    expect(versions.map((v: { version: number; name: string }) => [v.version, v.name])).toEqual([
      [1, 'Immutable'],
      [2, 'Immutable v2'],
    ]);
  });

  it('diffs two versions: added, removed and changed nodes and edges', async () => {
    const v1 = webhookFlow();
    const { id } = await create(v1);
    const v2 = structuredClone(v1);
    v2.nodes = v2.nodes.filter((n) => n.id !== 'send');
    v2.edges = v2.edges.filter((e) => e.id !== 'e2');
    v2.nodes.push({ id: 'slack', type: 'delivery.http', config: { url: 'http://127.0.0.1:9/slack' } });
    v2.edges.push({ id: 'e4', source: 'toScim', target: 'slack' });
    v2.nodes[1]!.config = { code: 'export default (input: any) => input' };
    v2.nodes[1]!.position = { x: 10, y: 10 };
    await call('PUT', `/flows/${id}`, v2);
    const res = await call('GET', `/flows/${id}/diff?from=1&to=2`);
    expect(res.status).toBe(200);
    const diff = await body(res);
    expect(diff).toMatchObject({
      from: 1,
      to: 2,
      nodes: {
        added: ['slack'],
        removed: ['send'],
        changed: [{ id: 'toScim', fields: ['config.code'] }],
        moved: ['toScim'],
      },
      edges: { added: ['e4'], removed: ['e2'], changed: [] },
    });
  });

  it('refuses to publish an invalid flow with 400 listing every problem', async () => {
    const doc = webhookFlow();
    doc.nodes.push({ id: 'orphan', type: 'transform', config: {} });
    doc.nodes.push({ id: 'mystery', type: 'no.such.kind', config: {} });
    doc.nodes[2]!.config = { url: '' };
    const { id } = await create(doc);
    const res = await call('POST', `/flows/${id}/publish`);
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe('invalid_flow');
    const problems = error.details.problems.map((p: { code: string; path: unknown[] }) => [p.code, p.path]);
    expect(problems).toEqual(
      expect.arrayContaining([
        ['bad_config', ['nodes', 2, 'config', 'url']],
        ['unknown_type', ['nodes', 4, 'type']],
        ['unreachable_node', ['nodes', 3]],
      ]),
    );
    expect(error.path).toEqual(error.details.problems[0].path);
    expect((await body(await call('GET', `/flows/${id}`))).status).toBe('draft');
  });

  it('refuses to publish a webhook path that another published flow uses', async () => {
    const path = uniquePath();
    const a = await create(webhookFlow(path));
    expect((await call('POST', `/flows/${a.id}/publish`)).status).toBe(200);
    const b = await create(webhookFlow(path));
    const res = await call('POST', `/flows/${b.id}/publish`);
    expect(res.status).toBe(400);
    expect((await body(res)).error.details.problems).toEqual([
      expect.objectContaining({ code: 'duplicate_webhook_path', path: ['nodes', 0, 'config', 'path'] }),
    ]);
    // Once the first is deleted, the path is free.
    expect((await call('DELETE', `/flows/${a.id}`)).status).toBe(204);
    expect((await call('POST', `/flows/${b.id}/publish`)).status).toBe(200);
    expect((await call('GET', `/flows/${a.id}`)).status).toBe(404);
  });

  it('unpublishes', async () => {
    const { id } = await create();
    await call('POST', `/flows/${id}/publish`);
    const res = await call('POST', `/flows/${id}/unpublish`);
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ status: 'draft', publishedVersion: null });
  });

  it('validates a document without storing it', async () => {
    const ok = await body(await call('POST', '/flows/validate', webhookFlow()));
    expect(ok).toEqual({ valid: true, errors: [] });
    const res = await call('POST', '/flows/validate', {
      name: '',
      nodes: [{ id: 'a', type: 'transform' }],
      edges: 3,
    });
    expect(res.status).toBe(200);
    const bad = await body(res);
    expect(bad.valid).toBe(false);
    expect(bad.errors.map((e: { path: unknown[] }) => e.path)).toEqual(
      expect.arrayContaining([['name'], ['edges']]),
    );
    expect((await call('POST', '/flows/validate', [1, 2])).status).toBe(400);
  });

  it('imports several documents and names the field of a bad one', async () => {
    const res = await call('POST', '/flows/import', { flows: [webhookFlow(), webhookFlow()] });
    expect(res.status).toBe(201);
    expect((await body(res)).flows).toHaveLength(2);
    const bad = await call('POST', '/flows/import', { flows: [webhookFlow(), { name: 'x', nodes: 'no' }] });
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.path).toEqual(['flows', 1, 'nodes']);
    const single = await call('POST', '/flows/import', { name: 'x', nodes: [], edges: [{ id: 'e' }] });
    expect(single.status).toBe(400);
    expect((await body(single)).error.path).toEqual(['edges', 0, 'source']);
  });

  it('documents every flows route in the OpenAPI document', async () => {
    const doc = await body(await app.request('/api/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/flows',
        '/api/flows/{id}',
        '/api/flows/{id}/publish',
        '/api/flows/{id}/unpublish',
        '/api/flows/{id}/versions',
        '/api/flows/{id}/diff',
        '/api/flows/{id}/export',
        '/api/flows/validate',
        '/api/flows/import',
      ]),
    );
    expect(doc.components.schemas.FlowDocument).toBeDefined();
  });
});
