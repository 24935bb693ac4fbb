// Request headers straight from node's IncomingMessage when the node adapter serves the request: reading
// `c.req.header()` or `c.req.raw.headers` makes @hono/node-server build an undici `Headers` for every request,
// a measurable share of a webhook's CPU. In-process `app.request()` calls (tests) have no IncomingMessage and
// fall back to the web Request's headers.
import type { IncomingHttpHeaders } from 'node:http';
import type { Context } from 'hono';

const incomingOf = (c: Context): { headers: IncomingHttpHeaders } | undefined =>
  (c.env as { incoming?: { headers: IncomingHttpHeaders } } | undefined)?.incoming;

const single = (v: string | string[] | undefined): string | undefined =>
  Array.isArray(v) ? v.join(', ') : v;

/** One header by name (any case), as `c.req.header(name)` would answer it. */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = incomingOf(c);
  return incoming ? single(incoming.headers[name.toLowerCase()]) : c.req.header(name);
}

/** Every header, names in lower case, repeated headers joined with ", " (the Fetch `Headers` rule). */
export function requestHeaders(c: Context): Record<string, string> {
  const incoming = incomingOf(c);
  if (incoming) return incomingHeaders(incoming.headers);
  const out: Record<string, string> = {};
  c.req.raw.headers.forEach((v, k) => {
    out[k] = v;
  });
  return out;
}

/** Node's request headers flattened the same way (names are already lower case). */
export function incomingHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const value = single(v);
    if (value !== undefined) out[k] = value;
  }
  return out;
}
