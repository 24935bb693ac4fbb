// Save, validate and publish the flow in the editor, reporting issues onto the canvas and into the toast.

import { ApiRequestError, errorMessage } from '../api/api-request-error';
import { flowsApi } from '../api/endpoints';
import type { ValidationIssue } from '../api/types';
import { useEditor } from '../stores/editor-store';
import { useOverlay } from '../stores/overlay-store';
import { useUi } from '../stores/ui-store';
import { navigate } from './use-hash-route';

const nodeIds = () => useEditor.getState().nodes.map((n) => n.id);

export async function validateDraft(): Promise<ValidationIssue[]> {
  const s = useEditor.getState();
  const r = await flowsApi.validate(s.document(), s.flowId);
  const issues = r.errors ?? [];
  useOverlay.getState().setIssues(issues, nodeIds());
  return issues;
}

/** Save a new draft version (creating the flow on first save); returns its id. */
export async function saveDraft(): Promise<string | null> {
  const s = useEditor.getState();
  const doc = s.document();
  try {
    const saved = s.flowId ? await flowsApi.save(s.flowId, doc) : await flowsApi.create(doc);
    useEditor.setState({ flowId: saved.id });
    s.markSaved(saved.version);
    if (!s.flowId) navigate(`#/flows/${saved.id}`);
    useUi.getState().notify(`Saved draft v${saved.version}`);
    void validateDraft().catch(() => {});
    return saved.id;
  } catch (err) {
    reportError('Save failed', err);
    return null;
  }
}

export async function publishFlow(): Promise<boolean> {
  const s = useEditor.getState();
  const id = s.dirty || !s.flowId ? await saveDraft() : s.flowId;
  if (!id) return false;
  try {
    const issues = await validateDraft().catch(() => []);
    if (issues.length > 0) {
      useUi
        .getState()
        .notify(
          `Cannot publish: ${issues.length} problem${issues.length > 1 ? 's' : ''} (see the red nodes)`,
          true,
        );
      return false;
    }
    const r = await flowsApi.publish(id);
    useEditor.setState({ version: r.version ?? s.version });
    useUi.getState().notify(`Published v${r.version ?? ''}`.trim());
    return true;
  } catch (err) {
    reportError('Publish failed', err);
    return false;
  }
}

function reportError(what: string, err: unknown) {
  if (err instanceof ApiRequestError && err.path) {
    const path = err.path;
    useOverlay.getState().setIssues([{ code: err.code, message: err.message, path }], nodeIds());
  }
  useUi.getState().notify(`${what}: ${errorMessage(err)}`, true);
}
