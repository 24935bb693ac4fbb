// The `matches` operator's regular expressions: a length cap, `/pattern/flags` syntax, a compile cache.
import { NonRetriableError } from '@sluice/shared';

/** Longest accepted pattern; the config schema enforces the same bound. */
export const MAX_PATTERN_LENGTH = 500;
/** Longest text a pattern is run against: bounds the cost of a pathological pattern on huge input. */
export const MAX_SUBJECT_LENGTH = 100_000;

const cache = new Map<string, RegExp>();

/** Compiles `pattern` (`^a.*z$` or `/^a.*z$/i`); throws a plain Error for an invalid or over-long pattern. */
export function compilePattern(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new Error(`pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
  }
  const literal = /^\/(.*)\/([dgimsuy]*)$/s.exec(pattern);
  // Drop `g` and `y`: they make `test()` stateful across calls.
  const regex = literal ? new RegExp(literal[1]!, literal[2]!.replace(/[gy]/g, '')) : new RegExp(pattern);
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, regex);
  return regex;
}

/** True when `text` matches; an unusable pattern is a NonRetriableError naming `field`. */
export function matchesPattern(text: string, pattern: unknown, field: string): boolean {
  if (typeof pattern !== 'string') {
    throw new NonRetriableError(
      `${field}: a regular expression string is required`,
      { field },
      'InvalidRule',
    );
  }
  let regex: RegExp;
  try {
    regex = compilePattern(pattern);
  } catch (err) {
    throw new NonRetriableError(`${field}: ${(err as Error).message}`, { field }, 'InvalidRule');
  }
  return regex.test(text.slice(0, MAX_SUBJECT_LENGTH));
}
