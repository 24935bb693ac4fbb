// Creates a fresh PostgreSQL database for this test run, migrates it, and drops it afterwards; drops the databases
// of earlier runs that never got to their teardown (killed) once they are a day old.
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/client';

const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** A run's database is named after its start time; one this old belongs to no run still going. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const name = `sluice_test_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await dropAbandoned(admin);
  await admin.unsafe(`create database ${name}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const database = await openDatabase({ url, max: 1 });
  await database.migrate();
  await database.close();
  project.provide('databaseUrl', url);
  project.provide('redisUrl', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  return async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}

async function dropAbandoned(admin: postgres.Sql): Promise<void> {
  const rows = await admin<
    { datname: string }[]
  >`select datname from pg_database where datname like 'sluice\_test\_%'`;
  for (const { datname } of rows) {
    const started = Number(/^sluice_test_(\d+)_[a-z0-9]+$/.exec(datname)?.[1]);
    if (Number.isFinite(started) && Date.now() - started > ABANDONED_AFTER_MS)
      await admin.unsafe(`drop database if exists "${datname}" with (force)`).catch(() => {});
  }
}
