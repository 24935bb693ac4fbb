ALTER TABLE "runs" ADD COLUMN "handoffs" jsonb;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "locked_by" text;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "runs_handoff_lease" ON "runs" USING btree ("locked_until") WHERE "runs"."handoffs" is not null;