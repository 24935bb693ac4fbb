// An audit block: the events one transaction appended, stored as one row. Pure: building a block from events,
// reading a stored block back into its events, recomputing its hash.
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
  /** The events' canonical bodies (what the hash covers) as one JSON array. */
  eventsText: string;
}

/** A block as it is read back: `events` is its JSON text. */
export interface StoredBlock {
  seq: number;
  prevHash: string;
  hash: string;
  events: string;
}

/**
 * One event as the audit API lists it: its place in the chain and the hashes of its block (the chain before and
 * after the commit that appended it; events appended together share them).
 */
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
 * Chains `events` (at least one) on `prevHash` as one block. The block's hash covers the previous hash and its
 * events' canonical bodies, one per line: `sha256(prevHash \n body1 \n body2 ...)`. Canonical JSON never holds a raw
 * newline, so the lines cannot be confused; and a block of one event hashes exactly as an event did when the
 * chain had a row per event (migration 0006 turned those rows into blocks of one). Events without `at` get `now`.
 */
export function buildBlock(prevHash: string, events: readonly AuditInput[], now = new Date()): NewBlock {
  let lines = '';
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
    lines += i === 0 ? body : `\n${body}`;
  }
  return {
    count: events.length,
    lastAt: new Date(lastAt),
    runIds: [...runIds],
    flowIds: [...flowIds],
    prevHash,
    hash: chainHash(prevHash, lines),
    // The same bodies: a newline is never inside one, so it can only be a separator.
    eventsText: `[${lines.replaceAll('\n', ',')}]`,
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

const parseEvents = (block: StoredBlock): StoredEvent[] => {
  const events = JSON.parse(block.events) as unknown;
  return Array.isArray(events) ? (events as StoredEvent[]) : [];
};

const bodyOf = (e: StoredEvent): string =>
  auditBody(
    new Date(e.at),
    e.actor,
    e.action,
    e.flowId ?? null,
    e.runId ?? null,
    e.stepId ?? null,
    e.data ?? null,
  );

/** The events of a stored block, each with its `seq` (the block's plus its index) and the block's hashes. */
export function eventsOf(block: StoredBlock): AuditEventRow[] {
  return parseEvents(block).map((e, i) => ({
    seq: block.seq + i,
    at: new Date(e.at),
    actor: e.actor,
    action: e.action,
    flowId: e.flowId ?? null,
    runId: e.runId ?? null,
    stepId: e.stepId ?? null,
    data: e.data ?? null,
    prevHash: block.prevHash,
    hash: block.hash,
  }));
}

/**
 * The hash a stored block's events give, chained on its `prevHash`, and how many events it holds: the hash equals
 * the block's `hash` unless the block was altered.
 */
export function recomputeBlock(block: StoredBlock): { hash: string; count: number } {
  const events = parseEvents(block);
  return { hash: chainHash(block.prevHash, events.map(bodyOf).join('\n')), count: events.length };
}

/** A PostgreSQL array literal of texts (`{"a","b\"c"}`): sent as one text parameter, cast to text[]. */
export function textArrayLiteral(values: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++)
    out += `${i === 0 ? '' : ','}"${(values[i] as string).replace(/[\\"]/g, '\\$&')}"`;
  return `${out}}`;
}
