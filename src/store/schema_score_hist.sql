-- schema_score_hist.sql — migration "score-hist-1": the facilities' histogram of monthly
-- total points (base + bonus, clamped to 0..400), kept by src/store/score_hist.c so a
-- screening reads CHG-10's facility percentile without scanning every score (issue 15).
-- score_hist_state says which data the histogram counts: the import batches up to
-- batch_id, the history rows up to history_id, and how many score rows it holds in all.
CREATE TABLE score_hist (
    facility_id TEXT NOT NULL,
    month       TEXT NOT NULL,
    points      INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (facility_id, month, points)
) WITHOUT ROWID;
CREATE TABLE score_hist_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    batch_id    INTEGER NOT NULL,
    history_id  INTEGER NOT NULL,
    rows        INTEGER NOT NULL
);
