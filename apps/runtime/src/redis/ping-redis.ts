// pingRedis: whether a Redis at `url` answers PING within a timeout (no retries, no offline queue).
import { Redis } from 'ioredis';

export async function pingRedis(url: string, timeoutMs = 1000): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => {}); // reported through the rejected connect below
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Readiness probe for /ready. */
export const redisCheck = (url: string) => ({
  name: 'redis',
  async check() {
    if (!(await pingRedis(url))) throw new Error('redis does not answer PING');
  },
});
