// The same persistence code runs on PostgreSQL and PGlite.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../../test/support/databases';
import type { Database } from './client';
import { flows } from './schema';

describe.each(drivers)('database on $name', ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database.close());

  it('round-trips a row and re-running migrations is a no-op', async () => {
    const id = `flw_${Math.random().toString(36).slice(2)}`;
    await database.db.insert(flows).values({ id, name: 'x', latestVersion: 1 });
    const [row] = await database.db.select().from(flows).where(eq(flows.id, id));
    expect(row?.name).toBe('x');
    await database.migrate();
  });
});
