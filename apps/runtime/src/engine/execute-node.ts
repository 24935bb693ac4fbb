// Runs one node's executor for one attempt: builds its context, bounds its time, turns what happens into an outcome.

import { registry } from '@sluice/nodes';
import type { NodeExecutor, SnippetRunner } from '@sluice/nodes/executors';
import {
  type FlowNode,
  JsonData,
  NonRetriableError,
  RetryAfterError,
  RetryableError,
  type StepErrorInfo,
  toStepErrorInfo,
} from '@sluice/shared';
import type { FlowGraph } from './rules/flow-graph';
import { decideFailure, type StepOutcome } from './rules/transitions';
import type { RunningSteps } from './running-steps';
import { StepContext } from './step-context';
import type { LogRecord } from './step-records';

/** Upper bound of one attempt when the node sets no `timeoutMs`. */
export const DEFAULT_STEP_TIMEOUT_MS = 5 * 60_000;
/** The engine's own timer waits this much longer than the node's `timeoutMs`, so a budget the executor enforces
 * itself (the sandbox's `SnippetTimeout`) is the error that is reported. */
const TIMEOUT_GRACE_MS = 250;

export interface ExecuteRequest {
  graph: FlowGraph;
  flowId: string;
  version: number;
  runId: string;
  stepId: string;
  nodeId: string;
  attempt: number;
  /** Plain JSON data, or a JsonData (a previous step's output as JSON text): see `inputFor`. */
  input: unknown;
  resumeState?: unknown;
}

export interface ExecuteDeps {
  executors: ReadonlyMap<string, NodeExecutor>;
  snippets?: SnippetRunner;
  now(): Date;
  /** Where attempts are registered while they execute, so a cancelled run can end them (see running-steps.ts). */
  running?: RunningSteps;
}

export interface Execution {
  outcome: StepOutcome;
  logs: LogRecord[];
  startedAt: Date;
  endedAt: Date;
  type: string;
}

const parsedConfigs = new WeakMap<FlowNode, unknown>();

function configOf(node: FlowNode): unknown {
  if (parsedConfigs.has(node)) return parsedConfigs.get(node);
  const descriptor = registry.get(node.type);
  if (!descriptor)
    throw new NonRetriableError(`unknown node type "${node.type}"`, undefined, 'UnknownNodeType');
  const parsed = descriptor.config.safeParse(node.config);
  if (!parsed.success) {
    throw new NonRetriableError(
      `invalid config of node "${node.id}": ${parsed.error.message}`,
      undefined,
      'BadConfig',
    );
  }
  parsedConfigs.set(node, parsed.data);
  return parsed.data;
}

/**
 * A JsonData input (an output kept as the sandbox's JSON text) goes as is to executors that accept it (transform:
 * the text goes into the isolate; delivery.http: the text is the body); the others get the parsed value.
 */
const inputFor = (executor: NodeExecutor, input: unknown): unknown =>
  input instanceof JsonData && !executor.acceptsJsonData ? input.value : input;

const noSandbox: SnippetRunner = {
  run: () =>
    Promise.reject(
      new NonRetriableError('no snippet sandbox is configured in this process', undefined, 'NoSandbox'),
    ),
};

/** Executes the node once. Never throws: failures become a retry, an error-port route or a failed outcome. */
export async function executeNode(deps: ExecuteDeps, r: ExecuteRequest): Promise<Execution> {
  const startedAt = deps.now();
  const node = r.graph.node(r.nodeId);
  const type = node?.type ?? 'unknown';
  const timeoutMs = node?.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const timerMs = node?.timeoutMs === undefined ? timeoutMs : timeoutMs + TIMEOUT_GRACE_MS;
  const ctx = new StepContext({
    runId: r.runId,
    stepId: r.stepId,
    nodeId: r.nodeId,
    flowId: r.flowId,
    flowVersion: r.version,
    attempt: r.attempt,
    variables: r.graph.doc.variables,
    resumeState: r.resumeState,
    timeoutMs: node?.timeoutMs,
    now: deps.now,
    snippets: deps.snippets ?? noSandbox,
  });
  const logs = ctx.logs;
  let timer: NodeJS.Timeout | undefined;
  deps.running?.add(r.stepId, ctx);
  try {
    if (!node)
      throw new NonRetriableError(
        `node "${r.nodeId}" is not in flow version ${r.version}`,
        undefined,
        'UnknownNode',
      );
    const executor = deps.executors.get(node.type);
    if (!executor)
      throw new NonRetriableError(`no executor for node type "${node.type}"`, undefined, 'NoExecutor');
    // Ends the attempt when its time is up or when it is aborted (its run cancelled), whether or not the executor
    // listens to its context.
    const ended = new Promise<never>((_, reject) => {
      ctx.onAbort(reject);
      timer = setTimeout(() => {
        ctx.abort(new RetryableError(`step timed out after ${timeoutMs} ms`, undefined, 'Timeout'));
      }, timerMs);
    });
    const result = await Promise.race([
      executor.execute(inputFor(executor, r.input), configOf(node), ctx),
      ended,
    ]);
    const outcome: StepOutcome =
      result.status === 'succeeded'
        ? { kind: 'succeeded', output: result.output ?? null, ports: result.ports ?? ['out'] }
        : { kind: 'waiting', until: result.until, state: result.state, output: result.output };
    return { outcome, logs, startedAt, endedAt: deps.now(), type };
  } catch (err) {
    const error: StepErrorInfo & { retryAfterMs?: number } = toStepErrorInfo(err);
    if (err instanceof RetryAfterError) error.retryAfterMs = err.retryAfterMs;
    const endedAt = deps.now();
    const outcome = decideFailure({
      attempt: r.attempt,
      policy: node?.retry,
      error,
      errorPortConnected: r.graph.hasErrorEdge(r.nodeId),
      input: r.input,
      now: endedAt,
    });
    return { outcome, logs, startedAt, endedAt, type };
  } finally {
    clearTimeout(timer);
    deps.running?.delete(r.stepId, ctx);
  }
}
