/*
 * leads.h — the leads store: upsert of a screening's leads by (model_id, subject),
 * resolution of leads no longer raised, dismissed leads that reopen when their evidence
 * changes, lead_history rows (actor 'screening'), screenings rows, and lead listing.
 * Queries over schema_leads.sql; prepared once per call and reused.
 */
#ifndef ZJ_LEADS_H
#define ZJ_LEADS_H
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "law/date.h"
#include "util/error.h"

/* One lead of a screening, owning its strings (free with leads_rec_release). */
typedef struct lead_rec {
    char *model_id, *subject, *person_id, *facility_id, *region_code, *family, *severity, *summary,
        *evidence, *basis;
    char hash[65]; /* leads_evidence_hash of evidence, or "" (leads_apply computes it) */
} lead_rec;

void leads_rec_release(lead_rec *r);

/* Counts per model of one screening. changed: the leads inserted, resolved or updated
 * beyond their dates (last_seen, screening_id) — 0 when the model's leads rows are as they
 * were but for those dates. */
typedef struct leads_model_stat {
    const char *model_id; /* borrowed from the caller's list */
    long new_leads, still_open, resolved, changed;
} leads_model_stat;

/* Hex BLAKE2b (libsodium crypto_generichash, 32 bytes) of the evidence JSON text into
 * out[65]: its members with sorted keys, WITHOUT the top-level member "as_of", where
 * models put the figures that move with the as-of date (days over a limit …), so that a
 * dismissed lead reopens only when the facts change. Non-JSON text is hashed as is. */
void leads_evidence_hash(const char *text, char out[65]);

/* Insert a screenings row started at started_at (store_now's text; NULL: now); *id receives
 * screening_id. */
int leads_screening_begin(sqlite3 *db, const char *started_at, zj_date as_of, bool full,
                          const char *models, long *id);
/* Fill in the finish time and the counts. */
int leads_screening_finish(sqlite3 *db, long id, long persons, long n_new, long n_open,
                           long n_resolved);
/* The as-of of the last finished screening, or ZJ_DATE_NONE when none finished. */
zj_date leads_last_screening(sqlite3 *db);

/*
 * Apply a screening's leads inside the caller's transaction. leads (sorted or not, may hold
 * duplicates: the first of a (model_id, subject) wins) are upserted; then, for each model
 * in stats[0..n_models), leads with status open/assigned/verifying that this screening did
 * not raise are resolved (resolved_date = as_of) — among all leads of the model when
 * scope_table is NULL, else only among leads whose person_id is in scope_table (a table
 * name constant of the engine, e.g. "temp.screen_scope"). per_person[i] says whether
 * model i is scoped (true) or always resolved in full (set-based models).
 * Counts go to stats[i]. Returns 0 or ZJ_EDB.
 */
int leads_apply(sqlite3 *db, long screening_id, zj_date as_of, lead_rec *leads, size_t n,
                leads_model_stat *stats, const bool *per_person, size_t n_models,
                const char *scope_table);

/* What one screening's leads_apply_memo calls keep between them: that the scope's persons
 * had no open lead this screening did not raise, and the scope's row count then. That
 * stays true while the scope keeps its count (it only grows) and the leads are written
 * only by leads_apply (whose writes of a lead set its screening_id): the later calls of
 * the screening leave out their look-up. Zero it before the first call. */
typedef struct leads_scope_memo {
    long screening_id;    /* the screening it holds for (0: none) */
    sqlite3_int64 rows;   /* the scope's count(*) when none was found */
    long looked, skipped; /* the look-ups made and left out (tests) */
    /* leads_triggers_known, asked once per screening: its calls run in the writer's one
     * transaction, which changes no schema, so the triggers on leads stay as they were */
    long triggers_for; /* the screening it was asked for (0: not asked) */
    bool triggers_known;
} leads_scope_memo;
/* leads_apply, the scoped resolution's look-up kept in memo between calls (NULL: none). */
int leads_apply_memo(sqlite3 *db, long screening_id, zj_date as_of, lead_rec *leads, size_t n,
                     leads_model_stat *stats, const bool *per_person, size_t n_models,
                     const char *scope_table, leads_scope_memo *memo);

/* Whether the triggers on leads are the ones leads_apply knows (schema_person_link*.sql,
 * schema_national.sql): when none of the models of a leads_apply has a lead stored, it
 * then inserts the leads with the triggers off and writes their nat_outbox rows itself.
 * With other triggers (a migration changed them, a temp trigger) it writes lead by lead. */
bool leads_triggers_known(sqlite3 *db);

/* Filter of leads_list. NULL fields = no filter. */
typedef struct leads_filter {
    const char *model_id;
    const char *status;
    const char *person_id;
    const char *family; /* a model family or area: "enterprise" or "涉企" (leads_family_id) */
} leads_filter;

/* The model family of a leads-filter area named in Chinese: 涉企 / 涉企执法 → "enterprise"
 * (ENT-01 … ENT-03), 犯罪记录封存 / 封存 → "juvenile" (JUV-01); any other text (a family
 * id such as "enterprise" or "property") is returned as is; NULL stays NULL. */
const char *leads_family_id(const char *area);

/* Call fn for each lead matching f (ordered by model_id, subject) with a statement whose
 * columns are: model_id, subject, person_id, facility_id, region_code, severity, status,
 * first_seen, summary, basis, evidence, last_seen, resolved_date, family, lead_id.
 * Returns 0, or ZJ_EDB, or fn's nonzero return. */
int leads_list(sqlite3 *db, const leads_filter *f, int (*fn)(sqlite3_stmt *row, void *arg),
               void *arg);

/* The open states of a lead (workflow.md: not yet a case, dismissed or resolved): the one
 * list of them, in SQL for `status IN LEAD_OPEN_STATUSES`; lead_status_open tests one
 * status against it (web/js/pages.js ACTIVE repeats it for the browser). */
#define LEAD_OPEN_STATUSES "('open','assigned','verifying')"
bool lead_status_open(const char *status);

/* The leads CSV of `zhijian leads` and of /api/leads/export: one header, one row writer
 * (LF line ends; cells beginning like a formula neutralised by strbuf_add_csv). */
#define LEADS_CSV_COLUMNS 11
#define LEADS_CSV_HEADER                                                                           \
    "model_id,subject,person_id,facility_id,region_code,severity,status,first_seen,"               \
    "summary,basis,evidence\n"
struct strbuf;
void leads_csv_row(struct strbuf *sb, const char *const cells[LEADS_CSV_COLUMNS]);

#endif
