// condition executor: rules mode routes to the first matching case (or `else`); code mode to `true`/`false`.
import { NonRetriableError, plainJson } from '@sluice/shared';
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

/**
 * The input passes on unchanged, also as JSON text (JsonData): code mode hands that text to the sandbox and reads
 * only the answer's text, rules mode reads the value.
 */
export const conditionExecutor = defineExecutor(
  condition,
  async (input, config, ctx) => {
    if (config.mode === 'code') {
      const result = await ctx.snippets.run({
        code: config.code!,
        input,
        context: snippetRunContext(ctx),
      });
      for (const line of result.logs) ctx.log(line);
      // The answer's text decides: no parse for a boolean.
      const text = result.outputJson.text;
      if (text !== 'true' && text !== 'false') throw new PredicateResultError(describeType(result.output));
      return { status: 'succeeded', output: input, ports: [text] };
    }
    return { status: 'succeeded', output: input, ports: [firstMatchingCase(config.cases, plainJson(input))] };
  },
  { acceptsJsonData: true },
);
