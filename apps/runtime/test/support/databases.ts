// Test databases: the run's fresh PostgreSQL database, or an in-memory PGlite, both migrated.
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client';

/** A connection to this test run's PostgreSQL database (already migrated by the global setup). */
export async function postgresDatabase(): Promise<Database> {
  return openDatabase({ url: inject('databaseUrl'), max: 5 });
}

/** A fresh, migrated, in-memory PGlite database. */
export async function pgliteDatabase(): Promise<Database> {
  const database = await openDatabase({ dataDir: 'memory://' });
  await database.migrate();
  return database;
}

/** Both drivers, for `describe.each(drivers)` persistence tests. */
export const drivers = [
  { name: 'postgres', open: postgresDatabase },
  { name: 'pglite', open: pgliteDatabase },
] as const;

/** A queue prefix no other test file shares. */
export const uniquePrefix = (label = 't') =>
  `sluice-test-${label}-${Math.random().toString(36).slice(2, 10)}`;
