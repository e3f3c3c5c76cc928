/*
 * sqlmodel.h — running a model written as one SQL SELECT (the set-based built-in models of
 * community correction, political rights, property and custody conditions, and the user
 * model files in the models directory).
 *
 * The statement returns one row per lead, with columns named
 *   subject (required), summary (required), evidence (required, JSON object text),
 *   person_id, facility_id, region_code, severity, basis (optional; NULL = the model's).
 * Parameters: `:as_of` is bound to the as-of date as 'YYYY-MM-DD'; every key of the
 * model's parameters JSON object is bound to the parameter of the same name (`:key`).
 * Unused keys are ignored; a parameter the SQL names but nothing binds stays NULL.
 * The law core's (cfg) parameters are bound too (sqlmodel_bind_law_params), after them.
 *
 * The SQL calls the law core's SQL functions (zj_add_months, zj_dpr_end, …, registered by
 * store_open); sqlmodel also registers m2_add_months(date_text, n), the same law.md §1
 * month arithmetic, for connections opened without them.
 */
#ifndef ZJ_SQLMODEL_H
#define ZJ_SQLMODEL_H
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>

#include "models/model.h"
#include "util/strbuf.h"

/* Where the runner hands each lead: lead_sink_emit in a screening, a collector in tests. */
typedef int (*sqlmodel_emit_fn)(void *arg, const zj_lead *lead);

/* One SQL model: the catalog facts the runner needs. */
typedef struct sqlmodel {
    const char *model_id;
    const char *basis;    /* default basis (a row's `basis` column overrides) */
    const char *severity; /* default severity (a row's `severity` column overrides) */
    const char *params;   /* JSON object text of the parameters bound by name, or NULL */
    const char *sql;      /* one SELECT */
} sqlmodel;

/* Register the helper SQL functions (m2_add_months) on db. Idempotent. Returns 0 or ZJ_EDB. */
int sqlmodel_register_functions(sqlite3 *db);

/* Bind :as_of and the parameters of params_json (JSON object text or NULL) to st.
 * Returns 0, or ZJ_EINVAL when params_json is not a JSON object (message in err). */
int sqlmodel_bind(sqlite3_stmt *st, zj_date as_of, const char *params_json, char *err,
                  size_t errlen);

/* Bind every (cfg) parameter of the law core (law_params_key) to the SQL parameter named
 * after its key in lower case without '-' and with '.' as '_': "K-02.absence_days" binds
 * `:k02_absence_days`. lp NULL = the defaults of law.md. */
void sqlmodel_bind_law_params(sqlite3_stmt *st, const struct law_params *lp);

/* Check that st's result columns are those of a lead (see above). Returns 0, or ZJ_EINVAL
 * with the reason in err (e.g. "missing result column 'subject'"). */
int sqlmodel_check_columns(sqlite3_stmt *st, char *err, size_t errlen);

/* Run m over db for as_of: prepare, bind, step, and hand each row to emit as a zj_lead
 * (strings borrowed for the call). Returns the number of leads emitted, or a negative
 * ZJ_E* code with the reason written to err (when not NULL). */
int sqlmodel_run(sqlite3 *db, zj_date as_of, const struct law_params *lp, const sqlmodel *m,
                 sqlmodel_emit_fn emit, void *arg, FILE *err);

/* run_set for a built-in SQL model: sqlmodel_run over ctx into the engine's sink, errors on
 * stderr. */
int sqlmodel_run_set(const model_ctx *ctx, lead_sink *sink, const sqlmodel *m);

/* sqlmodel_run_set of a full run (never scoped) with list, a JSON array the engine built in
 * C, bound to the named parameter name (":juvenile", ":releases"). */
int sqlmodel_run_set_list(const model_ctx *ctx, lead_sink *sink, const sqlmodel *m,
                          const char *name, const strbuf *list);

/* Run an already prepared statement st (bound by the caller or here when rebind != 0),
 * emitting leads under model id/basis/severity of m. Same result as sqlmodel_run. */
int sqlmodel_run_stmt(sqlite3_stmt *st, const sqlmodel *m, sqlmodel_emit_fn emit, void *arg,
                      FILE *err);

/* The SQL of a set-based model for this run: a copy of sql, in which, when the run is an
 * incremental one (temp.screen_scope exists on db) and model_id is listed in catalog.c's
 * scoped_set_models, every marker comment `/ *scope EXPR* /` (written without the spaces)
 * becomes ` AND EXPR IN (SELECT person_id FROM temp.screen_scope)` and every
 * `/ *scope_cc EXPR* /` the same for a correction id (cc_id) of a person in scope. Put a
 * marker right after a WHERE (or ON) condition on the table that drives the query; a full run
 * reads it as a comment. EXPR `+x.person_id` keeps the scope a filter where another index
 * drives the query (else SQLite may search that index once per row and person in scope:
 * CUS-05). sqlmodel_run_set applies it to the model's SQL. Caller frees. */
char *sqlmodel_scoped_sql(sqlite3 *db, const char *model_id, const char *sql);

/* Whether a run of model_id on db now is such a scoped run (the model flagged MODEL_SCOPED,
 * temp.screen_scope present and not widened to every person, temp.screen_scope_all). */
bool sqlmodel_run_is_scoped(sqlite3 *db, const char *model_id);

/* For a model whose leads depend on other persons' data, in a scoped run: keeps the
 * persons the screening started with in temp.screen_scope_seed (created at the first
 * widening, before temp.screen_scope grows) and tells, in *done, whether the widening
 * named key already ran in this screening (it counts as run from now on). The caller then
 * inserts into temp.screen_scope the persons whose leads the seed's data can change.
 * Returns 0 or ZJ_EDB (reported). */
int sqlmodel_scope_seed(sqlite3 *db, const char *key, bool *done);

/* Prepare sql on db (sqlite3_prepare_v2); on failure prints the reason to stderr and
 * returns NULL. Caller finalizes. */
sqlite3_stmt *sqlmodel_prepare(sqlite3 *db, const char *sql);

/* Column i of the current row as a date ('YYYY-MM-DD…'), or ZJ_DATE_NONE. */
zj_date sqlmodel_col_date(sqlite3_stmt *st, int i);

/* The screening's emitter: lead_sink_emit((lead_sink *)arg, lead). */
int sqlmodel_emit_to_sink(void *arg, const zj_lead *lead);

#endif
