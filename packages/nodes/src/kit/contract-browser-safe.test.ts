// Guards the browser-safe entry point: nothing reachable from descriptors.ts imports server-only packages.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Bare imports a descriptor may use; everything else (node:*, undici, isolated-vm, ...) is server-only. */
const BROWSER_SAFE = new Set(['zod', '@sluice/shared']);
const ENTRY = fileURLToPath(new URL('../descriptors.ts', import.meta.url));
const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm;

function resolveRelative(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, `${base}/index.ts`, base])
    if (existsSync(candidate)) return candidate;
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

/** Every file reachable from `entry` through relative imports, with the bare imports each one makes. */
function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (graph.has(file)) continue;
    const bare: string[] = [];
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (spec!.startsWith('.')) todo.push(resolveRelative(file, spec!));
      else bare.push(spec!);
    }
    graph.set(file, bare);
  }
  return graph;
}

describe('descriptors.ts', () => {
  it('imports only browser-safe packages, directly or through the files it reaches', () => {
    const graph = importGraph(ENTRY);
    expect(graph.size).toBeGreaterThan(7);
    const offenders = [...graph].flatMap(([file, bare]) =>
      bare
        .filter((b) => !BROWSER_SAFE.has(b))
        .map((b) => `${file.replace(/.*\/src\//, 'src/')} imports ${b}`),
    );
    expect(offenders, 'server-only imports reachable from the browser entry point').toEqual([]);
  });

  it('does not reach any executor', () => {
    const files = [...importGraph(ENTRY).keys()];
    expect(files.filter((f) => /\/execute\.ts$|\/executors\.ts$/.test(f))).toEqual([]);
  });
});
