// POST /webhooks/:path through the real app, engine, PostgreSQL, Redis and local HTTP consumers.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body as json } from '../../../test/support/resources';
import { runs } from '../../db/schema';
import { type ApiHarness, startApiHarness } from '../../engine/testing/api-harness';
import { type HttpConsumer, startHttpConsumer } from '../../engine/testing/http-consumer';
import { publishFlow } from '../../engine/testing/seed-flow';
import { newWebhookSecret, signedHeaders } from '../../engine/testing/sign-webhook';
import { waitForRun } from '../../engine/testing/wait-for';

let h: ApiHarness;
const consumers: HttpConsumer[] = [];
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h.close();
  for (const c of consumers) await c.close();
});

const api = (path: string, init: RequestInit = {}) =>
  h.app.request(path, { ...init, headers: { ...h.headers, ...init.headers } });

describe('POST /webhooks/:path', () => {
  it('seed scenario 1: one webhook fans out to three consumers; one answers 503 twice, then 200; the run succeeds', async () => {
    const scimA = await startHttpConsumer();
    const scimB = await startHttpConsumer();
    const ldap = await startHttpConsumer((_d, i) => (i < 2 ? { status: 503 } : { status: 200 }));
    consumers.push(scimA, scimB, ldap);
    const secret = newWebhookSecret();
    const path = `sn-change-${Date.now()}`;
    const retry = { attempts: 5, backoff: { type: 'fixed' as const, delayMs: 300, jitter: false } };
    await publishFlow(h.database.db, {
      name: 'SN change to three consumers',
      nodes: [
        { id: 'registry', type: 'trigger.webhook', config: { path, auth: { kind: 'hmac', secret } } },
        {
          id: 'scimA',
          type: 'delivery.http',
          config: { url: `${scimA.url}/Users/{{input.id}}`, method: 'PATCH' },
          retry,
        },
        {
          id: 'scimB',
          type: 'delivery.http',
          config: { url: `${scimB.url}/Users/{{input.id}}`, method: 'PATCH' },
          retry,
        },
        { id: 'ldap', type: 'delivery.http', config: { url: `${ldap.url}/modify` }, retry },
      ],
      edges: ['scimA', 'scimB', 'ldap'].map((t) => ({ id: `e-${t}`, source: 'registry', target: t })),
    });
    const body = JSON.stringify({ id: 'sjones', op: 'changeSN', prior: 'Jones', value: 'Morgenstern' });
    const res = await h.app.request(`/webhooks/${path}`, {
      method: 'POST',
      body,
      headers: signedHeaders(secret, body),
    });
    expect(res.status).toBe(202);
    const { runId } = (await json(res)) as { runId: string };
    // Answered only after the commit: the run is already in Postgres.
    expect((await h.database.db.select().from(runs).where(eq(runs.id, runId))).length).toBe(1);

    expect((await waitForRun(h.database.db, runId, ['succeeded', 'failed'])).status).toBe('succeeded');
    expect(scimA.received).toHaveLength(1);
    expect(scimB.received).toHaveLength(1);
    expect(ldap.received.map((d) => d.status)).toEqual([503, 503, 200]);
    expect(ldap.received.filter((d) => d.status === 200)).toHaveLength(1);
    expect(new Set(ldap.received.map((d) => d.headers['idempotency-key']))).toEqual(
      new Set([`${runId}:ldap`]),
    );

    const detail = await json(await api(`/api/runs/${runId}`));
    const step = detail.steps.find((s: { nodeId: string }) => s.nodeId === 'ldap');
    expect(step).toMatchObject({ status: 'succeeded', attempt: 3 });
    expect(step.attempts).toHaveLength(3);
    expect(step.attempts[0].error.code).toBe('HttpError');
    const gap = Date.parse(step.attempts[1].startedAt) - Date.parse(step.attempts[0].endedAt);
    expect(gap).toBeGreaterThanOrEqual(290);
    expect(step.attempts[0].nextRetryAt).toBeTruthy();

    const audit = await json(await api(`/api/audit?runId=${runId}`));
    const ldapEvents = audit.events.filter((e: { data: { nodeId?: string } }) => e.data?.nodeId === 'ldap');
    expect(ldapEvents.map((e: { action: string }) => e.action)).toEqual([
      'step.queued',
      'step.running',
      'step.waiting',
      'step.running',
      'step.waiting',
      'step.running',
      'step.succeeded',
    ]);
    expect(ldapEvents[2].data.nextRetryAt).toBeTruthy();
    expect(audit.events.at(-1).action).toBe('run.succeeded');
    expect((await json(await api('/api/audit/verify'))).ok).toBe(true);
  });

  it('gives one run for duplicate webhook ids, 401 and no run for a bad signature, 404 for an unknown path', async () => {
    const secret = newWebhookSecret();
    const path = `dup-${Date.now()}`;
    const { flowId } = await publishFlow(h.database.db, {
      name: 'dup',
      nodes: [{ id: 'hook', type: 'trigger.webhook', config: { path, auth: { kind: 'hmac', secret } } }],
      edges: [],
    });
    const body = '{"event":"x"}';
    const headers = signedHeaders(secret, body, 'msg_dup_1');
    const first = await h.app.request(`/webhooks/${path}`, { method: 'POST', body, headers });
    const again = await h.app.request(`/webhooks/${path}`, { method: 'POST', body, headers });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    const a = await json(first);
    expect((await json(again)).runId).toBe(a.runId);

    const forged = { ...signedHeaders(newWebhookSecret(), body), 'webhook-id': 'msg_forged' };
    const bad = await h.app.request(`/webhooks/${path}`, { method: 'POST', body, headers: forged });
    expect(bad.status).toBe(401);
    expect((await json(bad)).error.code).toBe('unauthorized');
    const stored = await h.database.db.select().from(runs).where(eq(runs.flowId, flowId));
    expect(stored.map((r) => r.id)).toEqual([a.runId]);

    expect((await h.app.request('/webhooks/nobody-listens-here', { method: 'POST', body })).status).toBe(404);
  });

  it('answers 413 over the body limit', async () => {
    const path = `big-${Date.now()}`;
    await publishFlow(h.database.db, {
      name: 'big',
      nodes: [{ id: 'hook', type: 'trigger.webhook', config: { path } }],
      edges: [],
    });
    const body = JSON.stringify({ blob: 'x'.repeat(2 * 1024 * 1024) });
    const res = await h.app.request(`/webhooks/${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
    });
    expect(res.status).toBe(413);
  });
});
