-- schema_model_runs2.sql — migration "model-runs-2": for a set-based model that reads the
-- leads (DUTY-01), a digest of the leads rows it read (src/models/set_runs.c); NULL for
-- the models that read only feed tables.
ALTER TABLE model_runs ADD COLUMN leads_digest TEXT;
