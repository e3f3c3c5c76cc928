/*
 * catalog.c — the built-in model catalog, concatenated from per-family arrays.
 *
 * How to add a family of models:
 *   1. write src/models/m_<family>.c defining
 *        const model_def models_<family>[] = { { "ID", "名称", "family", "severity",
 *            "basis", "subject", "{params json}", run_person, run_set }, …, { 0 } };
 *      (terminated by a zero row; run_person or run_set may be NULL, not both);
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

/* What the built-in per-person models read (judgments, custody and changes are always
 * loaded: the law core needs them for every judgment). A per-person model missing here
 * gets the whole timeline. */
#define BASE (TL_BIT(TL_PERSONS) | TL_BIT(TL_JUDGMENTS) | TL_BIT(TL_CUSTODY) | TL_BIT(TL_CHANGES))
static const struct {
    const char *id;
    unsigned parts;
} timeline_parts[] = {
    {"DEL-01", BASE | TL_BIT(TL_DEATHS)},
    {"DEL-02", BASE | TL_BIT(TL_DEATHS)},
    {"DEL-03", BASE},
    {"EXE-01", BASE},
    {"EXE-02", BASE},
    {"EXE-03", BASE},
    {"PAP-01", BASE | TL_BIT(TL_ACTIVITIES)},
    {"PAP-02", BASE | TL_BIT(TL_ACTIVITIES)},
    {"CHG-01", BASE | TL_BIT(TL_MEDICAL)},
    {"CHG-02", BASE | TL_BIT(TL_MEDICAL)},
    {"CHG-03", BASE | TL_BIT(TL_MEDICAL)},
    {"CHG-04", BASE | TL_BIT(TL_MEDICAL)},
    {"CHG-05", BASE | TL_BIT(TL_MEDICAL)},
    {"CHG-06", BASE | TL_BIT(TL_MEDICAL)},
    {"CHG-07", BASE | TL_BIT(TL_MEDICAL)},
    {"CHG-08", BASE | TL_BIT(TL_PROPERTY) | TL_BIT(TL_PAYMENTS)},
    {"CHG-09", BASE | TL_BIT(TL_PROPERTY) | TL_BIT(TL_PAYMENTS)},
    {"CHG-10", BASE | TL_BIT(TL_SCORES) | TL_BIT(TL_RESTRAINTS)},
    {"CHG-11", BASE | TL_BIT(TL_MERITS) | TL_BIT(TL_RESTRAINTS)},
    {"CHG-12", BASE | TL_BIT(TL_MEDICAL) | TL_BIT(TL_ACTIVITIES) | TL_BIT(TL_CORRECTIONS) |
                   TL_BIT(TL_DEATHS)},
    {"CHG-13", BASE | TL_BIT(TL_MEDICAL) | TL_BIT(TL_SCORES) | TL_BIT(TL_RESTRAINTS) |
                   TL_BIT(TL_PROPERTY) | TL_BIT(TL_PAYMENTS)},
    {"CHG-14", BASE | TL_BIT(TL_MEDICAL)},
    {"REC-01", BASE | TL_BIT(TL_MEDICAL)},
    {"PR-01", BASE | TL_BIT(TL_VOTERS) | TL_BIT(TL_DEATHS)},
    {"CC-01", BASE | TL_BIT(TL_CORRECTIONS) | TL_BIT(TL_DEATHS)},
    {"CC-02", BASE | TL_BIT(TL_CORRECTIONS) | TL_BIT(TL_CC_EVENTS) | TL_BIT(TL_DEATHS)},
    {"CC-03", BASE | TL_BIT(TL_CORRECTIONS) | TL_BIT(TL_CC_EVENTS) | TL_BIT(TL_DEATHS)},
    {"CC-05", BASE | TL_BIT(TL_CORRECTIONS) | TL_BIT(TL_CC_EVENTS) | TL_BIT(TL_DEATHS)},
    {"CC-06", BASE | TL_BIT(TL_CORRECTIONS) | TL_BIT(TL_DEATHS)},
    {"CUS-03", BASE | TL_BIT(TL_RESTRAINTS) | TL_BIT(TL_DEATHS)},
};

unsigned catalog_timeline_parts(const char *id)
{
    for (size_t i = 0; id && i < sizeof(timeline_parts) / sizeof(*timeline_parts); i++)
        if (!strcmp(timeline_parts[i].id, id))
            return timeline_parts[i].parts;
    return TL_ALL;
}

/* Set-based models scoped to temp.screen_scope in incremental runs (see catalog.h). */
static const char *const scoped_set_models[] = {
    "CC-04", "PROP-01", "PROP-02",
    "CUS-01", "CUS-02", "CUS-04", NULL,
};

bool catalog_set_scoped(const char *id)
{
    for (size_t i = 0; id && scoped_set_models[i]; i++)
        if (!strcmp(scoped_set_models[i], id))
            return true;
    return false;
}
