// Audit API: GET /api/audit (events in chain order, by run/flow/time, seq cursor) and GET /api/audit/verify.
import { withFields } from '@sluice/shared';
import { z } from 'zod';
import { ApiError } from '../../api/api-error';
import { createRouter } from '../../api/router';
import { listAudit, verifyAudit } from '../../audit';
import type { Resources } from '../../resources';
import { documentAuditRoutes } from '../runs/openapi';

const QuerySchema = z.object({
  runId: z.string().optional(),
  flowId: z.string().optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  cursor: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export function auditRoutes(r: Resources) {
  const router = createRouter();
  documentAuditRoutes(router);
  router.get('/audit', async (c) => {
    const q = QuerySchema.safeParse(c.req.query());
    if (!q.success) {
      const issue = q.error.issues[0];
      throw new ApiError(400, 'invalid_request', issue?.message ?? 'invalid query', issue?.path as string[]);
    }
    const { events, nextCursor } = await listAudit(r.database.db, {
      runId: q.data.runId,
      flowId: q.data.flowId,
      since: q.data.since ? new Date(q.data.since) : undefined,
      after: q.data.cursor,
      limit: q.data.limit,
    });
    return c.json({ events: events.map((e) => withFields(e, { at: e.at.toISOString() })), nextCursor });
  });
  router.get('/audit/verify', async (c) => c.json(await verifyAudit(r.database.db)));
  return router;
}
