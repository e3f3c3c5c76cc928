/*
 * gen_plant.c — planted irregularities (answers.csv) and near misses (near_misses.csv)
 * for every model of spec/models.md: the table of scenarios, its dispatch, and the
 * helpers the scenarios share (gen_plant_int.h; the scenarios themselves are in
 * gen_plant_<family>.c). Each scenario starts from a lawful background person and bends
 * one fact; a near miss sits exactly on the last lawful day (or the last lawful amount) of
 * the same limit, so a model reading the limit as written stays silent; for the models that
 * count facts inside a period (PAP-01, PAP-02, CHG-12, REC-01, JUV-01, CUS-01, CUS-02) a
 * variant sits the day before the period opens (tagged `open` in near_miss_ends.csv). The
 * readings chosen where models.md is ambiguous are listed in README.md. Planted persons
 * carry no officer ids (so they cannot feed DUTY-01 by accident), except the DUTY-01
 * scenario, which shares one officer across three CHG-01 plants.
 */
#include "gen/gen_plant_int.h"

#include "gen/gen_noise.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The table: the rows of every family (gen_plant_int.h), indexed by model on first use. */
static const struct gen_plant_scenario *const families[] = {
    plants_delivery,   plants_changes,    plants_community,    plants_political, plants_property,
    plants_recidivism, plants_conditions, plants_second_order, plants_juvenile,  plants_safety,
};

static const struct gen_plant_scenario *by_model[M_NMODELS];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void table_fail(const char *what, int model)
{
    fprintf(stderr, "gen: planted scenario table: %s (model %d)\n", what, model);
    abort();
}

/* Index the rows by model: each model of gen_plant.h has exactly one, with a lay step when
 * it is a custody-safety model and only then. */
static void build(void)
{
    for (size_t f = 0; f < sizeof families / sizeof *families; f++)
        for (const struct gen_plant_scenario *row = families[f]; row->id; row++) {
            if (row->model < 0 || row->model >= M_NMODELS)
                table_fail("model out of range", row->model);
            if (by_model[row->model])
                table_fail("two rows for one model", row->model);
            if ((row->model >= M_NSCHEDULED) != (row->lay != NULL))
                table_fail("lay is the step of the custody-safety models alone", row->model);
            by_model[row->model] = row;
        }
    for (int m = 0; m < M_NMODELS; m++)
        if (!by_model[m])
            table_fail("no row", m);
}

static const struct gen_plant_scenario *scenario(int model)
{
    pthread_once(&once, build);
    return by_model[model];
}

const char *gen_plant_id(int model)
{
    return scenario(model)->id;
}

int gen_plant_width(int model, int near, int k)
{
    int w = scenario(model)->width[near != 0][k % 2];
    return w ? w : 1;
}

int gen_plant_codefendants(int model)
{
    return scenario(model)->codefendants;
}

int gen_plant_lay(int model, struct safety_plant *x, int k, int near)
{
    return scenario(model)->lay(x, model, k, near);
}

void gen_plant_config(struct gen_ctx *g, const struct gen_slot *s, int member, struct gp *p,
                      struct gs_cfg *cfg)
{
    const struct gen_plant_scenario *row = scenario(s->model);
    struct plant x = {g, s, member, p, NULL};
    if (row->config)
        row->config(&x, cfg);
}

zj_date gen_plant_prior(struct gen_ctx *g, const struct gen_slot *s, int member, struct gp *p)
{
    const struct gen_plant_scenario *row = scenario(s->model);
    struct plant x = {g, s, member, p, NULL};
    return row->prior ? row->prior(&x) : ZJ_DATE_NONE;
}

void gen_plant_changes(struct gen_ctx *g, const struct gen_slot *s, int member, struct gp *p,
                       struct gen_rng *r)
{
    const struct gen_plant_scenario *row = scenario(s->model);
    struct plant x = {g, s, member, p, r};
    if (row->changes)
        row->changes(&x);
}

void gen_plant_records(struct gen_ctx *g, const struct gen_slot *s, int member, struct gp *p,
                       struct gen_rng *r)
{
    const struct gen_plant_scenario *row = scenario(s->model);
    struct plant x = {g, s, member, p, r};
    if (row->records)
        row->records(&x);
}

/* ---- answer key ---------------------------------------------------------------------- */

static void answer_v(struct gen_ctx *g, int near, int model, const char *end, const char *fmt,
                     va_list ap) __attribute__((format(printf, 5, 0)));
static void answer_v(struct gen_ctx *g, int near, int model, const char *end, const char *fmt,
                     va_list ap)
{
    FILE *f = near ? g->out.near : g->out.answers;
    const char *id = gen_plant_id(model);
    char subject[64];
    vsnprintf(subject, sizeof subject, fmt, ap);
    fprintf(f, "%s,%s\n", id, subject);
    if (near)
        gen_near_end(g, id, subject, end);
    if (near)
        g->near++;
    else
        g->answers++;
}

void plant_answer(struct gen_ctx *g, int near, int model, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    answer_v(g, near, model, "close", fmt, ap);
    va_end(ap);
}

void plant_near_open(struct gen_ctx *g, int model, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    answer_v(g, 1, model, "open", fmt, ap);
    va_end(ap);
}

int plant_opens(const struct gen_slot *s)
{
    const struct gen_plant_scenario *row = scenario(s->model);
    return s->near && row->open_every && s->k % row->open_every == row->open_at;
}

void plant_answer_slot(struct gen_ctx *g, const struct gen_slot *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    answer_v(g, s->near, s->model, plant_opens(s) ? "open" : "close", fmt, ap);
    va_end(ap);
}

/* ---- dates --------------------------------------------------------------------------- */

void plant_anchor_admit(struct gs_cfg *cfg, zj_date A)
{
    cfg->detain = A - PLANT_ADMIT_AFTER;
    cfg->admit = A;
}

zj_date plant_detain_for_end(int m, zj_date end)
{
    zj_date D = date_add_months(end + 1, -m);
    while (date_add_months(D, m) - 1 > end)
        D--;
    while (date_add_months(D, m) - 1 < end)
        D++;
    return D;
}

zj_date plant_months_before(zj_date target, int n)
{
    zj_date x = date_add_months(target, -n);
    while (date_add_months(x, n) < target)
        x++;
    while (date_add_months(x - 1, n) >= target)
        x--;
    return x;
}

void plant_probation(struct gs_cfg *cfg, zj_date eff)
{
    cfg->tm = 12;
    cfg->prob = 24;
    cfg->eff = eff;
}

/* ---- records ------------------------------------------------------------------------- */

struct gp_chg *plant_comm(struct gen_ctx *g, struct gp *p, struct gen_rng *r, zj_date prop, int rm,
                          int rd, int grounds)
{
    struct gp_chg *c = gs_add_chg(g, p, r, LAW_CHG_COMMUTATION, prop, prop + 20);
    if (c) {
        c->rm = rm;
        c->rd = rd;
        c->grounds = grounds;
    }
    return c;
}

struct gp_med *plant_diagnosis(struct gen_ctx *g, struct gp *p, int k, zj_date prop)
{
    const struct gen_wprov *wp = &g->w.prov[g->w.county[p->county].prov];
    struct gp_med *m = &p->md[p->nmd++];
    m->hosp = wp->chosp;
    m->kind = 0;
    m->disease = (int)(k % gen_n_diseases);
    m->item = m->disease;
    m->d = prop - 30;
    return m;
}

void plant_temp_outside(struct gen_ctx *g, struct gp *p, struct gen_rng *r, zj_date prop,
                        int grounds)
{
    struct gp_chg *c = gs_add_chg(g, p, r, LAW_CHG_TEMP_OUTSIDE, prop, prop + 20);
    if (c) {
        c->grounds = grounds;
        c->exam = grounds == LAW_MEDICAL ? 0 : -1;
    }
}

static void clear_solitary_month_bonus(struct gp *p, zj_date s, zj_date e)
{
    for (int i = 0; i < p->nsc; i++) {
        zj_date m = p->sc[i].month, me = date_add_months(m, 1) - 1;
        if (s <= me && e >= m) {
            p->sc[i].bonus = 0;
            if (!p->sc[i].penalty)
                p->sc[i].penalty = 3;
        }
    }
}

struct gp_restr *plant_restraint(struct gp *p, int fac, int kind, zj_date s, zj_date e,
                                 const char *why)
{
    if (p->nrs >= GP_MAXMISC)
        return NULL;
    struct gp_restr *x = &p->rs[p->nrs++];
    x->fac = fac;
    x->kind = kind;
    x->start = s;
    x->end = e;
    x->officer = -1;
    snprintf(x->reason, sizeof x->reason, "%s", why);
    if (kind == RK_SOLITARY)
        clear_solitary_month_bonus(p, s, e);
    return x;
}

void plant_checkins_until(struct gen_ctx *g, struct gp *p, int ci, zj_date to)
{
    int w = 0;
    for (int i = 0; i < p->ncev; i++)
        if (!(p->cev[i].cc == ci && p->cev[i].kind == 0))
            p->cev[w++] = p->cev[i];
    p->ncev = w;
    struct gp_corr *c = &p->cc[ci];
    zj_date d;
    for (d = c->start; d <= to && p->ncev < GP_MAXCCEV - 8; d += 7) {
        struct gp_ccev *e = &p->cev[p->ncev++];
        memset(e, 0, sizeof *e);
        e->cc = ci;
        e->d = d;
        e->kind = 0;
        snprintf(e->region, sizeof e->region, "%s", g->w.fac[c->agency].region);
    }
    if (d - 7 != to && p->ncev < GP_MAXCCEV) {
        struct gp_ccev *e = &p->cev[p->ncev++];
        memset(e, 0, sizeof *e);
        e->cc = ci;
        e->d = to;
        snprintf(e->region, sizeof e->region, "%s", g->w.fac[c->agency].region);
    }
}

void plant_ccev(struct gp *p, int ci, zj_date d, int kind, const char *region, const char *detail)
{
    if (p->ncev >= GP_MAXCCEV)
        return;
    struct gp_ccev *e = &p->cev[p->ncev++];
    memset(e, 0, sizeof *e);
    e->cc = ci;
    e->d = d;
    e->kind = kind;
    snprintf(e->region, sizeof e->region, "%s", region ? region : "");
    snprintf(e->detail, sizeof e->detail, "%s", detail ? detail : "");
}
