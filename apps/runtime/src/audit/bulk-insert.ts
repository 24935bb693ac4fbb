// Multi-row INSERT for hot paths: on PostgreSQL one statement whose rows travel as one JSON parameter (drizzle
// spends ~80 us per row building one), elsewhere (PGlite) drizzle's own insert.
import { isoText, stringifyJson } from '@sluice/shared';
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import type { Tx } from './tx';

type RawClient = ((...args: unknown[]) => unknown) & {
  /** A lazy query: sent when first awaited, or at once with `.execute()`. */
  unsafe(
    query: string,
    params: unknown[],
    options?: { prepare?: boolean },
  ): Promise<unknown> & { execute(): unknown };
};

/** The postgres-js client under a drizzle transaction or database, when that is the driver. */
export function rawClientOf(tx: Tx): RawClient | null {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return typeof client === 'function' && typeof (client as RawClient).unsafe === 'function'
    ? (client as RawClient)
    : null;
}

const CHUNK = 500;

/**
 * Inserts `rows` (drizzle insert shapes: property names, JS values) into `table`, in order. Keys missing from a row
 * take the column default, as with drizzle.
 *
 * On PostgreSQL the statement text depends only on the table and the set of columns given, never on the number of
 * rows: `insert ... select ... from jsonb_to_recordset($1)`. postgres-js prepares it once per connection and then
 * sends each execution in one write, pipelined with the statements around it; a text that changes with the row
 * count would make it parse and describe every time (an extra round trip that also stalls the pipeline).
 */
export async function bulkInsert<T extends Table>(
  tx: Tx,
  table: T,
  given: ReadonlyArray<T['$inferInsert']>,
  opts: { anyOrder?: boolean } = {},
): Promise<void> {
  if (given.length === 0) return;
  // With `anyOrder` rows of the same column set go together (a batch's steps of a kind share one statement,
  // instead of one statement per run when kinds alternate); else the given order is kept.
  const rows = opts.anyOrder ? groupByMask(given, Object.keys(getTableColumns(table))) : given;
  const raw = rawClientOf(tx);
  if (!raw) {
    for (let i = 0; i < rows.length; i += CHUNK)
      await tx.insert(table).values(rows.slice(i, i + CHUNK) as never);
    return;
  }
  const columns = Object.entries(getTableColumns(table));
  const keys = columns.map(([key]) => key);
  const tableName = getTableName(table);
  // Consecutive rows that give the same columns go into one statement (keeps the order of all rows). The
  // statements are all sent before this function first awaits, back to back (the server runs them in order).
  const sent: Promise<unknown>[] = [];
  let start = 0;
  while (start < rows.length) {
    const used = columns.filter(([key]) => (rows[start] as Record<string, unknown>)[key] !== undefined);
    const mask = maskOf(rows[start] as Record<string, unknown>, keys);
    let end = start + 1;
    while (
      end < rows.length &&
      end - start < CHUNK &&
      maskOf(rows[end] as Record<string, unknown>, keys) === mask
    )
      end++;
    const records = rows.slice(start, end).map((row) => {
      const record: Record<string, unknown> = {};
      for (const [key, col] of used) record[col.name] = jsonReady((row as Record<string, unknown>)[key]);
      return record;
    });
    const names = used.map(([, col]) => `"${col.name}"`).join(',');
    const defs = used.map(([, col]) => `"${col.name}" ${col.getSQLType()}`).join(',');
    const statement = raw.unsafe(
      `insert into "${tableName}" (${names}) select ${names} from rows from (jsonb_to_recordset($1::jsonb) as (${defs})) with ordinality as r(${names}, "ord") order by "ord"`,
      [stringifyJson(records)], // inputs/outputs kept as JSON text (JsonData) are copied in, not re-encoded
      // A named prepared statement: `unsafe` defaults to an unnamed one, parsed and described (a round trip) each time.
      { prepare: true },
    );
    sent.push(statement);
    start = end;
  }
  await Promise.all(sent);
}

function groupByMask<R>(rows: ReadonlyArray<R>, keys: string[]): R[] {
  const groups = new Map<number, R[]>();
  for (const row of rows) {
    const mask = maskOf(row as Record<string, unknown>, keys);
    const g = groups.get(mask);
    if (g) g.push(row);
    else groups.set(mask, [row]);
  }
  if (groups.size === 1) return rows as R[];
  return [...groups.values()].flat();
}

/** Which of `keys` the row gives, as bits (tables here have far fewer than 53 columns). */
function maskOf(row: Record<string, unknown>, keys: readonly string[]): number {
  let mask = 0;
  for (let i = 0, bit = 1; i < keys.length; i++, bit *= 2)
    if (row[keys[i] as string] !== undefined) mask += bit;
  return mask;
}

/**
 * A column value as it goes into the rows' JSON: a Date as its ISO text (what its `toJSON` gives), anything else as
 * is. Measured: one Date in an object sends JSON.stringify off its fast path, ~3x slower for a batch of step rows
 * (four timestamps each).
 */
export function jsonReady(value: unknown): unknown {
  if (!(value instanceof Date)) return value;
  return Number.isFinite(value.getTime()) ? isoText(value) : null; // as Date#toJSON
}
