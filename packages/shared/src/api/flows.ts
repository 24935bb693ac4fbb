// Request and response shapes of the flows API (/api/flows...), shared by the runtime routes and the designer.
import { z } from 'zod';
import { FlowDiffSchema } from '../diff/flow-diff';
import { FlowDocumentSchema } from '../flow/flow-document';
import { FlowProblemSchema } from '../validation/flow-problem';

/** A version is `published` while it is the flow's published version; every other version is a `draft`. */
export const FlowStatusSchema = z.enum(['draft', 'published']).meta({ id: 'FlowStatus' });

export const FlowSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    latestVersion: z.number().int(),
    publishedVersion: z.number().int().nullable(),
    /** `published` when some version is published (it may be older than `latestVersion`). */
    status: FlowStatusSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'FlowSummary' });

/** One version of a flow: its document with `id` and `version` filled in, plus the flow's state. */
export const FlowDetailSchema = FlowDocumentSchema.extend({
  id: z.string(),
  version: z.number().int(),
  status: FlowStatusSchema,
  latestVersion: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Problems that would block publishing; drafts may have them. */
  warnings: z.array(FlowProblemSchema),
}).meta({ id: 'FlowDetail' });

export const FlowVersionInfoSchema = z
  .object({
    version: z.number().int(),
    name: z.string(),
    status: FlowStatusSchema,
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    /** When this version was last published, if ever. */
    publishedAt: z.string().nullable(),
  })
  .meta({ id: 'FlowVersionInfo' });

export const FlowListSchema = z.object({ flows: z.array(FlowSummarySchema) }).meta({ id: 'FlowList' });
export const FlowVersionListSchema = z
  .object({ versions: z.array(FlowVersionInfoSchema) })
  .meta({ id: 'FlowVersionList' });

export const ValidateResultSchema = z
  .object({ valid: z.boolean(), errors: z.array(FlowProblemSchema) })
  .meta({ id: 'ValidateResult' });

/** POST /api/flows/import accepts one document or `{flows: [...]}`. */
export const ImportBodySchema = z
  .union([z.object({ flows: z.array(FlowDocumentSchema).min(1).max(500) }), FlowDocumentSchema])
  .meta({ id: 'ImportBody' });

export const ImportResultSchema = z.object({ flows: z.array(FlowDetailSchema) }).meta({ id: 'ImportResult' });

/** GET /api/flows/:id/diff?from=N&to=M */
export const FlowVersionDiffSchema = FlowDiffSchema.extend({
  from: z.number().int(),
  to: z.number().int(),
}).meta({ id: 'FlowVersionDiff' });

export type FlowStatus = z.infer<typeof FlowStatusSchema>;
export type FlowSummary = z.infer<typeof FlowSummarySchema>;
export type FlowDetail = z.infer<typeof FlowDetailSchema>;
export type FlowVersionInfo = z.infer<typeof FlowVersionInfoSchema>;
export type ValidateResult = z.infer<typeof ValidateResultSchema>;
export type ImportBody = z.infer<typeof ImportBodySchema>;
export type FlowVersionDiff = z.infer<typeof FlowVersionDiffSchema>;
