-- schema_perf5.sql — migration "perf-5": the leads in (model_id, subject) order with the
-- columns a set-based model that reads the leads selects them by (issue 15). DUTY-01 reads
-- the open leads of CHG-01 … CHG-14, CUS-03, CUS-06 and CUS-08, and every incremental
-- screening digests them to tell whether it may leave DUTY-01 out (src/models/set_runs.c):
-- through this covering index, in its order, instead of a seek into the leads table (whose
-- rows carry the evidence) per lead and a sort.
CREATE INDEX IF NOT EXISTS leads_model_read
    ON leads(model_id, subject, status, first_seen, person_id);
