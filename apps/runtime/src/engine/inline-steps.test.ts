import { describe, expect, it } from 'vitest';
import { inlineRecord, inlineStepRow, isInlineable } from './inline-steps';
import type { NewStep } from './step-records';

const startedAt = new Date('2026-11-27T06:00:00.000Z');
const endedAt = new Date('2026-11-27T06:00:00.002Z');
const row = (input: unknown, output: unknown, more: Partial<NewStep> = {}): NewStep => ({
  id: 'stp_1',
  runId: 'run_1',
  nodeId: 'n',
  status: 'succeeded',
  attempt: 1,
  input,
  output,
  ports: ['out'],
  logs: [],
  startedAt,
  endedAt,
  ...more,
});

describe('inline steps', () => {
  it('keeps only succeeded executed steps', () => {
    expect(isInlineable(row(1, 1))).toBe(true);
    expect(isInlineable(row(1, 1, { status: 'waiting', endedAt: null }))).toBe(false);
    expect(isInlineable(row(1, 1, { status: 'failed' }))).toBe(false);
    expect(isInlineable(row(1, 1, { status: 'running', startedAt, endedAt: undefined }))).toBe(false);
  });

  it('leaves out an input that is the payload and an output that is the input, by identity only', () => {
    const payload = { user: 'sjones' };
    expect(inlineRecord(row(payload, payload), payload)).toEqual({
      id: 'stp_1',
      nodeId: 'n',
      ports: ['out'],
      startedAt: '2026-11-27T06:00:00.000Z',
      endedAt: '2026-11-27T06:00:00.002Z',
    });
    // Equal but not the same value: stored, so a step that rebuilt its input is shown as it answered.
    const copy = { user: 'sjones' };
    expect(inlineRecord(row(copy, copy), payload)).toMatchObject({ input: copy });
    expect(inlineRecord(row(payload, { user: 'x' }), payload)).toMatchObject({ output: { user: 'x' } });
    expect(inlineRecord(row(payload, null), payload)).toMatchObject({ output: null });
    expect(inlineRecord(row(payload, payload, { logs: [{ at: 'a', message: 'm' }] }), payload)).toMatchObject(
      {
        logs: [{ at: 'a', message: 'm' }],
      },
    );
  });

  it('reads back as the step row it stands for', () => {
    const payload = { user: 'sjones' };
    const back = (r: NewStep) =>
      inlineStepRow('run_1', payload, JSON.parse(JSON.stringify(inlineRecord(r, payload))));
    expect(back(row(payload, payload))).toMatchObject({
      id: 'stp_1',
      runId: 'run_1',
      status: 'succeeded',
      attempt: 1,
      input: payload,
      output: payload,
      ports: ['out'],
      error: null,
      logs: [],
      attempts: [{ attempt: 1, startedAt: '2026-11-27T06:00:00.000Z', endedAt: '2026-11-27T06:00:00.002Z' }],
      createdAt: startedAt,
      startedAt,
      endedAt,
    });
    const other = { n: 2 };
    expect(back(row(other, { n: 3 }))).toMatchObject({ input: other, output: { n: 3 } });
    expect(back(row(payload, null))).toMatchObject({ input: payload, output: null });
  });
});
