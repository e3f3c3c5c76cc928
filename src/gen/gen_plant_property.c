/*
 * gen_plant_property.c — the planted cases of the property family
 * (src/models/m_property.c): PROP-01 (a fine left idle) and PROP-02 (a round of
 * execution ended without an investigation). The readings are listed in README.md.
 */
#include "gen/gen_plant_int.h"

#include <string.h>

static void fine_only_config(const struct plant *x, struct gs_cfg *cfg)
{
    cfg->pen = LAW_FINE_ONLY;
    cfg->tm = 0;
    cfg->eff = x->g->as_of - 500;
}

static void prop_records(const struct plant *x)
{
    struct gp *p = x->p;
    zj_date as_of = x->g->as_of;
    int near = x->s->near;
    p->npr = 0;
    struct gp_prop *e = &p->pr[p->npr++];
    memset(e, 0, sizeof *e);
    e->kind = PK_FINE;
    e->court = p->j.court;
    e->due = 2000000;
    e->filed = p->j.eff + 30;
    if (x->s->model == M_PROP01) {
        e->status = PS_ONGOING;
        e->last = near ? plant_months_before(as_of, 6) : as_of - 250;
        e->sdate = ZJ_DATE_NONE;
    } else {
        e->status = PS_TROUND;
        e->inv = near ? 1 : 0;
        e->unable = 1;
        e->sdate = as_of - 100;
        e->last = e->sdate;
    }
    plant_answer_slot(x->g, x->s, "Q%08ld%d", p->idx + 1, 0);
}

/* clang-format off */
const struct gen_plant_scenario plants_property[] = {
    {.model = M_PROP01, .id = "PROP-01", .config = fine_only_config, .records = prop_records},
    {.model = M_PROP02, .id = "PROP-02", .config = fine_only_config, .records = prop_records},
    {0},
};
/* clang-format on */
