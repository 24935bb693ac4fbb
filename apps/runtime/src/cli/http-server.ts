// Serves a fetch handler on a port with @hono/node-server; resolves once listening, closes gracefully.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

export interface HttpServer {
  port: number;
  /** Stops accepting, waits up to `graceMs` for open requests, then drops the rest (SSE streams). */
  close(graceMs?: number): Promise<void>;
}

/**
 * `fastPath` sees each request first and may answer it without the fetch handler (returns true when it did); the
 * webhook route's (routes/webhooks/fast-path.ts).
 */
export function startHttpServer(
  fetch: (req: Request) => Response | Promise<Response>,
  port: number,
  hostname: string,
  fastPath?: (req: IncomingMessage, res: ServerResponse) => boolean,
): Promise<HttpServer> {
  return new Promise((resolve, reject) => {
    const server = serve({
      fetch,
      port,
      hostname,
      ...(fastPath && {
        createServer: ((options: object, listener: (req: IncomingMessage, res: ServerResponse) => void) =>
          createServer(options, (req, res) => {
            if (!fastPath(req, res)) listener(req, res);
          })) as never,
      }),
    }) as Server;
    server.once('error', reject);
    server.once('listening', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: (graceMs = 5000) =>
          new Promise<void>((done) => {
            const timer = setTimeout(() => server.closeAllConnections(), graceMs);
            server.close(() => {
              clearTimeout(timer);
              done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}
