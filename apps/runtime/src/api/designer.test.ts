// The built designer is served at `/` with an SPA fallback that never hides the API's JSON 404s.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteDatabase } from '../../test/support/databases';
import { adminHeaders, body, testResources } from '../../test/support/resources';
import type { Database } from '../db/client';
import { createApp } from './app';

describe('designer serving', () => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let headers: Record<string, string>;
  beforeAll(async () => {
    database = await pgliteDatabase();
    headers = await adminHeaders(database);
    const dist = mkdtempSync(join(tmpdir(), 'sluice-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    const r = testResources(database);
    r.config.designerDist = dist;
    app = createApp(r);
  });
  afterAll(() => database.close());

  it('serves index.html at / and assets by path', async () => {
    const index = await app.request('/');
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="root">');
    const asset = await app.request('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
  });

  it('falls back to index.html for client-side routes', async () => {
    const res = await app.request('/flows/flw_123/runs');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
  });

  it('keeps JSON 404s under /api and /webhooks', async () => {
    const api = await app.request('/api/nope', { headers });
    expect(api.status).toBe(404);
    expect((await body(api)).error.code).toBe('not_found');
    expect((await app.request('/webhooks/nope/deeper')).status).toBe(404);
    expect((await app.request('/health')).status).toBe(200);
  });
});
