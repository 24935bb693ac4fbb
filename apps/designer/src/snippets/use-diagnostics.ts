// Live diagnostics from POST /api/snippets/check (debounced), also drawn as Monaco markers.
import { type RefObject, useEffect, useState } from 'react';
import { snippetsApi } from '../api/endpoints';
import type { SnippetDiagnostic } from '../api/types';
import { monaco } from './monaco-setup';

const DEBOUNCE_MS = 500;

export function useDiagnostics(
  code: string,
  sample: unknown,
  inputType: string | undefined,
  editor: RefObject<monaco.editor.IStandaloneCodeEditor | null>,
): SnippetDiagnostic[] | null {
  const [list, setList] = useState<SnippetDiagnostic[] | null>(null);
  useEffect(() => {
    let live = true;
    const t = setTimeout(async () => {
      try {
        const r = await snippetsApi.check({
          code,
          ...(inputType ? { inputType } : { inputSample: sample ?? {} }),
        });
        if (!live) return;
        setList(r.diagnostics ?? []);
        const model = editor.current?.getModel();
        if (model)
          monaco.editor.setModelMarkers(
            model,
            'sluice',
            (r.diagnostics ?? []).map((d) => toMarker(model, d)),
          );
      } catch (err) {
        if (live)
          setList([{ message: `type check unavailable: ${(err as Error).message}`, severity: 'warning' }]);
      }
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [code, sample, inputType, editor]);
  return list;
}

function toMarker(model: monaco.editor.ITextModel, d: SnippetDiagnostic): monaco.editor.IMarkerData {
  const severity = d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Error;
  if (d.start !== undefined) {
    const a = model.getPositionAt(d.start);
    const b = model.getPositionAt(d.start + (d.length ?? 1));
    return {
      severity,
      message: d.message,
      startLineNumber: a.lineNumber,
      startColumn: a.column,
      endLineNumber: b.lineNumber,
      endColumn: b.column,
    };
  }
  const line = d.line ?? 1;
  const col = d.column ?? 1;
  return {
    severity,
    message: d.message,
    startLineNumber: line,
    startColumn: col,
    endLineNumber: d.endLine ?? line,
    endColumn: d.endColumn ?? col + 1,
  };
}
