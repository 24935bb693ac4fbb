// bodySizeLimit: rejects request bodies over the configured size with 413 in the contract's error shape.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorBody } from '../../api/api-error';
import { requestHeader } from '../../api/incoming-headers';

export function bodySizeLimit(maxBytes: number): MiddlewareHandler {
  const tooLarge = (c: Context) =>
    c.json(errorBody('payload_too_large', `the request body is larger than ${maxBytes} bytes`), 413);
  const streaming = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async function bodySizeLimit(c, next) {
    const length = requestHeader(c, 'content-length');
    if (length !== undefined && requestHeader(c, 'transfer-encoding') === undefined) {
      // Node's HTTP parser never delivers more than a declared Content-Length, so the header alone decides; going
      // through hono's bodyLimit would make the node adapter build a web stream for every request body.
      const declared = Number(length);
      if (Number.isSafeInteger(declared) && declared >= 0) return declared > maxBytes ? tooLarge(c) : next();
    }
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return streaming(c, next);
  };
}
