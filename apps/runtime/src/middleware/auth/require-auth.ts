// requireAuth: every request must carry `Authorization: Bearer <token>` that resolves to a principal.
import type { MiddlewareHandler } from 'hono';
import { errorBody } from '../../api/api-error';
import type { AppEnv } from '../../api/app-env';
import { requestHeader } from '../../api/incoming-headers';
import type { Principal } from '../../auth/principal';

export interface AuthOptions {
  /** Resolves a bearer token to its principal (null when unknown). Sessions will add a second resolver. */
  authenticate(token: string): Promise<Principal | null>;
  /** Exact paths that need no credentials (e.g. `/api/openapi.json`). */
  publicPaths?: readonly string[];
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Sets `c.get('principal')` or answers 401 `unauthorized` with `WWW-Authenticate: Bearer`. */
export function requireAuth(opts: AuthOptions): MiddlewareHandler<AppEnv> {
  const open = new Set(opts.publicPaths ?? []);
  return async function requireAuthMiddleware(c, next) {
    if (open.has(c.req.path)) return next();
    const token = BEARER.exec(requestHeader(c, 'authorization') ?? '')?.[1];
    const principal = token ? await opts.authenticate(token) : null;
    if (!principal) {
      c.header('WWW-Authenticate', 'Bearer');
      const message = token ? 'the bearer token is not valid' : 'send Authorization: Bearer <token>';
      return c.json(errorBody('unauthorized', message), 401);
    }
    c.set('principal', principal);
    return next();
  };
}
