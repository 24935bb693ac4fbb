-- Custom migration (no schema change): the audit chain guard the engine's pipelined commits call. It takes the
-- chain's lock (held until the transaction ends), then fails the transaction unless the chain's last hash is the
-- one the caller computed its rows from. A volatile plpgsql function: its SELECT takes a new snapshot after the
-- lock is granted, so it sees the row of the transaction that held the lock before.
CREATE OR REPLACE FUNCTION "sluice_audit_chain_guard"("expected" text) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  head text;
BEGIN
  PERFORM pg_advisory_xact_lock(7310553001);
  SELECT "hash" INTO head FROM "audit_events" ORDER BY "seq" DESC LIMIT 1;
  IF coalesce(head, repeat('0', 64)) <> "expected" THEN
    RAISE EXCEPTION 'audit chain head moved' USING ERRCODE = 'SLA01';
  END IF;
END
$$;
