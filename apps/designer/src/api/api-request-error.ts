// Typed error of a failed API call: HTTP status plus the `{code, message, path}` the runtime answered.
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: (string | number)[],
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export const errorMessage = (err: unknown): string =>
  err instanceof Error ? err.message : typeof err === 'string' ? err : 'something went wrong';
