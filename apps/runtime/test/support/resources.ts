// Resources for route tests: a real database, a quiet logger, and an admin token to call the API with.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { saveToken } from '../../src/auth/tokens';
import { type Config, loadConfig } from '../../src/config/config';
import type { Database } from '../../src/db/client';
import { createLogger } from '../../src/logging/logger';
import type { Resources } from '../../src/resources';

/** Resources over `database` with test defaults; `overrides` replace any field. */
export function testResources(database: Database, overrides: Partial<Resources> = {}): Resources {
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-test-'));
  const config: Config = {
    ...loadConfig({}),
    dataDir,
    logLevel: 'silent',
    designerDist: join(dataDir, 'no-designer'),
    ...overrides.config,
  };
  return {
    config,
    log: createLogger('silent'),
    database,
    redisUrl: inject('redisUrl'),
    readinessChecks: [],
    flowHooks: [],
    ...overrides,
  };
}

/** Stores a fresh admin token and returns the headers that authenticate with it. */
export async function adminHeaders(database: Database): Promise<Record<string, string>> {
  const secret = `slc_test_${Math.random().toString(36).slice(2)}${Date.now()}`;
  await saveToken(database.db, { name: 'test-admin', role: 'admin', secret });
  return { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
}

/** The parsed JSON body of a response (tests inspect it freely). */
export const body = async (res: Response): Promise<any> => res.json();
