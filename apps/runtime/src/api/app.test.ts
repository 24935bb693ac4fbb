// The app's shared behaviour: health, OpenAPI, auth, and the error shape for every failure (never a 500 body leak).
import { createRoute, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteDatabase } from '../../test/support/databases';
import { adminHeaders, body, testResources } from '../../test/support/resources';
import type { Database } from '../db/client';
import { createApp } from './app';
import { createRouter } from './router';

const echo = createRoute({
  method: 'post',
  path: '/echo',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ name: z.string(), items: z.array(z.number()) }) } },
    },
  },
  responses: { 200: { description: 'echo' } },
});

function testRouter() {
  const router = createRouter();
  router.openapi(echo, (c) => c.json(c.req.valid('json'), 200));
  router.get('/boom', () => {
    throw new Error('secret internals');
  });
  router.get('/whoami', (c) => c.json(c.get('principal')));
  return router;
}

describe('app', () => {
  let database: Database;
  let headers: Record<string, string>;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await pgliteDatabase();
    headers = await adminHeaders(database);
    const r = testResources(database, {
      readinessChecks: [{ name: 'extra', check: async () => {} }],
    });
    r.config.bodyLimitBytes = 1024;
    app = createApp(r);
    app.route('/api/test', testRouter());
  });
  afterAll(() => database.close());

  it('answers /health and /ready', async () => {
    expect(await body(await app.request('/health'))).toEqual({ status: 'ok' });
    const ready = await app.request('/ready');
    expect(ready.status).toBe(200);
    expect(await body(ready)).toEqual({
      ready: true,
      checks: { pglite: { ok: true }, extra: { ok: true } },
    });
  });

  it('reports 503 when a readiness check fails', async () => {
    const r = testResources(database, {
      readinessChecks: [{ name: 'redis', check: () => Promise.reject(new Error('ECONNREFUSED')) }],
    });
    const res = await createApp(r).request('/ready');
    expect(res.status).toBe(503);
    expect((await body(res)).checks.redis).toEqual({ ok: false, error: 'ECONNREFUSED' });
  });

  it('serves the OpenAPI 3.1 document without a token', async () => {
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = await body(res);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.components.securitySchemes.bearer).toEqual(expect.objectContaining({ scheme: 'bearer' }));
  });

  it('rejects /api calls without a valid bearer token with 401', async () => {
    const none = await app.request('/api/test/whoami');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await body(none)).error.code).toBe('unauthorized');
    const bad = await app.request('/api/test/whoami', { headers: { authorization: 'Bearer nope' } });
    expect(bad.status).toBe(401);
    const basic = await app.request('/api/test/whoami', { headers: { authorization: 'Basic eDp5' } });
    expect(basic.status).toBe(401);
  });

  it('puts the principal on the context', async () => {
    const res = await app.request('/api/test/whoami', { headers });
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({
      id: expect.stringMatching(/^tok_/),
      name: 'test-admin',
      role: 'admin',
    });
  });

  it('answers 400 naming the field when the body fails its schema', async () => {
    const payload = JSON.stringify({ name: 'x', items: [1, 'two'] });
    const res = await app.request('/api/test/echo', { method: 'POST', headers, body: payload });
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe('invalid_request');
    expect(error.path).toEqual(['items', 1]);
    expect(error.message).toContain('json.items.1');
  });

  it('answers 400 invalid_json for a malformed body', async () => {
    const res = await app.request('/api/test/echo', { method: 'POST', headers, body: '{"name": ' });
    expect(res.status).toBe(400);
    expect((await body(res)).error.code).toBe('invalid_json');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const res = await app.request('/api/test/echo', {
      method: 'POST',
      headers: { authorization: headers.authorization!, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(res.status).toBe(415);
    expect((await body(res)).error.code).toBe('unsupported_media_type');
  });

  it('answers 413 for a body over the limit', async () => {
    const payload = JSON.stringify({ name: 'x'.repeat(2000), items: [] });
    const res = await app.request('/api/test/echo', { method: 'POST', headers, body: payload });
    expect(res.status).toBe(413);
    expect((await body(res)).error.code).toBe('payload_too_large');
  });

  it('answers 404 in the error shape for unknown routes', async () => {
    const res = await app.request('/api/nothing-here', { headers });
    expect(res.status).toBe(404);
    expect((await body(res)).error.code).toBe('not_found');
    expect((await app.request('/nothing')).status).toBe(404);
  });

  it('answers 500 internal without leaking the error', async () => {
    const res = await app.request('/api/test/boom', { headers });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: 'internal', message: 'internal error; see the server log' },
    });
    expect(text).not.toContain('secret internals');
  });

  it('says how to build the designer when it is not built', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('npm run build -w @sluice/designer');
  });
});
