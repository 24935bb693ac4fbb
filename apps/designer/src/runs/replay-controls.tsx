// Replay choices (from failed steps or the start; original or current version) for one run or all failed ones.
import { useState } from 'react';
import { errorMessage } from '../api/api-request-error';
import { type ReplayFrom, type ReplayVersion, runsApi } from '../api/endpoints';
import { useOverlay } from '../stores/overlay-store';
import { useUi } from '../stores/ui-store';
import { Icon } from '../ui/icon';

interface Props {
  runId?: string;
  flowId?: string;
  /** Bulk: replay every failed run of the flow created in this window (the runs the list shows). */
  bulk?: { since: string; until: string };
  /** `start` for a run that has no failed step to resume from. */
  initialFrom?: ReplayFrom;
}

export function ReplayControls({ runId, flowId, bulk, initialFrom = 'failed' }: Props) {
  const [from, setFrom] = useState<ReplayFrom>(initialFrom);
  const [version, setVersion] = useState<ReplayVersion>('original');
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      if (bulk && flowId) {
        const r = await runsApi.replayBulk({ flowId, status: 'failed', ...bulk, from, version });
        useUi.getState().notify(`Replaying ${r.runIds.length} failed run${r.runIds.length === 1 ? '' : 's'}`);
      } else if (runId) {
        const r = await runsApi.replay(runId, from, version);
        useUi.getState().notify(r.runId === runId ? 'Replaying the failed steps' : 'Replay started');
        useOverlay.getState().openRun(r.runId);
      }
    } catch (err) {
      useUi.getState().notify(`Replay failed: ${errorMessage(err)}`, true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset className="fieldset" aria-label={bulk ? 'Bulk replay' : 'Replay'}>
      <div className="row">
        <select
          className="select"
          aria-label="Replay from"
          value={from}
          onChange={(e) => setFrom(e.target.value as ReplayFrom)}
        >
          <option value="failed">From failed steps</option>
          <option value="start">From the start</option>
        </select>
        <select
          className="select"
          aria-label="Replay version"
          value={version}
          onChange={(e) => setVersion(e.target.value as ReplayVersion)}
        >
          <option value="original">Original version</option>
          <option value="current">Current version</option>
        </select>
      </div>
      <button
        type="button"
        className="btn primary"
        onClick={go}
        disabled={busy}
        data-testid={bulk ? 'bulk-replay' : 'replay'}
      >
        {busy ? <span className="spinner" /> : <Icon name="refresh" />}{' '}
        {bulk ? 'Replay all failed runs in this list' : 'Replay run'}
      </button>
    </fieldset>
  );
}
