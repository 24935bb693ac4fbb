// Keeps the open run fresh on the canvas: an SSE subscription that triggers re-reads, plus polling as a floor.
import { useEffect } from 'react';
import { runsApi } from '../api/endpoints';
import type { RunDetail } from '../api/types';
import { useOverlay } from '../stores/overlay-store';
import { subscribeRunEvents } from './run-events';

const POLL_MS = 1500;

export function RunLive() {
  const runId = useOverlay((s) => s.openRunId);
  useEffect(() => {
    if (!runId) return;
    let live = true;
    let pending = false;
    const refresh = async () => {
      if (pending) return;
      pending = true;
      try {
        const detail = await runsApi.get(runId);
        if (live && useOverlay.getState().openRunId === runId) useOverlay.getState().showRun(detail);
      } catch {
        // the next poll retries
      } finally {
        pending = false;
      }
    };
    void refresh();
    const stop = subscribeRunEvents(runId, (e) => {
      if (e.event === 'ping') return;
      if (e.event === 'snapshot' && e.data && typeof e.data === 'object') {
        if (live && useOverlay.getState().openRunId === runId)
          useOverlay.getState().showRun(e.data as RunDetail);
        return;
      }
      void refresh();
    });
    const timer = setInterval(refresh, POLL_MS);
    return () => {
      live = false;
      stop();
      clearInterval(timer);
    };
  }, [runId]);
  return null;
}
