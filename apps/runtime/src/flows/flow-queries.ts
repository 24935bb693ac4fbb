// Reading flows: list, one version, all versions, and the diff between two versions.
import { diffFlows, type FlowDocument, type FlowVersionDiff } from '@sluice/shared';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { flows, flowVersions } from '../db/schema';
import { FlowNotFoundError, FlowVersionNotFoundError } from './flow-errors';
import { type FlowRow, toSummary, toVersionInfo, type VersionRow } from './flow-views';
import type { Tx } from './flows-deps';

/** The live (not deleted) flow row, or FlowNotFoundError. */
export async function loadFlow(tx: Tx, id: string, opts: { forUpdate?: boolean } = {}): Promise<FlowRow> {
  const query = tx
    .select()
    .from(flows)
    .where(and(eq(flows.id, id), isNull(flows.deletedAt)));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  if (!row) throw new FlowNotFoundError(id);
  return row;
}

/** One stored version of a flow, or FlowVersionNotFoundError. */
export async function loadVersion(tx: Tx, id: string, version: number): Promise<VersionRow> {
  const [row] = await tx
    .select()
    .from(flowVersions)
    .where(and(eq(flowVersions.flowId, id), eq(flowVersions.version, version)));
  if (!row) throw new FlowVersionNotFoundError(id, version);
  return row;
}

/** Live flows, most recently changed first. */
export async function listFlows(tx: Tx) {
  const rows = await tx.select().from(flows).where(isNull(flows.deletedAt)).orderBy(desc(flows.updatedAt));
  return rows.map(toSummary);
}

/** Every version of a flow, oldest first. */
export async function listVersions(tx: Tx, id: string) {
  const flow = await loadFlow(tx, id);
  const rows = await tx
    .select()
    .from(flowVersions)
    .where(eq(flowVersions.flowId, id))
    .orderBy(asc(flowVersions.version));
  return rows.map((v) => toVersionInfo(flow, v));
}

/** What changed from version `from` to version `to` (either order). */
export async function diffVersions(tx: Tx, id: string, from: number, to: number): Promise<FlowVersionDiff> {
  await loadFlow(tx, id);
  const [a, b] = await Promise.all([loadVersion(tx, id, from), loadVersion(tx, id, to)]);
  return { from, to, ...diffFlows(a.document as FlowDocument, b.document as FlowDocument) };
}
