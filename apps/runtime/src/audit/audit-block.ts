// An audit block: the events one transaction appended, stored as one row. Pure: building a block from events,
// and reading a stored block back into its events with their chain hashes.
import { auditBody, chainHash, toStoredJson } from './audit-hash';

export interface AuditInput {
  /** Who: `system`, `worker`, a token id or user name. */
  actor: string;
  /** What, dotted: `run.created`, `step.succeeded`, `flow.published`... */
  action: string;
  flowId?: string | null;
  runId?: string | null;
  stepId?: string | null;
  data?: unknown;
  /** Defaults to now. */
  at?: Date;
}

/** A block as it is written: everything but `seq`, which the insert takes from the block before. */
export interface NewBlock {
  count: number;
  lastAt: Date;
  runIds: string[];
  flowIds: string[];
  prevHash: string;
  hash: string;
  /** The events' canonical bodies (what each hash covers) as one JSON array. */
  eventsText: string;
}

/** A block as it is read back (`events` parsed). */
export interface StoredBlock {
  seq: number;
  prevHash: string;
  hash: string;
  events: unknown;
}

/** One event as the audit API lists it: its place in the chain and the hashes before and after it. */
export interface AuditEventRow {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  flowId: string | null;
  runId: string | null;
  stepId: string | null;
  data: unknown;
  prevHash: string;
  hash: string;
}

/**
 * Chains `events` (at least one) on `prevHash`: each event's hash covers the previous hash and its canonical body.
 * Events without `at` get `now`.
 */
export function buildBlock(prevHash: string, events: readonly AuditInput[], now = new Date()): NewBlock {
  let prev = prevHash;
  let text = '[';
  let lastAt = -Infinity;
  const runIds = new Set<string>();
  const flowIds = new Set<string>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as AuditInput;
    const at = e.at ?? now;
    if (at.getTime() > lastAt) lastAt = at.getTime();
    if (e.runId != null) runIds.add(e.runId);
    if (e.flowId != null) flowIds.add(e.flowId);
    const body = auditBody(
      at,
      e.actor,
      e.action,
      e.flowId ?? null,
      e.runId ?? null,
      e.stepId ?? null,
      toStoredJson(e.data),
    );
    prev = chainHash(prev, body);
    text += `${i === 0 ? '' : ','}${body}`;
  }
  return {
    count: events.length,
    lastAt: new Date(lastAt),
    runIds: [...runIds],
    flowIds: [...flowIds],
    prevHash,
    hash: prev,
    eventsText: `${text}]`,
  };
}

interface StoredEvent {
  at: string;
  actor: string;
  action: string;
  flowId: string | null;
  runId: string | null;
  stepId: string | null;
  data: unknown;
}

/**
 * The events of a stored block with their `seq` (the block's plus their index) and hashes recomputed from the
 * block's `prevHash`. `endHash` is the hash after the last event: equal to the block's `hash` unless the block was
 * altered.
 */
export function eventsOf(block: StoredBlock): { events: AuditEventRow[]; endHash: string } {
  const stored = (Array.isArray(block.events) ? block.events : []) as StoredEvent[];
  const events: AuditEventRow[] = [];
  let prev = block.prevHash;
  for (let i = 0; i < stored.length; i++) {
    const e = stored[i] as StoredEvent;
    const at = new Date(e.at);
    const flowId = e.flowId ?? null;
    const runId = e.runId ?? null;
    const stepId = e.stepId ?? null;
    const data = e.data ?? null;
    const hash = chainHash(prev, auditBody(at, e.actor, e.action, flowId, runId, stepId, data));
    events.push({
      seq: block.seq + i,
      at,
      actor: e.actor,
      action: e.action,
      flowId,
      runId,
      stepId,
      data,
      prevHash: prev,
      hash,
    });
    prev = hash;
  }
  return { events, endHash: prev };
}

/** A PostgreSQL array literal of texts (`{"a","b\"c"}`): sent as one text parameter, cast to text[]. */
export function textArrayLiteral(values: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++)
    out += `${i === 0 ? '' : ','}"${(values[i] as string).replace(/[\\"]/g, '\\$&')}"`;
  return `${out}}`;
}
