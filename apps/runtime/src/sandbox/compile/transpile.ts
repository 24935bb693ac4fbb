// TypeScript snippet -> JS the realm can compile: types stripped and `export default` made `exports.default`.
import { createHash } from 'node:crypto';
import { transform } from 'sucrase';
import { findSyntaxErrors } from '../../snippets/syntax-check';
import { SnippetCompileError } from '../errors';

/** A transpiled snippet; `id` is a content hash, so the same code shares one compiled function per isolate. */
export interface CompiledSnippet {
  id: string;
  js: string;
  /** Set once a run outgrew the sync budget: later runs go off-thread straight away. */
  slow?: boolean;
}

/**
 * Strips types with sucrase (line numbers are preserved, so runtime errors point at the snippet's own lines).
 * A syntax error becomes a SnippetCompileError with the line and column TypeScript's parser reports.
 */
export function transpileSnippet(code: string): CompiledSnippet {
  let js: string;
  try {
    js = transform(code, {
      transforms: ['typescript', 'imports'],
      disableESTransforms: true,
      production: true,
    }).code;
  } catch (e) {
    const first = findSyntaxErrors(code)[0];
    if (first) throw new SnippetCompileError(first.message, first.line, first.column);
    throw new SnippetCompileError(e instanceof Error ? e.message : String(e));
  }
  return { id: createHash('sha256').update(js).digest('hex').slice(0, 32), js };
}

/** Transpiles once per distinct code text; bounded by entries and characters, least recently used out first. */
export class TranspileCache {
  private readonly entries = new Map<string, CompiledSnippet>();
  private chars = 0;
  private lastCode: string | undefined;
  private last: CompiledSnippet | undefined;

  constructor(
    private readonly maxEntries = 1000,
    private readonly maxChars = 20_000_000,
  ) {}

  get(code: string): CompiledSnippet {
    // The same snippet again (a node run after run): already the most recent entry, nothing to reorder.
    if (code === this.lastCode && this.last) return this.last;
    const hit = this.entries.get(code);
    if (hit) {
      this.entries.delete(code);
      this.entries.set(code, hit);
      this.remember(code, hit);
      return hit;
    }
    const compiled = transpileSnippet(code);
    this.entries.set(code, compiled);
    this.remember(code, compiled);
    this.chars += code.length + compiled.js.length;
    while (this.entries.size > this.maxEntries || (this.chars > this.maxChars && this.entries.size > 1)) {
      const [oldest, entry] = this.entries.entries().next().value as [string, CompiledSnippet];
      this.entries.delete(oldest);
      this.chars -= oldest.length + entry.js.length;
    }
    return compiled;
  }

  get size(): number {
    return this.entries.size;
  }

  private remember(code: string, compiled: CompiledSnippet): void {
    this.lastCode = code;
    this.last = compiled;
  }
}
