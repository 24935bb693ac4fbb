// The executor contract: one plain `execute(input, config, ctx)` per node kind. Server-only.
import { JsonData, type NodeDescriptor } from '@sluice/shared';

/** Runs user TypeScript in the sandbox; the runtime provides it, executors only call it. */
export interface SnippetRunner {
  run(request: SnippetRequest): Promise<SnippetResult>;
}

export interface SnippetRequest {
  code: string;
  /** JSON data; a `JsonData` with text goes into the isolate as that text (no stringify on the host). */
  input: unknown;
  /** CPU time limit for this call; bounded by the runtime's global maximum. */
  timeoutMs?: number;
  /** What the snippet sees as `ctx` ids and variables; the transform/condition executors fill it from their ctx. */
  context?: SnippetRunContext;
}

export interface SnippetRunContext {
  runId?: string;
  stepId?: string;
  nodeId?: string;
  flowId?: string;
  variables?: Readonly<Record<string, unknown>>;
}

/** The ids and variables a snippet run sees as `ctx`, taken from an executor's context. */
export const snippetRunContext = (ctx: ExecutionContext): SnippetRunContext => ({
  runId: ctx.runId,
  stepId: ctx.stepId,
  nodeId: ctx.nodeId,
  flowId: ctx.flowId,
  variables: ctx.variables,
});

export interface SnippetResult {
  /** The snippet's return value as the isolate's JSON text: nothing is parsed on the host unless read. */
  outputJson: JsonData;
  /** `outputJson.value`: parsed on first read. */
  readonly output: unknown;
  logs: string[];
  durationMs: number;
}

/** A SnippetResult from a plain output value (test doubles, runners that do not produce JSON text). */
export function snippetResult(output: unknown, logs: string[] = [], durationMs = 0): SnippetResult {
  return { outputJson: JsonData.fromValue(output), output, logs, durationMs };
}

export interface ExecutionContext {
  readonly runId: string;
  readonly stepId: string;
  readonly nodeId: string;
  readonly flowId: string;
  readonly flowVersion: number;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly variables: Readonly<Record<string, unknown>>;
  /** Set when a step that returned `waiting` is executed again at its due time. */
  readonly resumeState?: unknown;
  /**
   * Aborted when the step's timeout passes. Cancelling a run does not stop a step already executing (its outcome is
   * discarded when it ends).
   */
  readonly signal: AbortSignal;
  /**
   * Calls `listener` once when this attempt is aborted (when `signal` aborts; at once if it already has) and returns
   * the function that removes it. For code that only needs to be told: no AbortSignal is made for it, where reading
   * `signal` makes an AbortController per attempt (on Node 20 each signal also gets hidden classes of its own).
   */
  onAbort(listener: (reason: Error) => void): () => void;
  /** The node's `timeoutMs`, when set: snippet executors pass it on as the sandbox's CPU budget. */
  readonly timeoutMs?: number;
  log(message: string, data?: unknown): void;
  now(): Date;
  snippets: SnippetRunner;
}

/**
 * What a step produced.
 * - `succeeded`: continue on `ports` (default `['out']`) with `output` as the next nodes' input.
 * - `waiting`: park the step until `until`; it is executed again then with `ctx.resumeState = state`.
 */
export type StepResult =
  | { status: 'succeeded'; output: unknown; ports?: string[] }
  | { status: 'waiting'; until: Date; state?: unknown; output?: unknown };

export interface NodeExecutor<C = any> {
  type: string;
  /**
   * The input may be a `JsonData` (the previous step's output as JSON text): set by executors that can use the
   * text as is. Others always receive plain values (the engine reads `.value` for them). An output may be a
   * `JsonData` too: the engine stores its text and hands it on.
   */
  acceptsJsonData?: boolean;
  execute(input: unknown, config: C, ctx: ExecutionContext): Promise<StepResult>;
}

/** Ties an executor to its descriptor so the config type flows from the zod schema. */
export function defineExecutor<C>(
  descriptor: NodeDescriptor<C>,
  execute: (input: unknown, config: C, ctx: ExecutionContext) => Promise<StepResult>,
  options: { acceptsJsonData?: boolean } = {},
): NodeExecutor<C> {
  return options.acceptsJsonData
    ? { type: descriptor.type, acceptsJsonData: true, execute }
    : { type: descriptor.type, execute };
}
