// Rewrites `export default <fn>` as `const __snippet: Snippet = <fn>` so un-annotated parameters get typed.
import type ts from 'typescript';
import type { SnippetDiagnostic } from './syntax-check';
import { typescript } from './typescript';

const PREFIX = 'const __sluiceSnippet: Snippet = ';

export interface RewrittenSnippet {
  text: string;
  /** Line and column (1-based) in the original code of an offset in `text`. */
  position(offset: number): { line: number; column: number };
  /** Found while rewriting (no default export). */
  problems: SnippetDiagnostic[];
}

export function rewriteForCheck(code: string): RewrittenSnippet {
  const ts = typescript();
  const source = ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const range = defaultExportRange(source);
  const toOriginal = (offset: number) => {
    if (!range || offset < range.start) return offset;
    const shift = PREFIX.length - (range.end - range.start);
    return offset >= range.start + PREFIX.length ? offset - shift : range.start;
  };
  const position = (offset: number) => {
    const lc = source.getLineAndCharacterOfPosition(Math.min(toOriginal(offset), code.length));
    return { line: lc.line + 1, column: lc.character + 1 };
  };
  if (!range) {
    const problems: SnippetDiagnostic[] = [
      {
        line: 1,
        column: 1,
        message: 'a snippet needs `export default (input, ctx) => output`',
        severity: 'error',
      },
    ];
    return { text: code, position, problems };
  }
  const text = `${code.slice(0, range.start)}${PREFIX}${code.slice(range.end)}\nexport {};\n`;
  return { text, position, problems: [] };
}

/** The `export default` keywords to replace: before an expression, or the modifiers of a function declaration. */
function defaultExportRange(source: ts.SourceFile): { start: number; end: number } | null {
  const ts = typescript();
  for (const st of source.statements) {
    if (ts.isExportAssignment(st) && !st.isExportEquals) {
      return { start: st.getStart(source), end: st.expression.getStart(source) };
    }
    if (ts.isFunctionDeclaration(st)) {
      const mods = ts.getModifiers(st) ?? [];
      const exp = mods.find((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      const def = mods.find((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      if (exp && def) return { start: exp.getStart(source), end: def.getEnd() };
    }
  }
  return null;
}
