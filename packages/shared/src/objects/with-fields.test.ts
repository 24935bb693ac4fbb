// withFields: the content of `{ ...base, ...fields }` (its hidden classes are checked in apps/runtime/test).
import { describe, expect, it } from 'vitest';
import { withFields } from './with-fields';

describe('withFields', () => {
  it('copies own enumerable properties, fields win, the base is untouched', () => {
    const base = { a: 1, b: 2 };
    const out = withFields(base, { b: 3, c: 4 });
    expect(out).toEqual({ a: 1, b: 3, c: 4 });
    expect(Object.keys(out)).toEqual(['a', 'b', 'c']);
    expect(base).toEqual({ a: 1, b: 2 });
    expect(out).not.toBe(base);
  });

  it('copies what a spread copies: symbols yes, inherited and non-enumerable properties no', () => {
    const sym = Symbol('s');
    const base = Object.create({ inherited: 1 }, { hidden: { value: 2, enumerable: false } });
    base.own = 3;
    base[sym] = 4;
    const out = withFields(base, { more: 5 });
    expect(out).toEqual({ ...base, more: 5 });
    expect(out[sym]).toBe(4);
    expect('inherited' in out).toBe(false);
    expect('hidden' in out).toBe(false);
  });

  it('keeps an own __proto__ key (from JSON) as data, as a spread does', () => {
    const base = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    const out = withFields(base, { b: 2 });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.keys(out)).toEqual(['__proto__', 'a', 'b']);
  });
});
