// A plain ExecutionContext for executor tests: fixed ids, a settable clock, captured logs, a given snippet runner.
import { abortListenerOf } from './abort-listener';
import type { ExecutionContext, SnippetRunner } from './executor';

export interface TestContext extends ExecutionContext {
  logs: string[];
}

const noSnippets: SnippetRunner = {
  run: async () => {
    throw new Error('this test context has no snippet runner');
  },
};

/** `testContext({ now: new Date('2026-01-01T00:00:00Z') })`; every field can be overridden. */
export function testContext(
  overrides: Partial<Omit<ExecutionContext, 'now'>> & { now?: Date | (() => Date) } = {},
): TestContext {
  const { now, ...rest } = overrides;
  const signal = overrides.signal ?? new AbortController().signal;
  const logs: string[] = [];
  const clock = typeof now === 'function' ? now : () => now ?? new Date();
  return {
    runId: 'run_test',
    stepId: 'stp_test',
    nodeId: 'node1',
    flowId: 'flw_test',
    flowVersion: 1,
    attempt: 1,
    variables: {},
    signal,
    onAbort: abortListenerOf(signal),
    snippets: noSnippets,
    log: (message) => {
      logs.push(message);
    },
    ...rest,
    now: clock,
    logs,
  };
}
