// The server's fast path for POST /webhooks/:path: the same ingest as the Hono route (ingest.ts), without Hono's
// Request, Context and Response objects around it, for the route that carries every run's trigger. Only the plain
// case is taken: one path segment, no query, a declared Content-Length within the limit. Anything else (chunked
// bodies, bodies over the limit, odd paths) is left to Hono, which answers it like every other route.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { withFields } from '@sluice/shared';
import { errorBody } from '../../api/api-error';
import { incomingHeaders } from '../../api/incoming-headers';
import type { Logger } from '../../logging/logger';
import { unstorableBody } from '../../middleware/storable-input';
import type { Resources } from '../../resources';
import type { StartedEngine } from '../../worker/start-engine';
import { type WebhookIngest, webhookIngest } from './ingest';

const PREFIX = '/webhooks/';

/** Handles the request and returns true, or returns false without touching it. */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

/** The fast path of this app's webhook route: the same ingest instance, the same body limit and logger. */
export function webhookFastPathOf(r: Resources, started: StartedEngine): FastPath {
  return webhookFastPath(webhookIngest(r, started), { bodyLimitBytes: r.config.bodyLimitBytes, log: r.log });
}

export function webhookFastPath(ingest: WebhookIngest, o: { bodyLimitBytes: number; log: Logger }): FastPath {
  return (req, res) => {
    const url = req.url ?? '';
    if (req.method !== 'POST' || !url.startsWith(PREFIX)) return false;
    const segment = url.slice(PREFIX.length);
    if (segment === '' || /[/?#]|%00/i.test(segment)) return false;
    const path = decoded(segment);
    const declared = Number(req.headers['content-length']);
    if (
      path === null ||
      path.includes('\u0000') ||
      req.headers['transfer-encoding'] !== undefined ||
      !Number.isSafeInteger(declared) ||
      declared < 0 ||
      declared > o.bodyLimitBytes
    )
      return false;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const headers = incomingHeaders(req.headers);
      const refused = unstorableBody(headers['content-type'], rawBody);
      if (refused) return reply(res, 400, refused);
      ingest({ path, headers, rawBody }).then(
        (a) => reply(res, a.status, a.body, a.status === 503 ? { 'retry-after': a.retryAfter } : undefined),
        (err) => {
          // As the app's error handler does: logged, answered 500 without details.
          o.log.error({ err, method: 'POST', path: url }, 'unhandled error in request');
          reply(res, 500, errorBody('internal', 'internal error; see the server log'));
        },
      );
    });
    return true;
  };
}

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function reply(res: ServerResponse, status: number, body: unknown, extra?: Record<string, string>): void {
  const json = JSON.stringify(body);
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) };
  res.writeHead(status, extra ? withFields(headers, extra) : headers);
  res.end(json);
}
