// The bench runner (`npm run bench`): runs every bench/<name>/index.ts in its own process, one after another.
// `npm run bench -- sandbox e2e` runs only the named ones.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = import.meta.dirname;
const only = process.argv.slice(2);
const benches = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'node_modules' && existsSync(join(root, d.name, 'index.ts')))
  .map((d) => d.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

if (benches.length === 0) {
  process.stderr.write(`no bench matches ${only.join(', ') || '(any)'}: expected bench/<name>/index.ts\n`);
  process.exit(2);
}

const failed: string[] = [];
for (const name of benches) {
  process.stdout.write(`\n=== bench/${name} ===\n`);
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    ['--no-node-snapshot', '--import', 'tsx', join(root, name, 'index.ts')],
    {
      stdio: 'inherit',
      cwd: join(root, name),
    },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) failed.push(name);
  process.stdout.write(
    `=== bench/${name}: ${r.status === 0 ? 'done' : `failed (${r.status ?? r.signal})`} in ${seconds} s ===\n`,
  );
}
if (failed.length) {
  process.stderr.write(`\nfailed: ${failed.join(', ')}\n`);
  process.exit(1);
}
