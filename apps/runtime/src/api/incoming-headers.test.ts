// requestHeader(s): the same answers from node's IncomingMessage (real server) as from a web Request (app.request).
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestHeader, requestHeaders } from './incoming-headers';

const app = new Hono();
app.post('/', (c) =>
  c.json({
    one: requestHeader(c, 'X-Sig') ?? null,
    missing: requestHeader(c, 'x-absent') ?? null,
    all: requestHeaders(c),
  }),
);

let server: ReturnType<typeof serve>;
let url = '';
beforeAll(async () => {
  await new Promise<void>((ready) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => ready());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('requestHeader(s)', () => {
  const headers = [
    ['X-Sig', 'v1,abc'],
    ['X-Multi', 'a'],
    ['X-Multi', 'b'],
  ] as [string, string][];

  it('reads the IncomingMessage on a real server: lower-case names, repeats joined with ", "', async () => {
    const res = await fetch(url, { method: 'POST', headers, body: '{}' });
    const body = (await res.json()) as { one: string; missing: null; all: Record<string, string> };
    expect(body.one).toBe('v1,abc');
    expect(body.missing).toBeNull();
    expect(body.all['x-multi']).toBe('a, b');
    expect(body.all['x-sig']).toBe('v1,abc');
  });

  it('answers the same through app.request (no IncomingMessage)', async () => {
    const res = await app.request('/', { method: 'POST', headers, body: '{}' });
    const body = (await res.json()) as { one: string; all: Record<string, string> };
    expect(body.one).toBe('v1,abc');
    expect(body.all['x-multi']).toBe('a, b');
  });
});
