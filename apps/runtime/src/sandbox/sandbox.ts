// The snippet runner: transpile (cached), then a sync fast path on a pooled isolate, then an off-thread retry.
import type { SnippetRequest, SnippetResult, SnippetRunner } from '@sluice/nodes/executors';
import { JsonData } from '@sluice/shared';
import type { Logger } from '../logging/logger';
import { type CompiledSnippet, TranspileCache } from './compile/transpile';
import {
  SnippetCompileError,
  SnippetError,
  SnippetMemoryLimit,
  SnippetOutputError,
  SnippetSandboxError,
  SnippetTimeout,
} from './errors';
import { IsolatePool } from './pool/isolate-pool';
import type { IsolateSlot, RealmResult, RunArgs } from './pool/isolate-slot';
import { gridTimeout } from './pool/timer-grid';

export interface SandboxOptions {
  /** Isolates kept warm; each runs one snippet at a time. */
  poolSize: number;
  /** Per-isolate heap limit (isolated-vm treats it as a guideline; the isolate is replaced when crossed). */
  memoryLimitMb: number;
  /** Upper bound of any request's `timeoutMs`. */
  maxTimeoutMs: number;
  log: Logger;
  /** When a request names none. Default 1000 ms (bounded by maxTimeoutMs). */
  defaultTimeoutMs?: number;
  /** How long a run may block the event loop before it is restarted off-thread. Default 25 ms. */
  syncBudgetMs?: number;
  /** Output JSON size cap in characters. Default 1 MiB. */
  maxOutputBytes?: number;
  /** ctx.log lines kept per run. Default 100, each cut at 2000 characters. */
  maxLogLines?: number;
}

export interface Sandbox extends SnippetRunner {
  /** Transpiles a snippet (cached) without running it; throws SnippetCompileError. */
  compile(code: string): void;
  /** Counters for tests and metrics. */
  stats(): { poolSize: number; isolatesCreated: number; runs: number; offThreadRuns: number };
  dispose(): void;
}

/** One run's options after defaults and bounds. */
interface Attempt {
  snippet: CompiledSnippet;
  args: RunArgs;
}

/** The input's JSON text: a JsonData's own text as is; data that is not JSON (a cycle, a BigInt) is the caller's error. */
function inputJson(input: unknown): string {
  if (input instanceof JsonData) return input.text;
  try {
    return JSON.stringify(input ?? null) ?? 'null';
  } catch (err) {
    throw new SnippetError(`the input is not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** A flow's variables object is the same for all its runs (a stored flow version): encoded once. */
const variablesJson = new WeakMap<object, string>();

function encodeVariables(variables: object | undefined): string {
  if (!variables) return '{}';
  let json = variablesJson.get(variables);
  if (json === undefined) {
    try {
      json = JSON.stringify(variables);
    } catch (err) {
      throw new SnippetError(
        `the flow variables are not JSON (${err instanceof Error ? err.message : String(err)})`,
      );
    }
    variablesJson.set(variables, json);
  }
  return json;
}

/** Ids are id-shaped (`run_...`, a node id): quoted as they are; anything else goes through JSON.stringify. */
const PLAIN_ID = /^[\w.:-]*$/;
const idJson = (id: string | undefined) =>
  id === undefined ? 'null' : PLAIN_ID.test(id) ? `"${id}"` : JSON.stringify(id);

function encodeArgs(request: SnippetRequest): RunArgs {
  const c = request.context;
  return {
    input: inputJson(request.input),
    // Built by hand: JSON.stringify of the four-string array measured ~1 us, this ~0.2 us.
    ids: c
      ? `${idJson(c.runId)},${idJson(c.stepId)},${idJson(c.nodeId)},${idJson(c.flowId)}`
      : 'null,null,null,null',
    variables: encodeVariables(c?.variables),
  };
}

/** A run's result: the output stays the isolate's JSON text until someone reads `output`. */
class RunResult implements SnippetResult {
  constructor(
    readonly outputJson: JsonData,
    readonly logs: string[],
    readonly durationMs: number,
  ) {}

  get output(): unknown {
    return this.outputJson.value;
  }

  /** Serialised (the test-run route answers with it): `{output, logs, durationMs}`. */
  toJSON() {
    return { output: this.outputJson, logs: this.logs, durationMs: this.durationMs };
  }
}

export function createSandbox(options: SandboxOptions): Sandbox {
  const log = options.log.child({ component: 'sandbox' });
  const maxTimeoutMs = Math.max(1, options.maxTimeoutMs);
  const defaultTimeoutMs = Math.min(options.defaultTimeoutMs ?? 1000, maxTimeoutMs);
  const syncBudgetMs = options.syncBudgetMs ?? 25;
  const cache = new TranspileCache();
  const pool = new IsolatePool({
    size: options.poolSize,
    memoryLimitMb: options.memoryLimitMb,
    limits: {
      maxOutputChars: options.maxOutputBytes ?? 1024 * 1024,
      maxLogLines: options.maxLogLines ?? 100,
      maxLogLineChars: 2000,
      maxHashChars: 10 * 1024 * 1024,
    },
    onCatastrophicError: (message) => log.fatal({ message }, 'isolate catastrophic error: isolate retired'),
  });
  let runs = 0;
  let offThreadRuns = 0;

  /** Runs inside a slot and turns isolate-level failures into typed errors; `null` means "ran out of budget". */
  function hostFailure(slot: IsolateSlot, err: unknown, budgetMs: number, timeoutMs: number): Error | null {
    const message = err instanceof Error ? err.message : String(err);
    slot.retired = true; // whatever happened, this realm may hold half-run state: never reuse it
    if (/timed out/i.test(message)) return budgetMs < timeoutMs ? null : new SnippetTimeout(timeoutMs);
    if (/memory limit/i.test(message) || slot.isolate.isDisposed) {
      log.warn(
        { memoryLimitMb: options.memoryLimitMb },
        'snippet crossed the memory limit: isolate replaced',
      );
      return new SnippetMemoryLimit(options.memoryLimitMb);
    }
    log.error({ err }, 'sandbox failure');
    return new SnippetSandboxError(message);
  }

  function compileInto(slot: IsolateSlot, a: Attempt): void {
    const info = slot.ensureCompiled(a.snippet);
    if (info) throw new SnippetCompileError(info.message, info.line, info.column);
  }

  function toResult(r: RealmResult, startedAt: number): SnippetResult {
    const durationMs = performance.now() - startedAt;
    switch (r[0]) {
      case 'ok':
        return new RunResult(JsonData.fromText(r[1]), r[2], durationMs);
      case 'throw':
      case 'unsettled': {
        const i = r[1];
        const text = i.name && i.name !== 'Error' ? `${i.name}: ${i.message}` : i.message;
        throw new SnippetError(text, i.line, i.column, r[2]);
      }
      case 'output':
        throw new SnippetOutputError(`the output is not serialisable as JSON: ${r[1].message}`, r[2]);
      default:
        throw new SnippetSandboxError('the compiled snippet was not found in its isolate');
    }
  }

  /** The sync fast path on a free slot; null when the run must be restarted off-thread (budget, tampered realm). */
  function attemptSync(slot: IsolateSlot, a: Attempt, budgetMs: number, timeoutMs: number) {
    try {
      compileInto(slot, a);
      // A budget below the run's limit only decides when to go off-thread: it may end a few ms later, on the grid.
      const r = slot.runSync(a.snippet.id, a.args, budgetMs < timeoutMs ? gridTimeout(budgetMs) : budgetMs);
      return r[0] === 'tampered' ? null : r;
    } catch (err) {
      if (err instanceof SnippetCompileError) throw err;
      const failure = hostFailure(slot, err, budgetMs, timeoutMs);
      if (failure) throw failure;
      a.snippet.slow = true;
      return null;
    } finally {
      pool.release(slot);
    }
  }

  async function run(request: SnippetRequest): Promise<SnippetResult> {
    const startedAt = performance.now();
    runs++;
    const timeoutMs = Math.min(Math.max(1, request.timeoutMs ?? defaultTimeoutMs), maxTimeoutMs);
    const attempt: Attempt = { snippet: cache.get(request.code), args: encodeArgs(request) };
    const budgetMs = Math.min(syncBudgetMs, timeoutMs);
    const fast = attempt.snippet.slow ? null : pool.tryAcquire();
    if (fast) {
      const result = attemptSync(fast, attempt, budgetMs, timeoutMs);
      if (result) return toResult(result, startedAt);
    }
    // Slow or all isolates busy: run on the isolate's own thread with the full budget (snippets are pure,
    // so restarting one that ran out of its sync budget is safe; its logs from the first attempt are dropped).
    offThreadRuns++;
    for (let tries = 0; ; tries++) {
      const slot = await pool.acquire();
      let result: RealmResult;
      try {
        compileInto(slot, attempt);
        result = await slot.runAsync(attempt.snippet.id, attempt.args, timeoutMs);
      } catch (err) {
        if (err instanceof SnippetCompileError) throw err;
        throw hostFailure(slot, err, timeoutMs, timeoutMs) ?? new SnippetTimeout(timeoutMs);
      } finally {
        pool.release(slot);
      }
      // A tampered realm was retired and replaced by a fresh one: try again there.
      if (result[0] === 'tampered' && tries <= pool.size) continue;
      return toResult(result, startedAt);
    }
  }

  return {
    run,
    compile: (code) => void cache.get(code),
    stats: () => ({ poolSize: pool.size, isolatesCreated: pool.created, runs, offThreadRuns }),
    dispose: () => pool.dispose(),
  };
}
