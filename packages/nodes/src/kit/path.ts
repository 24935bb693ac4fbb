// Dotted-path access into JSON values: `person.emails.0.value` or `changes[1].op`, own properties only.
import { JsonData } from '@sluice/shared';
import { memo } from './memo';

/** Splits `a.b[0].c` into `['a', 'b', '0', 'c']`; empty segments are dropped. */
export function parsePath(path: string): string[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

// Paths come from node configs (rule fields, template placeholders): parsed once, read on every step.
const segmentsOf = memo((path: string): readonly string[] => parsePath(path));

/**
 * The value at `path` inside `root`, or undefined when any segment is missing.
 * Only own properties are read, so `__proto__` or `constructor` never reach the prototype. A JsonData on the way
 * is read as its value (parsed then, once).
 *
 * @example getPath({ a: [{ b: 1 }] }, 'a.0.b') // 1
 */
export function getPath(root: unknown, path: string | readonly string[]): unknown {
  const segments = typeof path === 'string' ? segmentsOf(path) : path;
  let current: unknown = root;
  for (const segment of segments) {
    if (current instanceof JsonData) current = current.value;
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
      continue;
    }
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current instanceof JsonData ? current.value : current;
}

/** True when `path` leads to a value that is not undefined (null counts as present). */
export const hasPath = (root: unknown, path: string | readonly string[]): boolean =>
  getPath(root, path) !== undefined;
