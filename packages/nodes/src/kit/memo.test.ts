// memo: derives once per key, and forgets at its limit.
import { describe, expect, it } from 'vitest';
import { memo } from './memo';

describe('memo', () => {
  it('derives a key once, until the limit is reached and everything is forgotten', () => {
    const calls: string[] = [];
    const upper = memo((s: string) => {
      calls.push(s);
      return s.toUpperCase();
    }, 2);
    expect([upper('a'), upper('a'), upper('b'), upper('a')]).toEqual(['A', 'A', 'B', 'A']);
    expect(calls).toEqual(['a', 'b']);
    upper('c'); // the third key: the cache is cleared first
    upper('a');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
