-- schema_model_runs.sql — migration "model-runs-1": the last run of each set-based model
-- (src/models/set_runs.c), so an incremental screening leaves out a model whose inputs
-- did not change since (issue 15). A row says: the model's leads are those of a run as of
-- as_of, under fingerprint (the program, the model's and the law's parameters, a user
-- model's SQL), over the feed rows of import batches up to batch_id; reads lists the feed
-- tables its SQL read (' '-separated), NULL when it read anything else (then it always runs).
CREATE TABLE model_runs (
    model_id    TEXT PRIMARY KEY,
    as_of       TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    batch_id    INTEGER NOT NULL,
    reads       TEXT
) WITHOUT ROWID;
