// Runs API: list, detail, live events, cancel, replay (one and bulk), and the manual trigger of a flow.
import {
  BulkReplayRequestSchema,
  ManualRunRequestSchema,
  ReplayRequestSchema,
  RunListQuerySchema,
  withFields,
} from '@sluice/shared';
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError, NotFoundError } from '../../api/api-error';
import type { AppEnv } from '../../api/app-env';
import { createRouter } from '../../api/router';
import { actorOf } from '../../auth/principal';
import { getRunDetail, listRuns } from '../../engine/read-runs';
import { replayMany, replayRun, startManualRun } from '../../engine/replay-run';
import type { Resources } from '../../resources';
import type { StartedEngine } from '../../worker/start-engine';
import { documentRunsRoutes } from './openapi';
import { orApiError } from './run-errors';
import { streamRunEvents } from './run-events-stream';

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new ApiError(
    400,
    'invalid_request',
    issue?.message ?? 'invalid request',
    issue?.path as Array<string | number>,
  );
}

async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'the request body is not valid JSON');
  }
}

export function runsRoutes(r: Resources, started: StartedEngine) {
  const router = createRouter();
  documentRunsRoutes(router);
  const { engine, bus } = started.system;
  const db = r.database.db;
  const actor = (c: Context<AppEnv>) => actorOf(c.get('principal'));

  router.get('/runs', async (c) => c.json(await listRuns(db, parse(RunListQuerySchema, c.req.query()))));

  router.get('/runs/:id', async (c) => {
    const detail = await getRunDetail(db, c.req.param('id'));
    if (!detail) throw new NotFoundError('run', c.req.param('id'));
    return c.json(detail);
  });

  router.get('/runs/:id/events', async (c) => {
    const id = c.req.param('id');
    if (!(await getRunDetail(db, id))) throw new NotFoundError('run', id);
    return streamRunEvents(c, db, bus, id);
  });

  router.post('/runs/:id/cancel', async (c) => {
    const id = c.req.param('id');
    const result = await engine.cancelRun(id, actor(c));
    if (!result.ok && result.code === 'not_found') throw new NotFoundError('run', id);
    if (!result.ok) throw new ApiError(409, 'run_ended', `the run already ended (${result.status})`);
    return c.json({ runId: id, status: 'cancelled' });
  });

  router.post('/runs/replay', async (c) => {
    const q = parse(BulkReplayRequestSchema, await jsonBody(c));
    const runIds = await orApiError(
      replayMany(engine, withFields(q, { since: new Date(q.since), until: new Date(q.until) }), actor(c)),
    );
    return c.json({ runIds });
  });

  router.post('/runs/:id/replay', async (c) => {
    const q = parse(ReplayRequestSchema, await jsonBody(c));
    const runId = await orApiError(replayRun(engine, c.req.param('id'), q.from, q.version, actor(c)));
    return c.json({ runId }, 202);
  });

  router.post('/flows/:id/runs', async (c) => {
    const { payload } = parse(ManualRunRequestSchema, await jsonBody(c));
    const v = c.req.query('version');
    const version = v === undefined ? undefined : Number(v);
    if (version !== undefined && !(Number.isInteger(version) && version > 0)) {
      throw new ApiError(400, 'invalid_request', 'version must be a positive integer', ['version']);
    }
    const started = await orApiError(startManualRun(engine, c.req.param('id'), payload, actor(c), version));
    return c.json({ runId: started.runId }, 202);
  });

  return router;
}
