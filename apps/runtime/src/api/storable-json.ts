// PostgreSQL cannot store the character U+0000 (text or jsonb): find where a parsed JSON value holds it.
import type { ErrorPath } from './api-error';

/** The path of the first key or string that contains U+0000, or undefined when there is none. */
export function findNulChar(value: unknown, path: ErrorPath = []): ErrorPath | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulChar(value[i], [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (key.includes('\u0000')) return [...path, key];
      const found = findNulChar(v, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
