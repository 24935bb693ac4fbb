// Opens the database: PostgreSQL via `postgres` when a URL is given, else embedded PGlite under a data folder.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { initPgliteDataDir } from './pglite-init';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Applies pending migrations from ./drizzle (idempotent). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const MIGRATIONS = join(import.meta.dirname, '..', '..', 'drizzle');

export interface OpenOptions {
  /** PostgreSQL URL; when absent, PGlite stores data under `dataDir` (or in memory when `dataDir` is `memory://`). */
  url?: string;
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  max?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.max ?? 10);
  return openPglite(opts.dataDir ?? 'memory://');
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, { max, onnotice: () => {} });
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async migrate() {
      // A separate single connection, as drizzle recommends for migrations.
      const mig = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await migrate(drizzle(mig), { migrationsFolder: MIGRATIONS });
      } finally {
        await mig.end();
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    await initPgliteDataDir(dataDir, MIGRATIONS);
  }
  const client = new PGlite(dataDir);
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migrate(drizzle(client), { migrationsFolder: MIGRATIONS }),
    close: () => client.close(),
  };
}
