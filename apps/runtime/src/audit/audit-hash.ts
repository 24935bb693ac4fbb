// The audit chain's hash: sha256 over the previous hash and a canonical JSON of the row's content.
import { hash } from 'node:crypto';

/** The hash the first row of the chain points back to. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  at: Date;
  actor: string;
  action: string;
  flowId: string | null;
  runId: string | null;
  stepId: string | null;
  data: unknown;
}

/**
 * JSON with object keys sorted at every level, so jsonb's own key order cannot change the hash. Keys with
 * `undefined` values are left out, as JSON does. Written as plain loops: it runs for every audit row appended and
 * verified.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, the same order as `<` on strings.
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}

export function auditHash(prevHash: string, c: AuditContent): string {
  // canonicalJson of {at, actor, action, flowId, runId, stepId, data} written out: the keys are fixed, so their
  // sorted order is too (pinned against the generic form by audit-hash.test.ts).
  const body = `{"action":${JSON.stringify(c.action)},"actor":${JSON.stringify(c.actor)},"at":"${c.at.toISOString()}","data":${canonicalJson(c.data ?? null)},"flowId":${nullable(c.flowId)},"runId":${nullable(c.runId)},"stepId":${nullable(c.stepId)}}`;
  // One-shot `hash` (Node >= 20.12): no Hash object per row.
  return hash('sha256', `${prevHash}\n${body}`, 'hex');
}

const nullable = (v: string | null): string => (v === null ? 'null' : JSON.stringify(v));

/**
 * What jsonb will store for `data`, so what is hashed is exactly what is stored: plain JSON data (the engine's own
 * events) as it is, anything else (Dates, `toJSON`, `undefined` in arrays) round-tripped through JSON.
 */
export const toStoredJson = (data: unknown): unknown =>
  data === undefined ? null : isPlainJson(data) ? data : JSON.parse(JSON.stringify(data));

/** Strings, finite numbers, booleans, null, arrays and plain objects of them, with no `undefined` anywhere. */
function isPlainJson(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object') return false;
  if (Array.isArray(v)) {
    for (const x of v) if (!isPlainJson(x)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const k in v) if (!isPlainJson((v as Record<string, unknown>)[k])) return false;
  return true;
}
