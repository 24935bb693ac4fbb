// The audit chain's hash: sha256 over the previous hash and a canonical JSON of the row's content.
import { hash } from 'node:crypto';
import { isoText } from '@sluice/shared';

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
  const keys = sortedInPlace(Object.keys(obj));
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

/**
 * The same order as `Array#sort()` (UTF-16 code units); insertion sort for the few keys of audit data, which
 * allocates nothing (the built-in sort copies into a work area on every call).
 */
function sortedInPlace(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > k) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

export function auditHash(prevHash: string, c: AuditContent): string {
  return chainHash(prevHash, auditBody(c.at, c.actor, c.action, c.flowId, c.runId, c.stepId, c.data));
}

/**
 * canonicalJson of {at, actor, action, flowId, runId, stepId, data} written out: the keys are fixed, so their
 * sorted order is too (pinned against the generic form by audit-hash.test.ts). Also what the rows carry to
 * PostgreSQL: a JSON object whose keys name the columns.
 */
export function auditBody(
  at: Date,
  actor: string,
  action: string,
  flowId: string | null,
  runId: string | null,
  stepId: string | null,
  data: unknown,
): string {
  return `{"action":${JSON.stringify(action)},"actor":${JSON.stringify(actor)},"at":"${isoText(at)}","data":${canonicalJson(data ?? null)},"flowId":${nullable(flowId)},"runId":${nullable(runId)},"stepId":${nullable(stepId)}}`;
}

/** The hash of canonical `lines` (one event's body, or a block's bodies one per line), chained to `prevHash`. */
export const chainHash = (prevHash: string, lines: string): string =>
  // One-shot `hash` (Node >= 20.12): no Hash object per block.
  hash('sha256', `${prevHash}\n${lines}`, 'hex');

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
