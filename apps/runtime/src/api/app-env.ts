// The Hono environment every router shares: the authenticated principal on the context.
import type { Principal } from '../auth/principal';

export interface AppEnv {
  Variables: {
    /** Set by the auth middleware on every /api route; `c.get('principal')`. */
    principal: Principal;
  };
}
