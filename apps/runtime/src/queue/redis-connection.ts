// ioredis connections for BullMQ, each tuned for its role as BullMQ documents.
import { Redis } from 'ioredis';

export type RedisRole = 'worker' | 'producer' | 'subscriber';

/**
 * Workers and subscribers block and must wait out a Redis restart (`maxRetriesPerRequest: null`); producers fail
 * fast (`enableOfflineQueue: false`) so a request is not held while Redis is away — Postgres keeps the work.
 */
export function createRedisConnection(url: string, role: RedisRole): Redis {
  if (role === 'producer') return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  return new Redis(url, { maxRetriesPerRequest: null });
}

/** Resolves once the connection is ready (producers refuse commands before that). */
export async function whenReady(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    redis.once('ready', () => resolve());
    redis.once('error', reject);
  });
}
