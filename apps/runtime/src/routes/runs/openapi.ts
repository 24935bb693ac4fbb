// OpenAPI descriptions of the runs, audit and webhook routes (the handlers validate by hand and stay in index.ts).
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  ApiErrorBodySchema,
  AuditEventSchema,
  BulkReplayRequestSchema,
  ManualRunRequestSchema,
  ReplayRequestSchema,
  RunCreatedSchema,
  RunDetailSchema,
  RunIdsSchema,
  RunListQuerySchema,
  RunListSchema,
} from '@sluice/shared';
import type { AppEnv } from '../../api/app-env';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json(ApiErrorBodySchema) });
const Id = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'run_01jd3x...' }),
});
const tags = ['runs'];

type Router = OpenAPIHono<AppEnv>;

export function documentRunsRoutes(router: Router): void {
  const add = (r: Parameters<typeof createRoute>[0]) => router.openAPIRegistry.registerPath(createRoute(r));
  add({
    method: 'get',
    path: '/runs',
    tags,
    summary: 'Runs, newest first (cursor = the previous page`s nextCursor)',
    request: { query: RunListQuerySchema },
    responses: { 200: { description: 'A page of runs', ...json(RunListSchema) }, 400: error('Bad filter') },
  });
  add({
    method: 'get',
    path: '/runs/{id}',
    tags,
    summary: 'A run with every step (input, output, error, attempts, logs, timings)',
    request: { params: Id },
    responses: { 200: { description: 'The run', ...json(RunDetailSchema) }, 404: error('No such run') },
  });
  add({
    method: 'get',
    path: '/runs/{id}/events',
    tags,
    summary:
      'Server-Sent Events: `snapshot` (the run detail), then `run` and `step` transitions, `ping` every 15 s',
    request: { params: Id },
    responses: { 200: { description: 'text/event-stream' }, 404: error('No such run') },
  });
  add({
    method: 'post',
    path: '/runs/{id}/cancel',
    tags,
    summary: 'Cancel a run that has not ended',
    description:
      'Its steps still owing work are cancelled in one transaction; a step executing at that moment is ended in whichever process runs it (a delivery in flight is aborted) and its outcome discarded.',
    request: { params: Id },
    responses: {
      200: { description: 'Cancelled' },
      404: error('No such run'),
      409: error('The run already ended'),
    },
  });
  add({
    method: 'post',
    path: '/runs/{id}/replay',
    tags,
    summary: 'Replay from the failed steps (same run) or from the start (a new linked run)',
    request: { params: Id, body: { required: false, ...json(ReplayRequestSchema) } },
    responses: {
      202: { description: 'The replaying run', ...json(RunCreatedSchema) },
      404: error('No such run'),
      409: error('The run is active, has nothing to replay, or the flow is not published'),
      422: error('A node of the run is not in the chosen version'),
    },
  });
  add({
    method: 'post',
    path: '/runs/replay',
    tags,
    summary: 'Replay every failed run of a flow created in a time window',
    request: { body: { required: true, ...json(BulkReplayRequestSchema) } },
    responses: {
      200: { description: 'The replaying runs', ...json(RunIdsSchema) },
      400: error('Bad request'),
    },
  });
  add({
    method: 'post',
    path: '/flows/{id}/runs',
    tags,
    summary: 'Start a run by hand (published version, or ?version=N)',
    request: { params: Id, body: { required: false, ...json(ManualRunRequestSchema) } },
    responses: {
      202: { description: 'Committed', ...json(RunCreatedSchema) },
      404: error('No such flow or version'),
      409: error('The flow has no published version'),
    },
  });
}

export function documentAuditRoutes(router: Router): void {
  const add = (r: Parameters<typeof createRoute>[0]) => router.openAPIRegistry.registerPath(createRoute(r));
  add({
    method: 'get',
    path: '/audit',
    tags: ['audit'],
    summary: 'Audit events in chain order (?runId=&flowId=&since=&cursor=&limit=)',
    description:
      'Events are appended in blocks (one per committing transaction) and chained by the sealer shortly after commit; ' +
      "a read first seals what committed before it. An event's `prevHash` and `hash` are its block's.",
    responses: {
      200: {
        description: 'Events',
        ...json(z.object({ events: z.array(AuditEventSchema), nextCursor: z.string().nullable() })),
      },
    },
  });
  add({
    method: 'get',
    path: '/audit/verify',
    tags: ['audit'],
    summary: 'Recompute the hash chain: `{ok, checked}` or the first event `seq` of the first bad block',
    responses: { 200: { description: 'The verification' } },
  });
}

export function documentWebhookRoutes(router: Router): void {
  router.openAPIRegistry.registerPath(
    createRoute({
      method: 'post',
      path: '/webhooks/{path}',
      tags: ['webhooks'],
      summary:
        'Webhook trigger of the published flow on this path (no bearer token; token or Standard Webhooks HMAC)',
      request: { params: z.object({ path: z.string().openapi({ param: { name: 'path', in: 'path' } }) }) },
      responses: {
        202: { description: 'The run is committed', ...json(RunCreatedSchema) },
        401: error('Bad token or signature: nothing stored'),
        404: error('No published flow listens on this path'),
        413: error('Body over the limit'),
        503: error('Too much work queued: retry after the Retry-After seconds'),
      },
    }),
  );
}
