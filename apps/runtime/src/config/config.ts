// Runtime configuration from the environment, with embedded defaults so `npm start` needs none.
import { resolve } from 'node:path';

export const ROLES = ['all', 'api', 'worker'] as const;
export type Role = (typeof ROLES)[number];

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
  role: Role;
  bodyLimitBytes: number;
  logLevel: string;
  /** Folder of the built designer served at `/`. */
  designerDist: string;
  /** Prefix of BullMQ queue names, so test runs cannot see each other's jobs. */
  queuePrefix: string;
  /** Folder of example flows imported into an empty database; unset when SLUICE_EXAMPLES=off. */
  examplesDir?: string;
  /** A `worker`'s port for /health, /ready and /metrics; null when SLUICE_WORKER_PORT=off. */
  workerPort: number | null;
}

/** A bad configuration value; the message names the variable. */
export class ConfigError extends Error {
  readonly code = 'config';
}

const REPO_ROOT = resolve(import.meta.dirname, '../../../..');

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new ConfigError(`${name} must be an integer >= ${min}, got "${raw}"`);
  return n;
}

function roleVar(raw: string | undefined): Role {
  if (raw === undefined || raw === '') return 'all';
  if (!(ROLES as readonly string[]).includes(raw)) {
    throw new ConfigError(`SLUICE_ROLE must be one of ${ROLES.join(', ')}, got "${raw}"`);
  }
  return raw as Role;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // npm workspaces run scripts in apps/runtime: the default data folder is the repository's ./.data.
  const dataDir = resolve(env.SLUICE_DATA_DIR || resolve(REPO_ROOT, '.data'));
  const examples = env.SLUICE_EXAMPLES;
  return {
    port: intVar(env, 'PORT', 8080, 0),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    dataDir,
    adminToken: env.SLUICE_ADMIN_TOKEN || undefined,
    role: roleVar(env.SLUICE_ROLE),
    bodyLimitBytes: intVar(env, 'SLUICE_BODY_LIMIT', 1024 * 1024, 1024),
    logLevel: env.LOG_LEVEL || 'info',
    designerDist: resolve(env.SLUICE_DESIGNER_DIST || resolve(REPO_ROOT, 'apps/designer/dist')),
    queuePrefix: env.SLUICE_QUEUE_PREFIX || 'sluice',
    examplesDir: examples === 'off' ? undefined : resolve(examples || resolve(REPO_ROOT, 'examples')),
    // 9464: the port Prometheus exporters conventionally use; a worker has no API to share one with.
    workerPort: env.SLUICE_WORKER_PORT === 'off' ? null : intVar(env, 'SLUICE_WORKER_PORT', 9464, 0),
  };
}
