// The admin token of an install: from SLUICE_ADMIN_TOKEN, else <dataDir>/admin-token, else generated and printed once.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/client';
import { generateToken, saveToken } from './tokens';

export const ADMIN_TOKEN_ID = 'tok_admin';
export const ADMIN_TOKEN_FILE = 'admin-token';

export interface AdminTokenOptions {
  db: Db;
  dataDir: string;
  /** SLUICE_ADMIN_TOKEN, when set. */
  fromEnv?: string;
  /** Where the one-time banner goes (stdout by default). */
  print?: (text: string) => void;
}

export type AdminTokenSource = 'env' | 'file' | 'generated';

/**
 * Makes sure the admin token's hash is stored and returns where the token came from.
 * Only a freshly generated token is printed; later starts read the file silently.
 */
export async function ensureAdminToken(opts: AdminTokenOptions): Promise<AdminTokenSource> {
  const file = join(opts.dataDir, ADMIN_TOKEN_FILE);
  let secret = opts.fromEnv?.trim();
  let source: AdminTokenSource = 'env';
  if (!secret && existsSync(file)) {
    secret = readFileSync(file, 'utf8').trim();
    source = 'file';
  }
  if (!secret) {
    secret = generateToken();
    source = 'generated';
    mkdirSync(opts.dataDir, { recursive: true });
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  }
  await saveToken(opts.db, { id: ADMIN_TOKEN_ID, name: 'admin', role: 'admin', secret });
  if (source === 'generated') (opts.print ?? ((t) => process.stdout.write(t)))(banner(secret, file));
  return source;
}

function banner(token: string, file: string): string {
  const line = '='.repeat(78);
  return [
    '',
    line,
    '  Sluice admin token (shown once; also saved to the file below):',
    '',
    `  SLUICE_ADMIN_TOKEN=${token}`,
    '',
    `  ${file}`,
    '  Use it as: Authorization: Bearer <token>',
    line,
    '',
    '',
  ].join('\n');
}
