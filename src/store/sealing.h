/*
 * sealing.h — the sealing of juvenile records in the database (J-01, J-03, law.md §14;
 * docs/sealing.md).
 *
 * person_sealing(person_id, sealed_from, sealed_until, ended_by) holds one row per person
 * whose record is or was sealed, computed by the law core (law_record_sealing) from the
 * person's birth date and judgments. A person is sealed on d iff
 *     sealed_from <= d AND (sealed_until IS NULL OR d < sealed_until)
 * The importer keeps the table current: after every batch of the persons or judgments
 * feed, the persons of that batch are recomputed in the batch's transaction.
 *
 * From SQL (pages, exports, reports), with :d the as-of date as 'YYYY-MM-DD':
 *     EXISTS (SELECT 1 FROM person_sealing s WHERE s.person_id = x.person_id
 *             AND s.sealed_from <= :d AND (s.sealed_until IS NULL OR :d < s.sealed_until))
 */
#ifndef ZJ_STORE_SEALING_H
#define ZJ_STORE_SEALING_H
#include <sqlite3.h>
#include <stdbool.h>

#include "law/date.h"

/* The SQL condition above with the person column and the date parameter spliced in, for
 * callers that build queries: STORE_SEALED_SQL("x.person_id", ":as_of"). */
#define STORE_SEALED_SQL(person_col, date_param)                                                   \
    "EXISTS (SELECT 1 FROM person_sealing s_ WHERE s_.person_id = " person_col                     \
    " AND s_.sealed_from <= " date_param " AND (s_.sealed_until IS NULL OR " date_param            \
    " < s_.sealed_until))"

struct store_sealing {
    bool sealed;          /* sealed on the date asked */
    bool ever;            /* the person has a row: sealed at some time */
    zj_date sealed_from;  /* ZJ_DATE_NONE when !ever */
    zj_date sealed_until; /* ZJ_DATE_NONE: still sealed (or !ever) */
    char ended_by[64];    /* judgment_id that ended the sealing, "" if none */
};

/* Is person_id's record sealed on `on`? Fills *out (may be NULL). Returns 1 sealed,
 * 0 not sealed, ZJ_EDB (< 0) on a database error. */
int store_person_sealed(sqlite3 *db, const char *person_id, zj_date on, struct store_sealing *out);

/* Recompute person_sealing for the persons of the rows that batch batch_id wrote to feed
 * ("persons" or "judgments"; any other feed: nothing to do). The caller holds the
 * transaction. Returns 0 or ZJ_EDB. */
int store_sealing_refresh_batch(sqlite3 *db, const char *feed, long long batch_id, long written);

/* Recompute person_sealing for every person. Returns 0 or ZJ_EDB. */
int store_sealing_refresh_all(sqlite3 *db);

#endif
