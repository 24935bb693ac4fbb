// delivery.http against real local consumers: request shape, auth, response capture, failures and their classes.
import { JsonData, NonRetriableError, RetryAfterError, RetryableError, StepError } from '@sluice/shared';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../kit/test-context';
import { WebhookConfigSchema } from '../trigger-webhook/config';
import { webhookIdempotencyKey } from '../trigger-webhook/idempotency';
import { verifyWebhook } from '../trigger-webhook/verify';
import { resetBreakers } from './breaker';
import { DeliveryHttpConfigSchema } from './config';
import { deliveryHttpExecutor } from './execute';
import { MAX_RESPONSE_BYTES } from './send';
import { type Consumer, startConsumer } from './test-consumer';

let consumer: Consumer;
beforeAll(async () => {
  consumer = await startConsumer();
});
afterAll(() => consumer.close());
beforeEach(() => {
  consumer.received.length = 0;
  resetBreakers();
  consumer.answer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
  );
});

const config = (c: Record<string, unknown>) =>
  DeliveryHttpConfigSchema.parse({ url: `${consumer.url}/hook`, breaker: { enabled: false }, ...c });
const run = (input: unknown, c: Record<string, unknown> = {}, ctx = testContext()) =>
  deliveryHttpExecutor.execute(input, config(c), ctx);
const failure = async (p: Promise<unknown>): Promise<StepError> => {
  const err = await p.then(
    () => null,
    (e) => e,
  );
  expect(err).toBeInstanceOf(StepError);
  return err as StepError;
};
const last = () => consumer.received.at(-1)!;

describe('delivery.http: the request', () => {
  it('POSTs the input as JSON with the idempotency key and captures the JSON response', async () => {
    const result = await run({ id: 7, name: 'Ada' });
    expect(last()).toMatchObject({ method: 'POST', url: '/hook', body: '{"id":7,"name":"Ada"}' });
    expect(last().headers['content-type']).toBe('application/json');
    expect(last().headers['idempotency-key']).toBe('run_test:node1');
    expect(result).toMatchObject({ status: 'succeeded', output: { status: 200, body: { ok: true } } });
    expect((result as { output: { headers: Record<string, string> } }).output.headers['content-type']).toBe(
      'application/json',
    );
  });

  it('sends a JsonData input as its own text, and its templates read the value', async () => {
    const input = JsonData.fromText('{"id": 7,"name":"Ada"}');
    await run(input, { url: `${consumer.url}/users/{{input.id}}`, headers: { 'x-name': '{{input.name}}' } });
    expect(last()).toMatchObject({ url: '/users/7', body: '{"id": 7,"name":"Ada"}' });
    expect(last().headers['x-name']).toBe('Ada');
  });

  it('fills URL templates, percent-encoding values in path and query', async () => {
    await run(
      { id: 'a/b c', q: 'x&y=z' },
      { url: `${consumer.url}/users/{{input.id}}?filter={{input.q}}&run={{run.id}}`, method: 'PUT' },
    );
    expect(last()).toMatchObject({ method: 'PUT', url: '/users/a%2Fb%20c?filter=x%26y%3Dz&run=run_test' });
  });

  it('inserts a base URL from the input verbatim when it sits in the origin part', async () => {
    await run({ base: consumer.url, id: 5 }, { url: '{{input.base}}/users/{{input.id}}' });
    expect(last().url).toBe('/users/5');
  });

  it('fills header templates and lets them override the content type', async () => {
    await run(
      { user: { id: 'u1' } },
      { headers: { 'X-User': 'id={{input.user.id}}', 'Content-Type': 'application/scim+json' } },
    );
    expect(last().headers['x-user']).toBe('id=u1');
    expect(last().headers['content-type']).toBe('application/scim+json');
  });

  it('sends a JSON template as JSON and other templates as text', async () => {
    await run({ n: 'Ada' }, { body: { mode: 'template', template: '{"name":"{{input.n}}"}' } });
    expect(last()).toMatchObject({ body: '{"name":"Ada"}' });
    expect(last().headers['content-type']).toBe('application/json');
    await run({ n: 'Ada' }, { body: { mode: 'template', template: 'name={{input.n}}' } });
    expect(last()).toMatchObject({ body: 'name=Ada' });
    expect(last().headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('sends no body for mode none and for GET', async () => {
    await run({ a: 1 }, { body: { mode: 'none' }, method: 'DELETE' });
    expect(last()).toMatchObject({ method: 'DELETE', body: '' });
    expect(last().headers['content-type']).toBeUndefined();
    await run({ a: 1 }, { method: 'GET' });
    expect(last()).toMatchObject({ method: 'GET', body: '' });
  });

  it('adds bearer and basic authorization', async () => {
    await run({}, { auth: { kind: 'bearer', token: 'tok-123' } });
    expect(last().headers.authorization).toBe('Bearer tok-123');
    await run({}, { auth: { kind: 'basic', username: 'svc', password: 'p:w' } });
    expect(last().headers.authorization).toBe(`Basic ${Buffer.from('svc:p:w').toString('base64')}`);
  });

  it('signs with Standard Webhooks headers that the standardwebhooks package verifies', async () => {
    const secret = `whsec_${Buffer.from('a-shared-secret-for-tests').toString('base64')}`;
    await run({ event: 'x' }, { auth: { kind: 'hmac', secret } });
    const h = last().headers as Record<string, string>;
    expect(h['webhook-id']).toBe('run_test:node1');
    expect(new Webhook(secret).verify(last().body, h)).toEqual({ event: 'x' });
    expect(() => new Webhook(secret).verify(`${last().body} `, h)).toThrow(/No matching signature/);
  });
});

describe('delivery.http -> trigger.webhook', () => {
  it('a Sluice webhook trigger with the same secret accepts what delivery.http signs', async () => {
    const secret = `whsec_${Buffer.from('sluice-to-sluice-secret').toString('base64')}`;
    await run({ id: 1 }, { auth: { kind: 'hmac', secret } });
    const trigger = WebhookConfigSchema.parse({ path: 'in', auth: { kind: 'hmac', secret } });
    const req = { headers: last().headers as Record<string, string>, rawBody: last().body };
    expect(verifyWebhook(trigger, req)).toEqual({ ok: true });
    expect(webhookIdempotencyKey(trigger, req.headers, JSON.parse(req.rawBody))).toBe('run_test:node1');
  });
});

describe('delivery.http: the response', () => {
  it('reuses keep-alive connections across deliveries', async () => {
    const ports = new Set<number>();
    consumer.answer((_r, res) => {
      ports.add(res.socket!.remotePort!);
      res.writeHead(200).end('ok');
    });
    for (let i = 0; i < 5; i++) await run({ i });
    expect(ports.size).toBe(1);
  });

  it('joins repeated response headers', async () => {
    consumer.answer((_r, res) => res.writeHead(200, { 'set-cookie': ['a=1', 'b=2'], 'x-n': '3' }).end());
    const result = (await run({})) as { output: { headers: Record<string, string> } };
    expect(result.output.headers).toMatchObject({ 'set-cookie': 'a=1, b=2', 'x-n': '3' });
  });

  it('keeps a non-JSON body as text and an empty JSON body as null', async () => {
    consumer.answer((_r, res) => res.writeHead(201, { 'content-type': 'text/plain' }).end('created'));
    expect(await run({})).toMatchObject({ output: { status: 201, body: 'created' } });
    consumer.answer((_r, res) => res.writeHead(204, { 'content-type': 'application/json' }).end());
    expect(await run({})).toMatchObject({ output: { status: 204, body: null } });
  });

  it('fails a success response over 1 MB with a non-retriable ResponseTooLarge', async () => {
    consumer.answer((_r, res) => res.writeHead(200).end('x'.repeat(MAX_RESPONSE_BYTES + 10)));
    const err = await failure(run({}));
    expect(err).toBeInstanceOf(NonRetriableError);
    expect(err.code).toBe('ResponseTooLarge');
  });

  it('accepts a body of exactly 1 MB', async () => {
    consumer.answer((_r, res) => res.writeHead(200).end('y'.repeat(MAX_RESPONSE_BYTES)));
    const result = (await run({})) as { output: { body: string } };
    expect(result.output.body.length).toBe(MAX_RESPONSE_BYTES);
  });
});

describe('delivery.http: failures', () => {
  const status = (code: number, headers: Record<string, string> = {}, body = 'nope') =>
    consumer.answer((_r, res) => res.writeHead(code, headers).end(body));

  it('5xx is a retryable HttpError with the status and a body excerpt', async () => {
    status(502, {}, 'bad gateway');
    const err = await failure(run({}));
    expect(err).toBeInstanceOf(RetryableError);
    expect(err).toMatchObject({ code: 'HttpError', details: { status: 502, body: 'bad gateway' } });
  });

  it('503 and 429 with Retry-After seconds or an HTTP date are RetryAfterErrors', async () => {
    status(503, { 'retry-after': '2' });
    const a = await failure(run({}));
    expect(a).toBeInstanceOf(RetryAfterError);
    expect((a as RetryAfterError).retryAfterMs).toBe(2000);
    const now = new Date('2026-11-26T10:00:00Z');
    status(429, { 'retry-after': 'Thu, 26 Nov 2026 10:01:30 GMT' });
    const b = await failure(run({}, {}, testContext({ now })));
    expect((b as RetryAfterError).retryAfterMs).toBe(90_000);
    expect(b.details).toMatchObject({ status: 429, retryAfterMs: 90_000 });
  });

  it('429 without Retry-After and 408 are retryable; 503 without it is a plain HttpError', async () => {
    for (const code of [429, 408, 503]) {
      status(code);
      const err = await failure(run({}));
      expect(err).toBeInstanceOf(RetryableError);
      expect(err).toMatchObject({ code: 'HttpError', details: { status: code } });
    }
  });

  it('other 4xx are non-retriable with the status and an excerpt of a large body', async () => {
    status(422, {}, `invalid: ${'z'.repeat(MAX_RESPONSE_BYTES * 2)}`);
    const err = await failure(run({}));
    expect(err).toBeInstanceOf(NonRetriableError);
    expect(err.message).toMatch(/^HTTP 422: invalid: z+/);
    expect((err.details as { body: string }).body.length).toBe(500);
  });

  it('does not follow redirects: a 3xx is non-retriable and names the location', async () => {
    status(302, { location: `${consumer.url}/elsewhere` });
    const err = await failure(run({ a: 1 }));
    expect(err).toMatchObject({ code: 'Redirect', retryable: false, details: { status: 302 } });
    expect(err.message).toContain('/elsewhere');
    expect(consumer.received.map((r) => r.url)).toEqual(['/hook']);
  });

  it('a server that stops answering in the middle of the body is a Timeout', async () => {
    consumer.answer((_r, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
    });
    const err = await failure(run({}, { timeoutMs: 200 }));
    expect(err).toMatchObject({ code: 'Timeout', retryable: true });
  });

  it('a server that does not answer in time is a retryable Timeout', async () => {
    consumer.answer(() => undefined);
    const started = Date.now();
    const err = await failure(run({}, { timeoutMs: 200 }));
    expect(err).toMatchObject({ code: 'Timeout', retryable: true, details: { timeoutMs: 200 } });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a cancelled step aborts the request as retryable Aborted', async () => {
    consumer.answer(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort('run cancelled'), 50);
    const err = await failure(run({}, {}, testContext({ signal: controller.signal })));
    expect(err).toMatchObject({ code: 'Aborted', retryable: true });
    expect(err.message).toMatch(/run cancelled/);
  });

  it('a refused connection is a retryable NetworkError', async () => {
    const gone = await startConsumer();
    const url = gone.url;
    await gone.close();
    const err = await failure(run({}, { url }));
    expect(err).toBeInstanceOf(RetryableError);
    expect(err).toMatchObject({ code: 'NetworkError', details: { cause: 'ECONNREFUSED' } });
  });

  it('a connection reset mid-response is a retryable NetworkError', async () => {
    consumer.answer((_r, res) => res.socket?.destroy());
    const err = await failure(run({}));
    expect(err).toMatchObject({ code: 'NetworkError', retryable: true });
  });

  it('bad templates and URLs are non-retriable and send nothing', async () => {
    const a = await failure(run({}, { url: `${consumer.url}/u/{{input.id}}` }));
    expect(a).toMatchObject({ code: 'TemplateError', retryable: false });
    expect(a.message).toMatch(/url: \{\{input\.id\}\} has no value/);
    const b = await failure(run({ h: 'a\r\nx-evil: 1' }, { headers: { 'x-a': '{{input.h}}' } }));
    expect(b).toMatchObject({ code: 'InvalidHeader', retryable: false });
    const c = await failure(run({ u: 'ftp://x' }, { url: '{{input.u}}' }));
    expect(c).toMatchObject({ code: 'InvalidUrl', retryable: false });
    expect(consumer.received).toHaveLength(0);
  });
});
