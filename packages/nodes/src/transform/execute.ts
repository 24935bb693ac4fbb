// transform executor: runs the node's TypeScript snippet on the input in the sandbox; its result is the output.
import { defineExecutor, snippetRunContext } from '../kit/executor';
import { transform } from './index';

/**
 * The snippet's logs land in the step's logs. Failures are the sandbox's typed StepErrors (SnippetError,
 * SnippetTimeout, ...): deterministic ones are not retried, timeouts and memory limits follow the node's policy.
 */
export const transformExecutor = defineExecutor(transform, async (input, config, ctx) => {
  const { output, logs } = await ctx.snippets.run({
    code: config.code,
    input,
    timeoutMs: ctx.timeoutMs,
    context: snippetRunContext(ctx),
  });
  for (const line of logs) ctx.log(line);
  return { status: 'succeeded', output };
});
