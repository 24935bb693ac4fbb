// compareValues/valuesEqual: numeric, temporal, string and deep comparisons.
import { describe, expect, it } from 'vitest';
import { compareValues, valuesEqual } from './compare';

describe('compareValues', () => {
  it('compares numbers, and numeric strings against numbers', () => {
    expect(compareValues(10, 9)).toBeGreaterThan(0);
    expect(compareValues('10', 9)).toBeGreaterThan(0);
    expect(compareValues(2, '10')).toBeLessThan(0);
    expect(compareValues(2, 'ten')).toBeNull();
    expect(compareValues(Number.NaN, 1)).toBeNull();
  });

  it('compares ISO timestamps as instants, not as text', () => {
    expect(compareValues('2026-01-02T00:00:00+05:00', '2026-01-01T20:00:00Z')).toBeLessThan(0);
    expect(compareValues('2026-01-01', '2026-01-01T00:00:00Z')).toBe(0);
  });

  it('compares other strings by code units, and gives null for mixed or unordered types', () => {
    expect(compareValues('b', 'a')).toBeGreaterThan(0);
    expect(compareValues('10', '9')).toBeLessThan(0);
    expect(compareValues('2026-01-01', 'tomorrow')).toBeLessThan(0);
    expect(compareValues(true, false)).toBeNull();
    expect(compareValues(null, 'x')).toBeNull();
    expect(compareValues({}, {})).toBeNull();
  });
});

describe('valuesEqual', () => {
  it('uses the ordered comparison when there is one', () => {
    expect(valuesEqual(5, '5')).toBe(true);
    expect(valuesEqual('2026-01-01T01:00:00+01:00', '2026-01-01T00:00:00Z')).toBe(true);
    expect(valuesEqual('a', 'A')).toBe(false);
  });

  it('falls back to deep equality', () => {
    expect(valuesEqual(true, true)).toBe(true);
    expect(valuesEqual(true, 'true')).toBe(false);
    expect(valuesEqual(null, null)).toBe(true);
    expect(valuesEqual(undefined, null)).toBe(false);
    expect(valuesEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(valuesEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(valuesEqual([1, 2], { 0: 1, 1: 2 })).toBe(false);
  });
});
