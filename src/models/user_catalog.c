/*
 * user_catalog.c — the user model family of the catalog: models_user[] (listed in
 * catalog.c's families) is filled once from the models directory (user_models_dir()) by
 * user_models_init(), which catalog.c calls before it copies the families.
 */
#include "models/user_models.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "models/families.h"

/* Zero rows until user_models_init() ran; always zero-terminated. */
model_def models_user[USER_MODELS_MAX + 1];

static bool builtin_id(const char *id)
{
    const model_def *const fams[] = {models_delivery,   models_changes,     models_recidivism,
                                     models_community,  models_political,   models_property,
                                     models_conditions, models_second_order};
    for (size_t f = 0; f < sizeof fams / sizeof *fams; f++)
        for (const model_def *m = fams[f]; m->id; m++)
            if (!strcmp(m->id, id))
                return true;
    return false;
}

static sqlite3 *init_schema; /* the schema of the first load, under init_lock */
static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;

static void init_once(void)
{
    model_def *defs = NULL;
    size_t n = 0, k = 0;
    if (user_models_load_with(init_schema, user_models_dir(), &defs, &n, stderr) < 0)
        return;
    for (size_t i = 0; i < n; i++) {
        if (builtin_id(defs[i].id)) {
            fprintf(stderr, "%s:1: model id '%s' is a built-in model; file skipped\n",
                    user_models_source(defs[i].id), defs[i].id);
            model_def *one = malloc(sizeof *one);
            if (one) {
                *one = defs[i];
                user_models_free(one, 1);
            }
            continue;
        }
        models_user[k++] = defs[i];
    }
    free(defs); /* the rows' strings belong to the loaded slots, kept for the process */
}

void user_models_init_with(sqlite3 *db)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_mutex_lock(&init_lock);
    init_schema = db;
    pthread_once(&once, init_once);
    init_schema = NULL;
    pthread_mutex_unlock(&init_lock);
    user_models_ensure_indexes(db, stderr);
}

void user_models_init(void)
{
    user_models_init_with(NULL);
}
