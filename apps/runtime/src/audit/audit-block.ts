// An audit block: the events one transaction appended, stored as one row. Pure: building a block from events,
// reading a stored block back into its events, recomputing its hash.
import { type AuditContent, auditBody, chainHash, toStoredJson } from './audit-hash';

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

/** A block as it is written (its id and transaction are the insert's; the sealer chains it later). */
export interface NewBlock {
  count: number;
  lastAt: Date;
  runIds: string[];
  flowIds: string[];
  /** The events' canonical bodies, one per line: what the chain hashes. */
  events: string;
}

/** A sealed block as it is read back: its place in the chain and its events' text. */
export interface SealedBlock {
  seq: number;
  count: number;
  prevHash: string;
  hash: string;
  events: string;
}

/**
 * One event as the audit API lists it: its place in the chain and the hashes of its block (the chain before and
 * after the commit that appended it; events appended together share them).
 */
export interface AuditEventRow extends AuditContent {
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * The block of `events` (at least one): their canonical bodies one per line, which the sealer hashes as
 * `sha256(prevHash \n lines)`. Canonical JSON never holds a raw newline, so the lines cannot be confused; and a
 * block of one event hashes exactly as an event did when the chain had a row per event (migration 0006 turned
 * those rows into blocks of one). Events without `at` get `now`.
 */
export function buildBlock(events: readonly AuditInput[], now = new Date()): NewBlock {
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
    events: lines,
  };
}

/** An event as its line stores it: `at` as ISO text. */
type StoredEvent = Omit<AuditContent, 'at'> & { at: string };

/** A block of one is one JSON text (a migrated row's is json_build_object's, which may not be canonical). */
const parseEvents = (block: SealedBlock): StoredEvent[] =>
  (block.count === 1 ? [block.events] : block.events.split('\n')).map(
    (line) => JSON.parse(line) as StoredEvent,
  );

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

/** The events of a sealed block, each with its `seq` (the block's plus its index) and the block's hashes. */
export function eventsOf(block: SealedBlock): AuditEventRow[] {
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
 * The hash a sealed block's events give, chained on its `prevHash` (each event parsed and written canonically
 * again), and how many events it holds: the hash equals the block's `hash` unless the block was altered.
 */
export function recomputeBlock(block: SealedBlock): { hash: string; count: number } {
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
