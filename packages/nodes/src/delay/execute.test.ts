// delay executor: waiting until now + duration or an input timestamp + offset; resume; past times; bad fields.
import { NonRetriableError } from '@sluice/shared';
import { describe, expect, it } from 'vitest';
import { testContext } from '../kit/test-context';
import { DelayConfigSchema } from './config';
import { DelayFieldError, delayExecutor } from './execute';

const now = new Date('2026-11-26T12:00:00Z');
const ctx = (resumeState?: unknown) =>
  testContext({ now, ...(resumeState === undefined ? {} : { resumeState }) });
const duration = (d: string) => DelayConfigSchema.parse({ mode: 'duration', duration: d });
const until = (field: string, offset?: string) =>
  DelayConfigSchema.parse({ mode: 'until', field, ...(offset ? { offset } : {}) });

describe('delay executor: duration', () => {
  it('waits now + duration and keeps the due time in its state', async () => {
    const result = await delayExecutor.execute({ a: 1 }, duration('PT90S'), ctx());
    expect(result).toEqual({
      status: 'waiting',
      until: new Date('2026-11-26T12:01:30Z'),
      state: { until: '2026-11-26T12:01:30.000Z' },
    });
  });

  it('succeeds with the input unchanged when resumed', async () => {
    const input = { a: 1 };
    const result = await delayExecutor.execute(
      input,
      duration('P14D'),
      ctx({ until: '2026-12-10T12:00:00.000Z' }),
    );
    expect(result).toEqual({ status: 'succeeded', output: input });
  });

  it('a zero duration passes straight through', async () => {
    expect(await delayExecutor.execute({}, duration('PT0S'), ctx())).toEqual({
      status: 'succeeded',
      output: {},
    });
  });
});

describe('delay executor: until a timestamp in the input', () => {
  it('waits until the field plus the offset ("14 days after terminationDate")', async () => {
    const input = { person: { terminationDate: '2026-11-20T09:00:00Z' } };
    const result = await delayExecutor.execute(input, until('person.terminationDate', 'P14D'), ctx());
    expect(result).toMatchObject({ status: 'waiting', until: new Date('2026-12-04T09:00:00Z') });
  });

  it('accepts a date without a time and offsets with zones', async () => {
    const a = await delayExecutor.execute({ d: '2026-12-01' }, until('d'), ctx());
    expect(a).toMatchObject({ until: new Date('2026-12-01T00:00:00Z') });
    const b = await delayExecutor.execute({ d: '2026-11-26T15:00:00+02:00' }, until('d'), ctx());
    expect(b).toMatchObject({ until: new Date('2026-11-26T13:00:00Z') });
    const c = await delayExecutor.execute({ d: '2026-11-26T15:00:00' }, until('d'), ctx());
    expect(c).toMatchObject({ until: new Date('2026-11-26T15:00:00Z') });
  });

  it('succeeds immediately when the due time is already past or exactly now', async () => {
    const past = await delayExecutor.execute({ d: '2026-01-01T00:00:00Z' }, until('d', 'P7D'), ctx());
    expect(past).toEqual({ status: 'succeeded', output: { d: '2026-01-01T00:00:00Z' } });
    const exact = await delayExecutor.execute({ d: now.toISOString() }, until('d'), ctx());
    expect(exact.status).toBe('succeeded');
  });

  it('a missing or unparseable field is a NonRetriableError naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /"person\.leftAt" is missing/],
      [{ person: { leftAt: null } }, /is missing/],
      [
        { person: { leftAt: 'next tuesday' } },
        /"person\.leftAt" is not an ISO timestamp \(got "next tuesday"\)/,
      ],
      [{ person: { leftAt: { when: 1 } } }, /is not an ISO timestamp/],
      [{ person: { leftAt: 1764158400000 } }, /is not an ISO timestamp \(got 1764158400000\)/],
      [{ person: { leftAt: '26/11/2026' } }, /is not an ISO timestamp/],
    ];
    for (const [input, message] of cases) {
      const err = await delayExecutor.execute(input, until('person.leftAt'), ctx()).catch((e) => e);
      expect(err).toBeInstanceOf(DelayFieldError);
      expect(err).toBeInstanceOf(NonRetriableError);
      expect(err.message).toMatch(message);
      expect(err.details).toEqual({ field: 'person.leftAt' });
    }
  });

  it('does not re-read the field when resumed', async () => {
    const result = await delayExecutor.execute({}, until('gone'), ctx({ until: '2026-11-26T12:00:00.000Z' }));
    expect(result).toEqual({ status: 'succeeded', output: {} });
  });
});
