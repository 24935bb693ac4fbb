// The runs of the flow, newest first, refreshed live; opening one shows it on the canvas.
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/api-request-error';
import { runsApi } from '../api/endpoints';
import type { RunSummary } from '../api/types';
import { useEditor } from '../stores/editor-store';
import { useOverlay } from '../stores/overlay-store';
import { ago, duration } from './format';
import { OpenRunHeader } from './open-run-header';
import { ReplayControls } from './replay-controls';

const STATUSES = ['', 'queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'];
const POLL_MS = 2000;

export function RunsPanel() {
  const flowId = useEditor((s) => s.flowId);
  const openRunId = useOverlay((s) => s.openRunId);
  const [status, setStatus] = useState('');
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!flowId) return;
    let live = true;
    const load = () =>
      runsApi
        .list({ flowId, status, limit: 50 })
        .then((r) => {
          if (!live) return;
          setRuns(r);
          setError(null);
        })
        .catch((err) => live && setError(errorMessage(err)));
    setRuns(null);
    void load();
    const t = setInterval(load, POLL_MS);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [flowId, status]);
  if (!flowId)
    return (
      <div className="empty">
        <strong>No runs yet</strong>
        <span>Save and publish the flow; runs started by its trigger show up here live.</span>
      </div>
    );
  return (
    <div className="panel-body" data-testid="runs-panel">
      {openRunId && <OpenRunHeader runId={openRunId} />}
      <div className="section">
        <div className="row">
          <h3 className="grow">Runs</h3>
          <select
            className="select"
            style={{ width: 130 }}
            aria-label="Filter runs by status"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s || 'All statuses'}
              </option>
            ))}
          </select>
        </div>
        {error && <div className="banner">{error}</div>}
        {!runs && !error && (
          <div className="row muted">
            <span className="spinner" /> Loading runs…
          </div>
        )}
        {runs?.length === 0 && (
          <div className="empty">No {status || ''} runs. Trigger the published flow to see one here.</div>
        )}
        <div role="listbox" aria-label="Runs">
          {runs?.map((r) => (
            <button
              type="button"
              role="option"
              key={r.id}
              className="run-row"
              aria-selected={r.id === openRunId}
              data-testid={`run-${r.id}`}
              data-status={r.status}
              onClick={() => useOverlay.getState().openRun(r.id)}
            >
              <span className={`badge ${r.status}`}>{r.status}</span>
              <span className="grow">
                <div className="mono truncate">{r.id}</div>
                <div className="meta">
                  {ago(r.createdAt ?? r.startedAt)} · {duration(r.startedAt ?? r.createdAt, r.endedAt)}
                  {r.triggerType || r.trigger
                    ? ` · ${(r.triggerType ?? r.trigger ?? '').replace('trigger.', '')}`
                    : ''}
                </div>
              </span>
              <span className="meta">v{r.flowVersion ?? '?'}</span>
            </button>
          ))}
        </div>
        {status === 'failed' && runs && runs.length > 0 && (
          <ReplayControls flowId={flowId} bulk={windowOf(runs)} />
        )}
      </div>
    </div>
  );
}

/** The time window the listed runs cover (newest first), widened to now so nothing listed falls outside. */
function windowOf(runs: RunSummary[]): { since: string; until: string } {
  const oldest = runs.at(-1)?.createdAt ?? new Date(0).toISOString();
  return {
    since: new Date(Date.parse(oldest) - 1000).toISOString(),
    until: new Date(Date.now() + 1000).toISOString(),
  };
}
