// createRouter: the OpenAPIHono sub-app every resource mounts, with the shared validation hook.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env';
import { validationHook } from './validation-hook';

/** A router whose zod validation failures answer 400 in the contract's error shape. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
