// What a snippet Test returned: output, logs and timing, or the error.
import type { SnippetTestResult } from '../api/types';

export function TestResult({ result }: { result: SnippetTestResult | { failed: string } }) {
  if ('failed' in result)
    return (
      <div className="banner" role="alert" data-testid="snippet-result">
        {result.failed}
      </div>
    );
  return (
    <div className="field" data-testid="snippet-result">
      <div className="row">
        <span className={`badge ${result.error ? 'failed' : 'succeeded'}`}>
          {result.error ? 'error' : 'ok'}
        </span>
        {result.durationMs !== undefined && <span className="muted">{result.durationMs.toFixed(1)} ms</span>}
      </div>
      {result.error ? (
        <div className="banner">{result.error.message}</div>
      ) : (
        <>
          <span className="field-label">Output</span>
          <pre className="json" data-testid="snippet-output">
            {JSON.stringify(result.output, null, 2)}
          </pre>
        </>
      )}
      <span className="field-label">Logs</span>
      {result.logs?.length ? (
        <pre className="json">
          {result.logs.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}
        </pre>
      ) : (
        <span className="muted">No logs.</span>
      )}
    </div>
  );
}
