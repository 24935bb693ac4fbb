// The server's webhook fast path answers exactly as the Hono route does (same ingest), and leaves to Hono what it
// does not take: each case is sent over real HTTP and through the app in process, and the answers compared.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runs } from '../../db/schema';
import { type ApiHarness, startApiHarness } from '../../engine/testing/api-harness';
import { publishFlow } from '../../engine/testing/seed-flow';

const LIMIT = 4096;
let h: ApiHarness;
const open = `fast-open-${Date.now()}`;
const guarded = `fast-token-${Date.now()}`;
const keyed = `fast-keyed-${Date.now()}`;
let openFlow = '';

beforeAll(async () => {
  h = await startApiHarness({ worker: false, serve: true, bodyLimitBytes: LIMIT });
  const hook = (path: string, extra: Record<string, unknown> = {}) => ({
    name: path,
    nodes: [{ id: 'hook', type: 'trigger.webhook', config: { path, ...extra } }],
    edges: [],
  });
  openFlow = (await publishFlow(h.database.db, hook(open))).flowId;
  await publishFlow(
    h.database.db,
    hook(guarded, { auth: { kind: 'token', header: 'x-hook-token', token: 's3cret-token' } }),
  );
  await publishFlow(h.database.db, hook(keyed)); // idempotency from the webhook-id header by default
});
afterAll(() => h.close());

interface Case {
  name: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** Whether the fast path should take it (false: left to Hono). */
  fast: boolean;
  status: number;
  code?: string;
}

const cases: Case[] = [
  { name: 'a plain event', path: `/webhooks/${open}`, body: '{"id":"u1"}', fast: true, status: 202 },
  { name: 'an empty body', path: `/webhooks/${open}`, body: '', fast: true, status: 202 },
  {
    name: 'an unknown path',
    path: '/webhooks/nobody-listens',
    body: '{}',
    fast: true,
    status: 404,
    code: 'not_found',
  },
  {
    name: 'a bad token',
    path: `/webhooks/${guarded}`,
    body: '{}',
    headers: { 'x-hook-token': 'wrong' },
    fast: true,
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'the right token',
    path: `/webhooks/${guarded}`,
    body: '{}',
    headers: { 'x-hook-token': 's3cret-token' },
    fast: true,
    status: 202,
  },
  {
    name: 'malformed JSON',
    path: `/webhooks/${open}`,
    body: '{"id":',
    fast: true,
    status: 400,
    code: 'invalid_json',
  },
  {
    name: 'U+0000 in a string',
    path: `/webhooks/${open}`,
    body: '{"id":"a\\u0000b"}',
    fast: true,
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'a body over the limit',
    path: `/webhooks/${open}`,
    body: JSON.stringify({ pad: 'x'.repeat(LIMIT) }),
    fast: false,
    status: 413,
    code: 'payload_too_large',
  },
  { name: 'a query string', path: `/webhooks/${open}?x=1`, body: '{}', fast: false, status: 202 },
  {
    name: 'two segments',
    path: `/webhooks/${open}/more`,
    body: '{}',
    fast: false,
    status: 404,
    code: 'not_found',
  },
  {
    name: 'an encoded NUL in the path',
    path: '/webhooks/a%00b',
    body: '{}',
    fast: false,
    status: 400,
    code: 'invalid_request',
  },
];

describe('webhook fast path', () => {
  for (const c of cases) {
    it(`answers ${c.name} as the Hono route does (${c.fast ? 'taken' : 'left to Hono'})`, async () => {
      const init = {
        method: 'POST',
        body: c.body,
        headers: { 'content-type': 'application/json', ...c.headers },
      };
      const before = h.fastPathTook?.length ?? 0;
      const viaServer = await fetch(`${h.url}${c.path}`, init);
      expect(h.fastPathTook?.slice(before)).toEqual([c.fast]);
      const viaHono = await h.app.request(c.path, init);
      for (const res of [viaServer, viaHono]) {
        expect(res.status).toBe(c.status);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        const body = (await res.json()) as { runId?: string; error?: { code: string } };
        if (c.status === 202) expect(body.runId).toMatch(/^run_/);
        else expect(body.error?.code).toBe(c.code);
      }
    });
  }

  it('commits the run before answering 202, and stores nothing for a refused event', async () => {
    const res = await fetch(`${h.url}/webhooks/${open}`, { method: 'POST', body: '{"id":"stored"}' });
    const { runId } = (await res.json()) as { runId: string };
    const [row] = await h.database.db.select().from(runs).where(eq(runs.id, runId));
    expect(row).toMatchObject({ flowId: openFlow, payload: { id: 'stored' } });
    const count = async () =>
      (await h.database.db.select().from(runs).where(eq(runs.flowId, openFlow))).length;
    const n = await count();
    expect((await fetch(`${h.url}/webhooks/${open}`, { method: 'POST', body: '{"id":' })).status).toBe(400);
    expect(await count()).toBe(n);
  });

  it('gives a duplicate webhook-id the first run', async () => {
    const headers = { 'webhook-id': `msg_${Date.now()}` };
    const first = await fetch(`${h.url}/webhooks/${keyed}`, { method: 'POST', body: '{}', headers });
    const again = await fetch(`${h.url}/webhooks/${keyed}`, { method: 'POST', body: '{}', headers });
    const a = (await first.json()) as { runId: string };
    expect(first.status).toBe(202);
    expect(await again.json()).toEqual({ runId: a.runId, duplicate: true });
  });

  it('leaves a chunked body (no Content-Length) to Hono, which accepts it', async () => {
    const before = h.fastPathTook?.length ?? 0;
    const stream = new ReadableStream({
      start(ctl) {
        ctl.enqueue(new TextEncoder().encode('{"id":"chunked"}'));
        ctl.close();
      },
    });
    const res = await fetch(`${h.url}/webhooks/${open}`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(202);
    expect(h.fastPathTook?.slice(before)).toEqual([false]);
  });
});
