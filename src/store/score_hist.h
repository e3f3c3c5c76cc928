/*
 * score_hist.h — the facilities' histogram of monthly total points (CHG-10's facility
 * percentile, docs/storage.md "The score histogram").
 *
 * The histogram counts the rows of `scores` by (facility_id, month, points), points being
 * base_points + bonus_points clamped to 0..SCORE_HIST_MAX. It is kept in the table
 * score_hist (migration score-hist-1) and brought up to date at each read from what
 * changed since: score rows of the persons in changed_persons written by a later import
 * batch are added, the old versions the history table holds of rows replaced since are
 * taken away; the count of score rows must then match, else (and on a first read) it is
 * counted again from every score. An import that loads the first score rows of the
 * database counts them as it writes them (score_hist_import_*), so the first screening
 * after it finds the histogram kept. score_hist_state.version names the counts: every write
 * of them sets a new one and empties score_pct, the facilities' percentiles cached per
 * version (migration score-hist-2).
 */
#ifndef ZJ_SCORE_HIST_H
#define ZJ_SCORE_HIST_H
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCORE_HIST_MAX 400

/* One facility's percentile of its monthly total points (score_hist_percentiles). */
typedef struct score_hist_pct {
    char *facility_id;
    int points;
} score_hist_pct;
typedef struct score_hist_pcts {
    score_hist_pct *v;
    size_t n, alloc;
} score_hist_pcts;
void score_hist_pcts_release(score_hist_pcts *p);

/* What a read of the kept histogram leaves to write (score_hist_percentiles): the state
 * marks to move on, and the percentiles to cache. */
typedef struct score_hist_marks {
    bool pending;                      /* marks to write */
    sqlite3_int64 batch, history_id;   /* the data's, when the histogram was read */
    sqlite3_int64 batch0, history_id0; /* the recorded ones they replace */
    /* percentiles computed from the histogram of this version (0: none to cache) */
    sqlite3_int64 version;
    char month[8];
    int pct;
    score_hist_pcts pcts;
} score_hist_marks;

/* For every facility with a score in the months up to month (YYYY-MM), the pct-th
 * percentile of its monthly total points — the least points whose cumulative count reaches
 * pct % of the facility's — into out (any order; release it), after bringing score_hist up
 * to date (on a read-only connection, or when it cannot be written, the histogram is
 * counted from the scores and not stored). trust_imports: when no import batch wrote a
 * score row since the histogram was kept, its count of rows is taken as the table's,
 * without a count(*) of it (an incremental screening; a full one passes false and so sees
 * rows written outside an import); then the percentiles cached for the histogram's version,
 * month and pct (table score_pct) are taken as they are, without reading the histogram.
 * Nothing is written here when the histogram was kept as it was: *m (required; release it
 * with score_hist_marks_release) says what to write later with score_hist_marks_write — the
 * state marks to move on, the percentiles to cache. Returns 0 or ZJ_EDB. */
int score_hist_percentiles(sqlite3 *db, bool trust_imports, const char *month, int pct,
                           score_hist_pcts *out, score_hist_marks *m);

/* Move the marks m names on, unless another writer moved them meanwhile (then they stay its),
 * and cache its percentiles, unless the histogram's version changed meanwhile; in the
 * caller's transaction or its own. Returns 0 or ZJ_EDB. */
int score_hist_marks_write(sqlite3 *db, const score_hist_marks *m);
void score_hist_marks_release(score_hist_marks *m);

/* The histogram of an import batch of the scores feed, counted as its rows are written. */
typedef struct score_hist_import score_hist_import;

/* A count for the batch about to be written (in the caller's transaction), or NULL when
 * the batch cannot be counted alone: scores holds rows already (an import into a database
 * with scores leaves them to the screening's update). */
score_hist_import *score_hist_import_begin(sqlite3 *db);
/* A row the batch inserted: its facility_id, month (as stored), base_points and
 * bonus_points (bonus NULL: 0). */
void score_hist_import_row(score_hist_import *c, const char *facility_id, size_t flen,
                           const char *month, size_t mlen, long long base, long long bonus);
/* The batch replaced a stored row: the count no longer tells the histogram. */
void score_hist_import_spoil(score_hist_import *c);
/* Store the count as score_hist with its score_hist_state (batch, the last history row,
 * the rows counted), in the caller's transaction, unless it was spoiled; then free it.
 * Returns 0 or ZJ_EDB. */
int score_hist_import_end(sqlite3 *db, score_hist_import *c, long long batch);
void score_hist_import_free(score_hist_import *c);

#endif
