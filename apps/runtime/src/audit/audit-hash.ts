// The audit chain's hash: sha256 over the previous hash and a canonical JSON of the row's content.
import { createHash } from 'node:crypto';

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

/** JSON with object keys sorted at every level, so jsonb's own key order cannot change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function auditHash(prevHash: string, c: AuditContent): string {
  const body = canonicalJson({
    at: c.at.toISOString(),
    actor: c.actor,
    action: c.action,
    flowId: c.flowId,
    runId: c.runId,
    stepId: c.stepId,
    data: c.data ?? null,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** Round-trips data through JSON so what is hashed is exactly what jsonb stores (Dates become strings). */
export const toStoredJson = (data: unknown): unknown =>
  data === undefined ? null : JSON.parse(JSON.stringify(data));
