-- The audit trail becomes one row per appending transaction (a block of events) instead of one row per event.
-- Every event of audit_events becomes a block of one with its own seq and hashes: a block's hash covers the hash
-- before it and its events' bodies one per line, so a block of one hashes as its row did and the chain verifies
-- unchanged. The events keep their values; their text is json_build_object's, not the canonical text (verification
-- parses the events and hashes their values).
-- `events` is lz4-compressed where the server was built with lz4 (cheaper than the default pglz; PGlite has not).
CREATE TABLE "audit_blocks" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"run_ids" text[] NOT NULL,
	"flow_ids" text[] NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"events" text NOT NULL
);
--> statement-breakpoint
DO $$ BEGIN
  ALTER TABLE "audit_blocks" ALTER COLUMN "events" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN NULL;
END $$;--> statement-breakpoint
INSERT INTO "audit_blocks" ("seq", "count", "last_at", "run_ids", "flow_ids", "prev_hash", "hash", "events")
SELECT "seq", 1, "at",
  CASE WHEN "run_id" IS NULL THEN '{}'::text[] ELSE ARRAY["run_id"] END,
  CASE WHEN "flow_id" IS NULL THEN '{}'::text[] ELSE ARRAY["flow_id"] END,
  "prev_hash", "hash",
  json_build_array(json_build_object(
    'action', "action", 'actor', "actor",
    'at', to_char("at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'data', "data", 'flowId', "flow_id", 'runId', "run_id", 'stepId', "step_id"))::text
FROM "audit_events" ORDER BY "seq";
--> statement-breakpoint
CREATE INDEX "audit_block_runs" ON "audit_blocks" USING gin ("run_ids");--> statement-breakpoint
CREATE INDEX "audit_block_at" ON "audit_blocks" USING brin ("last_at");--> statement-breakpoint
DROP TABLE "audit_events" CASCADE;--> statement-breakpoint
-- The chain guard (0001) now reads the head block.
CREATE OR REPLACE FUNCTION "sluice_audit_chain_guard"("expected" text) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  head text;
BEGIN
  PERFORM pg_advisory_xact_lock(7310553001);
  SELECT "hash" INTO head FROM "audit_blocks" ORDER BY "seq" DESC LIMIT 1;
  IF coalesce(head, repeat('0', 64)) <> "expected" THEN
    RAISE EXCEPTION 'audit chain head moved' USING ERRCODE = 'SLA01';
  END IF;
END
$$;
