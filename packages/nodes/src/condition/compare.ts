// Type-aware comparison of two JSON values for condition rules: numbers, ISO timestamps, strings, deep equality.
import { parseIsoTime } from '../kit/iso-time';

function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return null;
}

/**
 * Orders `a` against `b`: negative, 0 or positive, or null when they cannot be ordered.
 * Numbers (a numeric string counts when the other side is a number) compare numerically; two ISO timestamps
 * compare as instants (`2026-01-01` equals `2026-01-01T00:00:00Z`); two strings compare by code units.
 */
export function compareValues(a: unknown, b: unknown): number | null {
  if (typeof a === 'number' || typeof b === 'number') {
    const x = asNumber(a);
    const y = asNumber(b);
    return x === null || y === null ? null : x - y;
  }
  const ta = parseIsoTime(a);
  const tb = parseIsoTime(b);
  if (ta !== null && tb !== null) return ta - tb;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

/** Equality with the same coercions as `compareValues`, and deep equality for arrays, objects and booleans. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  const order = compareValues(a, b);
  if (order !== null) return order === 0;
  return deepEqual(a, b);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) =>
        Object.hasOwn(b, k) &&
        deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}
