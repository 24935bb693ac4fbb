// postinstall: patches postgres-js (3.4.x) so a connection that drops mid-transaction neither crashes the process
// nor leaves its pool slot dead.
//
// Upstream bug: `closed()` clears the pending write timer but keeps `chunk` and the timer id, and `nextWrite()`
// writes to `socket` without checking it. A statement sent on a connection that just dropped (postgres-js's own
// ROLLBACK after `begin` rejects does it) schedules a write that throws an uncaught TypeError (`reading 'write'` of
// null) from a timer: the process exits. Swallowing that error is not enough: the stale bytes and timer id stay,
// so the reconnected connection never sends its startup message and hangs forever. The patch drops both in
// `closed()`, makes `nextWrite()` a no-op without a socket, and fails a statement sent without one (else it would
// wait in the connection's queue and take the answer of the reconnected connection's next statement). Pinned by src/db/dropped-connection.test.ts.
// Idempotent; if postgres-js changed so the patch no longer applies, it says so and leaves the file alone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const isPackageRoot = (dir) =>
  existsSync(join(dir, 'package.json')) &&
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === 'postgres';

const MARK = '/* sluice: dropped-connection patch */';
const edits = [
  {
    // A statement for a connection that is gone fails at once instead of waiting in its queue for the next
    // connection's answers (its bytes are dropped below, so it would get another statement's answer).
    find: "      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))\n",
    put: `      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))\n\n    if (!socket) ${MARK}\n      return (queryError(q, Errors.connection('CONNECTION_CLOSED', options)), true)\n`,
  },
  {
    find: '    incomings = null\n    clearImmediate(nextWriteTimer)\n',
    put: `    incomings = null\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null ${MARK}\n`,
  },
  {
    find: '  function nextWrite(fn) {\n',
    put: `  function nextWrite(fn) {\n    if (!socket) return (chunk = nextWriteTimer = null, false) ${MARK}\n`,
  },
];

let root;
try {
  // The package's entry (`cjs/src/index.js`), then up to the folder of its own package.json (cjs/ has one too).
  root = dirname(createRequire(import.meta.url).resolve('postgres'));
  while (!isPackageRoot(root)) root = dirname(root);
} catch {
  process.exit(0); // not installed (yet): nothing to patch
}
for (const file of ['src/connection.js', 'cjs/src/connection.js']) {
  const path = join(root, file);
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    continue;
  }
  if (text.includes(MARK)) continue;
  if (!edits.every((e) => text.split(e.find).length === 2)) {
    console.warn(
      `sluice: could not patch ${path} (postgres-js changed); see apps/runtime/scripts/patch-postgres-js.mjs`,
    );
    continue;
  }
  for (const e of edits) text = text.replace(e.find, e.put);
  writeFileSync(path, text);
}
