// Starts the real process twice on a fresh data dir (PGlite, no DATABASE_URL): health, auth, token printed once.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const RUNTIME = join(import.meta.dirname, '..');
const TOKEN_LINE = /SLUICE_ADMIN_TOKEN=(\S+)/;

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
}

function start(dataDir: string): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', SLUICE_DATA_DIR: dataDir, HOST: '127.0.0.1' };
  delete env.DATABASE_URL;
  delete env.SLUICE_ADMIN_TOKEN;
  const child = spawn(process.execPath, ['--no-node-snapshot', '--import', 'tsx', 'src/main.ts'], {
    cwd: RUNTIME,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      out += String(d);
      const port = /"url":"http:\/\/localhost:(\d+)"/.exec(out)?.[1];
      if (port) resolve({ child, port: Number(port), output: () => out });
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening:\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('sluice process', () => {
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) await stop(c);
  });

  it('starts on PGlite, prints the admin token once, and stops gracefully', {
    timeout: 180_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sluice-start-'));
    const first = await start(dataDir);
    children.push(first.child);
    const base = `http://127.0.0.1:${first.port}`;
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/api/flows`)).status).toBe(401);
    const token = TOKEN_LINE.exec(first.output())?.[1];
    expect(token).toMatch(/^slc_/);
    const authed = await fetch(`${base}/api/flows`, { headers: { authorization: `Bearer ${token}` } });
    expect(authed.status).toBe(200);
    // A second process on the same embedded data dir stops at once, naming the fix.
    await expect(start(dataDir)).rejects.toThrow(/exited with 1[\s\S]*another Sluice process/);
    expect(await stop(first.child)).toBe(0);

    const second = await start(dataDir);
    children.push(second.child);
    expect(second.output()).not.toMatch(TOKEN_LINE);
    const again = await fetch(`http://127.0.0.1:${second.port}/api/flows`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(again.status).toBe(200);
  });

  it('refuses an unknown role with the usage', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'boss'], { cwd: RUNTIME });
    let err = '';
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('unknown role "boss"');
    expect(err).toContain('Usage: sluice [all|api|worker]');
  });
});
