/*
 * gen_plant_recidivism.c — the planted cases of the recidivism family
 * (src/models/m_recidivism.c): REC-01, recidivism (累犯, 刑法第65、66条) found or missed by
 * the court. The readings are listed in README.md.
 */
#include "gen/gen_plant_int.h"

#include <stdio.h>

/* k % 3 == 2: R-02 (刑法第66条), organised crime before and after */
#define REC01_R02(k) ((k) % 3 == 2)
#define ORGANISED_CRIME "组织、领导、参加黑社会性质组织罪"

static void rec01_config(const struct plant *x, struct gs_cfg *cfg)
{
    int near = x->s->near, k = x->s->k;
    cfg->tm = 36;
    cfg->age = 40;
    plant_anchor_admit(cfg, x->g->as_of - 300);
    cfg->prior = near ? 1 : (k % 2 == 0 ? 1 : -1);
    if (REC01_R02(k)) {
        /* the prior completed more than 5 years before; plant flag 0, near miss
         * flag 1 (no 5-year limit) */
        cfg->charge = gs_charge_index(ORGANISED_CRIME);
        cfg->prior = 2;
    }
}

/* The release date of the prior: for the near misses on the edge of R-01's 5 years. */
static zj_date rec01_prior(const struct plant *x)
{
    struct gp *p = x->p;
    zj_date R = ZJ_DATE_NONE;
    if (plant_opens(x->s)) {
        /* offense on the day the prior was released (the day before R-01's 5 years
         * begin), before the detention for it */
        zj_date held = p->RS != ZJ_DATE_NONE ? p->RS : p->D1;
        if (held != ZJ_DATE_NONE && p->j.off >= held)
            p->j.off = held - 1;
        R = p->j.off;
    } else if (x->s->near && !REC01_R02(x->s->k)) {
        /* offense one day inside the 5 years after release */
        zj_date off = p->j.off;
        R = date_add_months(off + 1, -60);
        while (date_add_months(R, 60) - 1 < off)
            R++;
        while (date_add_months(R, 60) - 1 > off)
            R--;
    }
    return R;
}

static void rec01_records(const struct plant *x)
{
    struct gp *p = x->p;
    int near = x->s->near, k = x->s->k;
    if (REC01_R02(k) && p->has_prior) {
        /* the prior was an organised crime too */
        p->pj.charge = gs_charge_index(ORGANISED_CRIME);
        p->pj.cat = gen_charges[p->pj.charge].cat;
        snprintf(p->pj.charges, sizeof p->pj.charges, "%s", gen_charges[p->pj.charge].name);
        p->j.recid = near ? 1 : 0;
    } else if (plant_opens(x->s)) {
        /* the offense on the day the prior was released (rec01_prior): the 5 years open
         * the day after, so no recidivism, and the court did not find one */
        p->j.recid = 0;
    } else if (near || k % 2 == 0) {
        p->j.recid = near ? 1 : 0;
    } else {
        p->j.recid = 1;
    }
    plant_answer_slot(x->g, x->s, "%s", p->j.id);
}

/* clang-format off */
const struct gen_plant_scenario plants_recidivism[] = {
    /* k % 3 == 1: the near miss on the opening end, the offense on the prior's release day */
    {.model = M_REC01, .id = "REC-01", .open_every = 3, .open_at = 1, .config = rec01_config,
     .prior = rec01_prior, .records = rec01_records},
    {0},
};
/* clang-format on */
