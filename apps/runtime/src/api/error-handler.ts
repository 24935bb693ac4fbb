// Maps every thrown error to the contract's error body: typed errors keep their status, the rest are a 500 without details.
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from '../logging/logger';
import { ApiError, errorBody } from './api-error';

/** Hono's own exceptions (malformed JSON, unsupported media type) mapped to stable codes. */
function fromHttpException(err: HTTPException) {
  if (err.status === 400 && /json/i.test(err.message)) {
    return { status: 400, body: errorBody('invalid_json', 'the request body is not valid JSON') } as const;
  }
  if (err.status === 415) {
    return {
      status: 415,
      body: errorBody('unsupported_media_type', 'send the body as application/json'),
    } as const;
  }
  if (err.status === 401) return { status: 401, body: errorBody('unauthorized', err.message) } as const;
  return {
    status: err.status,
    body: errorBody(`http_${err.status}`, err.message || 'request failed'),
  } as const;
}

/** The app's onError: never leaks a stack trace; unexpected errors are logged and answered 500 `internal`. */
export function errorHandler(log: Logger): ErrorHandler {
  return function handleError(err: Error, c: Context) {
    if (err instanceof ApiError) return c.json(err.toBody(), err.status);
    if (err instanceof HTTPException) {
      const { status, body } = fromHttpException(err);
      return c.json(body, status);
    }
    log.error({ err, method: c.req.method, path: c.req.path }, 'unhandled error in request');
    return c.json(errorBody('internal', 'internal error; see the server log'), 500);
  };
}

/** Unknown routes answer 404 in the same shape. */
export const notFoundHandler: NotFoundHandler = (c) =>
  c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404);
