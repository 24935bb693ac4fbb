// transform executor: runs the node's TypeScript snippet on the input in the sandbox; its result is the output.
import { defineExecutor, snippetRunContext } from '../kit/executor';
import { transform } from './index';

/** The logs a failed snippet wrote before failing (the sandbox puts them in the error's details). */
const logsOf = (err: unknown): string[] => {
  const logs = (err as { details?: { logs?: unknown } })?.details?.logs;
  return Array.isArray(logs) ? logs.filter((l): l is string => typeof l === 'string') : [];
};

/**
 * The snippet's logs land in the step's logs, also when it fails. Failures are the sandbox's typed StepErrors
 * (SnippetError, SnippetTimeout, ...): deterministic ones are not retried, timeouts and memory limits follow
 * the node's retry policy.
 */
export const transformExecutor = defineExecutor(
  transform,
  async (input, config, ctx) => {
    try {
      // The input may be JSON text (JsonData) and the output is: the engine stores and hands on the isolate's
      // text without parsing it on the host.
      const { outputJson, logs } = await ctx.snippets.run({
        code: config.code,
        input,
        timeoutMs: ctx.timeoutMs,
        context: snippetRunContext(ctx),
      });
      for (const line of logs) ctx.log(line);
      return { status: 'succeeded', output: outputJson };
    } catch (err) {
      for (const line of logsOf(err)) ctx.log(line);
      throw err;
    }
  },
  { acceptsJsonData: true },
);
