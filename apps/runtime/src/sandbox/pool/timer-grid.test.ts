import { describe, expect, it } from 'vitest';
import { gridTimeout } from './timer-grid';

describe('gridTimeout', () => {
  it('never shortens the budget and ends it on the 5 ms grid (within the 1 ms resolution of a timeout)', () => {
    for (const now of [0, 0.3, 1234.5678, 99999.999, 5e6 + 2.5]) {
      const ms = gridTimeout(25, now);
      expect(Number.isInteger(ms)).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(25);
      expect(ms).toBeLessThanOrEqual(30);
      const end = now + ms;
      expect(end - Math.floor(end / 5) * 5).toBeLessThan(1);
    }
  });

  it('puts runs started within one grid step on one deadline', () => {
    const ends = [100.1, 100.9, 101.7, 103.2, 104.4].map((now) => Math.floor(now + gridTimeout(25, now)));
    expect(new Set(ends)).toEqual(new Set([130]));
  });
});
