// Maps engine refusals (replay, cancel, manual start) to the API's typed errors.
import { ApiError, NotFoundError } from '../../api/api-error';
import { ReplayError } from '../../engine/replay-run';

export function toApiError(err: unknown): unknown {
  if (!(err instanceof ReplayError)) return err;
  if (err.code === 'not_found') return new ApiError(404, 'not_found', err.message);
  if (err.code === 'node_missing') return new ApiError(422, 'node_missing', err.message);
  return new ApiError(409, err.code, err.message);
}

export async function orApiError<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    throw toApiError(err);
  }
}

export { NotFoundError };
