// The OpenAPIHono defaultHook: a failed zod validation of params, query or body becomes a 400 naming the field.
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { errorBody } from './api-error';

interface HookResult {
  success: boolean;
  target: string;
  error?: unknown;
}

/** Answers 400 `invalid_request` with the first issue's path and every issue in `details.issues`. */
export function validationHook(result: HookResult, c: Context) {
  if (result.success) return;
  const issues = ((result.error as ZodError | undefined)?.issues ?? []).map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: i.code,
    message: i.message,
  }));
  const first = issues[0];
  const where = first?.path.length ? `${result.target}.${first.path.join('.')}` : result.target;
  const message = first ? `${where}: ${first.message}` : `invalid ${result.target}`;
  return c.json(
    errorBody('invalid_request', message, first?.path ?? [], { target: result.target, issues }),
    400,
  );
}
