// Child processes of the bench: the bare server and a Sluice runtime (`sluice all`), each waited for until it listens.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const REPO = join(import.meta.dirname, '..', '..');

/** Children still running; killed if the bench exits early, so no server outlives it. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

function waitForLine(child: ChildProcess, match: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(
      () => reject(new Error(`no "${match}" within ${timeoutMs} ms:\n${buffered.slice(-2000)}`)),
      timeoutMs,
    );
    const onData = (d: Buffer) => {
      buffered += d.toString();
      const m = buffered.match(match);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(m);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`process exited (${code}):\n${buffered.slice(-2000)}`)));
  });
}

export async function startBare(sinkUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = track(
    spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'bare-server.ts'), sinkUrl], {
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const m = await waitForLine(child, /port (\d+)/, 20_000);
  return { url: `http://127.0.0.1:${m[1]}`, child };
}

export interface SluiceEnv {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  token: string;
  dataDir: string;
  /** The checkout whose runtime runs (default: this one). */
  repo?: string;
}

export async function startSluice(e: SluiceEnv): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const repo = e.repo ?? REPO;
  // BENCH_SLUICE_NODE_FLAGS: extra node/V8 flags for the runtime only (`--trace-gc`, `--max-semi-space-size=..`).
  const nodeFlags = (process.env.BENCH_SLUICE_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const prof = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = track(
    spawn(
      process.execPath,
      [
        ...(await runtimeNodeFlags(repo)),
        ...prof,
        ...nodeFlags,
        '--import',
        'tsx',
        join(repo, 'apps/runtime/src/main.ts'),
        'all',
      ],
      {
        cwd: join(repo, 'apps/runtime'),
        env: {
          ...process.env,
          DATABASE_URL: e.databaseUrl,
          REDIS_URL: e.redisUrl,
          SLUICE_QUEUE_PREFIX: e.prefix,
          SLUICE_ADMIN_TOKEN: e.token,
          SLUICE_DATA_DIR: e.dataDir,
          SLUICE_EXAMPLES: 'off',
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    ),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sluice exited (${child.exitCode})`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child };
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('sluice did not answer /health within 60 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The checkout's own runtime node flags (apps/runtime/bin/node-flags.mjs; older checkouts: isolated-vm's only). */
async function runtimeNodeFlags(repo: string): Promise<string[]> {
  const file = join(repo, 'apps/runtime/bin/node-flags.mjs');
  if (!existsSync(file)) return ['--no-node-snapshot'];
  return ((await import(pathToFileURL(file).href)) as { RUNTIME_NODE_FLAGS: string[] }).RUNTIME_NODE_FLAGS;
}
