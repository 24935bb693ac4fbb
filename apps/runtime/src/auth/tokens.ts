// API tokens: random bearer secrets stored only as sha256 hashes in api_tokens.
import { createHash, randomBytes } from 'node:crypto';
import { newId } from '@sluice/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiTokens } from '../db/schema';
import type { Principal, Role } from './principal';

/** A new bearer token: `slc_` + 32 random bytes, base64url. */
export const generateToken = (): string => `slc_${randomBytes(32).toString('base64url')}`;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const ROLES: readonly Role[] = ['admin', 'editor', 'operator', 'approver'];
const asRole = (role: string): Role => (ROLES.includes(role as Role) ? (role as Role) : 'operator');

/** Stores a token's hash under `id` (replacing that id's previous hash). Returns the stored principal. */
export async function saveToken(
  db: Db,
  token: { id?: string; name: string; role: Role; secret: string },
): Promise<Principal> {
  const id = token.id ?? newId('tok');
  const tokenHash = hashToken(token.secret);
  await db
    .insert(apiTokens)
    .values({ id, name: token.name, role: token.role, tokenHash })
    .onConflictDoUpdate({ target: apiTokens.id, set: { tokenHash, name: token.name, role: token.role } });
  return { id, name: token.name, role: token.role };
}

/** The principal a bearer token belongs to, or null when no stored hash matches. */
export async function findPrincipal(db: Db, token: string): Promise<Principal | null> {
  const [row] = await db
    .select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hashToken(token)))
    .limit(1);
  return row ? { id: row.id, name: row.name, role: asRole(row.role) } : null;
}
