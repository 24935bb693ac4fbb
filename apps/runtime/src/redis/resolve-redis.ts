// Which Redis the process uses: REDIS_URL, else localhost:6379 if it answers, else a child redis-server, else an error.
import type { Logger } from '../logging/logger';
import { pingRedis } from './ping-redis';
import { findRedisServer, startRedisServer } from './redis-server';

export const LOCAL_REDIS = 'redis://127.0.0.1:6379';

export interface ResolvedRedis {
  url: string;
  source: 'env' | 'localhost' | 'child';
  /** Stops the child redis-server, if one was started. */
  stop(): Promise<void>;
}

/** No Redis could be found or started; the message names the fix. */
export class RedisUnavailableError extends Error {
  readonly code = 'redis_unavailable';
  constructor() {
    super(
      'Sluice needs Redis. No REDIS_URL is set, nothing answers on 127.0.0.1:6379 and no redis-server is on PATH. ' +
        'Install Redis (e.g. `apt-get install redis-server` or `brew install redis`) or set REDIS_URL=redis://host:6379.',
    );
    this.name = 'RedisUnavailableError';
  }
}

export interface ResolveRedisOptions {
  redisUrl?: string;
  dataDir: string;
  log: Logger;
  /** PATH to search for redis-server (tests override it). */
  path?: string;
  localUrl?: string;
}

export async function resolveRedis(opts: ResolveRedisOptions): Promise<ResolvedRedis> {
  const none = async () => {};
  if (opts.redisUrl) return { url: opts.redisUrl, source: 'env', stop: none };
  const local = opts.localUrl ?? LOCAL_REDIS;
  if (await pingRedis(local)) return { url: local, source: 'localhost', stop: none };
  const binary = findRedisServer(opts.path);
  if (!binary) throw new RedisUnavailableError();
  const child = await startRedisServer(binary, opts.dataDir, opts.log);
  return { url: child.url, source: 'child', stop: child.stop };
}
