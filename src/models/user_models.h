/*
 * user_models.h — user-defined models (spec/models.md "User-defined models"): analysts add
 * a model as a file, without rebuilding. A model file is a `.sql` file of the directory: a header
 * of SQL comments, then one read-only SELECT.
 *
 *   -- id: U-DRIVE-01                      (required; letters, digits, '-', '_')
 *   -- name: 吊销驾驶证后仍驾车              (required)
 *   -- basis: 社区矫正法第23条               (required: rule ids and articles)
 *   -- family: community                   (default "user")
 *   -- severity: medium                    (high | medium | low; default medium)
 *   -- subject: cc_id                      (what the subject column holds; optional)
 *   -- parameters: {"months": 12}          (JSON object; each key bound as :key)
 *   -- index: scores(person_id, month) WHERE bonus_points > 0
 *                                          (optional, repeatable: an index the SQL needs)
 *   SELECT … AS subject, … AS person_id, … AS facility_id, … AS region_code,
 *          … AS summary, … AS evidence [, … AS severity] FROM … WHERE … :as_of …
 *
 * The SELECT sees the whole database, `:as_of` ('YYYY-MM-DD'), its parameters, the law
 * core's (cfg) parameters (`:k02_absence_days` …, see sqlmodel.h), the law core's SQL
 * functions (zj_add_months, zj_age, zj_dpr_end, …) and m2_add_months. Only statements that
 * do not write (sqlite3_stmt_readonly) are accepted.
 *
 * A malformed file (bad header, SQL that does not prepare against the schema, a statement
 * that writes, missing result columns) is reported as "FILE:LINE: reason" and skipped; the
 * other files still load. At screening time a user model whose SQL fails is reported and
 * yields no leads; it never stops the screening.
 */
#ifndef ZJ_USER_MODELS_H
#define ZJ_USER_MODELS_H
#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>

#include "models/model.h"

#define USER_MODELS_MAX 64 /* model files loaded per process */
#define USER_INDEX_MAX 8   /* `-- index:` declarations per file */

/* The models directory: $ZJ_MODELS_DIR when set and not empty, else "./models". */
const char *user_models_dir(void);

/* Load every .sql file of dir (in name order) as a model. On return *out holds *n rows
 * (caller frees with user_models_free) whose run_set runs the file's SQL. Problems are
 * written to err (may be NULL) as "FILE:LINE: reason" and the file is skipped. A missing
 * directory is not an error (no models). Returns the number of files skipped (>= 0), or a
 * negative ZJ_E* code when the directory cannot be read or the schema cannot be built. */
int user_models_load(const char *dir, model_def **out, size_t *n, FILE *err);
/* The same, checking the SQL against the schema of schema (an open zhijian database, its
 * migrations applied), which spares building one in memory; NULL: as user_models_load. */
int user_models_load_with(sqlite3 *schema, const char *dir, model_def **out, size_t *n, FILE *err);

/* Release rows returned by user_models_load (and their run slots). */
void user_models_free(model_def *defs, size_t n);

/* The file a user model came from, or NULL for an id that is not a loaded user model. */
const char *user_models_source(const char *id);

/* The SQL of a loaded user model (its whole file), or NULL for any other id. */
const char *user_models_sql(const char *id);

/* Create in db each index a loaded model file declares (`-- index: TABLE(COLUMNS) [WHERE
 * …]`, named zj_user_<hash of the declaration>) that db does not hold yet; SQLite keeps it
 * up to date from then on (imports write through it). Nothing for a read-only db. Problems
 * are reported on err (may be NULL) and leave the model running without the index. Returns
 * the number of indexes created. */
int user_models_ensure_indexes(sqlite3 *db, FILE *err);

/* For each loaded model file, on out: its declared indexes (present in db or not) and the
 * tables and indexes of db its SQL, with as_of and its parameters bound, reads from the
 * first row to the last (with their size in MB); then the zj_user_ indexes of db that no
 * loaded file declares. Writes nothing to db. Returns the number of model files. */
int user_models_check(sqlite3 *db, zj_date as_of, FILE *out);

/* Load the models directory once into the catalog's user family (models_user[], which
 * catalog.c lists); ids that collide with a built-in model are reported and skipped.
 * Idempotent; called by the catalog before it is first built. */
void user_models_init(void);
/* The same, the files checked against db's schema (user_models_load_with) when this is the
 * first load of the process, then the indexes the files declare created in db
 * (user_models_ensure_indexes); the engine calls it before it reads the catalog. */
void user_models_init_with(sqlite3 *db);

#endif
