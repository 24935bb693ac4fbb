// Prefixed, sortable, URL-safe ids (`flw_`, `run_`, `stp_`): time-ordered so lists and cursors sort by id.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function encodeTime(ms: number): string {
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

/** `newId('run')` -> `run_01jd3x...`: 10 chars of time, 12 random. */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  let rand = '';
  for (const b of bytes) rand += ALPHABET[b % 32];
  return `${prefix}_${encodeTime(Date.now())}${rand}`;
}
