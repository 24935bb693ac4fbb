// Import and export: flow documents as files, one or several at a time.
import type { FlowDetail, FlowDocument } from '@sluice/shared';
import { insertFlow, publishProblems } from './flow-drafts';
import { loadFlow, loadVersion } from './flow-queries';
import { toDetail } from './flow-views';
import type { FlowsDeps } from './flows-deps';

/** The stored document of a version (the latest when omitted), exactly as saved. */
export async function exportFlow(deps: FlowsDeps, id: string, version?: number): Promise<FlowDocument> {
  const flow = await loadFlow(deps.db, id);
  const row = await loadVersion(deps.db, id, version ?? flow.latestVersion);
  return row.document as FlowDocument;
}

/** Creates one new draft flow per document (new ids; their own id and version are ignored). All or nothing. */
export async function importFlows(
  deps: FlowsDeps,
  actor: string,
  docs: FlowDocument[],
): Promise<FlowDetail[]> {
  const rows = await deps.db.transaction(async (tx) => {
    const created = [];
    for (const doc of docs) created.push(await insertFlow(deps, tx, actor, doc));
    return created;
  });
  const details: FlowDetail[] = [];
  for (const { flow, version } of rows) {
    details.push(toDetail(flow, version, await publishProblems(deps, deps.db, flow.id, version.document)));
  }
  return details;
}
