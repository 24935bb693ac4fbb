// Serves the built designer at `/` with an SPA fallback, or a short page saying how to build it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env';

/** Paths that must keep their JSON 404 instead of falling back to the designer's index.html. */
const API_PREFIXES = ['/api/', '/webhooks/', '/metrics'];

const NOT_BUILT = `<!doctype html><html><head><meta charset="utf-8"><title>Sluice</title><link rel="icon" href="data:,"></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>Sluice is running</h1>
<p>The designer is not built. Build it with <code>npm run build -w @sluice/designer</code>
(or start with <code>npm start</code>, which builds it), then reload.</p>
<p>The API is under <a href="/api/openapi.json"><code>/api</code></a>; liveness at <a href="/health"><code>/health</code></a>.</p>
</body></html>`;

/** Mounts the designer last, after every API route. */
export function mountDesigner(app: OpenAPIHono<AppEnv>, dist: string): void {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) {
    app.get('/', (c) => c.html(NOT_BUILT));
    return;
  }
  const isApi = (path: string) => API_PREFIXES.some((p) => path.startsWith(p));
  const assets = serveStatic<AppEnv>({ root: dist });
  const fallback = serveStatic<AppEnv>({ path: index });
  app.get('*', async (c, next) => (isApi(c.req.path) ? next() : assets(c, next)));
  app.get('*', async (c, next) => (isApi(c.req.path) ? next() : fallback(c, next)));
}
