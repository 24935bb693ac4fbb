// parseIsoTime: accepted ISO forms, UTC for zone-less timestamps, rejection of everything else.
import { describe, expect, it } from 'vitest';
import { parseIsoTime } from './iso-time';

describe('parseIsoTime', () => {
  it('parses dates, timestamps with zones, and zone-less timestamps as UTC', () => {
    expect(parseIsoTime('2026-01-02')).toBe(Date.UTC(2026, 0, 2));
    expect(parseIsoTime('2026-01-02T03:04:05Z')).toBe(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(parseIsoTime('2026-01-02T03:04:05.123+02:00')).toBe(Date.UTC(2026, 0, 2, 1, 4, 5, 123));
    expect(parseIsoTime('2026-01-02T03:04')).toBe(Date.UTC(2026, 0, 2, 3, 4));
    expect(parseIsoTime('2026-01-02 03:04:05')).toBe(Date.UTC(2026, 0, 2, 3, 4, 5));
  });

  it('rejects non-ISO text, impossible dates and non-strings', () => {
    expect(parseIsoTime('Jan 2 2026')).toBeNull();
    expect(parseIsoTime('2026-13-45')).toBeNull();
    expect(parseIsoTime('2026-02-30')).toBeNull();
    expect(parseIsoTime('2026-02-29T10:00:00Z')).toBeNull();
    expect(parseIsoTime('2028-02-29T10:00:00Z')).toBe(Date.UTC(2028, 1, 29, 10));
    expect(parseIsoTime('2026-01-01T25:00:00Z')).toBeNull();
    expect(parseIsoTime('20260102')).toBeNull();
    expect(parseIsoTime(20260102)).toBeNull();
  });
});
