// condition executor: rules mode routes to the first matching case (or `else`); code mode to `true`/`false`.
import { NonRetriableError } from '@sluice/shared';
import { defineExecutor, snippetRunContext } from '../kit/executor';
import { condition } from './index';
import { firstMatchingCase } from './rules';

/** A predicate snippet returned something other than a boolean. */
export class PredicateResultError extends NonRetriableError {
  constructor(got: string) {
    super(`condition code must return a boolean, got ${got}`, { got }, 'PredicateNotBoolean');
  }
}

const describeType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export const conditionExecutor = defineExecutor(condition, async (input, config, ctx) => {
  if (config.mode === 'code') {
    const { output, logs } = await ctx.snippets.run({
      code: config.code!,
      input,
      context: snippetRunContext(ctx),
    });
    for (const line of logs) ctx.log(line);
    if (typeof output !== 'boolean') throw new PredicateResultError(describeType(output));
    return { status: 'succeeded', output: input, ports: [String(output)] };
  }
  return { status: 'succeeded', output: input, ports: [firstMatchingCase(config.cases, input)] };
});
