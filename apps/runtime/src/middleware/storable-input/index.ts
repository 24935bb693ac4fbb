// storableInput: answers 400 for U+0000 in the path, the query or a JSON body, which PostgreSQL cannot store or compare.
import type { MiddlewareHandler } from 'hono';
import { errorBody } from '../../api/api-error';
import { requestHeader } from '../../api/incoming-headers';
import { findNulChar } from '../../api/storable-json';

/** Bodies that are not text; everything else (JSON with or without its content type) is checked. */
const BINARY_TYPE = /^(multipart\/|application\/octet-stream)/i;

const reject = (path: Array<string | number>, where: string) =>
  errorBody('invalid_request', `${where} may not contain the character U+0000`, path);

/**
 * The 400 body for a request body holding U+0000 (in a JSON string, where PostgreSQL cannot store it), else null.
 * Binary bodies and bodies that are not JSON pass (the route answers invalid_json).
 */
export function unstorableBody(contentType: string | undefined, text: string) {
  if (BINARY_TYPE.test(contentType ?? '') || !text.includes('\\u0000')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const path = findNulChar(parsed);
  return path ? reject(path, 'text') : null;
}

/**
 * Without it, a NUL byte in an id or a payload reaches SQL and fails there as a 500. The body is read as
 * text (hono caches it, so validators and HMAC checks still see the same bytes) and parsed only on a hit.
 */
export function storableInput(): MiddlewareHandler {
  return async function storableInputMiddleware(c, next) {
    if (c.req.path.includes('\u0000')) return c.json(reject(['path'], 'the URL path'), 400);
    const queries = c.req.queries();
    for (const [key, values] of Object.entries(queries)) {
      if (key.includes('\u0000') || values.some((v) => v.includes('\u0000'))) {
        return c.json(reject(['query', key], 'the query string'), 400);
      }
    }
    // Not `c.req.raw.body`: on the node adapter that materialises a full web Request and stream per request.
    const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    if (hasBody) {
      const contentType = requestHeader(c, 'content-type');
      if (!BINARY_TYPE.test(contentType ?? '')) {
        const refused = unstorableBody(contentType, await c.req.text());
        if (refused) return c.json(refused, 400);
      }
    }
    return next();
  };
}
