// Monaco bundled locally (never a CDN): workers via Vite `?worker`, the TypeScript defaults for snippets.
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/esm/vs/language/typescript/ts.worker?worker';

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) =>
    label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker(),
};

const ts = monaco.languages.typescript;
ts.typescriptDefaults.setCompilerOptions({
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.NodeJs,
  strict: true,
  noEmit: true,
  allowNonTsExtensions: true,
  lib: ['es2022'],
});
ts.typescriptDefaults.setEagerModelSync(true);

loader.config({ monaco });

let lib: monaco.IDisposable | undefined;

/** Replaces the declarations snippets see (the input's type and `SnippetContext`). */
export function setSnippetTypes(dts: string): void {
  lib?.dispose();
  lib = ts.typescriptDefaults.addExtraLib(dts, 'file:///sluice-input.d.ts');
}

export { monaco };
