// Prefixed, sortable, URL-safe ids (`flw_`, `run_`, `stp_`): time-ordered so lists and cursors sort by id.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const RANDOM_CHARS = 12;

function encodeTime(ms: number): string {
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

// Random bytes drawn from the CSPRNG in blocks: one getRandomValues call per 341 ids instead of one per id (a
// webhook creates several ids; the per-call overhead showed in the engine's profile). Each byte is used once.
const pool = new Uint8Array(4092);
let used = pool.length;

// The time part changes once per millisecond; a burst of ids in the same millisecond reuses it.
let lastMs = -1;
let lastTime = '';

/** `newId('run')` -> `run_01jd3x...`: 10 chars of time, 12 random. */
export function newId(prefix: string): string {
  if (used + RANDOM_CHARS > pool.length) {
    globalThis.crypto.getRandomValues(pool);
    used = 0;
  }
  let rand = '';
  for (let i = 0; i < RANDOM_CHARS; i++) rand += ALPHABET[(pool[used + i] as number) % 32];
  used += RANDOM_CHARS;
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastTime = encodeTime(ms);
  }
  return `${prefix}_${lastTime}${rand}`;
}
