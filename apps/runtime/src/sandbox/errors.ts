// Typed failures of a snippet run. `retryable` tells the engine whether the node's retry policy applies at all.
import { StepError } from '@sluice/shared';

/**
 * Retry semantics (explicit):
 * - SnippetError, SnippetCompileError, SnippetOutputError: deterministic, `retryable: false` — the same code on
 *   the same input fails the same way, so the step fails at once whatever the node's policy says.
 * - SnippetTimeout, SnippetMemoryLimit, SnippetSandboxError: `retryable: true` — the step is retried only if the
 *   node's retry policy allows more attempts (the default policy has one attempt, so no retry).
 */
export type SnippetErrorCode =
  | 'SnippetError'
  | 'SnippetCompileError'
  | 'SnippetOutputError'
  | 'SnippetTimeout'
  | 'SnippetMemoryLimit'
  | 'SnippetSandboxError';

/** The snippet threw (or its promise rejected): `SnippetError: <message> at line N`, N counted in the snippet. */
export class SnippetError extends StepError {
  constructor(
    readonly snippetMessage: string,
    readonly line: number | null = null,
    readonly column: number | null = null,
    readonly logs: string[] = [],
  ) {
    super('SnippetError', `SnippetError: ${snippetMessage}${line ? ` at line ${line}` : ''}`, false, {
      line,
      column,
      logs,
    });
  }
}

/** The snippet does not compile (syntax error, no default export); reported at publish time too. */
export class SnippetCompileError extends StepError {
  constructor(
    readonly snippetMessage: string,
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(
      'SnippetCompileError',
      `SnippetCompileError: ${snippetMessage}${line ? ` at line ${line}, column ${column ?? 1}` : ''}`,
      false,
      { line, column },
    );
  }
}

/** The output is not JSON (function, Map, circular, a getter that throws) or is over the size limit. */
export class SnippetOutputError extends StepError {
  constructor(
    readonly snippetMessage: string,
    readonly logs: string[] = [],
  ) {
    super('SnippetOutputError', `SnippetOutputError: ${snippetMessage}`, false, { logs });
  }
}

/** The run used more than its time budget (sync loops, async loops, promise floods). */
export class SnippetTimeout extends StepError {
  constructor(readonly timeoutMs: number) {
    super('SnippetTimeout', `SnippetTimeout: the snippet ran longer than ${timeoutMs} ms`, true, {
      timeoutMs,
    });
  }
}

/** The isolate crossed its memory limit; it was disposed and replaced. */
export class SnippetMemoryLimit extends StepError {
  constructor(readonly memoryLimitMb: number) {
    super(
      'SnippetMemoryLimit',
      `SnippetMemoryLimit: the snippet used more than the ${memoryLimitMb} MB memory limit`,
      true,
      { memoryLimitMb },
    );
  }
}

/** The sandbox itself failed (isolate lost for another reason, sandbox disposed): transient. */
export class SnippetSandboxError extends StepError {
  constructor(message: string) {
    super('SnippetSandboxError', `SnippetSandboxError: ${message}`, true);
  }
}

/** The error classes by code, for tests and the routes. */
export const isSnippetFailure = (e: unknown): e is StepError & { code: SnippetErrorCode } =>
  e instanceof StepError && e.code.startsWith('Snippet');
