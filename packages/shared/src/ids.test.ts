// newId: prefixed, 22 characters after the prefix, unique, ordered by creation time.
import { describe, expect, it } from 'vitest';
import { newId } from './ids';

describe('newId', () => {
  it('has the prefix, 10 time and 12 random characters from the alphabet', () => {
    expect(newId('run')).toMatch(/^run_[0-9a-hjkmnp-tv-z]{22}$/);
  });

  it('never repeats across many pool refills', () => {
    const ids = new Set(Array.from({ length: 20_000 }, () => newId('stp')));
    expect(ids.size).toBe(20_000);
  });

  it('sorts by creation time across milliseconds', async () => {
    const first = newId('run');
    await new Promise((r) => setTimeout(r, 3));
    const second = newId('run');
    expect(first.slice(4, 14) < second.slice(4, 14)).toBe(true);
  });
});
