// Redis resolution: REDIS_URL wins, then a local Redis that answers, then a child redis-server, else a clear error.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger';
import { pingRedis } from './ping-redis';
import { findRedisServer, freePort } from './redis-server';
import { RedisUnavailableError, resolveRedis } from './resolve-redis';

const log = createLogger('silent');
const dataDir = () => mkdtempSync(join(tmpdir(), 'sluice-redis-'));

describe('resolveRedis', () => {
  it('uses REDIS_URL as given', async () => {
    const r = await resolveRedis({ redisUrl: 'redis://example:6380', dataDir: dataDir(), log });
    expect(r).toMatchObject({ url: 'redis://example:6380', source: 'env' });
  });

  it('uses localhost:6379 when it answers', async () => {
    const r = await resolveRedis({ dataDir: dataDir(), log });
    expect(r).toMatchObject({ url: 'redis://127.0.0.1:6379', source: 'localhost' });
  });

  it('starts a child redis-server with its data under the data dir, and stops it', async () => {
    const closed = `redis://127.0.0.1:${await freePort()}`;
    const r = await resolveRedis({ dataDir: dataDir(), log, localUrl: closed });
    expect(r.source).toBe('child');
    expect(await pingRedis(r.url)).toBe(true);
    await r.stop();
    expect(await pingRedis(r.url)).toBe(false);
  });

  it('stops a child redis-server orphaned by an earlier run on the same data dir', async () => {
    const closed = `redis://127.0.0.1:${await freePort()}`;
    const dir = dataDir();
    const first = await resolveRedis({ dataDir: dir, log, localUrl: closed });
    const second = await resolveRedis({ dataDir: dir, log, localUrl: closed });
    expect(await pingRedis(first.url)).toBe(false);
    expect(await pingRedis(second.url)).toBe(true);
    await second.stop();
    await first.stop();
  });

  it('fails with a message naming the fix when there is no Redis at all', async () => {
    const closed = `redis://127.0.0.1:${await freePort()}`;
    const err = await resolveRedis({ dataDir: dataDir(), log, localUrl: closed, path: '/nonexistent' }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(RedisUnavailableError);
    expect(err.message).toMatch(/Install Redis .* or set REDIS_URL/);
    expect(findRedisServer('/nonexistent')).toBeUndefined();
  });
});
