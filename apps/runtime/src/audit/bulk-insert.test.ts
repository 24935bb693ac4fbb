// jsonReady: the column values bulk inserts and set-based writes put into their rows' JSON.
import { describe, expect, it } from 'vitest';
import { jsonReady } from './bulk-insert';

describe('jsonReady', () => {
  it('writes a Date as JSON.stringify would, and leaves other values alone', () => {
    const a = new Date('2026-11-26T10:00:00.123Z');
    const b = new Date('2026-11-26T10:00:01.000Z');
    for (const d of [a, a, new Date(a), b, a]) expect(jsonReady(d)).toBe(JSON.parse(JSON.stringify(d)));
    expect(jsonReady(new Date(Number.NaN))).toBeNull();
    const value = { x: [1] };
    expect(jsonReady(value)).toBe(value);
    expect(jsonReady(null)).toBeNull();
    expect(jsonReady('2026')).toBe('2026');
  });

  it('gives a Date changed in place its new time', () => {
    const d = new Date('2026-01-01T00:00:00.000Z');
    expect(jsonReady(d)).toBe('2026-01-01T00:00:00.000Z');
    d.setTime(Date.parse('2027-01-01T00:00:00.000Z'));
    expect(jsonReady(d)).toBe('2027-01-01T00:00:00.000Z');
  });
});
