// The snippet editor (lazy chunk): Monaco with the input's types, live diagnostics, and a Test run on a sample.
import Editor from '@monaco-editor/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../api/api-request-error';
import { snippetsApi } from '../api/endpoints';
import type { SnippetDiagnostic, SnippetTestResult } from '../api/types';
import type { Path } from '../forms/field-model';
import { getIn, setIn } from '../forms/set-in';
import { useEditor } from '../stores/editor-store';
import { useSession } from '../stores/session-store';
import { useUi } from '../stores/ui-store';
import { Icon } from '../ui/icon';
import { type monaco, setSnippetTypes } from './monaco-setup';
import { TestResult } from './test-result';
import { upstreamSample } from './upstream-sample';
import { useDiagnostics } from './use-diagnostics';

export default function SnippetDrawer({ nodeId, path }: { nodeId: string; path: Path }) {
  const meta = useEditor((s) => s.meta[nodeId]);
  const theme = useSession((s) => s.theme);
  const close = useUi((s) => s.closeSnippet);
  const code = String(getIn(meta?.config, path) ?? '');
  const declaredType = (meta?.config as { inputType?: string } | undefined)?.inputType;
  const [sampleText, setSampleText] = useState('{\n  \n}');
  const sample = useMemo(() => parseSample(sampleText), [sampleText]);
  const [result, setResult] = useState<SnippetTestResult | { failed: string } | null>(null);
  const [testing, setTesting] = useState(false);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const diagnostics = useDiagnostics(code, sample.value, declaredType, editorRef);

  useEffect(() => {
    void upstreamSample(nodeId).then((s) => s !== undefined && setSampleText(JSON.stringify(s, null, 2)));
  }, [nodeId]);
  useEffect(() => {
    let live = true;
    const source = declaredType ? { inputType: declaredType } : { inputSample: sample.value };
    // The runtime generates the declarations (Input from the sample or declared type, SnippetContext): the same
    // ones /api/snippets/check and the publish check use, so the editor and the server never disagree.
    snippetsApi.declarations(source).then(
      (r) => live && setSnippetTypes(r.dts),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [sample.value, declaredType]);

  const setCode = (v: string) =>
    meta && useEditor.getState().updateMeta(nodeId, { config: setIn(meta.config, path, v) });
  const test = async () => {
    setTesting(true);
    try {
      setResult(await snippetsApi.test({ code, input: sample.value ?? {} }));
    } catch (err) {
      setResult({ failed: errorMessage(err) });
    } finally {
      setTesting(false);
    }
  };
  return (
    <div className="drawer-backdrop">
      <section className="drawer" aria-label="Snippet editor" data-testid="snippet-drawer">
        <div className="drawer-head">
          <Icon name="code" />
          <h1 className="grow">
            {meta?.name || nodeId} <span className="muted">· {path.join('.')}</span>
          </h1>
          <span className="muted">
            Type the parameter as <code>Input</code> for completions from the sample.
          </span>
          <button type="button" className="btn" onClick={close} aria-label="Close snippet editor">
            Done
          </button>
        </div>
        <div className="drawer-body">
          <div className="editor-host">
            <Editor
              height="100%"
              defaultLanguage="typescript"
              path={`file:///snippets/${nodeId}.ts`}
              value={code}
              theme={theme === 'dark' ? 'vs-dark' : 'vs'}
              onChange={(v) => setCode(v ?? '')}
              onMount={(ed) => {
                editorRef.current = ed;
                if (window.__sluice) window.__sluice.codeEditor = ed;
                ed.focus();
              }}
              options={{
                minimap: { enabled: false },
                fontSize: 13,
                scrollBeyondLastLine: false,
                tabSize: 2,
                automaticLayout: true,
              }}
            />
            <Diagnostics list={diagnostics} />
          </div>
          <div className="test-side">
            <div className="field">
              <label htmlFor="snippet-sample">Sample input (JSON)</label>
              <textarea
                id="snippet-sample"
                className={`textarea${sample.error ? ' invalid' : ''}`}
                style={{ minHeight: 180 }}
                value={sampleText}
                onChange={(e) => setSampleText(e.target.value)}
                spellCheck={false}
              />
              {sample.error && <span className="error-text">{sample.error}</span>}
            </div>
            <button
              type="button"
              className="btn primary"
              onClick={test}
              disabled={testing || !!sample.error}
              data-testid="snippet-test"
            >
              {testing ? <span className="spinner" /> : <Icon name="play" />} Test
            </button>
            {result && <TestResult result={result} />}
          </div>
        </div>
      </section>
    </div>
  );
}

function Diagnostics({ list }: { list: SnippetDiagnostic[] | null }) {
  return (
    <div className="diagnostics" data-testid="snippet-diagnostics" aria-live="polite">
      {list === null ? (
        <span className="muted">Checking…</span>
      ) : list.length === 0 ? (
        <span style={{ color: 'var(--ok)' }}>No problems</span>
      ) : (
        list.map((d, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: diagnostics have no identity
          <div className="diag" key={i}>
            {d.line ? `${d.line}:${d.column ?? 1} ` : ''}
            {d.message}
          </div>
        ))
      )}
    </div>
  );
}

function parseSample(text: string): { value?: unknown; error?: string } {
  if (!text.trim()) return { value: undefined };
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    return { error: `not valid JSON: ${(err as Error).message}` };
  }
}
