/*
 * catalog.h — the model catalog: every built-in model as one model_def row (model.h).
 * The engine knows models only through this table (no special cases).
 */
#ifndef ZJ_CATALOG_H
#define ZJ_CATALOG_H
#include <stdbool.h>
#include <stddef.h>

#include "models/model.h"

/* The catalog rows, in display order; *n receives the count. Borrowed, static. */
const model_def *catalog_models(size_t *n);

/* The row with this id, or NULL. */
const model_def *catalog_find(const char *id);

/* The timeline parts (TL_BIT(TL_*) of models/timeline.h) the per-person model `id` reads;
 * the engine loads only the parts some running model needs. The row's `parts`, or every
 * part (TL_ALL) when it names none. */
unsigned catalog_timeline_parts(const char *id);

/* Set-based models that restrict themselves, in an incremental screening, to the persons
 * being screened: those listed in the table temp.screen_scope(person_id) that the engine
 * creates on the writer connection (the one in model_ctx) for incremental runs only (the
 * SQL tests `(SELECT count(*) FROM temp.sqlite_master WHERE name = 'screen_scope')`).
 * Their leads are then resolved only within that scope. The rows flagged MODEL_SCOPED. A
 * model may
 * widen the scope (insert persons, sqlmodel_scope_seed; CUS-01/CUS-02 add the other persons
 * of their pairs, or everyone plus temp.screen_scope_all, see m_conditions.c; CUS-05 the
 * aggressors of a changed person's incidents, m_safety.c) when its leads depend on other
 * persons' data: the later scoped models then re-screen those persons too, which gives the
 * same leads. Built-in SQL models mark where the scope applies with comments
 * (sqlmodel_scoped_sql in sqlmodel.h). */
bool catalog_set_scoped(const char *id);

#endif
