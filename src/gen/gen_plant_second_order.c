/*
 * gen_plant_second_order.c — the planted cases of the second-order family
 * (src/models/m_second_order.c): DUTY-01, one officer behind the leads of several
 * persons. Each person of a slot is also a CHG-01 plant (a commutation before its start
 * time); the plant shares one officer across 3 persons, the near miss across 2. Planted
 * persons of the other scenarios carry no officer ids.
 */
#include "gen/gen_plant_int.h"

/* DUTY-01 plants: plant k uses officer 2·(k / prisons) of prison k % prisons, its near
 * miss the next officer; at most 4 officers of a prison carry planted leads, so the
 * facility median stays 0. Returns 1 when the slot has an officer (k small enough). */
static int duty_officer(struct gen_ctx *g, const struct gen_slot *s, int *fac, int *n)
{
    const struct gen_wprov *wp = &g->w.prov[0];
    if (s->k >= 2 * wp->nprisons)
        return 0;
    *fac = wp->prisons[s->k % wp->nprisons];
    *n = 2 * (s->k / wp->nprisons) + s->near;
    return 1;
}

static void duty01_config(const struct plant *x, struct gs_cfg *cfg)
{
    const struct gen_wprov *wp = &x->g->w.prov[0];
    cfg->tm = 96;
    plant_anchor_admit(cfg, x->g->as_of - 800);
    cfg->prison = wp->prisons[x->s->k % wp->nprisons];
}

/* CHG-01's first variant: proposed before add_months(admission, 18), by the officer. */
static void duty01_changes(const struct plant *x)
{
    struct gp *p = x->p;
    zj_date prop = date_add_months(p->A, 18) - 40 - x->member;
    struct gp_chg *c = plant_comm(x->g, p, x->r, prop, 6, 0, LAW_REPENTANCE);
    if (c && duty_officer(x->g, x->s, &c->officer_fac, &c->officer_n))
        c->officer_fac = p->exec_fac;
}

static void duty01_records(const struct plant *x)
{
    struct gen_ctx *g = x->g;
    plant_answer(g, 0, M_CHG01, "X%08ld%02d", x->p->idx + 1, 0);
    int of, on;
    if (x->member == 0 && duty_officer(g, x->s, &of, &on)) {
        char oid[32];
        gen_officer_id(&g->w, of, on, oid);
        plant_answer_slot(g, x->s, "%s", oid);
    }
}

/* clang-format off */
const struct gen_plant_scenario plants_second_order[] = {
    {.model = M_DUTY01, .id = "DUTY-01", .width = {{3, 3}, {2, 2}}, .config = duty01_config,
     .changes = duty01_changes, .records = duty01_records},
    {0},
};
/* clang-format on */
