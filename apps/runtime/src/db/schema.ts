// The Postgres schema (drizzle pg-core), shared by the postgres-js and PGlite drivers. Change it, then `npm run db:generate`.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const flows = pgTable('flows', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  latestVersion: integer('latest_version').notNull(),
  publishedVersion: integer('published_version'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
});

/** Immutable: a version's document never changes once written. */
export const flowVersions = pgTable(
  'flow_versions',
  {
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id),
    version: integer('version').notNull(),
    document: jsonb('document').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    publishedAt: ts('published_at'),
    createdBy: text('created_by'),
  },
  (t) => [primaryKey({ columns: [t.flowId, t.version] })],
);

/** Which published flow answers POST /webhooks/:path. Rewritten on publish/unpublish. */
export const webhookRoutes = pgTable('webhook_routes', {
  path: text('path').primaryKey(),
  flowId: text('flow_id')
    .notNull()
    .references(() => flows.id),
  version: integer('version').notNull(),
  nodeId: text('node_id').notNull(),
});

export const runs = pgTable(
  'runs',
  {
    id: text('id').primaryKey(),
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id),
    flowVersion: integer('flow_version').notNull(),
    triggerNodeId: text('trigger_node_id').notNull(),
    triggerType: text('trigger_type').notNull(),
    payload: jsonb('payload'),
    /**
     * The pure steps executed with the run's start that succeeded (conditions, transforms before the first effectful
     * step), kept here instead of as step rows: see engine/inline-steps.ts. Null for runs without any.
     */
    inlineSteps: jsonb('inline_steps'),
    /**
     * The effectful steps this run's accepting process executes itself right after the commit (hand-offs), while
     * they run: kept here instead of as step rows, under the run's own lease (`locked_by`, `locked_until`). See
     * engine/run-handoffs.ts. Null when there are none.
     */
    handoffs: jsonb('handoffs'),
    lockedBy: text('locked_by'),
    lockedUntil: ts('locked_until'),
    status: text('status').notNull(),
    idempotencyKey: text('idempotency_key'),
    replayOf: text('replay_of'),
    error: jsonb('error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    endedAt: ts('ended_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('runs_idempotency')
      .on(t.flowId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index('runs_flow_created').on(t.flowId, t.id),
    index('runs_status').on(t.status),
    // The reconciler's look for hand-offs whose process died: only runs holding some have an entry.
    index('runs_handoff_lease').on(t.lockedUntil).where(sql`${t.handoffs} is not null`),
  ],
);

export const steps = pgTable(
  'steps',
  {
    id: text('id').primaryKey(),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id),
    nodeId: text('node_id').notNull(),
    status: text('status').notNull(),
    attempt: integer('attempt').notNull().default(0),
    input: jsonb('input'),
    output: jsonb('output'),
    /** Output ports taken when the step succeeded. */
    ports: jsonb('ports'),
    error: jsonb('error'),
    logs: jsonb('logs').notNull().default([]),
    /** Attempt history: [{attempt, startedAt, endedAt, error}]. */
    attempts: jsonb('attempts').notNull().default([]),
    /** State a waiting step resumes with (delay, approval). */
    state: jsonb('state'),
    dueAt: ts('due_at'),
    /** Postgres guard against concurrent execution: the worker holding the step and until when. */
    lockedBy: text('locked_by'),
    lockedUntil: ts('locked_until'),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    endedAt: ts('ended_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('steps_run').on(t.runId),
    // Only active steps (what the reconciler and the back-pressure count look for): a finished step, most rows,
    // costs no entry, and a step that finishes no new one.
    index('steps_status_due')
      .on(t.status, t.dueAt)
      .where(sql`${t.status} in ('queued', 'running', 'waiting')`),
  ],
);

/** PostgreSQL's 64-bit transaction id (as text in JS). */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * The audit trail, part 1: append-only blocks of events, one per appending transaction (a group commit's batch, a
 * flow change) instead of a row per event (five per run). Appending takes no lock and computes no hash: blocks are
 * chained after they commit, by the sealer (`audit_chain`), so commits do not queue behind one another.
 */
export const auditBlocks = pgTable(
  'audit_blocks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The appending transaction: the sealer chains blocks in this order once no older transaction is running. */
    xid: xid8('xid').notNull().default(sql`pg_current_xact_id()`),
    count: integer('count').notNull(),
    /** The latest `at` of its events (they need not be in time order). */
    lastAt: ts('last_at').notNull(),
    /** The runs and flows its events name, to find a run's or a flow's blocks. */
    runIds: text('run_ids').array().notNull(),
    flowIds: text('flow_ids').array().notNull(),
    // The events' canonical JSON bodies, one per line (what the chain hashes): `text`, so PostgreSQL does not parse
    // it on every append (read back rarely, parsed by the reader); lz4-compressed where the server has lz4.
    events: text('events').notNull(),
  },
  // `audit_block_runs`: GIN (its fast-update list makes an append cheap); `audit_block_at`: BRIN, blocks arrive in
  // time order and are never updated; `audit_block_xid`: the sealer's order.
  (t) => [
    index('audit_block_xid').on(t.xid, t.id),
    index('audit_block_runs').using('gin', t.runIds),
    index('audit_block_at').using('brin', t.lastAt),
  ],
);

/**
 * The audit trail, part 2: the hash chain over sealed blocks, in chain order. A block's hash covers the hash before
 * it and its events' bodies (`sha256(prev_hash \n events)`); its events are `seq`, `seq + 1`, ... Written only by
 * the sealer (drizzle/0006_audit_blocks.sql, `sluice_audit_seal`).
 */
export const auditChain = pgTable(
  'audit_chain',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    block: bigint('block', { mode: 'number' }).notNull(),
    count: integer('count').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [uniqueIndex('audit_chain_block').on(t.block)],
);

/** API tokens (hash only). The admin token made on first start lives here and in ./.data. */
export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  role: text('role').notNull().default('admin'),
  createdAt: ts('created_at').notNull().defaultNow(),
});
