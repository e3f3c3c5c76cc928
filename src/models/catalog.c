/*
 * catalog.c — the built-in model catalog, concatenated from per-family arrays.
 *
 * How to add a family of models:
 *   1. write src/models/m_<family>.c defining
 *        const model_def models_<family>[] = { { "ID", "名称", "family", "severity",
 *            "basis", "subject", "{params json}", run_person, run_set }, …, { 0 } };
 *      (terminated by a zero row; run_person or run_set may be NULL, not both);
 *   2. add `extern const model_def models_<family>[];` below and its name to `families`.
 * The engine then runs the new models in every screening; `zhijian models` lists them.
 */
#include "models/catalog.h"

#include <pthread.h>
#include <string.h>

#include "util/xalloc.h"

extern const model_def models_delivery[];
extern const model_def models_changes[];
extern const model_def models_recidivism[];
extern const model_def models_community[];
extern const model_def models_political[];
extern const model_def models_property[];
extern const model_def models_conditions[];
extern model_def models_user[]; /* model files (user_catalog.c), filled by user_models_init() */
extern const model_def models_second_order[]; /* last: DUTY-01 reads the other leads */
void user_models_init(void);

static const model_def *const families[] = {
    models_delivery,
    models_changes,
    models_recidivism,
    models_community,
    models_political,
    models_property,
    models_conditions,
    models_user,
    models_second_order,
};

static model_def *all;
static size_t n_all;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void build(void)
{
    user_models_init(); /* load the models directory into models_user first */
    size_t n = 0;
    for (size_t f = 0; f < sizeof(families) / sizeof(*families); f++)
        for (const model_def *m = families[f]; m->id; m++)
            n++;
    all = xcalloc(n + 1, sizeof(*all));
    for (size_t f = 0; f < sizeof(families) / sizeof(*families); f++)
        for (const model_def *m = families[f]; m->id; m++)
            all[n_all++] = *m;
}

const model_def *catalog_models(size_t *n)
{
    pthread_once(&once, build);
    *n = n_all;
    return all;
}

const model_def *catalog_find(const char *id)
{
    size_t n;
    const model_def *m = catalog_models(&n);
    for (size_t i = 0; id && i < n; i++)
        if (!strcmp(m[i].id, id))
            return &m[i];
    return NULL;
}
