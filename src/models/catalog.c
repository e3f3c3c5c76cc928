/*
 * catalog.c — the built-in model catalog, concatenated from per-family arrays.
 *
 * How to add a family of models:
 *   1. write src/models/m_<family>.c defining
 *        const model_def models_<family>[] = { { "ID", "名称", "family", "severity",
 *            "basis", "subject", "{params json}", run_person, run_set, parts, flags }, …,
 *            { 0 } };
 *      (terminated by a zero row; run_person or run_set may be NULL, not both; parts are
 *      the timeline parts run_person reads, TL_BASE | TL_BIT(…); flags MODEL_SCOPED and
 *      MODEL_READS_LEADS for set-based models, model.h);
 *   2. add `extern const model_def models_<family>[];` to families.h and its name to
 *      `families` below.
 * The engine then runs the new models in every screening; `zhijian models` lists them.
 */
#include "models/catalog.h"

#include <pthread.h>
#include <string.h>

#include "models/families.h"
#include "models/timeline.h"
#include "models/user_models.h"
#include "util/xalloc.h"

static const model_def *const families[] = {
    models_delivery,  models_changes,    models_recidivism, models_community,
    models_political, models_property,   models_conditions, models_safety,
    models_juvenile,  models_enterprise, models_user,       models_second_order,
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

unsigned catalog_timeline_parts(const char *id)
{
    const model_def *m = catalog_find(id);
    return m && m->parts ? m->parts : TL_ALL;
}

bool catalog_set_scoped(const char *id)
{
    const model_def *m = catalog_find(id);
    return m && (m->flags & MODEL_SCOPED);
}
