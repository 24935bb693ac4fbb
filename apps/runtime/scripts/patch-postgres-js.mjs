// postinstall: patches postgres-js (3.4.x) in four places: a connection that drops mid-transaction must neither
// crash the process nor leave its pool slot dead, small messages go out on the next tick, not the next check phase,
// a finished statement lets go of its parameters, and what one turn sends leaves in one socket write.
//
// 1. Dropped connections. `closed()` cleared the pending write timer but kept `chunk` and the timer id, and
//    `nextWrite()` wrote to `socket` without checking it. A statement sent on a connection that just dropped
//    (postgres-js's own ROLLBACK after `begin` rejects does it) scheduled a write that threw an uncaught TypeError
//    (`reading 'write'` of null) from a timer: the process exited. Swallowing that error was not enough: the stale
//    bytes and timer id stayed, so the reconnected connection never sent its startup message and hung forever, and
//    a statement queued on the dead connection would have taken the answer of the new connection's next statement.
//    Patched: `closed()` drops the stale bytes, `nextWrite()` writes nothing without a socket, and a statement sent
//    without one fails at once with CONNECTION_CLOSED. Pinned by src/db/dropped-connection.test.ts.
// 2. Small messages. postgres-js writes a message of 1 KB or more at once and gathers smaller ones until
//    `setImmediate`: the next check phase of the event loop, after every I/O callback that is ready. Under load
//    that hop delayed every COMMIT, run lock and step count of the group committer by up to a millisecond or more
//    (bench/e2e: +11 % runs/s, -4 % CPU per run once removed). Patched: gathered until `process.nextTick`, after the
//    current turn's promise jobs, so messages of one turn still leave in one write.
// 3. Parameters kept. A statement's parameters (for the group committer: the rows of a batch as one JSON text, ~4 KB
//    per run) stayed reachable from its query object after it was answered, long enough to survive two young-
//    generation collections (measured with --trace-gc-nvp on a loop of one-statement queries with a 3 KB text
//    parameter, two in flight: 4.5 MB of every ~14 MB allocated promoted to the old generation, against 0 for the
//    same loop re-sending one string, and 0.04 MB once patched). In bench/e2e a tenth of everything the runtime
//    allocated was promoted and died there (full collections, concurrent marking on the helper threads). Patched:
//    once a statement is answered without error, its query drops `args` and `parameters` (a retry after an error
//    still has them).
//
// 4. One write per turn. Messages of 1 KB or more went out at once, each in its own socket write: a group-commit
//    batch (outcomes, run locks and writes, new runs and steps, audit rows, COMMIT: most over 1 KB) took ~6 writes
//    to PostgreSQL, and each write wakes the connection's backend, which on a busy machine preempts the writer
//    (counted with strace in bench/e2e: 0.45 writes to PostgreSQL per run). Patched: everything a turn sends is
//    gathered until `process.nextTick` (patch 2) up to 64 KB, then written at once.
//
// Idempotent (a marked file is left alone; each part has its own mark, so a file patched by an older version gets
// the newer parts); if postgres-js changed so that a part no longer applies, it says so and leaves the file as it
// is (src/db/dropped-connection.test.ts then fails, pointing here).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const isPackageRoot = (dir) =>
  existsSync(join(dir, 'package.json')) &&
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === 'postgres';

export const MARK = '/* sluice: postgres-js patch 2 */';
export const MARK_PARAMETERS = '/* sluice: postgres-js patch 3 */';
export const MARK_COALESCE = '/* sluice: postgres-js patch 4 */';

/** Each `find` must occur exactly once in the original file. */
const edits = [
  {
    // write(): small messages wait for the next tick, not the check phase. `nextWriteTimer` is now a flag.
    find: '    nextWriteTimer === null && (nextWriteTimer = setImmediate(nextWrite))\n',
    put: `    nextWriteTimer === null && (nextWriteTimer = true, process.nextTick(() => nextWriteTimer === true && nextWrite())) ${MARK}\n`,
  },
  {
    find: '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)\n    nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n',
    put: `  function nextWrite(fn) {\n    if (!socket) return (chunk = nextWriteTimer = null, false) ${MARK}\n    const x = socket.write(chunk, fn)\n`,
  },
  {
    // terminate()
    find: '    clearImmediate(nextWriteTimer)\n    if (socket) {\n',
    put: `    nextWriteTimer = null ${MARK}\n    if (socket) {\n`,
  },
  {
    // closed()
    find: '    incomings = null\n    clearImmediate(nextWriteTimer)\n',
    put: `    incomings = null\n    chunk = nextWriteTimer = null ${MARK}\n`,
  },
  {
    // execute(): a statement for a connection that is gone fails at once.
    find: "      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))\n",
    put: `      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))\n\n    if (!socket) ${MARK}\n      return (queryError(q, Errors.connection('CONNECTION_CLOSED', options)), true)\n`,
  },
];

/** Part 3, applied on its own (a file may carry parts 1 and 2 from an earlier install). */
const parameterEdits = [
  {
    // ReadyForQuery: an answered statement releases its parameters.
    find: '      } else {\n        query.resolve(results || result)\n      }\n',
    put: `      } else {\n        query.resolve(results || result)\n        query.args = query.parameters = null ${MARK_PARAMETERS}\n      }\n`,
  },
];

/** Part 4, on its own too. */
const coalesceEdits = [
  {
    // write(): large messages wait for the next tick as well (patch 2), up to 64 KB gathered.
    find: '    if (fn || chunk.length >= 1024)\n      return nextWrite(fn)\n',
    put: `    if (fn || chunk.length >= 65536) ${MARK_COALESCE}\n      return nextWrite(fn)\n`,
  },
];

/** The files patched, each with whether it now carries the patch. */
export function patchPostgresJs(from = import.meta.url) {
  let root;
  try {
    // The package's entry (`cjs/src/index.js`), then up to the folder of its own package.json (cjs/ has one too).
    root = dirname(createRequire(from).resolve('postgres'));
    while (!isPackageRoot(root)) root = dirname(root);
  } catch {
    return []; // not installed (yet): nothing to patch
  }
  const results = [];
  for (const file of ['src/connection.js', 'cjs/src/connection.js']) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    let text = readFileSync(path, 'utf8');
    for (const [mark, part] of [
      [MARK, edits],
      [MARK_PARAMETERS, parameterEdits],
      [MARK_COALESCE, coalesceEdits],
    ]) {
      if (text.includes(mark)) continue;
      if (part.every((e) => text.split(e.find).length === 2)) {
        for (const e of part) text = text.replace(e.find, e.put);
        writeFileSync(path, text);
      } else {
        console.warn(
          `sluice: could not patch ${path} (postgres-js changed); see apps/runtime/scripts/patch-postgres-js.mjs`,
        );
      }
    }
    results.push({
      path,
      patched: text.includes(MARK) && text.includes(MARK_PARAMETERS) && text.includes(MARK_COALESCE),
    });
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) patchPostgresJs();
