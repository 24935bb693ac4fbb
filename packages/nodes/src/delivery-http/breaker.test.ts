// Per-host circuit breaker through the executor against a real consumer: opens, fails fast, half-opens, closes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../kit/test-context';
import { breakerState, resetBreakers } from './breaker';
import { DeliveryHttpConfigSchema } from './config';
import { deliveryHttpExecutor } from './execute';
import { type Consumer, startConsumer } from './test-consumer';

let consumer: Consumer;
beforeAll(async () => {
  consumer = await startConsumer();
});
afterAll(() => consumer.close());
beforeEach(() => {
  consumer.received.length = 0;
  resetBreakers();
});

const breaker = { enabled: true, threshold: 2, halfOpenAfterMs: 150 };
const config = (b: Partial<typeof breaker> = {}) =>
  DeliveryHttpConfigSchema.parse({ url: `${consumer.url}/x`, breaker: { ...breaker, ...b } });
const send = (b: Partial<typeof breaker> = {}) =>
  deliveryHttpExecutor.execute({}, config(b), testContext()).then(
    (r) => r,
    (e) => e,
  );
const answerWith = (status: number) =>
  consumer.answer((_r, res) => res.writeHead(status).end(String(status)));

describe('delivery.http circuit breaker', () => {
  it('opens after `threshold` consecutive 5xx and then fails fast with CircuitOpen', async () => {
    answerWith(500);
    expect(await send()).toMatchObject({ code: 'HttpError' });
    expect(await send()).toMatchObject({ code: 'HttpError' });
    expect(breakerState(consumer.host, breaker)).toBe('open');
    const fast = await send();
    expect(fast).toMatchObject({ code: 'CircuitOpen', retryable: true, details: { host: consumer.host } });
    expect(consumer.received).toHaveLength(2);
  });

  it('lets one probe through after halfOpenAfterMs and closes on success', async () => {
    answerWith(503);
    await send();
    await send();
    answerWith(200);
    expect(await send()).toMatchObject({ code: 'CircuitOpen' });
    await new Promise((r) => setTimeout(r, 200));
    expect(await send()).toMatchObject({ status: 'succeeded', output: { status: 200 } });
    expect(breakerState(consumer.host, breaker)).toBe('closed');
    expect(consumer.received).toHaveLength(3);
  });

  it('re-opens when the probe fails', async () => {
    answerWith(500);
    await send();
    await send();
    await new Promise((r) => setTimeout(r, 200));
    expect(await send()).toMatchObject({ code: 'HttpError' });
    expect(await send()).toMatchObject({ code: 'CircuitOpen' });
  });

  it('does not count 4xx answers: the host is healthy', async () => {
    answerWith(404);
    for (let i = 0; i < 4; i++) expect(await send()).toMatchObject({ code: 'HttpError', retryable: false });
    expect(breakerState(consumer.host, breaker)).toBe('closed');
  });

  it('a success resets the consecutive count', async () => {
    answerWith(500);
    await send();
    answerWith(200);
    await send();
    answerWith(500);
    await send();
    expect(breakerState(consumer.host, breaker)).toBe('closed');
  });

  it('keeps separate breakers per settings and none when disabled', async () => {
    answerWith(500);
    await send();
    await send();
    expect(await send({ threshold: 3 })).toMatchObject({ code: 'HttpError' });
    expect(await send({ enabled: false })).toMatchObject({ code: 'HttpError' });
    expect(consumer.received).toHaveLength(4);
  });
});
