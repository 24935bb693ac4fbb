// ISO 8601 durations (`P14D`, `PT90S`, `P1DT2H`): parse, validate, add to a date. Calendar-free: 1 D = 24 h.
const PATTERN = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of an ISO 8601 duration, or null when it is not one. `parseIsoDuration('P14D') === 1209600000`. */
export function parseIsoDuration(text: string): number | null {
  const m = PATTERN.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) return null;
  const [, w, d, h, min, s] = m;
  const ms =
    Number(w ?? 0) * 604_800_000 +
    Number(d ?? 0) * 86_400_000 +
    Number(h ?? 0) * 3_600_000 +
    Number(min ?? 0) * 60_000 +
    Number(s ?? 0) * 1000;
  return Number.isFinite(ms) ? Math.round(ms) : null;
}

export const isIsoDuration = (text: string) => parseIsoDuration(text) !== null;

/** A short human form for cards: `P14D` -> `14d`, `PT1H30M` -> `1h 30m`. */
export function formatDuration(ms: number): string {
  const parts: string[] = [];
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
    [1000, 's'],
  ];
  let rest = ms;
  for (const [size, unit] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.length ? parts.join(' ') : `${ms}ms`;
}
