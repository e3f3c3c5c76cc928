/*
 * gen_plant_community.c — the planted cases of the community family
 * (src/models/m_community.c): CC-01 … CC-06, community correction (社区矫正) of probation
 * and of temporary execution outside prison. The readings are listed in README.md.
 */
#include "gen/gen_plant_int.h"

#include <string.h>

static void cc_config(const struct plant *x, struct gs_cfg *cfg)
{
    plant_probation(cfg, x->g->as_of - (x->s->model == M_CC01 ? 200 : 300));
}

/* A region of another city of the person's province (first 4 digits differ). */
static const char *other_city_region(struct gen_ctx *g, const struct gp *p)
{
    const struct gen_wcounty *me = &g->w.county[p->county];
    for (int i = 0; i < g->w.ncounty; i++)
        if (g->w.county[i].prov == me->prov && strncmp(g->w.county[i].c->code, me->c->code, 4))
            return g->w.county[i].c->code;
    return "110101";
}

/* CC-01, CC-02, CC-03, CC-05, CC-06: bend the probation's correction, answer it. */
static void cc_records(const struct plant *x)
{
    struct gen_ctx *g = x->g;
    struct gp *p = x->p;
    zj_date as_of = g->as_of;
    int near = x->s->near, m = x->s->model;
    if (p->ncc == 0)
        return;
    struct gp_corr *c = &p->cc[0];
    const char *reg = g->w.fac[c->agency].region;
    if (m == M_CC01) {
        c->report = c->order + (near ? 10 : 15);
        c->start = c->report;
        plant_checkins_until(g, p, 0, c->end < as_of ? c->end : as_of);
    } else if (m == M_CC02) {
        plant_checkins_until(g, p, 0, near ? as_of - 10 : as_of - 20);
        if (!near && x->s->k % 2 == 1)
            plant_ccev(p, 0, as_of - 19, 4, reg, "失去联系");
    } else if (m == M_CC03) {
        plant_ccev(p, 0, as_of - 90, 2, reg, "未按规定报告");
        plant_ccev(p, 0, as_of - 60, 2, reg, "未经批准离开居住地");
        if (near)
            plant_ccev(p, 0, as_of - 30, 9, reg, "提请撤销缓刑");
    } else if (m == M_CC05) {
        const char *other = other_city_region(g, p);
        if (near) {
            plant_ccev(p, 0, as_of - 45, 5, reg, "经批准外出就医");
            plant_ccev(p, 0, as_of - 40, 6, reg, "");
        }
        plant_ccev(p, 0, as_of - 40, 1, other, "");
    } else if (m == M_CC06) {
        c->end = near ? as_of - 1 : as_of - 20;
        c->status = CS_ACTIVE;
        c->status_date = c->start;
        plant_checkins_until(g, p, 0, as_of - 3);
    }
    plant_answer_slot(g, x->s, "K%08ld%d", p->idx + 1, 0);
}

/* CC-04: a medical parole (暂予监外执行) whose reviews stop, or find the disease off the
 * list (T-03). */
static void cc04_config(const struct plant *x, struct gs_cfg *cfg)
{
    cfg->tm = 60;
    plant_anchor_admit(cfg, x->g->as_of - 600);
}

static void cc04_changes(const struct plant *x)
{
    struct gp *p = x->p;
    zj_date prop = p->A + 200;
    plant_diagnosis(x->g, p, x->s->k, prop);
    plant_temp_outside(x->g, p, x->r, prop, LAW_MEDICAL);
}

static void cc04_records(const struct plant *x)
{
    struct gen_ctx *g = x->g;
    struct gp *p = x->p;
    zj_date as_of = g->as_of;
    int near = x->s->near;
    if (p->ncc == 0)
        return;
    struct gp_corr *c = &p->cc[0];
    const char *reg = g->w.fac[c->agency].region;
    /* drop all reviews, then lay them out again */
    int w = 0;
    for (int i = 0; i < p->ncev; i++)
        if (p->cev[i].kind != 7)
            p->cev[w++] = p->cev[i];
    p->ncev = w;
    w = 0;
    for (int i = 0; i < p->nmd; i++)
        if (p->md[i].kind == 0)
            p->md[w++] = p->md[i];
    p->nmd = w;
    zj_date d = c->order + 80;
    zj_date stop = near ? as_of : as_of - 200;
    int ended = x->s->k % 2 == 1; /* T-03: a review finds the disease off the list */
    if (ended)
        stop = as_of;
    int n = 0;
    while (d <= stop && p->nmd < GP_MAXSC / 4) {
        struct gp_med *y = &p->md[p->nmd++];
        y->hosp = g->w.prov[g->w.county[p->county].prov].city[g->w.county[p->county].city].hosp;
        y->d = d;
        y->kind = 1;
        y->disease = p->md[0].disease;
        y->item = p->md[0].item;
        plant_ccev(p, 0, d, 7, reg, "病情复查结论：仍符合");
        n++;
        d = (near && n == 1 && !ended) ? date_add_months(d, 3) + 15 : d + 85;
        if (ended && d > as_of - (near ? 30 : 60)) {
            /* the last review: no longer on the severe-disease list */
            y = &p->md[p->nmd++];
            y->hosp = p->md[p->nmd - 2].hosp;
            y->d = as_of - (near ? 30 : 60);
            y->kind = 1;
            y->disease = p->md[0].disease;
            y->item = -1;
            plant_ccev(p, 0, y->d, 7, reg, "病情复查结论：已不符合保外就医条件");
            break;
        }
    }
    plant_answer_slot(g, x->s, "K%08ld%d", p->idx + 1, 0);
}

/* clang-format off */
const struct gen_plant_scenario plants_community[] = {
    {.model = M_CC01, .id = "CC-01", .config = cc_config, .records = cc_records},
    {.model = M_CC02, .id = "CC-02", .config = cc_config, .records = cc_records},
    {.model = M_CC03, .id = "CC-03", .config = cc_config, .records = cc_records},
    {.model = M_CC04, .id = "CC-04", .config = cc04_config, .changes = cc04_changes,
     .records = cc04_records},
    {.model = M_CC05, .id = "CC-05", .config = cc_config, .records = cc_records},
    {.model = M_CC06, .id = "CC-06", .config = cc_config, .records = cc_records},
    {0},
};
/* clang-format on */
