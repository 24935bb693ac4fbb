// The snippet type checker: input typed from a sample or a declared type, ctx typed, positions in the user's code.
import { describe, expect, it } from 'vitest';
import { snippetContextDts } from './context-dts';
import { createSnippetChecker } from './type-checker';

const checker = createSnippetChecker();
const sample = { employeeId: 'E1', name: { first: 'Ada', last: 'Lovelace' }, endDate: '2026-03-01' };

describe('snippet type checker', () => {
  it('accepts a correct snippet with un-annotated parameters typed from the sample', () => {
    const code = `export default (input, ctx) => {
  ctx.log('mapping', input.employeeId);
  return { userName: input.name.first.toLowerCase(), purge: ctx.helpers.addDuration(input.endDate, 'P14D') };
};`;
    expect(checker.check(code, { inputSample: sample })).toEqual([]);
  });

  it('reports an unknown input field at its line and column in the original code', () => {
    const code = `export default (input, ctx) => {\n  return input.name.middle;\n};`;
    expect(checker.check(code, { inputSample: sample })).toEqual([
      {
        line: 2,
        column: 21,
        message: expect.stringContaining("Property 'middle' does not exist"),
        severity: 'error',
      },
    ]);
  });

  it('checks against a declared type and an exported function declaration', () => {
    const inputType = 'interface HrEvent { id: string; terminated: boolean }';
    const ok = 'export default function (input: HrEvent) {\n  return input.terminated;\n}';
    expect(checker.check(ok, { inputType })).toEqual([]);
    const bad = 'export default async function (input, ctx) {\n  ctx.runId = "x";\n  return input.id * 2;\n}';
    const found = checker.check(bad, { inputType });
    expect(found.map((d) => [d.line, d.column])).toEqual([
      [2, 7],
      [3, 10],
    ]);
    expect(found[0]!.message).toContain('read-only');
  });

  it('knows nothing of Node or the DOM, and reports a missing default export', () => {
    const found = checker.check('export default () => { setTimeout(() => 1); return process.env; };');
    expect(found.map((d) => d.message)).toEqual([
      "Cannot find name 'setTimeout'.",
      expect.stringContaining("Cannot find name 'process'"),
    ]);
    expect(checker.check('const x = 1;')[0]).toMatchObject({
      line: 1,
      message: expect.stringContaining('export default'),
    });
  });

  it('reports a broken declared input type', () => {
    expect(
      checker.check('export default (input) => input;', { inputType: '{ a: Strin }' })[0]?.message,
    ).toContain('input type:');
  });

  it('generates a .d.ts usable as a Monaco extra lib', () => {
    const dts = snippetContextDts({ inputSample: { a: 1 } });
    expect(dts).toContain('type Input = {\n  a: number;\n};');
    expect(dts).toContain('interface SnippetContext');
    expect(dts).toContain('sha256(text: string): string;');
  });
});
