// Version history of the flow, and a visual diff of two versions drawn on the canvas.
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/api-request-error';
import { flowsApi } from '../api/endpoints';
import type { FlowVersionInfo } from '../api/types';
import { ago } from '../runs/format';
import { useEditor } from '../stores/editor-store';
import { useOverlay } from '../stores/overlay-store';
import { type DiffView, diffView } from './diff-marks';

export function VersionsPanel() {
  const flowId = useEditor((s) => s.flowId);
  const dirty = useEditor((s) => s.dirty);
  const comparing = useOverlay((s) => s.diffByNode !== null);
  const [versions, setVersions] = useState<FlowVersionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [view, setView] = useState<DiffView | null>(null);
  useEffect(() => {
    if (!flowId) return;
    flowsApi
      .versions(flowId)
      .then((v) => {
        setVersions(v);
        const last = v.at(-1)?.version ?? null;
        setTo(last);
        setFrom(v.at(-2)?.version ?? last);
      })
      .catch((err) => setError(errorMessage(err)));
  }, [flowId]);
  if (!flowId) return <div className="empty">Save the flow to start its version history.</div>;
  const compare = async () => {
    if (from === null || to === null) return;
    try {
      const [a, b] = await Promise.all([flowsApi.get(flowId, from), flowsApi.get(flowId, to)]);
      const v = diffView(a, b);
      useEditor.getState().load({ ...v.doc, id: flowId, version: b.version });
      useOverlay.getState().showDiff(v.marks);
      setView(v);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const exit = async () => {
    useOverlay.getState().showDiff(null);
    setView(null);
    useEditor.getState().load(await flowsApi.get(flowId));
  };
  const pick = (label: string, value: number | null, set: (n: number) => void) => (
    <select
      className="select"
      aria-label={label}
      value={value ?? ''}
      onChange={(e) => set(Number(e.target.value))}
    >
      {versions?.map((v) => (
        <option key={v.version} value={v.version}>
          v{v.version} {v.status === 'published' ? '(published)' : ''}
        </option>
      ))}
    </select>
  );
  return (
    <div className="panel-body">
      <div className="section">
        <h3>Compare versions</h3>
        {error && <div className="banner">{error}</div>}
        <div className="row">
          {pick('Compare from version', from, setFrom)}
          <span className="muted">→</span>
          {pick('Compare to version', to, setTo)}
        </div>
        {dirty && !comparing && (
          <span className="muted">Save the draft first: comparing replaces the canvas.</span>
        )}
        <div className="row">
          <button
            type="button"
            className="btn"
            disabled={!versions || (dirty && !comparing)}
            onClick={compare}
          >
            Show diff on canvas
          </button>
          {comparing && (
            <button type="button" className="btn ghost" onClick={exit}>
              Back to editing
            </button>
          )}
        </div>
        {view && comparing && (
          <div className="row">
            <span className="badge added">{view.counts.added} added</span>
            <span className="badge removed">{view.counts.removed} removed</span>
            <span className="badge changed">{view.counts.changed} changed</span>
          </div>
        )}
      </div>
      <div className="section">
        <h3>History</h3>
        {!versions && !error && (
          <span className="row muted">
            <span className="spinner" /> Loading…
          </span>
        )}
        {[...(versions ?? [])].reverse().map((v) => (
          <div className="row" key={v.version}>
            <span className="mono">v{v.version}</span>
            <span className={`badge ${v.status}`}>{v.status}</span>
            <span className="muted grow truncate">{ago(v.publishedAt ?? v.createdAt)}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
