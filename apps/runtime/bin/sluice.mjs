#!/usr/bin/env node
// `sluice [all|api|worker]`: runs src/main.ts with the flags it needs (isolated-vm: --no-node-snapshot; tsx for TypeScript).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(
  process.execPath,
  ['--no-node-snapshot', '--import', 'tsx', join(root, 'src/main.ts'), ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: root },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
