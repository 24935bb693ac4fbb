// Import and export: flow documents as files, one or several at a time.
import type { FlowDetail, FlowDocument } from '@sluice/shared';
import { createFlow } from './flow-drafts';
import { loadFlow, loadVersion } from './flow-queries';
import type { FlowsDeps } from './flows-deps';

/** The stored document of a version (the latest when omitted), exactly as saved. */
export async function exportFlow(deps: FlowsDeps, id: string, version?: number): Promise<FlowDocument> {
  const flow = await loadFlow(deps.db, id);
  const row = await loadVersion(deps.db, id, version ?? flow.latestVersion);
  return row.document as FlowDocument;
}

/** Creates one new draft flow per document (new ids; the documents' own id and version are ignored). */
export async function importFlows(
  deps: FlowsDeps,
  actor: string,
  docs: FlowDocument[],
): Promise<FlowDetail[]> {
  const created: FlowDetail[] = [];
  for (const doc of docs) created.push(await createFlow(deps, actor, doc));
  return created;
}
