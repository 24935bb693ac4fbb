// delivery.http over https: certificates are verified, so a self-signed consumer is refused before any data is sent.
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../kit/test-context';
import { DeliveryHttpConfigSchema } from './config';
import { deliveryHttpExecutor } from './execute';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from './tls-fixture';

let requests = 0;
const server = createServer({ key: SELF_SIGNED_KEY, cert: SELF_SIGNED_CERT }, (_req, res) => {
  requests++;
  res.writeHead(200).end('ok');
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('delivery.http over https', () => {
  it('refuses an untrusted certificate as a retryable NetworkError naming the TLS cause, sending nothing', async () => {
    const config = DeliveryHttpConfigSchema.parse({ url, breaker: { enabled: false } });
    const err = await deliveryHttpExecutor
      .execute({ secret: 'payload' }, config, testContext())
      .catch((e) => e);
    expect(err).toMatchObject({
      code: 'NetworkError',
      retryable: true,
      details: { cause: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    });
    expect(requests).toBe(0);
  });
});
