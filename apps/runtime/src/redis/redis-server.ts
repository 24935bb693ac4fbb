// Starts a private redis-server found on PATH as a child process, on a free loopback port, data under dataDir.
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import type { Logger } from '../logging/logger';
import { pingRedis } from './ping-redis';

/** The first executable `redis-server` on PATH, or undefined. */
export function findRedisServer(path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ChildRedis {
  url: string;
  stop(): Promise<void>;
}

/** Spawns `binary` and waits (up to 10 s) for PING. The child is killed on stop() and when this process exits. */
export async function startRedisServer(binary: string, dataDir: string, log: Logger): Promise<ChildRedis> {
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  // BullMQ needs noeviction; AOF keeps queued work across restarts (Postgres can rebuild it anyway).
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  args.push('--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--daemonize', 'no');
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const kill = () => child.kill('SIGTERM');
  process.once('exit', kill);
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && child.exitCode === null; i++) {
    if (await pingRedis(url, 200)) {
      log.info({ url, dir, pid: child.pid }, 'started a private redis-server');
      return {
        url,
        stop: () =>
          new Promise<void>((resolve) => {
            process.off('exit', kill);
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            kill();
          }),
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  kill();
  throw new Error(`redis-server (${binary}) did not start: ${stderr.trim() || 'no answer to PING'}`);
}
