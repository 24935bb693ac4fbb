// Turns stored rows into the API's shapes (FlowSummary, FlowDetail, FlowVersionInfo).

import type { FlowDetail, FlowDocument, FlowProblem, FlowSummary, FlowVersionInfo } from '@sluice/shared';
import { withFields } from '@sluice/shared';
import type { flows, flowVersions } from '../db/schema';

export type FlowRow = typeof flows.$inferSelect;
export type VersionRow = typeof flowVersions.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSummary(row: FlowRow): FlowSummary {
  return {
    id: row.id,
    name: row.name,
    latestVersion: row.latestVersion,
    publishedVersion: row.publishedVersion,
    status: row.publishedVersion === null ? 'draft' : 'published',
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toDetail(row: FlowRow, version: VersionRow, warnings: FlowProblem[]): FlowDetail {
  const doc = version.document as FlowDocument;
  return withFields(doc, {
    id: row.id,
    version: version.version,
    status: row.publishedVersion === version.version ? 'published' : 'draft',
    latestVersion: row.latestVersion,
    publishedVersion: row.publishedVersion,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    warnings,
  });
}

export function toVersionInfo(row: FlowRow, version: VersionRow): FlowVersionInfo {
  return {
    version: version.version,
    name: (version.document as FlowDocument).name,
    status: row.publishedVersion === version.version ? 'published' : 'draft',
    createdAt: version.createdAt.toISOString(),
    createdBy: version.createdBy,
    publishedAt: iso(version.publishedAt),
  };
}

/** The document as stored and exported: the body's content with the flow's id and the version number. */
export function storedDocument(doc: FlowDocument, id: string, version: number): FlowDocument {
  const { id: _id, version: _version, ...rest } = doc;
  return { id, version, ...rest };
}
