// Runtime configuration from the environment, with embedded defaults so `npm start` needs none.
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL URL; unset means embedded PGlite under `dataDir`. */
  databaseUrl?: string;
  /** Redis URL; unset means localhost:6379, else a child redis-server under `dataDir`. */
  redisUrl?: string;
  dataDir: string;
  adminToken?: string;
  /** `all` runs API + worker + designer in one process. */
  role: 'all' | 'api' | 'worker';
  bodyLimitBytes: number;
  logLevel: string;
  /** Folder of the built designer served at `/`. */
  designerDist: string;
  /** Prefix of BullMQ queue names, so test runs cannot see each other's jobs. */
  queuePrefix: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.SLUICE_DATA_DIR ?? '.data');
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    dataDir,
    adminToken: env.SLUICE_ADMIN_TOKEN || undefined,
    role: (env.SLUICE_ROLE as Config['role']) ?? 'all',
    bodyLimitBytes: Number(env.SLUICE_BODY_LIMIT ?? 1024 * 1024),
    logLevel: env.LOG_LEVEL ?? 'info',
    designerDist: resolve(env.SLUICE_DESIGNER_DIST ?? resolve(import.meta.dirname, '../../../designer/dist')),
    queuePrefix: env.SLUICE_QUEUE_PREFIX ?? 'sluice',
  };
}
