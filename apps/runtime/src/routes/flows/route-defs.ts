// OpenAPI definitions of the flows routes (ARCHITECTURE.md section 8); handlers live in index.ts.
import { createRoute, z } from '@hono/zod-openapi';
import {
  FlowDetailSchema,
  FlowDocumentSchema,
  FlowListSchema,
  FlowVersionDiffSchema,
  FlowVersionListSchema,
  ImportBodySchema,
  ImportResultSchema,
  ValidateResultSchema,
} from '@sluice/shared';
import {
  conflict,
  DiffQuery,
  errors,
  IdParams,
  invalidFlow,
  json,
  jsonBody,
  ValidateQuery,
  VersionQuery,
} from './route-schemas';

const tags = ['flows'];

export const createFlowRoute = createRoute({
  method: 'post',
  path: '/flows',
  tags,
  summary: 'Create a flow (version 1, draft)',
  request: jsonBody(FlowDocumentSchema),
  responses: {
    201: { description: 'Created', ...json(FlowDetailSchema) },
    400: errors[400],
    401: errors[401],
  },
});

export const listFlowsRoute = createRoute({
  method: 'get',
  path: '/flows',
  tags,
  summary: 'List flows',
  responses: { 200: { description: 'Flows, most recently changed first', ...json(FlowListSchema) } },
});

export const getFlowRoute = createRoute({
  method: 'get',
  path: '/flows/{id}',
  tags,
  summary: 'One flow version (latest unless ?version=N)',
  request: { params: IdParams, query: VersionQuery },
  responses: { 200: { description: 'The flow', ...json(FlowDetailSchema) }, ...errors },
});

export const saveDraftRoute = createRoute({
  method: 'put',
  path: '/flows/{id}',
  tags,
  summary: 'Save a new draft version (earlier versions never change)',
  request: { params: IdParams, ...jsonBody(FlowDocumentSchema) },
  responses: { 200: { description: 'The new version', ...json(FlowDetailSchema) }, ...errors },
});

export const deleteFlowRoute = createRoute({
  method: 'delete',
  path: '/flows/{id}',
  tags,
  summary: 'Delete a flow (unpublishes it; versions and runs stay for audit)',
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' }, ...errors },
});

export const publishFlowRoute = createRoute({
  method: 'post',
  path: '/flows/{id}/publish',
  tags,
  summary: 'Publish the latest version: webhooks and schedules now run it',
  request: { params: IdParams },
  responses: {
    200: { description: 'Published', ...json(FlowDetailSchema) },
    ...errors,
    400: invalidFlow,
    409: conflict,
  },
});

export const unpublishFlowRoute = createRoute({
  method: 'post',
  path: '/flows/{id}/unpublish',
  tags,
  summary: 'Unpublish: webhooks answer 404, schedules stop',
  request: { params: IdParams },
  responses: { 200: { description: 'Unpublished', ...json(FlowDetailSchema) }, ...errors },
});

export const listVersionsRoute = createRoute({
  method: 'get',
  path: '/flows/{id}/versions',
  tags,
  summary: 'Every version of a flow, oldest first',
  request: { params: IdParams },
  responses: { 200: { description: 'Versions', ...json(FlowVersionListSchema) }, ...errors },
});

export const validateFlowRoute = createRoute({
  method: 'post',
  path: '/flows/validate',
  tags,
  summary: 'Validate a flow document: every problem with its code and path',
  request: {
    query: ValidateQuery,
    ...jsonBody(z.record(z.string(), z.unknown()).openapi({ title: 'FlowDocument' })),
  },
  responses: { 200: { description: 'The problems', ...json(ValidateResultSchema) }, 400: errors[400] },
});

export const importFlowsRoute = createRoute({
  method: 'post',
  path: '/flows/import',
  tags,
  summary: 'Import one flow document or {flows: [...]} as new draft flows',
  request: jsonBody(ImportBodySchema),
  responses: { 201: { description: 'The created flows', ...json(ImportResultSchema) }, 400: errors[400] },
});

export const exportFlowRoute = createRoute({
  method: 'get',
  path: '/flows/{id}/export',
  tags,
  summary: 'The flow document as a file (latest unless ?version=N)',
  request: { params: IdParams, query: VersionQuery },
  responses: { 200: { description: 'The flow document', ...json(FlowDocumentSchema) }, ...errors },
});

export const diffFlowRoute = createRoute({
  method: 'get',
  path: '/flows/{id}/diff',
  tags,
  summary: 'What changed between two versions',
  request: { params: IdParams, query: DiffQuery },
  responses: { 200: { description: 'The differences', ...json(FlowVersionDiffSchema) }, ...errors },
});
