-- The audit trail becomes blocks (one row per appending transaction, its events one canonical JSON per line) and a
-- hash chain over them written after commit by the sealer, instead of a row per event chained under a lock held
-- until commit. A block's hash covers the hash before it and its events: sha256(prev_hash \n events).
CREATE TABLE "audit_blocks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"count" integer NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"run_ids" text[] NOT NULL,
	"flow_ids" text[] NOT NULL,
	"events" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_chain" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"block" bigint NOT NULL,
	"count" integer NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
-- lz4 where the server was built with it: cheaper than the default pglz for every block (PGlite has not).
DO $$ BEGIN
  ALTER TABLE "audit_blocks" ALTER COLUMN "events" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN NULL;
END $$;--> statement-breakpoint
-- Every row of audit_events becomes a sealed block of one with its seq and hashes: a block of one hashes as its row
-- did, so the chain verifies unchanged. The events keep their values; their text is json_build_object's, not the
-- canonical text (verification parses the events and hashes their canonical bodies).
INSERT INTO "audit_blocks" ("id", "count", "last_at", "run_ids", "flow_ids", "events")
SELECT "seq", 1, "at",
  CASE WHEN "run_id" IS NULL THEN '{}'::text[] ELSE ARRAY["run_id"] END,
  CASE WHEN "flow_id" IS NULL THEN '{}'::text[] ELSE ARRAY["flow_id"] END,
  json_build_object(
    'action', "action", 'actor', "actor",
    'at', to_char("at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'data', "data", 'flowId', "flow_id", 'runId', "run_id", 'stepId', "step_id")::text
FROM "audit_events" ORDER BY "seq";
--> statement-breakpoint
INSERT INTO "audit_chain" ("seq", "block", "count", "prev_hash", "hash")
SELECT "seq", "seq", 1, "prev_hash", "hash" FROM "audit_events";
--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('audit_blocks', 'id'), (SELECT max("id") FROM "audit_blocks"));--> statement-breakpoint
CREATE INDEX "audit_block_xid" ON "audit_blocks" USING btree ("xid","id");--> statement-breakpoint
CREATE INDEX "audit_block_runs" ON "audit_blocks" USING gin ("run_ids");--> statement-breakpoint
CREATE INDEX "audit_block_at" ON "audit_blocks" USING brin ("last_at");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_chain_block" ON "audit_chain" USING btree ("block");--> statement-breakpoint
DROP TABLE "audit_events" CASCADE;--> statement-breakpoint
DROP FUNCTION IF EXISTS "sluice_audit_chain_guard"(text);--> statement-breakpoint
-- The sealer: chains the blocks of transactions that have all ended (xid below the oldest running one: no block
-- can commit later with a smaller xid), in (xid, id) order, at most `max_blocks` per call; returns how many it
-- sealed. One sealer at a time (a transaction-level advisory lock); with `wait` false it returns -1 at once when
-- another holds it. The hashes are PostgreSQL's sha256 over the UTF-8 text, the same bytes node:crypto hashes.
CREATE OR REPLACE FUNCTION "sluice_audit_seal"("max_blocks" integer, "wait" boolean) RETURNS integer
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  horizon xid8;
  last_xid xid8 := '0';
  last_id bigint := 0;
  next_seq bigint := 1;
  prev text := repeat('0', 64);
  h text;
  b record;
  n integer := 0;
BEGIN
  IF "wait" THEN
    PERFORM pg_advisory_xact_lock(7310553001);
  ELSIF NOT pg_try_advisory_xact_lock(7310553001) THEN
    RETURN -1;
  END IF;
  horizon := pg_snapshot_xmin(pg_current_snapshot());
  SELECT bl."xid", bl."id", c."seq" + c."count", c."hash" INTO last_xid, last_id, next_seq, prev
    FROM "audit_chain" c JOIN "audit_blocks" bl ON bl."id" = c."block" ORDER BY c."seq" DESC LIMIT 1;
  IF NOT FOUND THEN
    last_xid := '0'; last_id := 0; next_seq := 1; prev := repeat('0', 64);
  END IF;
  FOR b IN SELECT "id", "count", "events" FROM "audit_blocks"
      WHERE ("xid", "id") > (last_xid, last_id) AND "xid" < horizon
      ORDER BY "xid", "id" LIMIT "max_blocks" LOOP
    h := encode(sha256(convert_to(prev || E'\n' || b."events", 'UTF8')), 'hex');
    INSERT INTO "audit_chain" ("seq", "block", "count", "prev_hash", "hash") VALUES (next_seq, b."id", b."count", prev, h);
    prev := h;
    next_seq := next_seq + b."count";
    n := n + 1;
  END LOOP;
  RETURN n;
END
$$;
