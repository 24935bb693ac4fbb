// verifyWebhook: none, token and Standard Webhooks HMAC, with signatures made by the standardwebhooks package.
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { WebhookConfigSchema } from './config';
import { verifyWebhook } from './verify';

const secret = `whsec_${Buffer.from('sluice-test-secret-0123456789').toString('base64')}`;
const now = new Date('2026-11-26T12:00:00Z');
const body = '{"event":"person.terminated","id":"p1"}';
const hmac = (toleranceSec?: number) =>
  WebhookConfigSchema.parse({
    path: 'hr',
    auth: { kind: 'hmac', secret, ...(toleranceSec ? { toleranceSec } : {}) },
  });

/** Headers a Standard Webhooks sender would attach, signed with `key` at `at`. */
function signed(payload = body, at = now, key = secret, id = 'msg_1'): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(key).sign(id, at, payload),
  };
}
const secondsFrom = (s: number) => new Date(now.getTime() + s * 1000);

describe('verifyWebhook: hmac (Standard Webhooks)', () => {
  it('accepts a signature made with the same secret', () => {
    expect(verifyWebhook(hmac(), { headers: signed(), rawBody: body }, now)).toEqual({ ok: true });
  });

  it('accepts header names in any case and one valid signature among several', () => {
    const h = signed();
    const headers = {
      'Webhook-Id': h['webhook-id']!,
      'WEBHOOK-TIMESTAMP': h['webhook-timestamp']!,
      'Webhook-Signature': `v1,AAAA v2,zzz ${h['webhook-signature']}`,
    };
    expect(verifyWebhook(hmac(), { headers, rawBody: body }, now)).toEqual({ ok: true });
  });

  it('rejects a tampered body, a changed id and a wrong secret', () => {
    const tampered = verifyWebhook(hmac(), { headers: signed(), rawBody: body.replace('p1', 'p2') }, now);
    expect(tampered).toEqual({ ok: false, reason: 'no matching signature' });
    const otherId = { ...signed(), 'webhook-id': 'msg_2' };
    expect(verifyWebhook(hmac(), { headers: otherId, rawBody: body }, now).ok).toBe(false);
    const wrong = `whsec_${Buffer.from('another-secret-entirely').toString('base64')}`;
    expect(verifyWebhook(hmac(), { headers: signed(body, now, wrong), rawBody: body }, now)).toEqual({
      ok: false,
      reason: 'no matching signature',
    });
  });

  it('rejects timestamps outside the default 300 s tolerance, both ways', () => {
    const old = signed(body, secondsFrom(-301));
    expect(verifyWebhook(hmac(), { headers: old, rawBody: body }, now)).toEqual({
      ok: false,
      reason: 'webhook-timestamp is too old (301 s, tolerance 300 s)',
    });
    const future = signed(body, secondsFrom(400));
    expect(verifyWebhook(hmac(), { headers: future, rawBody: body }, now).ok).toBe(false);
    expect(verifyWebhook(hmac(), { headers: signed(body, secondsFrom(-300)), rawBody: body }, now).ok).toBe(
      true,
    );
  });

  it('honours a custom toleranceSec, tighter or wider than the package default', () => {
    const twentySecondsOld = signed(body, secondsFrom(-20));
    expect(verifyWebhook(hmac(10), { headers: twentySecondsOld, rawBody: body }, now).ok).toBe(false);
    const halfAnHourOld = signed(body, secondsFrom(-1800));
    expect(verifyWebhook(hmac(3600), { headers: halfAnHourOld, rawBody: body }, now)).toEqual({ ok: true });
  });

  it('names missing headers', () => {
    expect(verifyWebhook(hmac(), { headers: {}, rawBody: body }, now)).toEqual({
      ok: false,
      reason: 'missing webhook-id, webhook-timestamp, webhook-signature headers',
    });
    const { 'webhook-signature': _, ...noSignature } = signed();
    expect(verifyWebhook(hmac(), { headers: noSignature, rawBody: body }, now)).toEqual({
      ok: false,
      reason: 'missing webhook-signature header',
    });
  });

  it('rejects malformed timestamps and signatures without a v1 entry', () => {
    const badStamp = { ...signed(), 'webhook-timestamp': '2026-11-26T12:00:00Z' };
    expect(verifyWebhook(hmac(), { headers: badStamp, rawBody: body }, now)).toEqual({
      ok: false,
      reason: 'webhook-timestamp is not a Unix time in seconds',
    });
    const noV1 = { ...signed(), 'webhook-signature': 'v1a,abc' };
    expect(verifyWebhook(hmac(), { headers: noV1, rawBody: body }, now)).toEqual({
      ok: false,
      reason: 'webhook-signature has no v1 signature',
    });
  });

  it('agrees with the package own verify() at the current time', () => {
    const at = new Date();
    const cases = [
      { headers: signed(body, at), rawBody: body },
      { headers: signed(body, at), rawBody: `${body} ` },
      { headers: signed(body, new Date(at.getTime() - 600_000)), rawBody: body },
    ];
    for (const req of cases) {
      let packageOk = true;
      try {
        new Webhook(secret).verify(req.rawBody, req.headers);
      } catch {
        packageOk = false;
      }
      expect(verifyWebhook(hmac(), req, at).ok).toBe(packageOk);
    }
  });

  it('uses the real clock by default', () => {
    const at = new Date();
    expect(verifyWebhook(hmac(), { headers: signed(body, at), rawBody: body })).toEqual({ ok: true });
  });
});

describe('verifyWebhook: token and none', () => {
  const token = (header?: string) =>
    WebhookConfigSchema.parse({
      path: 'hr',
      auth: { kind: 'token', token: 'Bearer s3cr3t-token', ...(header ? { header } : {}) },
    });

  it('accepts the configured token in the authorization header by default', () => {
    expect(
      verifyWebhook(token(), { headers: { Authorization: 'Bearer s3cr3t-token' }, rawBody: '' }),
    ).toEqual({
      ok: true,
    });
  });

  it('rejects a wrong, shorter, longer or missing token without echoing it', () => {
    for (const value of ['Bearer nope', 'Bearer s3cr3t', 'Bearer s3cr3t-token-and-more']) {
      const result = verifyWebhook(token(), { headers: { authorization: value }, rawBody: '' });
      expect(result).toEqual({ ok: false, reason: 'authorization header does not match' });
    }
    expect(verifyWebhook(token(), { headers: {}, rawBody: '' })).toEqual({
      ok: false,
      reason: 'missing authorization header',
    });
  });

  it('reads a custom header', () => {
    const config = token('X-Hook-Token');
    expect(
      verifyWebhook(config, { headers: { 'x-hook-token': 'Bearer s3cr3t-token' }, rawBody: '' }).ok,
    ).toBe(true);
    expect(verifyWebhook(config, { headers: { authorization: 'Bearer s3cr3t-token' }, rawBody: '' }).ok).toBe(
      false,
    );
  });

  it('accepts anything when auth is none', () => {
    const config = WebhookConfigSchema.parse({ path: 'open' });
    expect(verifyWebhook(config, { headers: {}, rawBody: 'x' })).toEqual({ ok: true });
  });
});
