// Header of the run shown on the canvas: status, timings, replay, and leaving run view.
import { useOverlay } from '../stores/overlay-store';
import { Icon } from '../ui/icon';
import { duration } from './format';
import { ReplayControls } from './replay-controls';

export function OpenRunHeader({ runId }: { runId: string }) {
  const run = useOverlay((s) => s.run?.run);
  const failed = useOverlay((s) => Object.values(s.stepByNode).filter((x) => x.status === 'failed').length);
  return (
    <div className="section" data-testid="open-run" data-status={run?.status ?? ''}>
      <div className="row">
        <h2 className="grow truncate mono">{runId}</h2>
        <button
          type="button"
          className="btn ghost small"
          onClick={() => useOverlay.getState().openRun(null)}
          aria-label="Close run view"
        >
          <Icon name="x" size={14} /> Close
        </button>
      </div>
      {run ? (
        <div className="row">
          <span className={`badge ${run.status}`}>{run.status}</span>
          <span className="muted">
            {duration(run.startedAt ?? run.createdAt, run.endedAt)} · v{run.flowVersion ?? '?'}
            {failed > 0 ? ` · ${failed} failed step${failed > 1 ? 's' : ''}` : ''}
          </span>
        </div>
      ) : (
        <span className="row muted">
          <span className="spinner" /> Loading run…
        </span>
      )}
      <span className="muted">Click a node on the canvas to see its input, output, error and logs.</span>
      {(run?.status === 'failed' || run?.status === 'cancelled' || run?.status === 'succeeded') && (
        <ReplayControls
          key={runId}
          runId={runId}
          initialFrom={run.status === 'succeeded' ? 'start' : 'failed'}
        />
      )}
    </div>
  );
}
