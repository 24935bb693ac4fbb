// Strict ISO 8601 date/timestamp parsing shared by node kinds (condition comparisons, delay due times).
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Epoch ms of an ISO 8601 date or timestamp string, else null. A timestamp without a zone is read as UTC. */
export function parseIsoTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  // Date.parse rolls 2026-02-30 over to March 2; a calendar day that does not exist is not a timestamp.
  const [y, mo, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
  const hasTime = text.length > 10;
  const t = Date.parse(hasTime && !m[1] ? `${text.replace(' ', 'T')}Z` : text.replace(' ', 'T'));
  return Number.isNaN(t) ? null : t;
}
