// Server code builds no object literal that starts with a spread and goes on (`{ ...base, at }`): on Node 20 (V8
// 11.3) each such object gets a hidden class of its own (see withFields in @sluice/shared). Found with --log-maps
// in bench/e2e: 34 new maps per run, megamorphic reads of every record built that way; removing them gave 1.09x
// runs/s and 0.88x CPU per run. This test reads the sources (TypeScript's parser) and, in a child process with
// V8's natives syntax, checks the rule's premise and its remedy on the running Node.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..', '..');
const SOURCES = ['apps/runtime/src', 'packages/nodes/src', 'packages/shared/src'];
/** withFields itself spreads for a base with an own `__proto__` key (rare; Object.assign would set a prototype). */
const ALLOWED = new Set(['packages/shared/src/objects/with-fields.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : sourceFiles(path);
    if (ALLOWED.has(relative(REPO, path))) return [];
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** `file:line` of every object literal whose first member is a spread and which has more members. */
function leadingSpreads(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isObjectLiteralExpression(node) &&
      node.properties.length > 1 &&
      ts.isSpreadAssignment(node.properties[0] as ts.Node)
    ) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      found.push(`${relative(REPO, path)}:${line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('hidden classes', () => {
  it('server sources build no object literal that starts with a spread and goes on (use withFields)', () => {
    const found = SOURCES.flatMap((dir) => sourceFiles(join(REPO, dir))).flatMap(leadingSpreads);
    expect(found).toEqual([]);
  });

  it('on this Node, such a literal gets a new hidden class per object and withFields does not', () => {
    // Natives syntax is parsed only with the flag, so the probe runs in a child process; plain JS, no imports.
    const probe = `
      const same = new Function('a', 'b', 'return %HaveSameMap(a, b)');
      const withFields = (base, fields) => Object.assign({}, base, fields);
      const distinct = (make) => { let n = 0, prev; for (let i = 0; i < 200; i++) { const o = make(i); if (prev && !same(prev, o)) n++; prev = o; } return n; };
      const base = (i) => ({ runId: 'r' + i, flowId: 'f', version: 1 });
      console.log(JSON.stringify({
        spread: distinct((i) => ({ ...base(i), stepId: 's' + i })),
        withFields: distinct((i) => withFields(base(i), { stepId: 's' + i })),
        literal: distinct((i) => ({ runId: 'r' + i, flowId: 'f', stepId: 's' + i })),
        differentKeys: distinct((i) => (i % 2 ? { a: i } : { b: i })),
      }));`;
    const out = JSON.parse(
      execFileSync(process.execPath, ['--allow-natives-syntax', '-e', probe], { encoding: 'utf8' }),
    ) as Record<string, number>;
    // The probe tells shapes apart, and the remedy shares one.
    expect(out.differentKeys).toBe(199);
    expect(out.literal).toBe(0);
    expect(out.withFields).toBe(0);
    // Premise of the rule on this Node (a later V8 that shares these maps would let the rule go).
    expect(out.spread).toBeGreaterThan(150);
  });
});
