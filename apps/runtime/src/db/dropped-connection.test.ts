// A PostgreSQL connection that drops mid-transaction: the transaction fails, the process lives on, and the pool
// serves the next statements on a fresh connection with the right answers (postgres-js patched by
// scripts/patch-postgres-js.mjs; unpatched, a ROLLBACK sent after the drop threw an uncaught TypeError from a
// timer and the pool slot hung forever). And an answered statement does not keep its parameters (patch 3), and the
// statements of one turn leave in one write (patch 4).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import { dirname, join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';

const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
const admin = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
afterAll(async () => {
  await sql.end({ timeout: 1 });
  await admin.end({ timeout: 1 });
});

describe('postgres-js as installed', () => {
  it('carries the patch of scripts/patch-postgres-js.mjs (run by npm install)', () => {
    // The entry resolves to cjs/src/index.js; the ESM build this process loads is src/connection.js next to it.
    const root = dirname(dirname(dirname(createRequire(import.meta.url).resolve('postgres'))));
    for (const file of ['src/connection.js', 'cjs/src/connection.js']) {
      expect(readFileSync(join(root, file), 'utf8')).toContain('/* sluice: postgres-js patch 2 */');
      expect(readFileSync(join(root, file), 'utf8')).toContain('/* sluice: postgres-js patch 3 */');
      expect(readFileSync(join(root, file), 'utf8')).toContain('/* sluice: postgres-js patch 4 */');
    }
  });

  it('sends the statements of one turn in one socket write, large ones too (patch 4)', async () => {
    const statement = 'select length($1::text) + $2::int as n';
    await sql.unsafe(statement, ['', 0], { prepare: true }); // connected, statement prepared
    const writes: number[] = [];
    const write = Socket.prototype.write;
    Socket.prototype.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
      writes.push((args[0] as Buffer).length);
      return write.apply(this, args);
    } as Socket['write'];
    try {
      const big = 'y'.repeat(3000);
      const answers = await Promise.all(
        [1, 2, 3].map((i) => sql.unsafe(statement, [big, i], { prepare: true })),
      );
      expect(answers.map(([r]) => r?.n)).toEqual([3001, 3002, 3003]);
    } finally {
      Socket.prototype.write = write;
    }
    expect(writes).toHaveLength(1);
    expect(writes[0]).toBeGreaterThan(9000);
  });

  it('lets an answered statement go of its parameters (they were kept long enough to be promoted)', async () => {
    const big = 'x'.repeat(4096);
    const query = sql.unsafe('select length($1::text) as n', [big], { prepare: true });
    const [row] = await query;
    expect(row?.n).toBe(4096);
    const kept = query as unknown as { args: unknown; parameters: unknown };
    expect(kept.args).toBeNull();
    expect(kept.parameters).toBeNull();
    // A statement that fails keeps them (postgres-js may retry it after a changed plan): nothing to free there.
    const failing = sql.unsafe('select 1 / $1::int', [0], { prepare: true });
    await expect(failing).rejects.toThrow(/division by zero/);
    expect((failing as unknown as { args: unknown }).args).toEqual([0]);
  });
});

describe('a connection dropped inside a transaction', () => {
  it('fails the transaction, and the pool answers the next statement on a new connection', {
    timeout: 10_000,
  }, async () => {
    let before = 0;
    const failed = await sql
      .begin(async (tx) => {
        const [row] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
        before = row?.pid ?? 0;
        await admin`select pg_terminate_backend(${before})`;
        await new Promise((r) => setTimeout(r, 100));
        // Sent on the dead connection: fails, and postgres-js's ROLLBACK after it must not crash the process.
        await tx`select 1`;
      })
      .catch((e: { code?: string }) => e.code);
    expect(failed).toBe('CONNECTION_CLOSED');
    await new Promise((r) => setTimeout(r, 100));
    const [row] = await sql<{ pid: number; x: number }[]>`select pg_backend_pid() as pid, 41 + 1 as x`;
    expect(row?.x).toBe(42);
    expect(row?.pid).not.toBe(before);
  });
});
