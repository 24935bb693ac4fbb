// delay executor: park the step until a due time (now + duration, or an input timestamp + offset), then pass on.
import { NonRetriableError, parseIsoDuration } from '@sluice/shared';
import { defineExecutor } from '../kit/executor';
import { parseIsoTime } from '../kit/iso-time';
import { getPath } from '../kit/path';
import type { DelayConfig } from './config';
import { delay } from './index';

/** The input field a `until` delay reads is missing or not a timestamp. */
export class DelayFieldError extends NonRetriableError {
  constructor(field: string, problem: string) {
    super(`delay: input field "${field}" ${problem}`, { field }, 'DelayField');
  }
}

/** What the step keeps while waiting: the due time, so a resumed step does not recompute it. */
export interface DelayState {
  until: string;
}

/** The due time of a delay that starts at `now` with this input. */
export function dueTime(config: DelayConfig, input: unknown, now: Date): Date {
  if (config.mode === 'duration') return new Date(now.getTime() + (parseIsoDuration(config.duration) ?? 0));
  const raw = getPath(input, config.field);
  if (raw === undefined || raw === null || raw === '') throw new DelayFieldError(config.field, 'is missing');
  const at = parseIsoTime(raw);
  if (at === null) {
    throw new DelayFieldError(
      config.field,
      `is not an ISO timestamp (got ${JSON.stringify(raw).slice(0, 80)})`,
    );
  }
  return new Date(at + (parseIsoDuration(config.offset) ?? 0));
}

export const delayExecutor = defineExecutor(delay, async (input, config, ctx) => {
  if (ctx.resumeState !== undefined) return { status: 'succeeded', output: input };
  const until = dueTime(config, input, ctx.now());
  if (until.getTime() <= ctx.now().getTime()) return { status: 'succeeded', output: input };
  const state: DelayState = { until: until.toISOString() };
  ctx.log(`waiting until ${state.until}`);
  return { status: 'waiting', until, state };
});
