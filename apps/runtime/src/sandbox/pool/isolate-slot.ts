// One isolate with one hardened context: compiles snippets into it and runs them, sync (fast) or async (off-thread).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { withFields } from '@sluice/shared';
import ivm from 'isolated-vm';
import type { CompiledSnippet } from '../compile/transpile';

/** A realm source file: one function expression, without its final semicolon. */
const realmSource = (file: string) =>
  readFileSync(new URL(`../realm/${file}`, import.meta.url), 'utf8')
    .trim()
    .replace(/;$/, '');

/** `$0` is the sha256 Callback, `$1` the limits: helpers are built first, then the realm is hardened. */
const BOOTSTRAP = `return (\n${realmSource('bootstrap.js')}\n)((\n${realmSource('helpers.js')}\n)($0, $1), $1);`;

export interface RealmLimits {
  maxOutputChars: number;
  maxLogLines: number;
  maxLogLineChars: number;
  maxHashChars: number;
}

/** One run's arguments, as the JSON texts the realm parses (see `realm/bootstrap.js`, `run`). */
export interface RunArgs {
  /** The input's JSON text. */
  input: string;
  /** `"runId","stepId","nodeId","flowId"`: JSON values (strings or null), comma-separated, no brackets. */
  ids: string;
  /** The flow variables' JSON text (the same text run after run is parsed once in the realm). */
  variables: string;
}

/**
 * The realm's `run` takes two strings: `[input,"snippetId",runId,stepId,nodeId,flowId]` and the variables. The
 * input's text is spliced in, not re-encoded; each string argument costs a copy (~0.4 us), so few of them.
 */
const callJson = (id: string, args: RunArgs) => `[${args.input},"${id}",${args.ids}]`;

export interface ErrorInfo {
  kind: 'throw' | 'output' | 'compile';
  name: string;
  message: string;
  line: number | null;
  column: number | null;
}

/** What the realm answers: ok with the output's JSON text, or a failure kind with details; logs either way. */
export type RealmResult =
  | ['ok', string, string[]]
  | ['throw' | 'output' | 'unsettled', ErrorInfo, string[]]
  | ['pending']
  | ['missing']
  /** An earlier run changed RegExp.prototype: this realm must be retired, the run was not started. */
  | ['tampered'];

const COPY = { arguments: { copy: true }, result: { copy: true } } as const;
const PENDING = '["pending"]';
const TAMPERED = '["tampered"]';

const O = 'o'.charCodeAt(0);

/**
 * The realm's answer: `o<logs JSON>\n<output JSON>` for a result (the output stays text: the engine stores it as
 * is), anything else is the JSON of a RealmResult. The logs' JSON has no raw newline, so the first one splits.
 */
function decode(answer: string): RealmResult {
  if (answer.charCodeAt(0) !== O) return JSON.parse(answer);
  const nl = answer.indexOf('\n');
  const logs = nl === 3 ? [] : (JSON.parse(answer.slice(1, nl)) as string[]);
  return ['ok', answer.slice(nl + 1), logs];
}

export class IsolateSlot {
  readonly isolate: ivm.Isolate;
  private readonly context: ivm.Context;
  private readonly runRef: ivm.Reference<any>;
  private readonly collectRef: ivm.Reference<any>;
  private readonly compileRef: ivm.Reference<any>;
  private readonly forgetRef: ivm.Reference<any>;
  /** Compiled ids in insertion (LRU) order. */
  private readonly compiled = new Map<string, true>();
  /** The id compiled or run last (the common case: the same snippet again). */
  private lastUsed: string | undefined;
  busy = false;
  /** Set when the slot must not be used again (timeout, memory limit, catastrophic error). */
  retired = false;

  constructor(
    readonly memoryLimitMb: number,
    limits: RealmLimits,
    onCatastrophicError: (message: string) => void,
    private readonly maxCompiled = 500,
  ) {
    this.isolate = new ivm.Isolate({
      memoryLimit: memoryLimitMb,
      onCatastrophicError: (message) => {
        this.retired = true;
        onCatastrophicError(message);
      },
    });
    this.context = this.isolate.createContextSync();
    const sha256 = new ivm.Callback((text: string) =>
      createHash('sha256').update(String(text)).digest('hex'),
    );
    const api = this.context.evalClosureSync(BOOTSTRAP, [sha256, limits], {
      arguments: { copy: true },
      result: { reference: true },
    }) as ivm.Reference<any>;
    this.runRef = api.getSync('run', { reference: true });
    this.collectRef = api.getSync('collect', { reference: true });
    this.compileRef = api.getSync('compile', { reference: true });
    this.forgetRef = api.getSync('forget', { reference: true });
    api.release();
  }

  get alive(): boolean {
    return !this.retired && !this.isolate.isDisposed;
  }

  /** Compiles the snippet into this realm once; returns the compile error of the realm's parser, if any. */
  ensureCompiled(snippet: CompiledSnippet): ErrorInfo | null {
    if (this.lastUsed === snippet.id) return null; // already the most recently used: nothing to reorder
    if (this.compiled.has(snippet.id)) {
      this.compiled.delete(snippet.id);
      this.compiled.set(snippet.id, true);
      this.lastUsed = snippet.id;
      return null;
    }
    const err = this.compileRef.applySync(
      undefined,
      [snippet.id, snippet.js],
      withFields(COPY, { timeout: 1000 }),
    ) as ErrorInfo | null;
    if (err) return err;
    this.compiled.set(snippet.id, true);
    this.lastUsed = snippet.id;
    if (this.compiled.size > this.maxCompiled) {
      const oldest = this.compiled.keys().next().value as string;
      this.compiled.delete(oldest);
      this.forgetRef.applySync(undefined, [oldest], COPY);
    }
    return null;
  }

  /** Runs on the Node thread: microseconds of overhead, blocks the event loop for at most `timeoutMs`. */
  runSync(id: string, args: RunArgs, timeoutMs: number): RealmResult {
    const first = this.runRef.applySync(undefined, [callJson(id, args), args.variables], {
      timeout: timeoutMs,
    }) as string;
    if (first === TAMPERED) this.retired = true;
    if (first !== PENDING) return decode(first);
    return decode(this.collectRef.applySync(undefined, [], { timeout: timeoutMs }) as string);
  }

  /** Runs on the isolate's own thread: the event loop stays free while a slow snippet runs. */
  async runAsync(id: string, args: RunArgs, timeoutMs: number): Promise<RealmResult> {
    const first = (await this.runRef.apply(undefined, [callJson(id, args), args.variables], {
      timeout: timeoutMs,
    })) as string;
    if (first === TAMPERED) this.retired = true;
    if (first !== PENDING) return decode(first);
    return decode((await this.collectRef.apply(undefined, [], { timeout: timeoutMs })) as string);
  }

  dispose(): void {
    this.retired = true;
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }
}
