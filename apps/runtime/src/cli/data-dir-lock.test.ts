// The data dir lock: one live process per embedded data dir; stale locks of dead processes are taken over.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

const dir = () => mkdtempSync(join(tmpdir(), 'sluice-lock-'));

describe('lockDataDir', () => {
  it('refuses a dir a live process holds, naming it and the fix', () => {
    const d = dir();
    writeFileSync(join(d, 'sluice.pid'), String(process.ppid));
    expect(() => lockDataDir(d)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(d)).toThrow(`pid ${process.ppid}`);
  });

  it('takes over the lock of a dead process and releases it', () => {
    const d = dir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(d, 'sluice.pid'), String(dead));
    const release = lockDataDir(d);
    expect(existsSync(join(d, 'sluice.pid'))).toBe(true);
    release();
    expect(existsSync(join(d, 'sluice.pid'))).toBe(false);
    lockDataDir(d)();
  });
});
