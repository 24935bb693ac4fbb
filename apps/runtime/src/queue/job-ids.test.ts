// Job ids are deterministic, distinct per state, and valid for BullMQ (no `:`, not all digits).
import { describe, expect, it } from 'vitest';
import { stepJobId } from './job-ids';

describe('stepJobId', () => {
  it('gives the same id for the same state and different ids for different states', () => {
    const due = new Date(1_700_000_000_000);
    expect(stepJobId('stp_a', 'queued', 1, null)).toBe('stp_a-q1');
    expect(stepJobId('stp_a', 'waiting', 1, due)).toBe('stp_a-w1-1700000000000');
    expect(stepJobId('stp_a', 'running', 2, null)).toBe('stp_a-r2');
    expect(stepJobId('stp_a', 'queued', 1, null)).toBe(stepJobId('stp_a', 'queued', 1, null));
    for (const id of [stepJobId('stp_a', 'queued', 1, null), stepJobId('stp_a', 'waiting', 3, due)]) {
      expect(id).not.toContain(':');
      expect(id).not.toMatch(/^\d+$/);
    }
  });
});
