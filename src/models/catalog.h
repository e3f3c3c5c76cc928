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
 * the engine loads only the parts some running model needs. Models not listed in
 * catalog.c's table get every part (TL_ALL). */
unsigned catalog_timeline_parts(const char *id);

/* Set-based models that restrict themselves, in an incremental screening, to the persons
 * being screened: those listed in the table temp.screen_scope(person_id) that the engine
 * creates on the writer connection (the one in model_ctx) for incremental runs only (the
 * SQL tests `(SELECT count(*) FROM temp.sqlite_master WHERE name = 'screen_scope')`).
 * Their leads are then resolved only within that scope. Listed in catalog.c. */
bool catalog_set_scoped(const char *id);

#endif
