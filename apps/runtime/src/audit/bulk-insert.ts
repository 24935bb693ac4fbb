// Multi-row INSERT for hot paths: on PostgreSQL one hand-built statement (drizzle spends ~80 us per row building
// one), elsewhere (PGlite) drizzle's own insert.
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import type { Tx } from './tx';

type RawClient = ((...args: unknown[]) => unknown) & {
  unsafe(query: string, params: unknown[], options?: { prepare?: boolean }): Promise<unknown>;
};

/** The postgres-js client under a drizzle transaction or database, when that is the driver. */
function rawClientOf(tx: Tx): RawClient | null {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return typeof client === 'function' && typeof (client as RawClient).unsafe === 'function'
    ? (client as RawClient)
    : null;
}

const CHUNK = 500;

/**
 * Inserts `rows` (drizzle insert shapes: property names, JS values) into `table`. Keys missing from a row take the
 * column default, as with drizzle.
 */
export async function bulkInsert<T extends Table>(
  tx: Tx,
  table: T,
  rows: ReadonlyArray<T['$inferInsert']>,
): Promise<void> {
  if (rows.length === 0) return;
  const raw = rawClientOf(tx);
  if (!raw) {
    for (let i = 0; i < rows.length; i += CHUNK)
      await tx.insert(table).values(rows.slice(i, i + CHUNK) as never);
    return;
  }
  const columns = Object.entries(getTableColumns(table));
  const used = columns.filter(([key]) => rows.some((r) => (r as Record<string, unknown>)[key] !== undefined));
  const tableName = getTableName(table);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const params: unknown[] = [];
    const tuples = rows.slice(i, i + CHUNK).map((row) => {
      const values = used.map(([key, col]) => {
        const v = (row as Record<string, unknown>)[key];
        if (v === undefined) return 'default';
        params.push(encode(v, col.getSQLType()));
        return `$${params.length}::${col.getSQLType()}`;
      });
      return `(${values.join(',')})`;
    });
    const names = used.map(([, col]) => `"${col.name}"`).join(',');
    await raw.unsafe(`insert into "${tableName}" (${names}) values ${tuples.join(',')}`, params, {
      prepare: false,
    });
  }
}

function encode(v: unknown, sqlType: string): unknown {
  if (v === null) return null;
  if (sqlType === 'jsonb' || sqlType === 'json') return JSON.stringify(v);
  if (v instanceof Date) return v.toISOString();
  return v;
}
