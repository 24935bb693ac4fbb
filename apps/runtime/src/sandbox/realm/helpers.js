// ctx.helpers: pure functions on ISO dates and durations, plus sha256 computed by the host. Built inside the realm.
// One function expression, evaluated together with bootstrap.js (which freezes what this returns).
(function sluiceHelpers(hostSha256, limits) {
  // biome-ignore lint/suspicious/noRedundantUseStrict: evaluated as a sloppy script inside the isolate
  'use strict';
  const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
  function durationMs(text) {
    const m = typeof text === 'string' ? DURATION.exec(text.trim()) : null;
    if (!m || text.trim() === 'P' || text.trim().endsWith('T')) {
      throw new TypeError(`not an ISO 8601 duration: ${String(text)}`);
    }
    return (
      Number(m[1] ?? 0) * 604800000 +
      Number(m[2] ?? 0) * 86400000 +
      Number(m[3] ?? 0) * 3600000 +
      Number(m[4] ?? 0) * 60000 +
      Number(m[5] ?? 0) * 1000
    );
  }
  function toDate(value) {
    const d = value instanceof Date ? new Date(value.getTime()) : new Date(value);
    if (Number.isNaN(d.getTime())) throw new TypeError(`not a date: ${String(value)}`);
    return d;
  }
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  const helpers = {
    /** `addDuration('2026-01-01T00:00:00Z', 'P14D')` -> ISO string 14 days later (1 D = 24 h). */
    addDuration: (iso, duration) => new Date(toDate(iso).getTime() + durationMs(duration)).toISOString(),
    subtractDuration: (iso, duration) => new Date(toDate(iso).getTime() - durationMs(duration)).toISOString(),
    durationMs,
    /** Milliseconds from `a` to `b`. */
    diffMs: (a, b) => toDate(b).getTime() - toDate(a).getTime(),
    toIso: (value) => toDate(value).toISOString(),
    /** UTC formatting with tokens yyyy MM dd HH mm ss SSS. */
    formatDate: (value, pattern = 'yyyy-MM-dd') => {
      const d = toDate(value);
      const parts = {
        yyyy: pad(d.getUTCFullYear(), 4),
        MM: pad(d.getUTCMonth() + 1),
        dd: pad(d.getUTCDate()),
        HH: pad(d.getUTCHours()),
        mm: pad(d.getUTCMinutes()),
        ss: pad(d.getUTCSeconds()),
        SSS: pad(d.getUTCMilliseconds(), 3),
      };
      return String(pattern).replace(/yyyy|MM|dd|HH|mm|ss|SSS/g, (t) => parts[t]);
    },
    /** Hex SHA-256 of a UTF-8 string (computed by the host, copied in and out). */
    sha256: (text) => {
      if (typeof text !== 'string') throw new TypeError('sha256 takes a string');
      if (text.length > limits.maxHashChars) throw new RangeError('sha256 input too large');
      return hostSha256(text);
    },
  };

  return helpers;
});
