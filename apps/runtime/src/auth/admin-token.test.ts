// The admin token: generated and printed once, then read from <dataDir>/admin-token; SLUICE_ADMIN_TOKEN wins.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteDatabase } from '../../test/support/databases';
import type { Database } from '../db/client';
import { ADMIN_TOKEN_FILE, ensureAdminToken } from './admin-token';
import { findPrincipal } from './tokens';

describe('ensureAdminToken', () => {
  let database: Database;
  beforeAll(async () => {
    database = await pgliteDatabase();
  });
  afterAll(() => database.close());

  it('generates, prints once, stores the hash and a mode-600 file; later starts stay quiet', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sluice-token-'));
    const printed: string[] = [];
    const print = (t: string) => printed.push(t);
    expect(await ensureAdminToken({ db: database.db, dataDir, print })).toBe('generated');
    const file = join(dataDir, ADMIN_TOKEN_FILE);
    const token = readFileSync(file, 'utf8').trim();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(printed.join('')).toContain(`SLUICE_ADMIN_TOKEN=${token}`);
    expect(await findPrincipal(database.db, token)).toEqual({
      id: 'tok_admin',
      name: 'admin',
      role: 'admin',
    });

    expect(await ensureAdminToken({ db: database.db, dataDir, print })).toBe('file');
    expect(printed).toHaveLength(1);
    expect(await findPrincipal(database.db, token)).not.toBeNull();
  });

  it('uses SLUICE_ADMIN_TOKEN instead, and the previous admin token stops working', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sluice-token-'));
    await ensureAdminToken({ db: database.db, dataDir, print: () => {} });
    const old = readFileSync(join(dataDir, ADMIN_TOKEN_FILE), 'utf8').trim();
    const printed: string[] = [];
    const source = await ensureAdminToken({
      db: database.db,
      dataDir,
      fromEnv: 'my-own-admin-token',
      print: (t) => printed.push(t),
    });
    expect(source).toBe('env');
    expect(printed).toEqual([]);
    expect(await findPrincipal(database.db, 'my-own-admin-token')).toMatchObject({ role: 'admin' });
    expect(await findPrincipal(database.db, old)).toBeNull();
  });
});
