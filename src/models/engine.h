/*
 * engine.h — the screening engine (shared/design.md "engine"): walks persons in person_id
 * order, fills one zj_timeline per person by merging cursors over every feed table sorted
 * by person_id, computes the judgments' dates once, runs every per-person model of the
 * catalog, then the set-based models once, and stores the leads (store/leads.h).
 *
 * Threads (--jobs N): the persons are cut into contiguous person_id ranges (8 per worker in
 * a full screening), which N workers take in turn, each on its own read-only connection
 * (WAL readers); each range keeps its leads, and the calling thread writes all of them in
 * one transaction at the end, in range order. Memory: one timeline per worker.
 *
 * Incremental: without `full` (and when a screening already finished), only the persons
 * listed in changed_persons are re-evaluated and their leads resolved; set-based models
 * run in full unless flagged MODEL_SCOPED, and not at all when none of their inputs
 * changed since they last ran (set_runs.h). changed_persons is cleared of the screened
 * persons on success.
 */
#ifndef ZJ_ENGINE_H
#define ZJ_ENGINE_H
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "law/date.h"
#include "models/model.h"
#include "models/timeline.h"
#include "store/leads.h"
#include "util/error.h"

typedef struct engine_opts {
    zj_date as_of;
    const char *const *models; /* ids to run; NULL/0 = all of the catalog */
    size_t n_models;
    int jobs;  /* worker threads, >= 1 */
    bool full; /* every person (else changed_persons when a screening ran) */
    const struct law_params *params;
    bool progress; /* report progress through cli-independent callback below */
    void (*on_progress)(long done, long total);
} engine_opts;

typedef struct engine_result {
    long screening_id;
    long persons;
    bool full;               /* what actually ran */
    leads_model_stat *stats; /* one per model run, catalog order; caller releases */
    size_t n_stats;
} engine_result;

/* Screen with db as the writer connection (a file database when jobs > 1). Unknown model
 * ids are an error (ZJ_EINVAL, message in d). Returns 0 or a ZJ_E* code. */
int engine_screen(sqlite3 *db, const engine_opts *o, engine_result *r, zj_diag *d);

/* Page caches (PRAGMA cache_size, KiB). A screening's workers read with a cache of
 * ENGINE_WORKER_CACHE_KIB each: their cursors walk the tables forward and read each page
 * once. An incremental screening of a small scope (engine_small_scope) seeks each of its
 * few persons' rows once, spread over the whole file: its pages are not read again, and
 * the time goes to fresh cache memory (every new page of a cache is memory the kernel
 * zeroes first); so its workers read with ENGINE_SMALL_WORKER_CACHE_KIB and the writer's
 * connection is held to ENGINE_SMALL_WRITER_CACHE_KIB for the screening (its own setting,
 * store_open's, is put back after). docs/storage.md "Page cache". */
enum {
    ENGINE_WORKER_CACHE_KIB = 8192,
    ENGINE_SMALL_WORKER_CACHE_KIB = 1024,
    ENGINE_SMALL_WRITER_CACHE_KIB = 8192,
    ENGINE_SMALL_SCOPE_SHARE = 20, /* small: at most 1 person in 20 */
};
/* Whether an incremental screening of scope persons out of about persons (the largest
 * rowid of persons: a count(*) would read the table) is small. */
bool engine_small_scope(long scope, long persons);
void engine_result_release(engine_result *r);

/* Load one person's timeline (as of as_of) into tl, with facilities (score_p95 left -1: no
 * scan of all scores for one person), computed dates and intervals.
 * tl must be initialised; facilities are owned by the engine: call engine_person_release
 * after use. Returns 0, ZJ_ENOTFOUND or ZJ_EDB. */
int engine_person_load(sqlite3 *db, const char *person_id, zj_date as_of, zj_timeline *tl);
void engine_person_release(zj_timeline *tl);

/* The screening's pass without the models: every person's timeline as of as_of (dates,
 * law figures, intervals), in person_id order, one connection, to fn; stops at fn's first
 * nonzero return and returns it. Returns 0, or ZJ_EDB. */
int engine_walk(sqlite3 *db, zj_date as_of, int (*fn)(const zj_timeline *tl, void *arg), void *arg);

#endif
