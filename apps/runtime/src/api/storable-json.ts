// PostgreSQL's jsonb cannot store the character U+0000: find it in a request body and answer 400 naming the field.
import { ApiError, type ErrorPath } from './api-error';

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

/** Throws 400 `invalid_request` when `value` holds U+0000 anywhere (jsonb would refuse it with a 500). */
export function assertStorableJson(value: unknown): void {
  const path = findNulChar(value);
  if (path) throw new ApiError(400, 'invalid_request', 'text may not contain the character U+0000', path);
}
