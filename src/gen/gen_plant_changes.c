/*
 * gen_plant_changes.c — the planted cases of the changes family (src/models/m_changes.c):
 * CHG-01 … CHG-14, commutation (减刑), parole (假释) and temporary execution outside prison
 * (暂予监外执行). The readings and variants are listed in README.md.
 */
#include "gen/gen_plant_int.h"

#include "gen/gen_noise.h"

#include <stdio.h>
#include <string.h>

/* CHG-01 variants (k % 9): 0 fixed 8 years (C-01), 1 贪污罪 (strict, C-04), 2 life (C-06,
 * 2 years from the effective date), 3 抢劫罪 life (violent, C-07, 3 years), 4 死缓 → life,
 * then 3 years from that change (C-08), 5 限制减刑 死缓 → life, then 5 years (C-11),
 * 6 fixed 8 years, parole revoked: 18 months from the return to prison (P-06), 7 fixed 8
 * years, a new intentional crime in prison whose judgment took effect before the proposal
 * (C-14; near miss: proposed the day before that judgment took effect), 8 fixed 11 years
 * decided in 2014 under SPC-2012 (law.md §16): 18 months, a general limit (2012年减刑假释
 * 规定第六条; SPC-2016 would want 2 years, so the near miss on the day stays silent only
 * when the decision is judged by the set of its date). */
#define CHG01_VARIANTS 9
#define SPC2012_ADMIT(k) (date_from_ymd(2012, 10, 1) + (zj_date)((k) % 80))
/* C-14 plant: the effective date of the judgment of the new crime. */
#define C14_NEW_EFFECTIVE(as_of) ((as_of)-100)
/* CHG-03 variants (k % 4): 0 fixed, 1 life → 21 years (C-06), 2 死缓 → life → 24 years
 * (C-08), 3 a fixed term cut by 30 months for repentance in 2014 (SPC-2012: one year,
 * general, 第五条; near miss 12 months, lawful then, C-02 under SPC-2016). */
#define CHG03_VARIANTS 4

/* Half the term (rounded up), in days. */
static int half_term(const struct gp *p)
{
    int T = p->te0 - p->ts + 1;
    return (T + 1) / 2;
}

/* P-06 plant: parole decided 30 days after half the term, revoked 120 days later (the
 * return to prison the same day). */
static void p06_dates(const struct gp *p, zj_date *parole, zj_date *ret)
{
    *parole = p->ts + half_term(p) + 30;
    *ret = *parole + 120;
}

/* An admission date A <= a whose anchored effective date (A − 15) falls on day 2..28 of
 * its month, so that month arithmetic from it never clamps (CHG-04, C-10 plant). */
static zj_date unclamped_admit(zj_date a)
{
    for (;;) {
        int y, m, d;
        date_to_ymd(a - 15, &y, &m, &d);
        if (d >= 2 && d <= 28)
            return a;
        a--;
    }
}

/* A life term (pen LAW_LIFE) or a 死缓 (LAW_DEATH_SUSPENDED) for `charge`, admitted on A. */
static void config_life(struct gs_cfg *cfg, const char *charge, int pen, zj_date A)
{
    cfg->charge = gs_charge_index(charge);
    cfg->pen = pen;
    cfg->tm = 0;
    plant_anchor_admit(cfg, A);
}

/* A 死缓 commuted to life at the end of the 2-year period (刑法第50条): proposed 10 days
 * after it, effective 35 days after. Returns the change (NULL when full). */
static struct gp_chg *plant_ds_to_life(struct gen_ctx *g, struct gp *p, struct gen_rng *r)
{
    zj_date e2 = date_add_months(p->j.eff, 24);
    struct gp_chg *c = gs_add_chg(g, p, r, LAW_CHG_COMMUTATION, e2 + 10, e2 + 35);
    if (c) {
        c->grounds = LAW_REPENTANCE;
        c->newpen = LAW_LIFE;
    }
    return c;
}

/* A life term (or the life a 死缓 became) commuted to `months` for repentance. */
static struct gp_chg *plant_life_to_term(struct gen_ctx *g, struct gp *p, struct gen_rng *r,
                                         zj_date prop, int months)
{
    struct gp_chg *c = gs_add_chg(g, p, r, LAW_CHG_COMMUTATION, prop, prop + 25);
    if (c) {
        c->grounds = LAW_REPENTANCE;
        c->newpen = LAW_FIXED_TERM;
        c->newterm = months;
    }
    return c;
}

/* A parole for repentance decided on dec, proposed 30 days before. */
static struct gp_chg *plant_parole(struct gen_ctx *g, struct gp *p, struct gen_rng *r, zj_date dec)
{
    struct gp_chg *c = gs_add_chg(g, p, r, LAW_CHG_PAROLE, dec - 30, dec);
    if (c)
        c->grounds = LAW_REPENTANCE;
    return c;
}

/* The answer naming change i of the person. */
static void change_answer(const struct plant *x, int i)
{
    plant_answer_slot(x->g, x->s, "X%08ld%02d", x->p->idx + 1, i);
}

/* ---- CHG-01 start time of a commutation ---------------------------------------------- */

static void chg01_config(const struct plant *x, struct gs_cfg *cfg)
{
    zj_date as_of = x->g->as_of;
    int k = x->s->k, v = k % CHG01_VARIANTS;
    cfg->tm = 96;
    if (v == 1)
        cfg->charge = gs_charge_index("贪污罪"); /* strict: C-04 start time 2 years */
    if (v == 6) {
        plant_anchor_admit(cfg, as_of - 2170);
    } else if (v == 8) {
        cfg->charge = gs_charge_index("诈骗罪");
        cfg->tm = 132;
        plant_anchor_admit(cfg, SPC2012_ADMIT(k));
    } else if (v == 7) {
        plant_anchor_admit(cfg, as_of - 900);
    } else if (v >= 2) {
        static const char *const ch[] = {"故意伤害罪", "抢劫罪", "故意伤害罪", "故意杀人罪"};
        static const int back[] = {1100, 1500, 2000, 2750};
        config_life(cfg, ch[v - 2], v <= 3 ? LAW_LIFE : LAW_DEATH_SUSPENDED, as_of - back[v - 2]);
    } else {
        plant_anchor_admit(cfg, as_of - 800);
    }
}

static void chg01_changes(const struct plant *x)
{
    struct gen_ctx *g = x->g;
    struct gp *p = x->p;
    struct gen_rng *r = x->r;
    zj_date as_of = g->as_of;
    int near = x->s->near, v = x->s->k % CHG01_VARIANTS;
    if (v == 6) {
        /* P-06: the commutation after the return (the parole and its revocation are
         * added with the records, so that the background keeps the person in prison) */
        zj_date pd, ret;
        p06_dates(p, &pd, &ret);
        zj_date lim = date_add_months(ret, 18);
        plant_comm(g, p, r, near ? lim : lim - 40, 6, 0, LAW_REPENTANCE);
    } else if (v == 7) {
        /* C-14: proposed 30 days after the new judgment took effect (the 3 years of
         * 第21条 run from it); near miss the day before */
        zj_date nce = C14_NEW_EFFECTIVE(as_of);
        plant_comm(g, p, r, near ? nce - 1 : nce + 30, 6, 0, LAW_REPENTANCE);
    } else if (v == 8) {
        zj_date lim = date_add_months(p->A, 18); /* 2012年减刑假释规定第六条 */
        plant_comm(g, p, r, near ? lim : lim - 40, 6, 0, LAW_REPENTANCE);
    } else if (v >= 2) {
        /* start time of a life term: from the effective date (C-06 2 years, C-07 3
         * years); after 死缓 → life, from that change (C-08 3 years, C-11 5 years) */
        zj_date origin = p->j.eff;
        int months = v == 2 ? 24 : 36;
        if (v >= 4) {
            struct gp_chg *c1 = plant_ds_to_life(g, p, r);
            if (!c1)
                return;
            origin = c1->eff;
            if (v == 5) {
                p->j.limited = 1;
                months = 60;
            }
        }
        zj_date lim = date_add_months(origin, months);
        plant_life_to_term(g, p, r, near ? lim : lim - 40, v <= 3 ? 264 : 300);
    } else {
        zj_date prop = date_add_months(p->A, v == 1 ? 24 : 18) - (near ? 0 : 40);
        plant_comm(g, p, r, prop, 6, 0, LAW_REPENTANCE);
    }
}

/* P-06 plant: parole (half the term + 30 days) and its revocation 120 days later, added
 * after the background kept the person in prison: release_parole and return events, the
 * cells and scores split around the time out, a parole correction revoked on the return. */
static void p06_records(struct gen_ctx *g, struct gp *p, struct gen_rng *r)
{
    zj_date pd, ret;
    p06_dates(p, &pd, &ret);
    int fac = gs_fac_at(p, pd), cca = g->w.county[p->county].cc;
    struct gp_chg *c = plant_parole(g, p, r, pd);
    if (!c)
        return;
    int pi = p->nch - 1;
    c = gs_add_chg(g, p, r, LAW_CHG_REVOKE_PAROLE, ret - 20, ret);
    if (c) {
        c->proposer = cca;
        c->officer_fac = -1;
    }
    gs_add_ev(p, pd, LAW_EV_RELEASE_PAROLE, fac, 1, "");
    gs_add_ev(p, ret, LAW_EV_RETURN, fac, 1, "撤销假释收监");
    for (int i = 0; i < p->ncell; i++) {
        struct gp_cell *x = &p->cell[i];
        if (x->fac != fac || x->start > pd || (x->end != ZJ_DATE_NONE && x->end <= pd))
            continue;
        if (p->ncell < GP_MAXMISC) {
            struct gp_cell *y = &p->cell[p->ncell++];
            *y = *x;
            y->start = ret;
        }
        x->end = pd;
        break;
    }
    int w = 0;
    for (int i = 0; i < p->nsc; i++)
        if (!(p->sc[i].month > pd && date_add_months(p->sc[i].month, 1) - 1 < ret))
            p->sc[w++] = p->sc[i];
    p->nsc = w;
    if (p->ncc >= GP_MAXCC)
        return;
    struct gp_corr *cc = &p->cc[p->ncc++];
    memset(cc, 0, sizeof *cc);
    cc->agency = cca;
    cc->basis = CB_PAROLE;
    cc->chg = pi;
    cc->order = pd;
    cc->report = cc->start = pd + 3;
    cc->end = p->te0;
    cc->status = CS_REVOKED;
    cc->status_date = ret;
    int ci = p->ncc - 1;
    plant_checkins_until(g, p, ci, ret - 1);
    plant_ccev(p, ci, ret - 30, 3, g->w.fac[cca].region, "违反监督管理规定");
    plant_ccev(p, ci, ret - 25, 9, g->w.fac[cca].region, "提请撤销假释");
}

/* C-14 plant: a second judgment (written in the prior's slot, the plant has no prior) for
 * an intentional crime committed in prison 135 days after … 235 days before as-of:
 * 故意伤害罪, 1 year, effective C14_NEW_EFFECTIVE. The person stays where they are (no
 * delivery: already held in the prison), the judgment is too recent for PAP-02, its term
 * (from the effective date, no custody after the offense) ends after as-of. */
static void c14_new_judgment(struct gen_ctx *g, struct gp *p)
{
    struct gp_judg *q = &p->pj;
    memset(q, 0, sizeof *q);
    q->charge = gs_charge_index("故意伤害罪");
    q->cat = gen_charges[q->charge].cat;
    snprintf(q->charges, sizeof q->charges, "%s", gen_charges[q->charge].name);
    q->pen = LAW_FIXED_TERM;
    q->tm = 12;
    q->eff = C14_NEW_EFFECTIVE(g->as_of);
    q->jd = q->eff - 15;
    q->off = q->jd - 120;
    q->notice = q->eff + 5;
    q->ts_w = q->te_w = ZJ_DATE_NONE;
    q->court = p->j.court;
    snprintf(q->id, sizeof q->id, "J%08ldN", p->idx + 1);
    int y, m, d;
    date_to_ymd(q->jd, &y, &m, &d);
    snprintf(q->case_no, sizeof q->case_no, "（%d）%s%s刑初%ld号", y,
             g->w.prov[g->w.county[p->county].prov].p->abbr, g->w.fac[q->court].region + 2,
             g->o->persons + p->idx + 1);
    p->has_prior = 1;
}

static void chg01_records(const struct plant *x)
{
    int v = x->s->k % CHG01_VARIANTS;
    if (v == 6)
        p06_records(x->g, x->p, x->r);
    if (v == 7)
        c14_new_judgment(x->g, x->p);
    /* the change after a 死缓 → life one is the second */
    change_answer(x, v == 4 || v == 5 ? 1 : 0);
}

/* ---- CHG-02 interval, CHG-03 amount -------------------------------------------------- */

static void chg02_config(const struct plant *x, struct gs_cfg *cfg)
{
    cfg->tm = 96;
    plant_anchor_admit(cfg, x->g->as_of - 1200);
}

static void chg02_changes(const struct plant *x)
{
    struct gen_ctx *g = x->g;
    struct gp *p = x->p;
    struct gp_chg *c = plant_comm(g, p, x->r, date_add_months(p->A, 18) + 20, 6, 0, LAW_REPENTANCE);
    zj_date e1 = c->eff;
    plant_comm(g, p, x->r, x->s->near ? date_add_months(e1, 12) : date_add_months(e1, 12) - 30, 6,
               0, LAW_REPENTANCE);
}

static void chg02_records(const struct plant *x)
{
    change_answer(x, 1);
}

static void chg03_config(const struct plant *x, struct gs_cfg *cfg)
{
    zj_date as_of = x->g->as_of;
    int k = x->s->k;
    cfg->tm = 96;
    if (k % CHG03_VARIANTS == 3) {
        cfg->charge = gs_charge_index("诈骗罪");
        plant_anchor_admit(cfg, SPC2012_ADMIT(k));
    } else if (k % CHG03_VARIANTS == 2) {
        /* 死缓 → life → a fixed term below the C-08 range */
        config_life(cfg, "故意伤害罪", LAW_DEATH_SUSPENDED, as_of - 2000);
    } else if (k % CHG03_VARIANTS == 1) {
        /* life commuted below the C-06 range */
        config_life(cfg, "故意伤害罪", LAW_LIFE, as_of - 1500);
    } else {
        plant_anchor_admit(cfg, as_of - 800);
    }
}

static void chg03_changes(const struct plant *x)
{
    struct gen_ctx *g = x->g;
    struct gp *p = x->p;
    struct gen_rng *r = x->r;
    int near = x->s->near, v = x->s->k % CHG03_VARIANTS;
    if (v == 3) {
        plant_comm(g, p, r, date_add_months(p->A, 18) + 20, near ? 12 : 30, 0, LAW_REPENTANCE);
    } else if (v == 2) {
        /* C-08: 死缓 → life → 24 years for repentance (the lowest is 25 years) */
        struct gp_chg *c1 = plant_ds_to_life(g, p, r);
        if (c1)
            plant_life_to_term(g, p, r, date_add_months(c1->eff, 36) + 30, near ? 300 : 288);
    } else if (v == 1) {
        /* C-06: 22 years for repentance */
        plant_life_to_term(g, p, r, date_add_months(p->j.eff, 36) + 30, near ? 264 : 252);
    } else {
        plant_comm(g, p, r, date_add_months(p->A, 18) + 20, near ? 9 : 11, 0, LAW_REPENTANCE);
    }
}

static void chg03_records(const struct plant *x)
{
    /* the change after a 死缓 → life one is the second */
    change_answer(x, x->s->k % CHG03_VARIANTS == 2 ? 1 : 0);
}

/* ---- CHG-04 executed term, CHG-05 no commutation allowed ----------------------------- */

static void chg04_config(const struct plant *x, struct gs_cfg *cfg)
{
    zj_date as_of = x->g->as_of;
    if (x->s->k % 2 == 1) {
        /* C-10: 死缓 → 25 years, then five (near miss) or six major-merit commutations */
        config_life(cfg, "故意伤害罪", LAW_DEATH_SUSPENDED,
                    unclamped_admit(as_of - (x->s->near ? 2750 : 3100)));
        return;
    }
    cfg->tm = 36;
    plant_anchor_admit(cfg, as_of - 300);
}

static void chg04_changes(const struct plant *x)
{
    struct gen_ctx *g = x->g;
    struct gp *p = x->p;
    struct gen_rng *r = x->r;
    int near = x->s->near;
    if (x->s->k % 2 == 1) {
        /* C-10 (第12条): 死缓 → 25 years (major merit, 刑法第50条) at the end of the 2
         * years, then 24 months off each year (repentance and major merit: C-02 allows
         * it, C-05 lifts the interval). Five bring the end exactly to ds_end + 15
         * years − 1 (near miss, last change); the sixth goes below (plant). */
        zj_date e2 = date_add_months(p->j.eff, 24);
        struct gp_chg *c = gs_add_chg(g, p, r, LAW_CHG_COMMUTATION, e2 - 25, e2);
        if (!c)
            return;
        c->grounds = LAW_MAJOR_MERIT;
        c->newpen = LAW_FIXED_TERM;
        c->newterm = 300;
        for (int i = 1; i <= (near ? 5 : 6); i++) {
            zj_date prop = date_add_months(e2, 12 * i) + 20;
            struct gp_chg *y = gs_add_chg(g, p, r, LAW_CHG_COMMUTATION, prop, prop + 25);
            if (!y)
                break;
            y->grounds = LAW_REPENTANCE_MAJOR_MERIT;
            y->rm = i <= 5 ? 24 : 6;
        }
        return;
    }
    zj_date prop = date_add_months(p->A, 6);
    if (!near) {
        plant_comm(g, p, r, prop, 20, 0, LAW_REPENTANCE_MAJOR_MERIT);
    } else {
        zj_date target = p->ts + half_term(p) - 1;
        for (int rm = 24; rm >= 0; rm--) {
            int rd = date_sub_months(p->te0, rm) - target;
            if (rd >= 0 && rd <= 30) {
                plant_comm(g, p, r, prop, rm, rd, LAW_REPENTANCE_MAJOR_MERIT);
                break;
            }
        }
    }
    struct gp_merit *m = &p->mr[p->nmr++];
    memset(m, 0, sizeof *m);
    m->fac = p->exec_fac;
    m->kind = 1;
    m->cat = 3;
    m->ev = p->A + 30;
    m->conf = p->A + 80;
    m->officer = -1;
}

static void chg04_records(const struct plant *x)
{
    /* C-10: the last commutation (the fifth reaches the limit, the sixth passes it) */
    change_answer(x, x->s->k % 2 == 1 ? x->p->nch - 1 : 0);
}

static void chg05_config(const struct plant *x, struct gs_cfg *cfg)
{
    zj_date as_of = x->g->as_of;
    if (x->s->k % 2 == 1) {
        /* 终身监禁 (C-12): 死缓 for 贪污罪 with the lifelong flag */
        config_life(cfg, "贪污罪", LAW_DEATH_SUSPENDED, as_of - 2000);
        return;
    }
    plant_probation(cfg, as_of - 500);
}

static void chg05_changes(const struct plant *x)
{
    struct gen_ctx *g = x->g;
    struct gp *p = x->p;
    struct gen_rng *r = x->r;
    int near = x->s->near;
    if (x->s->k % 2 == 1) {
        /* 刑法第383条: 死缓 → life is lawful for 终身监禁 (the near miss); the next
         * commutation, life → 25 years, is not (C-12, the plant) */
        p->j.lifelong = 1;
        struct gp_chg *c = plant_ds_to_life(g, p, r);
        if (!near && c)
            plant_life_to_term(g, p, r, date_add_months(c->eff, 36) + 30, 300);
        return;
    }
    if (p->nch < GP_MAXCH) {
        /* a probation commuted, proposed by the community correction agency */
        struct gp_chg *c = &p->ch[p->nch++];
        memset(c, 0, sizeof *c);
        c->kind = LAW_CHG_COMMUTATION;
        c->prop = p->j.eff + 200;
        c->dec = c->eff = c->prop + 25;
        c->grounds = near ? LAW_MAJOR_MERIT : LAW_REPENTANCE;
        c->rm = 3;
        c->exam = -1;
        c->proposer = g->w.county[p->county].cc;
        c->decider = g->w.county[p->county].court;
        c->officer_fac = -1;
    }
}

static void chg05_records(const struct plant *x)
{
    /* 终身监禁: the plant is the second change (life → 25 years) */
    change_answer(x, x->s->k % 2 == 1 && !x->s->near ? 1 : 0);
}

/* ---- CHG-06, CHG-07 parole ----------------------------------------------------------- */

static void chg06_config(const struct plant *x, struct gs_cfg *cfg)
{
    zj_date as_of = x->g->as_of;
    int near = x->s->near;
    if (x->s->k % 2 == 1) {
        /* P-02: a recidivist (near miss: the prior ended more than 5 years before) */
        cfg->tm = 60;
        cfg->prior = near ? 2 : 1;
        cfg->detain = as_of - 1300;
        cfg->admit = cfg->detain + PLANT_ADMIT_AFTER;
        return;
    }
    cfg->charge = gs_charge_index("抢劫罪");
    cfg->tm = near ? 119 : 120;
    zj_date D = as_of - 1900 - 200;
    cfg->detain = D;
    cfg->admit = D + PLANT_ADMIT_AFTER;
}

static void chg06_changes(const struct plant *x)
{
    struct gp *p = x->p;
    plant_parole(x->g, p, x->r, p->ts + half_term(p) + 60);
}

static void chg07_config(const struct plant *x, struct gs_cfg *cfg)
{
    cfg->tm = 72;
    cfg->detain = x->g->as_of - 1400;
    cfg->admit = cfg->detain + PLANT_ADMIT_AFTER;
}

static void chg07_changes(const struct plant *x)
{
    struct gen_ctx *g = x->g;
    struct gp *p = x->p;
    struct gen_rng *r = x->r;
    int near = x->s->near, half = half_term(p);
    if (x->s->k % 2 == 1) {
        /* P-04: parole 190 days after a 6-month commutation (half already served) */
        struct gp_chg *cm = plant_comm(g, p, r, p->ts + half - 200, 6, 0, LAW_REPENTANCE);
        zj_date pd = near ? date_add_months(cm->eff, 12) : p->ts + half + 10;
        plant_parole(g, p, r, pd);
        return;
    }
    plant_parole(g, p, r, near ? p->ts + half : p->ts + half - 20);
}

static void chg07_records(const struct plant *x)
{
    /* P-04: the parole is the second change */
    change_answer(x, x->s->k % 2 == 1 ? 1 : 0);
}

static void first_change_answer(const struct plant *x)
{
    change_answer(x, 0);
}

/* ---- CHG-08, CHG-09 property judgments ----------------------------------------------- */

static void fraud_config(const struct plant *x, struct gs_cfg *cfg)
{
    cfg->tm = 96;
    cfg->charge = gs_charge_index("诈骗罪");
    plant_anchor_admit(cfg, x->g->as_of - 800);
}

/* CHG-08 a fine left open by an able person, CHG-09 a fine paid by others just before the
 * proposal. */
static void fine_changes(const struct plant *x)
{
    struct gen_ctx *g = x->g;
    struct gp *p = x->p;
    int near = x->s->near, k = x->s->k, chg08 = x->s->model == M_CHG08;
    /* an able person with an open fine is strict (C-04): propose after 2 years */
    zj_date prop = date_add_months(p->A, chg08 ? 24 : 18) + 20;
    struct gp_prop *e = &p->pr[p->npr++];
    memset(e, 0, sizeof *e);
    e->kind = PK_FINE;
    e->court = p->j.court;
    e->due = 5000000 + 1000000LL * (k % 5);
    e->filed = p->j.eff + 30;
    if (chg08) {
        if (near) {
            e->status = PS_TROUND;
            e->inv = 1;
            e->unable = 1;
            e->sdate = e->filed + 120;
            e->last = e->sdate;
        } else {
            e->status = PS_ONGOING;
            e->last = g->as_of - 30;
            e->sdate = ZJ_DATE_NONE;
        }
    } else {
        zj_date pd = near ? prop - 61 : prop - 20;
        e->status = PS_PAID;
        e->npay = 1;
        e->pay_d[0] = pd;
        e->pay_a[0] = e->due;
        e->pay_by[0] = k % 2 ? PY_FAMILY : PY_THIRD;
        e->last = pd;
        e->sdate = pd;
    }
    plant_comm(g, p, x->r, prop, 6, 0, LAW_REPENTANCE);
}

/* ---- CHG-10 scores, CHG-11 merits ---------------------------------------------------- */

static void chg10_config(const struct plant *x, struct gs_cfg *cfg)
{
    int v = x->s->k % 3;
    cfg->tm = 60;
    plant_anchor_admit(cfg, x->g->as_of - (v == 2 ? 700 : 500));
    if (v == 2)
        cfg->tm = 96;
}

static void chg10_changes(const struct plant *x)
{
    struct gp *p = x->p;
    if (x->s->k % 3 == 2 && !x->s->near)
        plant_comm(x->g, p, x->r, date_add_months(p->A, 18) + 20, 6, 0, LAW_REPENTANCE);
    p->keep_scores = 1;
}

static zj_date mfirst(zj_date d)
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    return date_from_ymd(y, m, 1);
}

static void chg10_records(const struct plant *x)
{
    struct gp *p = x->p;
    int near = x->s->near, v = x->s->k % 3;
    if (v == 0) {
        int i = p->nsc - 3;
        if (i < 0)
            return;
        p->sc[i].bonus = near ? 50 : 60;
        p->sc[i].penalty = 0;
        plant_answer_slot(x->g, x->s, "S%08ld%03d", p->idx + 1, i);
    } else if (v == 1) {
        int i = p->nsc - 4;
        if (i < 1)
            return;
        zj_date mon = p->sc[i].month;
        if (near) {
            zj_date prev_end = mon - 1;
            plant_restraint(p, p->exec_fac, RK_SOLITARY, prev_end - 7, prev_end, "违反监规");
        } else {
            plant_restraint(p, p->exec_fac, RK_SOLITARY, mon + 9, mon + 16, "违反监规");
        }
        p->sc[i].bonus = 20;
        p->sc[i].penalty = 0;
        plant_answer_slot(x->g, x->s, "S%08ld%03d", p->idx + 1, i);
    } else if (!near) {
        if (p->nch == 0)
            return;
        zj_date prop = p->ch[0].prop;
        zj_date six = mfirst(date_add_months(prop, -6));
        for (int i = 0; i < p->nsc; i++) {
            p->sc[i].penalty = 0;
            if (p->sc[i].month < six) {
                p->sc[i].base = 70;
                p->sc[i].bonus = 0;
            } else if (p->sc[i].month < mfirst(prop)) {
                p->sc[i].base = 90;
                p->sc[i].bonus = 45;
            } else {
                p->sc[i].bonus = 0;
            }
        }
        change_answer(x, 0);
    }
}

static void chg11_config(const struct plant *x, struct gs_cfg *cfg)
{
    cfg->tm = 60;
    plant_anchor_admit(cfg, x->g->as_of - 500);
}

static void chg11_records(const struct plant *x)
{
    struct gen_ctx *g = x->g;
    struct gp *p = x->p;
    struct gp_merit *mr = &p->mr[p->nmr++];
    memset(mr, 0, sizeof *mr);
    mr->fac = p->exec_fac;
    mr->kind = 0;
    mr->officer = -1;
    if (x->s->k % 2 == 0) {
        /* one related case on the report_crime merits of the slot's 3 persons */
        mr->cat = 0;
        mr->ev = p->A + 200 + x->member * 3;
        mr->conf = mr->ev + 30;
        int y, mo, d;
        date_to_ymd(mr->ev, &y, &mo, &d);
        snprintf(mr->related, sizeof mr->related, "（%d）%s%s刑初%ld号", y, g->w.prov[0].p->abbr,
                 g->w.fac[g->w.county[p->county].court].region + 2,
                 3 * g->o->persons + x->s->pos + 1);
    } else {
        zj_date st = p->A + 150;
        plant_restraint(p, p->exec_fac, RK_SOLITARY, st, st + 8, "违反监规");
        mr->cat = 3;
        mr->ev = x->s->near ? st + 9 : st + 3;
        mr->conf = mr->ev + 40;
        mr->related[0] = 0;
    }
    plant_answer_slot(g, x->s, "G%08ld%02d", p->idx + 1, p->nmr - 1);
}

/* ---- CHG-12, CHG-14 temporary execution outside prison ------------------------------- */

static void chg12_config(const struct plant *x, struct gs_cfg *cfg)
{
    cfg->tm = 60;
    plant_anchor_admit(cfg, x->g->as_of - 600);
}

static void chg12_changes(const struct plant *x)
{
    struct gen_ctx *g = x->g;
    struct gp *p = x->p;
    int k = x->s->k;
    zj_date prop = p->A + 200;
    struct gp_med *m = plant_diagnosis(g, p, k, prop);
    if (x->s->near) {
        m->d = date_sub_months(prop, 3);
        prop = date_add_months(m->d, 3);
    } else if (k % 4 == 0) {
        m->hosp = g->w.prov[g->w.county[p->county].prov].private_hosp;
    } else if (k % 4 == 1) {
        m->d = prop - 120;
    } else if (k % 4 == 2) {
        m->item = -1;
    } /* k % 4 == 3: a valid diagnosis, but business activity outside (records) */
    plant_temp_outside(g, p, x->r, prop, LAW_MEDICAL);
}

static void chg12_records(const struct plant *x)
{
    struct gen_ctx *g = x->g;
    struct gp *p = x->p;
    int near = x->s->near;
    if (x->s->k % 4 == 3 && !near && p->ncc > 0) {
        /* 伪造病历 seen from society: a business registration while "ill" outside */
        struct gp_act *a = &p->act[p->nact++];
        a->d = p->cc[0].start + 40;
        a->kind = 5;
        snprintf(a->region, sizeof a->region, "%s", g->w.county[p->county].c->code);
    }
    if (near && p->nch > 0 && p->ch[0].kind == LAW_CHG_TEMP_OUTSIDE && p->ch[0].eff <= g->as_of &&
        p->nact < GP_MAXMISC && p->nev + 2 <= GP_MAXEV) {
        /* the opening end of the medical period: an approved leave (离监探亲) ends the day
         * before the temporary execution begins, with a trip on its last day (out of
         * prison, not yet outside for treatment: neither PAP-01's nor CHG-12's) */
        zj_date e = p->ch[0].eff;
        int fac = gs_fac_at(p, e - 4);
        gs_add_ev(p, e - 4, LAW_EV_LEAVE_START, fac, 1, "离监探亲");
        gs_add_ev(p, e - 1, LAW_EV_LEAVE_END, fac, 1, "探亲返监");
        struct gp_act *a = &p->act[p->nact++];
        a->d = e - 1;
        a->kind = 1;
        snprintf(a->region, sizeof a->region, "%s", g->w.county[p->county].c->code);
        char subject[32];
        snprintf(subject, sizeof subject, "X%08ld%02d", p->idx + 1, 0);
        gen_near_end(g, gen_plant_id(M_CHG12), subject, "open");
    }
    change_answer(x, 0);
}

static void chg13_config(const struct plant *x, struct gs_cfg *cfg)
{
    zj_date as_of = x->g->as_of;
    cfg->tm = 96;
    zj_date A = date_add_months(as_of, -24) - 40;
    if (x->s->near) {
        /* the smallest A with add_months(add_months(A, 18), 6) >= as-of */
        A = date_add_months(as_of, -24) - 5;
        while (date_add_months(date_add_months(A, 18), 6) < as_of)
            A++;
    }
    plant_anchor_admit(cfg, A);
}

static void chg13_changes(const struct plant *x)
{
    x->p->keep_scores = 1;
}

static void chg13_records(const struct plant *x)
{
    struct gp *p = x->p;
    for (int i = 0; i < p->nsc; i++) {
        p->sc[i].penalty = 0;
    }
    p->nrs = 0;
    plant_answer_slot(x->g, x->s, "%s", p->pid);
}

static void chg14_config(const struct plant *x, struct gs_cfg *cfg)
{
    config_life(cfg, "故意伤害罪", LAW_LIFE, x->g->as_of - 900);
    cfg->male = x->s->near ? 0 : 1;
}

static void chg14_changes(const struct plant *x)
{
    struct gp *p = x->p;
    zj_date prop = x->g->as_of - 200;
    int grounds = LAW_MEDICAL;
    plant_diagnosis(x->g, p, x->s->k, prop);
    if (x->s->near) {
        grounds = LAW_PREGNANCY;
        p->nmd = 0;
    }
    plant_temp_outside(x->g, p, x->r, prop, grounds);
}

/* clang-format off */
const struct gen_plant_scenario plants_changes[] = {
    {.model = M_CHG01, .id = "CHG-01", .config = chg01_config, .changes = chg01_changes,
     .records = chg01_records},
    {.model = M_CHG02, .id = "CHG-02", .config = chg02_config, .changes = chg02_changes,
     .records = chg02_records},
    {.model = M_CHG03, .id = "CHG-03", .config = chg03_config, .changes = chg03_changes,
     .records = chg03_records},
    {.model = M_CHG04, .id = "CHG-04", .config = chg04_config, .changes = chg04_changes,
     .records = chg04_records},
    {.model = M_CHG05, .id = "CHG-05", .config = chg05_config, .changes = chg05_changes,
     .records = chg05_records},
    {.model = M_CHG06, .id = "CHG-06", .config = chg06_config, .changes = chg06_changes,
     .records = first_change_answer},
    {.model = M_CHG07, .id = "CHG-07", .config = chg07_config, .changes = chg07_changes,
     .records = chg07_records},
    {.model = M_CHG08, .id = "CHG-08", .config = fraud_config, .changes = fine_changes,
     .records = first_change_answer},
    {.model = M_CHG09, .id = "CHG-09", .config = fraud_config, .changes = fine_changes,
     .records = first_change_answer},
    {.model = M_CHG10, .id = "CHG-10", .config = chg10_config, .changes = chg10_changes,
     .records = chg10_records},
    /* every 2nd plant: one related case on the merits of 3 persons */
    {.model = M_CHG11, .id = "CHG-11", .width = {{3, 1}, {1, 1}}, .config = chg11_config,
     .records = chg11_records},
    /* the near misses sit on the closing end; chg12_records adds an opening end */
    {.model = M_CHG12, .id = "CHG-12", .config = chg12_config, .changes = chg12_changes,
     .records = chg12_records},
    {.model = M_CHG13, .id = "CHG-13", .config = chg13_config, .changes = chg13_changes,
     .records = chg13_records},
    {.model = M_CHG14, .id = "CHG-14", .config = chg14_config, .changes = chg14_changes,
     .records = first_change_answer},
    {0},
};
/* clang-format on */
