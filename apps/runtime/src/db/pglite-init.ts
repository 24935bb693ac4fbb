// Creates a new PGlite data folder in a child process, so the memory its initdb takes goes away with it.
//
// PGlite is PostgreSQL compiled to WebAssembly, and a WebAssembly memory only grows: the initdb of a new data folder
// left `sluice all` at ~950 MB resident for good, against ~390 MB when it opens a folder made before (measured on
// Node 20, PGlite 0.5). With the initdb and the migrations in a child process, the first start of `sluice all` sits
// at ~380 MB like any later one; in a worker thread it was ~500 MB (the allocator keeps what the thread freed).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Plain JS, run by a bare `node` (no TypeScript loader, no isolated-vm): open the folder (initdb), apply the
 * migrations (they grow the memory too), close. The caller migrates again: a no-op then.
 */
const INIT = `
const input = JSON.parse(process.argv[1]);
(async () => {
  const { PGlite } = await import(input.pglite);
  const { drizzle } = await import(input.drizzle);
  const { migrate } = await import(input.migrator);
  const client = new PGlite(input.dataDir);
  await client.waitReady;
  await migrate(drizzle(client), { migrationsFolder: input.migrations });
  await client.close();
})().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err));
  process.exit(1);
});
`;

/** True when `dataDir` already holds a PostgreSQL cluster (PGlite writes one on first open). */
export const isInitialized = (dataDir: string): boolean => existsSync(join(dataDir, 'PG_VERSION'));

/**
 * Runs PGlite's initdb for `dataDir` and applies the migrations in `migrations`, in a child process, unless the
 * folder is initialized already. Rejects with what the child printed if it fails.
 */
export async function initPgliteDataDir(dataDir: string, migrations: string): Promise<void> {
  if (isInitialized(dataDir)) return;
  const input = JSON.stringify({
    dataDir,
    migrations,
    pglite: import.meta.resolve('@electric-sql/pglite'),
    drizzle: import.meta.resolve('drizzle-orm/pglite'),
    migrator: import.meta.resolve('drizzle-orm/pglite/migrator'),
  });
  const child = spawn(process.execPath, ['-e', INIT, input], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0)
    throw new Error(`PGlite could not create ${dataDir} (exit ${code}): ${stderr.slice(-2000)}`);
}
