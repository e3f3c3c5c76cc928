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
 * counted again from every score.
 */
#ifndef ZJ_SCORE_HIST_H
#define ZJ_SCORE_HIST_H
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#define SCORE_HIST_MAX 400

typedef void (*score_hist_fn)(void *arg, const char *facility_id, const char *month, int points,
                              int64_t n);

/* Call fn for every (facility_id, month, points) of the histogram with its count n > 0,
 * after bringing score_hist up to date (on a read-only connection, or when it cannot be
 * written, the histogram is counted from the scores and not stored). trust_imports: when
 * no import batch wrote a score row since the histogram was kept, its count of rows is
 * taken as the table's, without a count(*) of it (an incremental screening; a full one
 * passes false and so sees rows written outside an import). Returns 0 or ZJ_EDB. */
int score_hist_each(sqlite3 *db, bool trust_imports, score_hist_fn fn, void *arg);

#endif
