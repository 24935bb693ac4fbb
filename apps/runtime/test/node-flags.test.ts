// The runtime's node flags are spelt out where no launcher can add them (npm start, the Docker image): every place
// must carry all of bin/node-flags.mjs, and the runtime must actually start with them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM without types, shared with bin/sluice.mjs
import { RUNTIME_NODE_FLAGS } from '../bin/node-flags.mjs';

const RUNTIME = join(import.meta.dirname, '..');
const flags = RUNTIME_NODE_FLAGS as string[];

describe('runtime node flags', () => {
  it('includes --no-node-snapshot (isolated-vm) and a larger young generation', () => {
    expect(flags).toContain('--no-node-snapshot');
    expect(flags.some((f) => f.startsWith('--max-semi-space-size='))).toBe(true);
  });

  it('npm start, npm run dev and the Docker image pass every flag', () => {
    const scripts = JSON.parse(readFileSync(join(RUNTIME, 'package.json'), 'utf8')).scripts;
    const entrypoint = readFileSync(join(RUNTIME, '../../Dockerfile'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('ENTRYPOINT'));
    for (const flag of flags) {
      expect(scripts.start).toContain(flag);
      expect(scripts.dev).toContain(flag);
      expect(entrypoint).toContain(JSON.stringify(flag));
    }
  });
});
