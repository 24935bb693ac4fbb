-- Custom migration (no schema change): the check behind a settle forecast (engine/run-forecast.ts). A completion
-- whose run this process knows sends its run's write without waiting for the run's lock and step count, with this
-- check behind it in the same pipeline: when what the engine expected is not what it finds (a step lost, another
-- process moved the run), the transaction fails with SQLSTATE SLR01 and the batch is re-run the slow way.
CREATE OR REPLACE FUNCTION "sluice_expect"("ok" boolean, "what" text) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF "ok" IS NOT TRUE THEN
    RAISE EXCEPTION 'not as expected: %', "what" USING ERRCODE = 'SLR01';
  END IF;
END
$$;
