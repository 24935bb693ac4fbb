// bodySizeLimit: rejects request bodies over the configured size with 413 in the contract's error shape.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorBody } from '../../api/api-error';

export function bodySizeLimit(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      c.json(errorBody('payload_too_large', `the request body is larger than ${maxBytes} bytes`), 413),
  });
}
