// "Run now" for flows with a manual trigger: starts a run of the published version with the trigger's sample payload.
import { errorMessage } from '../api/api-request-error';
import { flowsApi } from '../api/endpoints';
import { useEditor } from '../stores/editor-store';
import { useOverlay } from '../stores/overlay-store';
import { useUi } from '../stores/ui-store';
import { Icon } from '../ui/icon';

const manualTriggerId = (s: ReturnType<typeof useEditor.getState>) =>
  Object.entries(s.meta).find(([, m]) => m.type === 'trigger.manual')?.[0] ?? null;

export function RunNowButton() {
  const triggerId = useEditor(manualTriggerId);
  const flowId = useEditor((s) => s.flowId);
  if (!triggerId || !flowId) return null;
  const run = async () => {
    const payload =
      (useEditor.getState().meta[triggerId]?.config as { samplePayload?: unknown } | undefined)
        ?.samplePayload ?? {};
    try {
      const { runId } = await flowsApi.runManually(flowId, payload);
      useUi.getState().setTab('runs');
      useOverlay.getState().openRun(runId);
    } catch (err) {
      useUi.getState().notify(`Run failed to start: ${errorMessage(err)}`, true);
    }
  };
  return (
    <button
      type="button"
      className="btn"
      onClick={run}
      title="Run the published version with the sample payload"
    >
      <Icon name="play" /> Run now
    </button>
  );
}
