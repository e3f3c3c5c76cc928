/*
 * gen_plant_delivery.c — the planted cases of the delivery family (src/models/m_delivery.c):
 * DEL-01 … DEL-03 (delivery to prison), EXE-01 … EXE-03 (term and release), PAP-01 and
 * PAP-02 (paper imprisonment). The readings are listed in README.md.
 */
#include "gen/gen_plant_int.h"

#include <stdio.h>
#include <string.h>

/* DEL-01, PAP-02: on bail from before the judgment, never admitted. */
static void config_at_large(struct gs_cfg *cfg)
{
    cfg->bail = 1;
    cfg->no_admit = 1;
    cfg->pre_days = 120;
}

static void del01_config(const struct plant *x, struct gs_cfg *cfg)
{
    zj_date as_of = x->g->as_of;
    config_at_large(cfg);
    if (x->s->k % 2 == 1) {
        /* 拘役, executed by the detention centre (D-02): released on bail 5 days after
         * detention (changes_at_large) and never delivered */
        cfg->charge = gs_charge_index("危险驾驶罪");
        cfg->pen = LAW_CRIMINAL_DETENTION;
        cfg->tm = 6;
        cfg->pre_days = 20;
    }
    cfg->eff = x->s->near ? plant_months_before(as_of, 1) - 3 : as_of - 60;
}

static void del02_config(const struct plant *x, struct gs_cfg *cfg)
{
    zj_date as_of = x->g->as_of;
    cfg->no_admit = 1;
    cfg->bail = -1;
    cfg->eff = x->s->near ? plant_months_before(as_of, 1) - 3 : as_of - 70;
}

static void del03_config(const struct plant *x, struct gs_cfg *cfg)
{
    zj_date A = x->g->as_of - 200;
    plant_anchor_admit(cfg, A);
    const struct gen_wprov *wp = &x->g->w.prov[0];
    cfg->prison = wp->prisons[0];
    if (x->s->near) {
        zj_date b = date_add_months(A - 1, -216);
        while (date_add_months(b, 216) > A - 1)
            b--;
        while (date_add_months(b, 216) < A - 1)
            b++;
        cfg->birth = b;
    } else {
        cfg->birth = date_add_months(A, -12 * 17) - 100;
    }
}

static void exe01_config(const struct plant *x, struct gs_cfg *cfg)
{
    zj_date as_of = x->g->as_of;
    cfg->tm = 24;
    cfg->detain = plant_detain_for_end(24, x->s->near ? as_of - 1 : as_of - 20);
    cfg->admit = cfg->detain + PLANT_ADMIT_AFTER;
}

static void exe02_config(const struct plant *x, struct gs_cfg *cfg)
{
    cfg->tm = 36;
    cfg->bail = x->s->near ? -1 : 1;
    cfg->pre_days = 150;
    cfg->eff = x->g->as_of - 200;
}

static void exe03_config(const struct plant *x, struct gs_cfg *cfg)
{
    cfg->tm = 24;
    cfg->detain = plant_detain_for_end(24, x->g->as_of - 100);
    cfg->admit = cfg->detain + PLANT_ADMIT_AFTER;
}

static void pap01_config(const struct plant *x, struct gs_cfg *cfg)
{
    cfg->tm = 60;
    plant_anchor_admit(cfg, x->g->as_of - 400);
}

static void pap02_config(const struct plant *x, struct gs_cfg *cfg)
{
    zj_date as_of = x->g->as_of;
    config_at_large(cfg);
    cfg->eff = x->s->near && !plant_opens(x->s) ? plant_months_before(as_of, 6) : as_of - 300;
}

/* DEL-01, PAP-02: at large on bail after the judgment. */
static void changes_at_large(const struct plant *x)
{
    struct gp *p = x->p;
    if (p->j.pen == LAW_CRIMINAL_DETENTION && p->D1 != ZJ_DATE_NONE) {
        /* 拘役 plant: bailed 5 days after detention (nothing to drop below) */
        p->B = p->D1 + 5;
        p->bailed = 1;
        gs_add_ev(p, p->B, LAW_EV_BAIL, p->dc, 0, "取保候审");
    }
    /* at large on bail after the judgment: drop the re-detention */
    for (int i = 0; i < p->nev; i++)
        if (p->ev[i].type == LAW_EV_DETAIN && p->ev[i].d == p->D2) {
            memmove(&p->ev[i], &p->ev[i + 1], (size_t)(p->nev - i - 1) * sizeof p->ev[0]);
            p->nev--;
            break;
        }
    p->D2 = ZJ_DATE_NONE;
    p->j.ts_w = p->j.te_w = ZJ_DATE_NONE;
    p->ts = p->te0 = p->tcur = ZJ_DATE_NONE;
}

/* DEL-01, DEL-02 near misses: the delivery deadline (notice + 1 month) falls on as-of. */
static void changes_notice_on_deadline(const struct plant *x)
{
    if (x->s->near)
        x->p->j.notice = plant_months_before(x->g->as_of, 1);
}

static void del01_changes(const struct plant *x)
{
    changes_at_large(x);
    changes_notice_on_deadline(x);
}

static void exe01_changes(const struct plant *x)
{
    x->p->no_release = 1;
}

static void exe02_changes(const struct plant *x)
{
    struct gp *p = x->p;
    if (x->s->near) {
        p->j.te_w = p->te0 + 1;
    } else {
        /* the court forgot the earlier custody period (S-01) */
        p->j.ts_w = p->D2;
        p->j.te_w = date_add_months(p->D2, p->j.tm) - 1;
    }
}

/* DEL-01, DEL-02: no activities after the judgment took effect (that is PAP-02). */
static void del_records(const struct plant *x)
{
    struct gp *p = x->p;
    int w = 0;
    for (int i = 0; i < p->nact; i++)
        if (p->act[i].d < p->j.eff)
            p->act[w++] = p->act[i];
    p->nact = w;
    plant_answer_slot(x->g, x->s, "%s", p->j.id);
}

static void del03_records(const struct plant *x)
{
    struct gp *p = x->p;
    /* alone in a cell, so that no juvenile shares with adults (CUS-01) */
    for (int i = 0; i < p->ncell; i++)
        if (p->cell[i].fac == p->exec_fac)
            snprintf(p->cell[i].cell, sizeof p->cell[i].cell, "单独监室%s-%d", p->pid + 1, i);
    plant_answer_slot(x->g, x->s, "%s", p->j.id);
}

static void judgment_answer(const struct plant *x)
{
    plant_answer_slot(x->g, x->s, "%s", x->p->j.id);
}

static void exe03_records(const struct plant *x)
{
    struct gp *p = x->p;
    zj_date rel = x->s->near ? p->te0 - 1 : p->te0 - 30;
    for (int i = 0; i < p->nev; i++)
        if (p->ev[i].type == LAW_EV_RELEASE && p->ev[i].jref == 1)
            p->ev[i].d = rel;
    for (int i = 0; i < p->ncell; i++)
        if (p->cell[i].end == p->release)
            p->cell[i].end = rel;
    while (p->nsc > 0 && p->sc[p->nsc - 1].month > rel)
        p->nsc--;
    p->nact = 0;
    p->nvt = 0;
    plant_answer_slot(x->g, x->s, "%s", p->j.id);
}

static void pap01_records(const struct plant *x)
{
    struct gen_ctx *g = x->g;
    struct gp *p = x->p;
    int near = x->s->near;
    zj_date d = near ? p->D1 - 1 : p->A + 100;
    int w = 0;
    for (int i = 0; i < p->nact; i++)
        if (p->act[i].d < p->D1 - 1)
            p->act[w++] = p->act[i];
    p->nact = w;
    if (x->s->k % 2 == 1) {
        /* an approved leave (离监探亲) of 4 days: activity on its last day (near miss,
         * out until the leave_end event) or the day after it (plant) */
        zj_date ls = p->A + 100, le = ls + 3;
        int fac = gs_fac_at(p, ls);
        gs_add_ev(p, ls, LAW_EV_LEAVE_START, fac, 1, "离监探亲");
        gs_add_ev(p, le, LAW_EV_LEAVE_END, fac, 1, "探亲返监");
        d = near ? le : le + 1;
    }
    struct gp_act *a = &p->act[p->nact++];
    a->d = d;
    a->kind = 0;
    snprintf(a->region, sizeof a->region, "%s", g->w.county[p->county].c->code);
    /* near miss: the day before the detention, or the day custody resumes (the
     * leave_end): the opening end of a custody interval */
    plant_answer_slot(g, x->s, "W%08ld%02d", p->idx + 1, p->nact - 1);
}

static void pap02_records(const struct plant *x)
{
    struct gen_ctx *g = x->g;
    struct gp *p = x->p;
    int near = x->s->near, open = plant_opens(x->s);
    if (open) {
        /* the opening end: the only activity after the offense on the effective date
         * itself (on bail, before the undelivered interval begins the next day) */
        int w = 0;
        for (int i = 0; i < p->nact; i++)
            if (p->act[i].d < p->j.eff)
                p->act[w++] = p->act[i];
        p->nact = w;
    }
    struct gp_act *a = &p->act[p->nact++];
    a->d = near ? (open ? p->j.eff : p->j.eff + 30) : p->j.eff + 100;
    a->kind = 1;
    snprintf(a->region, sizeof a->region, "%s", g->w.county[p->county].c->code);
    plant_answer_slot(g, x->s, "%s", p->j.id);
    plant_answer(g, 0, M_DEL01, "%s", p->j.id);
}

/* clang-format off */
const struct gen_plant_scenario plants_delivery[] = {
    {.model = M_DEL01, .id = "DEL-01", .config = del01_config, .changes = del01_changes,
     .records = del_records},
    {.model = M_DEL02, .id = "DEL-02", .config = del02_config,
     .changes = changes_notice_on_deadline, .records = del_records},
    {.model = M_DEL03, .id = "DEL-03", .config = del03_config, .records = del03_records},
    {.model = M_EXE01, .id = "EXE-01", .config = exe01_config, .changes = exe01_changes,
     .records = judgment_answer},
    {.model = M_EXE02, .id = "EXE-02", .config = exe02_config, .changes = exe02_changes,
     .records = judgment_answer},
    {.model = M_EXE03, .id = "EXE-03", .config = exe03_config, .records = exe03_records},
    /* every near miss on the opening end of a custody interval */
    {.model = M_PAP01, .id = "PAP-01", .open_every = 1, .config = pap01_config,
     .records = pap01_records},
    /* every 2nd near miss: an activity on the effective date itself */
    {.model = M_PAP02, .id = "PAP-02", .open_every = 2, .open_at = 1, .config = pap02_config,
     .changes = changes_at_large, .records = pap02_records},
    {0},
};
/* clang-format on */
