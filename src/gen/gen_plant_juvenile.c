/*
 * gen_plant_juvenile.c — the planted cases of the juvenile family
 * (src/models/m_juvenile.c): JUV-01, a sealed juvenile record (刑事诉讼法第286条) given out
 * on a record query. The readings are listed in README.md.
 */
#include "gen/gen_plant_int.h"

#include <stdio.h>

/* J-01 (sealed juvenile records), 4 variants (k % 4): 0 a juvenile judgment of 3 years;
 * 1 two juvenile judgments (prior at 16, main at 17½); 2 a juvenile prior and an adult
 * judgment (main at 19½); 3 the main offense on the 18th birthday with 60 months (near:
 * the day after it, or 61 months). */
static void juv01_config(const struct plant *x, struct gs_cfg *cfg)
{
    int near = x->s->near, k = x->s->k;
    cfg->detain = x->g->as_of - 700 - 40 * (k % 5);
    cfg->pre_days = 90;
    cfg->age = 16;
    if (k % 4 == 1 || k % 4 == 2) {
        cfg->birth = date_add_months(cfg->detain, -(k % 4 == 1 ? 17 * 12 + 6 : 19 * 12 + 6));
        cfg->prior = 3;
    } else if (k % 4 == 3) {
        cfg->tm = near && k % 8 == 7 ? 61 : 60;
        cfg->birth18 = near && k % 8 == 3 ? 2 : 1;
    }
}

/* The juvenile prior: a 12-month term from about 16. */
static zj_date juv01_prior(const struct plant *x)
{
    return date_add_months(x->p->birth, 16 * 12 + 13);
}

/* The record query of the slot. The plant: an employer (or school, individual) received
 * the record on a day it was sealed — the first day (variant 0), after two juvenile
 * judgments (1), the last day before the adult judgment took effect (2), after an offense
 * on the 18th birthday sentenced to 60 months (3). The near miss: the day before the
 * sealing began (0, the opening end), a police case query (J-02) (1), the day the adult
 * judgment took effect (2), an offense the day after the 18th birthday or 61 months (3). */
static void juv01_records(const struct plant *x)
{
    static const char *const kinds[] = {"employer", "school", "individual", "other_unit"};
    static const char *const who[] = {"某某科技有限公司", "某某职业技术学校", "本人",
                                      "某某物业服务中心"};
    struct gen_ctx *g = x->g;
    struct gp *p = x->p;
    int v = x->s->k % 4, near = x->s->near;
    zj_date d = p->j.eff + 40;
    const char *kind = kinds[v], *req = who[v];
    if (v == 0)
        d = p->j.eff - (near ? 1 : 0);
    else if (v == 1 && near)
        kind = "police_case", req = "某某派出所";
    else if (v == 2)
        d = p->j.eff - (near ? 0 : 1);
    if (d > g->as_of)
        d = g->as_of;
    char qid[32];
    snprintf(qid, sizeof qid, "RQ%08ld%d", p->idx + 1, near);
    gen_row(&g->out, F_RQ, "%s,%s,%s,%s,%s,1,,%s", qid, p->idn, kind, req, gen_d(d),
            g->w.fac[g->w.county[p->county].police].id);
    plant_answer_slot(g, x->s, "%s", qid);
}

/* clang-format off */
const struct gen_plant_scenario plants_juvenile[] = {
    /* k % 4 == 0: the near miss the day before the sealing began */
    {.model = M_JUV01, .id = "JUV-01", .open_every = 4, .config = juv01_config,
     .prior = juv01_prior, .records = juv01_records},
    {0},
};
/* clang-format on */
