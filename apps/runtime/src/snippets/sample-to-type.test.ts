// sampleToType: JSON samples become readable TypeScript types.
import { describe, expect, it } from 'vitest';
import { sampleToType } from './sample-to-type';

describe('sampleToType', () => {
  it('types primitives, nulls and nested objects, quoting keys that are not identifiers', () => {
    expect(
      sampleToType({ id: 'E1', age: 41, active: true, manager: null, 'cost-center': { code: 'X' } }),
    ).toBe(
      '{\n  id: string;\n  age: number;\n  active: boolean;\n  manager: null;\n  "cost-center": {\n    code: string;\n  };\n}',
    );
  });

  it('merges array elements: optional keys for missing ones, unions for mixed kinds', () => {
    expect(sampleToType([{ a: 1 }, { a: 'x', b: true }])).toBe(
      '{\n  a: number | string;\n  b?: boolean;\n}[]',
    );
    expect(sampleToType([1, 'a', 2])).toBe('(number | string)[]');
    expect(sampleToType([])).toBe('unknown[]');
    expect(sampleToType({})).toBe('Record<string, unknown>');
  });
});
