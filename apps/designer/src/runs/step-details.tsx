// One node's step in the open run: status, attempts, timings, input, output, error and logs.
import { useOverlay } from '../stores/overlay-store';
import { duration } from './format';

const json = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v, null, 2));

export function StepDetails({ nodeId }: { nodeId: string }) {
  const step = useOverlay((s) => s.stepByNode[nodeId]);
  if (!step)
    return (
      <div className="empty">
        <strong>Not reached</strong>
        <span>This run did not get to “{nodeId}”.</span>
      </div>
    );
  return (
    <div className="panel-body" data-testid="step-details">
      <div className="section">
        <div className="row">
          <h2 className="grow mono">{nodeId}</h2>
          <span className={`badge ${step.status}`}>{step.status}</span>
        </div>
        <dl className="kv">
          <dt>Attempts</dt>
          <dd>{step.attemptCount}</dd>
          <dt>Started</dt>
          <dd>{step.startedAt ? new Date(step.startedAt).toLocaleTimeString() : '—'}</dd>
          <dt>Duration</dt>
          <dd>{duration(step.startedAt, step.endedAt)}</dd>
          {step.status === 'waiting' && step.dueAt && (
            <>
              <dt>Due</dt>
              <dd>{new Date(step.dueAt).toLocaleString()}</dd>
            </>
          )}
          {(step.ports?.length ?? 0) > 0 && (
            <>
              <dt>Left by</dt>
              <dd className="mono">{step.ports!.join(', ')}</dd>
            </>
          )}
          {!step.ports && step.port && (
            <>
              <dt>Left by</dt>
              <dd className="mono">{step.port}</dd>
            </>
          )}
        </dl>
      </div>
      {step.error && (
        <div className="section">
          <h3>Error</h3>
          <div className="banner" role="alert" data-testid="step-error">
            {step.error.code ? <b>{step.error.code}: </b> : null}
            {step.error.message}
          </div>
        </div>
      )}
      {(step.attempts?.length ?? 0) > 1 && (
        <div className="section">
          <h3>Attempts</h3>
          <table className="attempts" data-testid="step-attempts">
            <tbody>
              {step.attempts!.map((a) => (
                <tr key={a.attempt}>
                  <td className="mono">#{a.attempt}</td>
                  <td className="muted">{new Date(a.startedAt).toLocaleTimeString()}</td>
                  <td className="muted">{duration(a.startedAt, a.endedAt)}</td>
                  <td className="truncate" title={a.error?.message}>
                    {a.error ? <span className="error-text">{a.error.message}</span> : 'ok'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="section">
        <h3>Input</h3>
        <pre className="json">{json(step.input)}</pre>
      </div>
      <div className="section">
        <h3>Output</h3>
        <pre className="json">{json(step.output)}</pre>
      </div>
      <div className="section">
        <h3>Logs</h3>
        {step.logs?.length ? (
          <pre className="json">
            {step.logs
              .map((l) =>
                typeof l === 'string'
                  ? l
                  : `${l.at ? `${l.at.slice(11, 23)} ` : ''}${l.message ?? JSON.stringify(l)}${l.data !== undefined ? ` ${JSON.stringify(l.data)}` : ''}`,
              )
              .join('\n')}
          </pre>
        ) : (
          <span className="muted">No logs.</span>
        )}
      </div>
    </div>
  );
}
