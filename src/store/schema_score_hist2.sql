-- schema_score_hist2.sql — migration "score-hist-2": the facilities' percentiles of the
-- kept histogram, cached (issue 15). score_hist_state.version names the histogram's
-- content: src/store/score_hist.c sets a new one whenever it writes a count (and empties
-- score_pct), so a version's percentiles stay true until a score row is counted again.
-- score_pct holds, per version, as-of month (YYYY-MM) and percentile, the percentile of
-- each facility's monthly total points over the months up to that month; the row of
-- facility '' (points -1) says the set was computed (it may be the only row). Version 0
-- (a state row written without it) has no cache.
ALTER TABLE score_hist_state ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
UPDATE score_hist_state SET version = 1;
CREATE TABLE score_pct (
    version     INTEGER NOT NULL,
    month       TEXT NOT NULL,
    pct         INTEGER NOT NULL,
    facility_id TEXT NOT NULL,
    points      INTEGER NOT NULL,
    PRIMARY KEY (version, month, pct, facility_id)
) WITHOUT ROWID;
