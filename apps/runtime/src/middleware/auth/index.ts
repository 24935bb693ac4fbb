// Bearer-token authentication for /api routes; exports the middleware factory.
export { type AuthOptions, requireAuth } from './require-auth';
