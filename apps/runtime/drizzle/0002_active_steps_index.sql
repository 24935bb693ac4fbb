DROP INDEX IF EXISTS "steps_status_due";--> statement-breakpoint
CREATE INDEX "steps_status_due" ON "steps" USING btree ("status","due_at") WHERE "steps"."status" in ('queued', 'running', 'waiting');
