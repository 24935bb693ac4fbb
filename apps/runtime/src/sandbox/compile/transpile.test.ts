// transpileSnippet and its cache: types stripped with lines kept, syntax errors located, the cache bounded.
import { describe, expect, it } from 'vitest';
import { TranspileCache, transpileSnippet } from './transpile';

describe('transpileSnippet', () => {
  it('strips types, keeps the line numbers and names the default export', () => {
    const { js, id } = transpileSnippet(
      'type A = { a: number };\nexport default (input: A): number => {\n  return input.a;\n};',
    );
    expect(js.split('\n')).toHaveLength(4);
    expect(js).toContain('exports. default = (input) =>');
    expect(id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reports a syntax error with the line and column of TypeScript', () => {
    expect(() => transpileSnippet('export default (input: any) => {\n  return input.a +;\n};')).toThrow(
      /SnippetCompileError: Expression expected\. at line 2, column 19/,
    );
  });

  it('transpiles each code text once and stays within its bounds', () => {
    const cache = new TranspileCache(2, 1_000_000);
    const a = cache.get('export default () => 1;');
    expect(cache.get('export default () => 1;')).toBe(a);
    cache.get('export default () => 2;');
    cache.get('export default () => 3;');
    expect(cache.size).toBe(2);
    const small = new TranspileCache(100, 200);
    for (let i = 0; i < 10; i++) small.get(`export default () => ${i}; // ${'x'.repeat(40)}`);
    expect(small.size).toBeLessThan(10);
  });
});
