// A sample input for a snippet: the upstream step's output in the latest run that reached it, if any.
import { runsApi } from '../api/endpoints';
import { useEditor } from '../stores/editor-store';
import { useOverlay } from '../stores/overlay-store';

export async function upstreamSample(nodeId: string): Promise<unknown | undefined> {
  const { edges, flowId } = useEditor.getState();
  const upstream = edges.filter((e) => e.target === nodeId).map((e) => e.source);
  if (upstream.length === 0 || !flowId) return undefined;
  const fromOpen = useOverlay.getState().stepByNode;
  for (const id of upstream) if (fromOpen[id]?.output !== undefined) return fromOpen[id]!.output;
  try {
    const [latest] = await runsApi.list({ flowId, limit: 1 });
    if (!latest) return undefined;
    const detail = await runsApi.get(latest.id);
    const steps = detail.steps.filter((s) => upstream.includes(s.nodeId) && s.output !== undefined);
    return steps.at(-1)?.output;
  } catch {
    return undefined;
  }
}
