DROP INDEX IF EXISTS "audit_at";--> statement-breakpoint
CREATE INDEX "audit_at" ON "audit_events" USING brin ("at");