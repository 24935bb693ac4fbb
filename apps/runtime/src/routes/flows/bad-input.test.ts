// No input makes a flows route answer 500: odd bodies, ids and queries all get a 4xx in the error shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteDatabase } from '../../../test/support/databases';
import { webhookFlow } from '../../../test/support/flows';
import { adminHeaders, body, testResources } from '../../../test/support/resources';
import { createApp } from '../../api/app';
import type { Database } from '../../db/client';

const BODIES = [
  'null',
  '[]',
  '"text"',
  '42',
  '{}',
  '{"name":"x","nodes":[null],"edges":[]}',
  '{"name":"x","nodes":[{"id":"a","type":"transform","config":[]}],"edges":[{"id":"e","source":{},"target":1}]}',
  `{"name":"${'\u0000\ud800'}","nodes":[],"edges":[]}`,
  '{"name":"x","nodes":[],"edges":[],"version":1e308}',
  '{"name":"a\\u0000b","nodes":[],"edges":[]}',
  '{"name":"a","nodes":[],"edges":[],"variables":{"k\\u0000":1}}',
  `{"flows":[]}`,
  `{"flows":[${'{}'}]}`,
  JSON.stringify({ name: 'x', nodes: [], edges: [], variables: { a: { b: { c: { d: [1, [2, [3]]] } } } } }),
];

const IDS = ['flw_missing', '%00', 'x'.repeat(2000), "'; drop table flows; --", '..%2f..%2fetc'];

describe('flows routes never answer 500', () => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let headers: Record<string, string>;
  let existing: string;
  beforeAll(async () => {
    database = await pgliteDatabase();
    headers = await adminHeaders(database);
    app = createApp(testResources(database));
    const res = await app.request('/api/flows', {
      method: 'POST',
      headers,
      body: JSON.stringify(webhookFlow()),
    });
    existing = (await body(res)).id;
  });
  afterAll(() => database.close());

  it('rejects odd bodies with a 4xx error body', async () => {
    const targets = [
      ['POST', '/api/flows'],
      ['PUT', `/api/flows/${existing}`],
      ['POST', '/api/flows/import'],
      ['POST', '/api/flows/validate'],
    ] as const;
    for (const [method, path] of targets) {
      for (const payload of BODIES) {
        const res = await app.request(path, { method, headers, body: payload });
        const label = `${method} ${path} ${payload.slice(0, 60)}`;
        expect([label, res.status < 500]).toEqual([label, true]);
        const json = await body(res);
        if (res.status >= 400) expect(json.error.code, label).toEqual(expect.any(String));
      }
    }
  });

  it('names the field holding U+0000, which PostgreSQL cannot store', async () => {
    const doc = { ...webhookFlow(), variables: { list: ['ok', 'a\u0000'] } };
    const res = await app.request('/api/flows', { method: 'POST', headers, body: JSON.stringify(doc) });
    expect(res.status).toBe(400);
    expect((await body(res)).error).toMatchObject({
      code: 'invalid_request',
      path: ['variables', 'list', 1],
    });
  });

  it('answers 4xx for odd ids and queries', async () => {
    for (const id of IDS) {
      for (const suffix of ['', '/versions', '/export', '/publish', '/diff?from=1&to=2']) {
        const method = suffix === '/publish' ? 'POST' : 'GET';
        const res = await app.request(`/api/flows/${id}${suffix}`, { method, headers });
        expect([id.slice(0, 20), suffix, res.status < 500]).toEqual([id.slice(0, 20), suffix, true]);
      }
    }
    for (const q of ['version=-1', 'version=1.5', 'version=99999999999999999999', 'version=']) {
      const res = await app.request(`/api/flows/${existing}?${q}`, { headers });
      expect([q, res.status < 500]).toEqual([q, true]);
    }
  });
});
