// Starts a private redis-server found on PATH as a child process, on a free loopback port, data under dataDir.
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
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

/** The pid in `file` if it is a live redis-server (Linux /proc tells; elsewhere any live pid counts). */
function liveRedisPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  const comm = `/proc/${pid}/comm`;
  if (existsSync(comm) && !readFileSync(comm, 'utf8').startsWith('redis-server')) return undefined;
  return pid;
}

/**
 * A redis-server left running by a previous process that was killed hard would share the data folder with the
 * new one; the caller holds the data dir lock, so such a server is an orphan of ours: stop it first.
 */
async function stopOrphan(pidFile: string, log: Logger): Promise<void> {
  const pid = liveRedisPid(pidFile);
  if (!pid) return;
  log.warn({ pid }, 'stopping a redis-server left over from an earlier run');
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && liveRedisPid(pidFile) === pid; i++) await new Promise((r) => setTimeout(r, 100));
}

export interface ChildRedis {
  url: string;
  stop(): Promise<void>;
}

/** Spawns `binary` and waits (up to 10 s) for PING. The child is killed on stop() and when this process exits. */
export async function startRedisServer(binary: string, dataDir: string, log: Logger): Promise<ChildRedis> {
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const pidFile = join(dir, 'redis.pid');
  await stopOrphan(pidFile, log);
  const port = await freePort();
  // BullMQ needs noeviction; AOF keeps queued work across restarts (Postgres can rebuild it anyway).
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  args.push(
    '--appendonly',
    'yes',
    '--maxmemory-policy',
    'noeviction',
    '--daemonize',
    'no',
    '--pidfile',
    pidFile,
  );
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
