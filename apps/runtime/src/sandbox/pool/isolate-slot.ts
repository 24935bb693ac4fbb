// One isolate with one hardened context: compiles snippets into it and runs them, sync (fast) or async (off-thread).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

/** Identity of the run a snippet sees as `ctx` (copied in with the input). */
export interface RunMeta {
  runId?: string;
  stepId?: string;
  nodeId?: string;
  flowId?: string;
  variables?: Record<string, unknown>;
}

export interface ErrorInfo {
  kind: 'throw' | 'output' | 'compile';
  name: string;
  message: string;
  line: number | null;
  column: number | null;
}

/** What the realm answers (as JSON): ok with the output, or a failure kind with details; logs either way. */
export type RealmResult =
  | ['ok', unknown, string[]]
  | ['throw' | 'output' | 'unsettled', ErrorInfo, string[]]
  | ['pending']
  | ['missing']
  /** An earlier run changed RegExp.prototype: this realm must be retired, the run was not started. */
  | ['tampered'];

const COPY = { arguments: { copy: true }, result: { copy: true } } as const;
const PENDING = '["pending"]';
const TAMPERED = '["tampered"]';

export class IsolateSlot {
  readonly isolate: ivm.Isolate;
  private readonly context: ivm.Context;
  private readonly runRef: ivm.Reference<any>;
  private readonly collectRef: ivm.Reference<any>;
  private readonly compileRef: ivm.Reference<any>;
  private readonly forgetRef: ivm.Reference<any>;
  /** Compiled ids in insertion (LRU) order. */
  private readonly compiled = new Map<string, true>();
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
    if (this.compiled.has(snippet.id)) {
      this.compiled.delete(snippet.id);
      this.compiled.set(snippet.id, true);
      return null;
    }
    const err = this.compileRef.applySync(undefined, [snippet.id, snippet.js], {
      ...COPY,
      timeout: 1000,
    }) as ErrorInfo | null;
    if (err) return err;
    this.compiled.set(snippet.id, true);
    if (this.compiled.size > this.maxCompiled) {
      const oldest = this.compiled.keys().next().value as string;
      this.compiled.delete(oldest);
      this.forgetRef.applySync(undefined, [oldest], COPY);
    }
    return null;
  }

  /**
   * Runs on the Node thread: microseconds of overhead, blocks the event loop for at most `timeoutMs`.
   * `argsJson` is `JSON.stringify([input, meta])`: one string each way is the cheapest copy across isolates.
   */
  runSync(id: string, argsJson: string, timeoutMs: number): RealmResult {
    const first = this.runRef.applySync(undefined, [id, argsJson], { timeout: timeoutMs }) as string;
    if (first === TAMPERED) this.retired = true;
    if (first !== PENDING) return JSON.parse(first);
    return JSON.parse(this.collectRef.applySync(undefined, [], { timeout: timeoutMs }) as string);
  }

  /** Runs on the isolate's own thread: the event loop stays free while a slow snippet runs. */
  async runAsync(id: string, argsJson: string, timeoutMs: number): Promise<RealmResult> {
    const first = (await this.runRef.apply(undefined, [id, argsJson], { timeout: timeoutMs })) as string;
    if (first === TAMPERED) this.retired = true;
    if (first !== PENDING) return JSON.parse(first);
    return JSON.parse((await this.collectRef.apply(undefined, [], { timeout: timeoutMs })) as string);
  }

  dispose(): void {
    this.retired = true;
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }
}
