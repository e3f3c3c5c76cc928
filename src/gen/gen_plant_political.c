/*
 * gen_plant_political.c — the planted cases of the political family
 * (src/models/m_political.c): PR-01, voting or standing for election while deprived of
 * political rights (剥夺政治权利). The readings are listed in README.md.
 */
#include "gen/gen_plant_int.h"

#include <stdio.h>

static void pr01_config(const struct plant *x, struct gs_cfg *cfg)
{
    zj_date as_of = x->g->as_of;
    cfg->charge = gs_charge_index("抢劫罪");
    cfg->tm = 36;
    cfg->no_dpr = 0;
    cfg->dpr = 12;
    cfg->detain = plant_detain_for_end(36, x->s->near ? as_of - 500 : as_of - 200);
    cfg->admit = cfg->detain + PLANT_ADMIT_AFTER;
}

static void pr01_records(const struct plant *x)
{
    struct gp *p = x->p;
    int k = x->s->k;
    p->nvt = 0;
    zj_date dpr_end = date_add_months(p->te0 + 1, p->j.dpr) - 1;
    struct gp_vote *v = &p->vt[p->nvt++];
    v->d = x->s->near ? dpr_end + 1 : p->te0 + 100;
    snprintf(v->region, sizeof v->region, "%s", x->g->w.county[p->county].c->code);
    /* k % 3: 0 registered and voted; 1 stood as a candidate; 2 elected (neither
     * registered nor voting: the candidate/elected columns alone make the lead) */
    v->reg = k % 3 == 0;
    v->voted = k % 3 == 0;
    v->cand = k % 3 != 0;
    v->elected = k % 3 == 2;
    plant_answer_slot(x->g, x->s, "T%08ld%02d", p->idx + 1, 0);
}

/* clang-format off */
const struct gen_plant_scenario plants_political[] = {
    {.model = M_PR01, .id = "PR-01", .config = pr01_config, .records = pr01_records},
    {0},
};
/* clang-format on */
