// ApiError: a typed error a handler or service throws to answer with a 4xx status and the contract's error body.
import type { ApiErrorBody } from '@sluice/shared';

export type ErrorPath = Array<string | number>;

/** An error the API answers with `status` and `{error:{code, message, path?, details?}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    readonly code: string,
    message: string,
    readonly path?: ErrorPath,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return errorBody(this.code, this.message, this.path, this.details);
  }
}

/** Builds the contract's error body, leaving out empty fields. */
export function errorBody(code: string, message: string, path?: ErrorPath, details?: unknown): ApiErrorBody {
  const error: ApiErrorBody['error'] = { code, message };
  if (path) error.path = path;
  if (details !== undefined) error.details = details;
  return { error };
}

/** 404 for an id or path that does not exist. */
export class NotFoundError extends ApiError {
  constructor(what: string, id: string) {
    super(404, 'not_found', `${what} ${id} not found`);
  }
}
