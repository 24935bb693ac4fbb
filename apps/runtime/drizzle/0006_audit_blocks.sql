-- The audit trail becomes one row per appending transaction (a block of events) instead of one row per event.
-- Every event of audit_events becomes a block of one with its own seq and hashes, so the chain verifies unchanged
-- (a block's hashes are those before its first and after its last event). The events keep their values; their
-- text is json_build_object's, not the canonical text (verification parses the events and hashes their values).
CREATE TABLE "audit_blocks" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"run_ids" text[] NOT NULL,
	"flow_ids" text[] NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"events" json NOT NULL
);
--> statement-breakpoint
INSERT INTO "audit_blocks" ("seq", "count", "last_at", "run_ids", "flow_ids", "prev_hash", "hash", "events")
SELECT "seq", 1, "at",
  CASE WHEN "run_id" IS NULL THEN '{}'::text[] ELSE ARRAY["run_id"] END,
  CASE WHEN "flow_id" IS NULL THEN '{}'::text[] ELSE ARRAY["flow_id"] END,
  "prev_hash", "hash",
  json_build_array(json_build_object(
    'action', "action", 'actor', "actor",
    'at', to_char("at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'data', "data", 'flowId', "flow_id", 'runId', "run_id", 'stepId', "step_id"))
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
