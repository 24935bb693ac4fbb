// Syntax-only check of a snippet with TypeScript's parser: line/column of each error, imports, a default export.
import type ts from 'typescript';
import { typescript } from './typescript';

export interface SnippetDiagnostic {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

/**
 * Problems that stop a snippet from running: syntax errors, `import` declarations (there is nothing to import)
 * and a missing `export default`. Fast (parse only, no type checking): safe on the publish path.
 */
export function findSyntaxErrors(code: string): SnippetDiagnostic[] {
  const ts = typescript();
  const out = ts.transpileModule(code, {
    reportDiagnostics: true,
    fileName: 'snippet.ts',
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  const source = ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: SnippetDiagnostic[] = (out.diagnostics ?? []).map((d) =>
    toDiagnostic(source, d.start ?? 0, d),
  );
  if (found.length) return found;
  let hasDefault = false;
  for (const st of source.statements) {
    if (ts.isImportDeclaration(st) || ts.isImportEqualsDeclaration(st)) {
      found.push(at(source, st.getStart(), 'imports are not available in snippets: use ctx.helpers instead'));
    }
    if (ts.isExportAssignment(st) && !st.isExportEquals) hasDefault = true;
    const mods = ts.canHaveModifiers(st) ? ts.getModifiers(st) : undefined;
    if (mods?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) hasDefault = true;
  }
  if (!hasDefault) {
    found.push(at(source, 0, 'a snippet needs `export default (input, ctx) => output`'));
  }
  return found;
}

function toDiagnostic(source: ts.SourceFile, pos: number, d: ts.Diagnostic): SnippetDiagnostic {
  return at(source, pos, typescript().flattenDiagnosticMessageText(d.messageText, '\n'));
}

function at(source: ts.SourceFile, pos: number, message: string): SnippetDiagnostic {
  const { line, character } = source.getLineAndCharacterOfPosition(pos);
  return { line: line + 1, column: character + 1, message, severity: 'error' };
}
