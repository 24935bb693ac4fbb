// Type-checks snippets with TypeScript 5.9 in a kept virtual environment (set up once, ~ms per check after).
import {
  createDefaultMapFromNodeModules,
  createSystem,
  createVirtualTypeScriptEnvironment,
} from '@typescript/vfs';
import type ts from 'typescript';
import { type InputTypeSource, snippetContextDts } from './context-dts';
import { rewriteForCheck } from './rewrite-for-check';
import type { SnippetDiagnostic } from './syntax-check';
import { typescript } from './typescript';

const compilerOptions = (t: typeof ts): ts.CompilerOptions => ({
  target: t.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: t.ModuleKind.ESNext,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
});
/** A .ts script, not a .d.ts: skipLibCheck would hide errors in a declared input type. */
const DTS = '/sluice-context.ts';
const SNIPPET = '/snippet.ts';

export interface SnippetChecker {
  /** Diagnostics of `code` with `input` typed from the sample or declared type and `ctx: SnippetContext`. */
  check(code: string, source?: InputTypeSource): SnippetDiagnostic[];
}

/**
 * One environment per process, created on the first check (~300 ms, lib files read from node_modules, offline).
 * Un-annotated `(input, ctx)` parameters are typed by checking `const snippet: Snippet = <default export>`.
 */
export function createSnippetChecker(): SnippetChecker {
  let env: ReturnType<typeof createVirtualTypeScriptEnvironment> | undefined;
  let lastDts = snippetContextDts();
  const environment = () => {
    if (env) return env;
    const ts = typescript();
    const options = compilerOptions(ts);
    const files = createDefaultMapFromNodeModules(options, ts);
    files.set(DTS, snippetContextDts());
    files.set(SNIPPET, 'export {};');
    env = createVirtualTypeScriptEnvironment(createSystem(files), [DTS, SNIPPET], ts, options);
    return env;
  };
  return {
    check(code, source = {}) {
      const e = environment();
      const ts = typescript();
      const rewritten = rewriteForCheck(code);
      const dts = snippetContextDts(source);
      // Re-checking the globals costs most of a check: only when the input type changed.
      if (dts !== lastDts) e.updateFile(DTS, dts);
      lastDts = dts;
      e.updateFile(SNIPPET, rewritten.text);
      const ls = e.languageService;
      const found: SnippetDiagnostic[] = [];
      for (const d of [...ls.getSyntacticDiagnostics(SNIPPET), ...ls.getSemanticDiagnostics(SNIPPET)]) {
        const { line, column } = rewritten.position(d.start ?? 0);
        found.push({
          line,
          column,
          message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
          severity: severity(d),
        });
      }
      for (const d of ls.getSemanticDiagnostics(DTS)) {
        const message = `input type: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
        found.push({ line: 1, column: 1, message, severity: 'error' });
      }
      return [...rewritten.problems, ...found];
    },
  };
}

const severity = (d: ts.Diagnostic): SnippetDiagnostic['severity'] =>
  d.category === typescript().DiagnosticCategory.Error ? 'error' : 'warning';
