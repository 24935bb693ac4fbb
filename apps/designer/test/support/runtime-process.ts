// Starts the real runtime as a child process (API + worker + this build of the designer) for browser tests.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../../..');
export const DESIGNER_DIST = resolve(REPO_ROOT, 'apps/designer/dist');

export interface RuntimeProcess {
  url: string;
  token: string;
  logs: string[];
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

/** A fresh PostgreSQL database (dropped by `drop()`), or null when psql is not available. */
export function createDatabase(name: string): { url: string; drop(): void } | null {
  const base = process.env.SLUICE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';
  try {
    execFileSync('psql', [`${base}/postgres`, '-qc', `CREATE DATABASE "${name}"`], { stdio: 'pipe' });
  } catch {
    return null;
  }
  return {
    url: `${base}/${name}`,
    drop: () => {
      try {
        execFileSync('psql', [`${base}/postgres`, '-qc', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`], {
          stdio: 'pipe',
        });
      } catch {
        // best effort: a leftover test database is harmless
      }
    },
  };
}

/** Spawns `node --no-node-snapshot --import tsx apps/runtime/src/main.ts` and waits for /health. */
export async function startRuntime(extraEnv: Record<string, string> = {}): Promise<RuntimeProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-e2e-'));
  const id = `designer_e2e_${process.pid}_${Date.now()}`;
  const db = createDatabase(id);
  const token = `e2e-token-${Date.now()}`;
  const logs: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    ['--no-node-snapshot', '--import', 'tsx', 'apps/runtime/src/main.ts'],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        SLUICE_DATA_DIR: dataDir,
        SLUICE_ADMIN_TOKEN: token,
        SLUICE_DESIGNER_DIST: DESIGNER_DIST,
        SLUICE_EXAMPLES: 'off',
        SLUICE_QUEUE_PREFIX: id,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        LOG_LEVEL: 'warn',
        ...(db ? { DATABASE_URL: db.url } : {}),
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const keep = (b: Buffer) => {
    logs.push(b.toString());
    if (logs.length > 500) logs.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise<void>((r) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL');
          r();
        }, 10_000);
        child.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    }
    db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the runtime exited with ${child.exitCode}:\n${logs.join('')}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the runtime did not answer /health within 120 s:\n${logs.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { url, token, logs, stop };
}
