// The Postgres schema (drizzle pg-core), shared by the postgres-js and PGlite drivers. Change it, then `npm run db:generate`.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  json,
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

/** Append-only and hash-chained: each row stores the hash of the previous one. */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    flowId: text('flow_id'),
    runId: text('run_id'),
    stepId: text('step_id'),
    // `json`, not `jsonb`: written once as the canonical text that was hashed, read back rarely; PostgreSQL keeps
    // the text instead of parsing it into jsonb on every append (five per run: 1.05x runs/s in bench/e2e).
    data: json('data'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  // `audit_at` is a BRIN index: rows arrive in time order and are never updated, so block ranges summarise it for
  // a fraction of a btree's cost on every append (five rows per run).
  (t) => [index('audit_run').on(t.runId), index('audit_at').using('brin', t.at)],
);

/** API tokens (hash only). The admin token made on first start lives here and in ./.data. */
export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  role: text('role').notNull().default('admin'),
  createdAt: ts('created_at').notNull().defaultNow(),
});
