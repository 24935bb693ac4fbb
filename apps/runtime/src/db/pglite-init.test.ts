// A new PGlite data folder is made in a child process (its WebAssembly memory goes away with it), then opened here.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { initPgliteDataDir, isInitialized } from './pglite-init';

const root = mkdtempSync(join(tmpdir(), 'sluice-pglite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a new PGlite data folder', () => {
  it('is created and migrated by a child process, then opens here with the schema in place', async () => {
    const dir = join(root, 'new');
    expect(isInitialized(dir)).toBe(false);
    const database = await openDatabase({ dataDir: dir });
    try {
      expect(isInitialized(dir)).toBe(true);
      const result = await database.db.execute(sql`select count(*)::int as n from "runs"`);
      const rows = Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows;
      expect(rows[0]).toEqual({ n: 0 });
      await database.migrate(); // already applied by the child: a no-op
    } finally {
      await database.close();
    }
  });

  it('is left alone once initialized (no child process)', async () => {
    const dir = join(root, 'new');
    const before = statSync(join(dir, 'PG_VERSION')).mtimeMs;
    await initPgliteDataDir(dir, '/nonexistent'); // a child would fail on this migrations folder
    expect(statSync(join(dir, 'PG_VERSION')).mtimeMs).toBe(before);
  });

  it('fails with what the child said when the folder cannot be created', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a folder');
    await expect(initPgliteDataDir(join(file, 'pglite'), '/nonexistent')).rejects.toThrow(
      /PGlite could not create .*a-file\/pglite \(exit 1\): .+/s,
    );
  });
});
