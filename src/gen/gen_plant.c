/*
 * gen_plant.c — planted irregularities (answers.csv) and near misses (near_misses.csv)
 * for every model of spec/models.md. Each scenario starts from a lawful background
 * person and bends one fact; a near miss sits exactly on the last lawful day (or the
 * last lawful amount) of the same limit, so a model reading the limit as written stays
 * silent; for the models that count facts inside a period (PAP-01, PAP-02, CHG-12, REC-01,
 * JUV-01, CUS-01, CUS-02) a variant sits the day before the period opens (near_open, tagged
 * `open` in near_miss_ends.csv). The readings chosen where models.md is ambiguous are listed in
 * README.md. Planted persons carry no officer ids (so they cannot feed DUTY-01 by accident), except
 * the DUTY-01 scenario, which shares one officer across three CHG-01 plants.
 */
#include "gen/gen_plant.h"

#include "gen/gen_noise.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *const gen_model_ids[M_NMODELS] = {
    "DEL-01", "DEL-02", "DEL-03", "EXE-01", "EXE-02",  "EXE-03",  "PAP-01",  "PAP-02",
    "CHG-01", "CHG-02", "CHG-03", "CHG-04", "CHG-05",  "CHG-06",  "CHG-07",  "CHG-08",
    "CHG-09", "CHG-10", "CHG-11", "CHG-12", "CHG-13",  "CHG-14",  "CC-01",   "CC-02",
    "CC-03",  "CC-04",  "CC-05",  "CC-06",  "PR-01",   "PROP-01", "PROP-02", "REC-01",
    "CUS-01", "CUS-02", "CUS-03", "CUS-04", "DUTY-01", "JUV-01",
};

static void answer_v(struct gen_ctx *g, int near, int model, const char *end, const char *fmt,
                     va_list ap) __attribute__((format(printf, 5, 0)));
static void answer_v(struct gen_ctx *g, int near, int model, const char *end, const char *fmt,
                     va_list ap)
{
    FILE *f = near ? g->out.near : g->out.answers;
    char subject[64];
    vsnprintf(subject, sizeof subject, fmt, ap);
    fprintf(f, "%s,%s\n", gen_model_ids[model], subject);
    if (near)
        gen_near_end(g, gen_model_ids[model], subject, end);
    if (near)
        g->near++;
    else
        g->answers++;
}

/* A plant (near 0) or a near miss on the last lawful day (or amount) of its limit, or the
 * day after a period ended: near_miss_ends.csv tags it `close`. */
static void answer(struct gen_ctx *g, int near, int model, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void answer(struct gen_ctx *g, int near, int model, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    answer_v(g, near, model, "close", fmt, ap);
    va_end(ap);
}

/* A near miss on the opening end of its window (a fact the day before the window opens). */
static void near_open(struct gen_ctx *g, int model, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void near_open(struct gen_ctx *g, int model, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    answer_v(g, 1, model, "open", fmt, ap);
    va_end(ap);
}

int gen_plant_width(int model, int near, int k)
{
    switch (model) {
    case M_CUS01:
    case M_CUS02:
        return 2;
    case M_CHG11:
        return (!near && k % 2 == 0) ? 3 : 1;
    case M_DUTY01:
        return near ? 2 : 3;
    default:
        return 1;
    }
}

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

/* The detention date D whose fixed term of m months ends on `end` (S-03, no credit). */
static zj_date detain_for_end(int m, zj_date end)
{
    zj_date D = date_add_months(end + 1, -m);
    while (date_add_months(D, m) - 1 > end)
        D--;
    while (date_add_months(D, m) - 1 < end)
        D++;
    return D;
}
/* Admission is 117 days after detention in the anchored timeline (judgment +90,
 * effective +12, notice +5, admit +10). */
#define PLANT_ADMIT_AFTER 117
static void anchor_admit(struct gs_cfg *cfg, zj_date A)
{
    cfg->detain = A - PLANT_ADMIT_AFTER;
    cfg->admit = A;
}
/* The smallest date x with add_months(x, n) >= target: a limit "as-of > add_months(x, n)"
 * is then not yet passed at target (exactly on it whenever month ends allow). */
static zj_date months_before(zj_date target, int n)
{
    zj_date x = date_add_months(target, -n);
    while (date_add_months(x, n) < target)
        x++;
    while (date_add_months(x - 1, n) >= target)
        x--;
    return x;
}

/* CHG-01 variants (k % 7): 0 fixed 8 years (C-01), 1 贪污罪 (strict, C-04), 2 life (C-06,
 * 2 years from the effective date), 3 抢劫罪 life (violent, C-07, 3 years), 4 死缓 → life,
 * then 3 years from that change (C-08), 5 限制减刑 死缓 → life, then 5 years (C-11),
 * 6 fixed 8 years, parole revoked: 18 months from the return to prison (P-06), 7 fixed 8
 * years, a new intentional crime in prison whose judgment took effect before the proposal
 * (C-14; near miss: proposed the day before that judgment took effect). */
#define CHG01_VARIANTS 9
/* … 8 fixed 11 years decided in 2014 under SPC-2012 (law.md §16): 18 months, a general
 * limit (2012年减刑假释规定第六条; SPC-2016 would want 2 years, so the near miss on the day
 * stays silent only when the decision is judged by the set of its date) */
#define SPC2012_ADMIT(k) (date_from_ymd(2012, 10, 1) + (zj_date)((k) % 80))
/* C-14 plant: the effective date of the judgment of the new crime. */
#define C14_NEW_EFFECTIVE(as_of) ((as_of)-100)
/* P-06 plant: parole decided 30 days after half the term, revoked 120 days later (the
 * return to prison the same day). */
static void p06_dates(const struct gp *p, zj_date *parole, zj_date *ret)
{
    int T = p->te0 - p->ts + 1;
    *parole = p->ts + (T + 1) / 2 + 30;
    *ret = *parole + 120;
}
/* CHG-03 variants (k % 3): 0 fixed, 1 life → 21 years (C-06), 2 死缓 → life → 24 years (C-08). */
#define CHG03_VARIANTS 4
/* … 3 a fixed term cut by 30 months for repentance in 2014 (SPC-2012: one year, general,
 * 第五条); near miss 12 months (lawful then, C-02 under SPC-2016) */
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

void gen_plant_config(struct gen_ctx *g, const struct gen_slot *s, int member, struct gp *p,
                      struct gs_cfg *cfg)
{
    zj_date as_of = g->as_of;
    int near = s->near, k = s->k;
    (void)p;
    switch (s->model) {
    case M_DEL01:
    case M_PAP02:
        cfg->bail = 1;
        cfg->no_admit = 1;
        cfg->pre_days = 120;
        if (s->model == M_DEL01 && k % 2 == 1) {
            /* 拘役, executed by the detention centre (D-02): released on bail 5 days after
             * detention (gen_plant_changes) and never delivered */
            cfg->charge = gs_charge_index("危险驾驶罪");
            cfg->pen = LAW_CRIMINAL_DETENTION;
            cfg->tm = 6;
            cfg->pre_days = 20;
        }
        if (s->model == M_DEL01)
            cfg->eff = near ? months_before(as_of, 1) - 3 : as_of - 60;
        else
            cfg->eff = near && !PAP02_OPEN(k) ? months_before(as_of, 6) : as_of - 300;
        break;
    case M_DEL02:
        cfg->no_admit = 1;
        cfg->bail = -1;
        cfg->eff = near ? months_before(as_of, 1) - 3 : as_of - 70;
        break;
    case M_DEL03: {
        zj_date A = as_of - 200;
        anchor_admit(cfg, A);
        const struct gen_wprov *wp = &g->w.prov[0];
        cfg->prison = wp->prisons[0];
        if (near) {
            zj_date b = date_add_months(A - 1, -216);
            while (date_add_months(b, 216) > A - 1)
                b--;
            while (date_add_months(b, 216) < A - 1)
                b++;
            cfg->birth = b;
        } else {
            cfg->birth = date_add_months(A, -12 * 17) - 100;
        }
        break;
    }
    case M_EXE01:
        cfg->tm = 24;
        cfg->detain = detain_for_end(24, near ? as_of - 1 : as_of - 20);
        cfg->admit = cfg->detain + PLANT_ADMIT_AFTER;
        break;
    case M_EXE02:
        cfg->tm = 36;
        cfg->bail = near ? -1 : 1;
        cfg->pre_days = 150;
        cfg->eff = as_of - 200;
        break;
    case M_EXE03:
        cfg->tm = 24;
        cfg->detain = detain_for_end(24, as_of - 100);
        cfg->admit = cfg->detain + PLANT_ADMIT_AFTER;
        break;
    case M_PAP01:
        cfg->tm = 60;
        anchor_admit(cfg, as_of - 400);
        break;
    case M_CHG01:
    case M_CHG02:
    case M_CHG03:
    case M_CHG08:
    case M_CHG09:
    case M_DUTY01:
        cfg->tm = 96;
        if (s->model == M_CHG08 || s->model == M_CHG09)
            cfg->charge = gs_charge_index("诈骗罪");
        if (s->model == M_CHG01 && k % CHG01_VARIANTS == 1)
            cfg->charge = gs_charge_index("贪污罪"); /* strict: C-04 start time 2 years */
        if (s->model == M_CHG01 && k % CHG01_VARIANTS == 6) {
            anchor_admit(cfg, as_of - 2170);
            break;
        }
        if ((s->model == M_CHG01 && k % CHG01_VARIANTS == 8) ||
            (s->model == M_CHG03 && k % CHG03_VARIANTS == 3)) {
            cfg->charge = gs_charge_index("诈骗罪");
            cfg->tm = s->model == M_CHG01 ? 132 : 96;
            anchor_admit(cfg, SPC2012_ADMIT(k));
            break;
        }
        if (s->model == M_CHG01 && k % CHG01_VARIANTS == 7) {
            anchor_admit(cfg, as_of - 900);
            break;
        }
        if (s->model == M_CHG01 && k % CHG01_VARIANTS >= 2) {
            int v = k % CHG01_VARIANTS;
            static const char *const ch[] = {"故意伤害罪", "抢劫罪", "故意伤害罪", "故意杀人罪"};
            static const int back[] = {1100, 1500, 2000, 2750};
            cfg->charge = gs_charge_index(ch[v - 2]);
            cfg->pen = v <= 3 ? LAW_LIFE : LAW_DEATH_SUSPENDED;
            cfg->tm = 0;
            anchor_admit(cfg, as_of - back[v - 2]);
            break;
        }
        if (s->model == M_CHG03 && k % CHG03_VARIANTS == 2) {
            /* 死缓 → life → a fixed term below the C-08 range */
            cfg->charge = gs_charge_index("故意伤害罪");
            cfg->pen = LAW_DEATH_SUSPENDED;
            cfg->tm = 0;
            anchor_admit(cfg, as_of - 2000);
            break;
        }
        if (s->model == M_CHG03 && k % CHG03_VARIANTS == 1) {
            /* life commuted below the C-06 range */
            cfg->charge = gs_charge_index("故意伤害罪");
            cfg->pen = LAW_LIFE;
            cfg->tm = 0;
            anchor_admit(cfg, as_of - 1500);
            break;
        }
        anchor_admit(cfg, as_of - (s->model == M_CHG02 ? 1200 : 800));
        if (s->model == M_DUTY01)
            cfg->prison = g->w.prov[0].prisons[s->k % g->w.prov[0].nprisons];
        break;
    case M_CHG04:
        if (k % 2 == 1) {
            /* C-10: 死缓 → 25 years, then five (near miss) or six major-merit commutations */
            cfg->charge = gs_charge_index("故意伤害罪");
            cfg->pen = LAW_DEATH_SUSPENDED;
            cfg->tm = 0;
            anchor_admit(cfg, unclamped_admit(as_of - (near ? 2750 : 3100)));
            break;
        }
        cfg->tm = 36;
        anchor_admit(cfg, as_of - 300);
        break;
    case M_CHG05:
    case M_CC01:
    case M_CC02:
    case M_CC03:
    case M_CC05:
    case M_CC06:
        if (s->model == M_CHG05 && k % 2 == 1) {
            /* 终身监禁 (C-12): 死缓 for 贪污罪 with the lifelong flag */
            cfg->charge = gs_charge_index("贪污罪");
            cfg->pen = LAW_DEATH_SUSPENDED;
            cfg->tm = 0;
            anchor_admit(cfg, as_of - 2000);
            break;
        }
        cfg->tm = 12;
        cfg->prob = 24;
        cfg->eff = as_of - (s->model == M_CC01 ? 200 : s->model == M_CHG05 ? 500 : 300);
        break;
    case M_CHG06: {
        if (k % 2 == 1) {
            /* P-02: a recidivist (near miss: the prior ended more than 5 years before) */
            cfg->tm = 60;
            cfg->prior = near ? 2 : 1;
            cfg->detain = as_of - 1300;
            cfg->admit = cfg->detain + PLANT_ADMIT_AFTER;
            break;
        }
        cfg->charge = gs_charge_index("抢劫罪");
        cfg->tm = near ? 119 : 120;
        zj_date D = as_of - 1900 - 200;
        cfg->detain = D;
        cfg->admit = D + PLANT_ADMIT_AFTER;
        break;
    }
    case M_CHG07:
        cfg->tm = 72;
        cfg->detain = as_of - 1400;
        cfg->admit = cfg->detain + PLANT_ADMIT_AFTER;
        break;
    case M_CHG10:
    case M_CUS03:
    case M_CUS04:
        cfg->tm = 60;
        anchor_admit(cfg, as_of - (s->model == M_CHG10 && k % 3 == 2 ? 700 : 500));
        if (s->model == M_CHG10 && k % 3 == 2)
            cfg->tm = 96;
        break;
    case M_CHG11:
        cfg->tm = 60;
        anchor_admit(cfg, as_of - 500);
        break;
    case M_CHG12:
    case M_CC04:
        cfg->tm = 60;
        anchor_admit(cfg, as_of - 600);
        break;
    case M_CHG13: {
        cfg->tm = 96;
        zj_date A = date_add_months(as_of, -24) - 40;
        if (near) {
            /* the smallest A with add_months(add_months(A, 18), 6) >= as-of */
            A = date_add_months(as_of, -24) - 5;
            while (date_add_months(date_add_months(A, 18), 6) < as_of)
                A++;
        }
        anchor_admit(cfg, A);
        break;
    }
    case M_CHG14:
        cfg->charge = gs_charge_index("故意伤害罪");
        cfg->pen = LAW_LIFE;
        cfg->tm = 0;
        cfg->male = near ? 0 : 1;
        anchor_admit(cfg, as_of - 900);
        break;
    case M_PR01:
        cfg->charge = gs_charge_index("抢劫罪");
        cfg->tm = 36;
        cfg->no_dpr = 0;
        cfg->dpr = 12;
        cfg->detain = detain_for_end(36, near ? as_of - 500 : as_of - 200);
        cfg->admit = cfg->detain + PLANT_ADMIT_AFTER;
        break;
    case M_PROP01:
    case M_PROP02:
        cfg->pen = LAW_FINE_ONLY;
        cfg->tm = 0;
        cfg->eff = as_of - 500;
        break;
    case M_REC01:
        cfg->tm = 36;
        cfg->age = 40;
        anchor_admit(cfg, as_of - 300);
        cfg->prior = near ? 1 : (k % 2 == 0 ? 1 : -1);
        if (k % 3 == 2) {
            /* R-02 (刑法第66条): organised crime before and after, the prior completed more
             * than 5 years before; plant flag 0, near miss flag 1 (no 5-year limit) */
            cfg->charge = gs_charge_index("组织、领导、参加黑社会性质组织罪");
            cfg->prior = 2;
        }
        break;
    case M_CUS01: {
        zj_date D = as_of - 400;
        cfg->detain = D;
        cfg->admit = D + PLANT_ADMIT_AFTER;
        cfg->tm = 36;
        if (member == 0) {
            if (near && !CELL_OPEN(k)) {
                /* turns 18 thirty days after detention: the shared cell starts the day after */
                cfg->birth = date_add_months(D + 30, -216);
            } else {
                cfg->birth = date_add_months(D, -12 * 16) - 60;
            }
        }
        break;
    }
    case M_CUS02:
        cfg->detain = as_of - 400;
        cfg->admit = cfg->detain + PLANT_ADMIT_AFTER + member;
        cfg->tm = 36 + 12 * member;
        break;
    case M_JUV01:
        /* J-01 (sealed juvenile records), 4 variants (k % 4), answered in plant_juv01:
         * 0 a juvenile judgment of 3 years; 1 two juvenile judgments (prior at 16, main at
         * 17½); 2 a juvenile prior and an adult judgment (main at 19½); 3 the main offense
         * on the 18th birthday with 60 months (near: the day after it, or 61 months) */
        cfg->detain = as_of - 700 - 40 * (k % 5);
        cfg->pre_days = 90;
        cfg->age = 16;
        if (k % 4 == 1 || k % 4 == 2) {
            cfg->birth = date_add_months(cfg->detain, -(k % 4 == 1 ? 17 * 12 + 6 : 19 * 12 + 6));
            cfg->prior = 3;
        } else if (k % 4 == 3) {
            cfg->tm = near && k % 8 == 7 ? 61 : 60;
            cfg->birth18 = near && k % 8 == 3 ? 2 : 1;
        }
        break;
    default:
        break;
    }
}

static struct gp_chg *plant_comm(struct gen_ctx *g, struct gp *p, struct gen_rng *r, zj_date prop,
                                 int rm, int rd, int grounds)
{
    struct gp_chg *c = gs_add_chg(g, p, r, LAW_CHG_COMMUTATION, prop, prop + 20);
    if (c) {
        c->rm = rm;
        c->rd = rd;
        c->grounds = grounds;
    }
    return c;
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

int gen_plant_changes(struct gen_ctx *g, const struct gen_slot *s, int member, struct gp *p,
                      struct gen_rng *r)
{
    zj_date as_of = g->as_of;
    int near = s->near, k = s->k;
    (void)member;
    switch (s->model) {
    case M_DEL01:
    case M_PAP02: {
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
        if (s->model == M_DEL01 && near)
            p->j.notice = months_before(as_of, 1);
        break;
    }
    case M_DEL02:
        if (near)
            p->j.notice = months_before(as_of, 1);
        break;
    case M_EXE01:
        p->no_release = 1;
        break;
    case M_EXE02:
        if (near) {
            p->j.te_w = p->te0 + 1;
        } else {
            /* the court forgot the earlier custody period (S-01) */
            p->j.ts_w = p->D2;
            p->j.te_w = date_add_months(p->D2, p->j.tm) - 1;
        }
        break;
    case M_CHG01:
    case M_DUTY01: {
        int v = s->model == M_CHG01 ? k % CHG01_VARIANTS : 0;
        if (v == 6) {
            /* P-06: the commutation after the return (the parole and its revocation are
             * added with the records, so that the background keeps the person in prison) */
            zj_date pd, ret;
            p06_dates(p, &pd, &ret);
            zj_date lim = date_add_months(ret, 18);
            plant_comm(g, p, r, near ? lim : lim - 40, 6, 0, LAW_REPENTANCE);
            break;
        }
        if (v == 7) {
            /* C-14: proposed 30 days after the new judgment took effect (the 3 years of
             * 第21条 run from it); near miss the day before */
            zj_date nce = C14_NEW_EFFECTIVE(as_of);
            plant_comm(g, p, r, near ? nce - 1 : nce + 30, 6, 0, LAW_REPENTANCE);
            break;
        }
        if (v == 8) {
            zj_date lim = date_add_months(p->A, 18); /* 2012年减刑假释规定第六条 */
            plant_comm(g, p, r, near ? lim : lim - 40, 6, 0, LAW_REPENTANCE);
            break;
        }
        if (v >= 2) {
            /* start time of a life term: from the effective date (C-06 2 years, C-07 3
             * years); after 死缓 → life, from that change (C-08 3 years, C-11 5 years) */
            zj_date origin = p->j.eff;
            int months = v == 2 ? 24 : 36;
            if (v >= 4) {
                struct gp_chg *c1 = plant_ds_to_life(g, p, r);
                if (!c1)
                    break;
                origin = c1->eff;
                if (v == 5) {
                    p->j.limited = 1;
                    months = 60;
                }
            }
            zj_date lim = date_add_months(origin, months);
            plant_life_to_term(g, p, r, near ? lim : lim - 40, v <= 3 ? 264 : 300);
            break;
        }
        int start = v == 1 ? 24 : 18;
        zj_date prop = date_add_months(p->A, start) - ((near || s->model == M_DUTY01 ? 0 : 40));
        if (s->model == M_DUTY01)
            prop -= 40 + member;
        struct gp_chg *c = plant_comm(g, p, r, prop, 6, 0, LAW_REPENTANCE);
        if (c && s->model == M_DUTY01 && duty_officer(g, s, &c->officer_fac, &c->officer_n))
            c->officer_fac = p->exec_fac;
        break;
    }
    case M_CHG02: {
        struct gp_chg *c =
            plant_comm(g, p, r, date_add_months(p->A, 18) + 20, 6, 0, LAW_REPENTANCE);
        zj_date e1 = c->eff;
        plant_comm(g, p, r, near ? date_add_months(e1, 12) : date_add_months(e1, 12) - 30, 6, 0,
                   LAW_REPENTANCE);
        break;
    }
    case M_CHG03:
        if (k % CHG03_VARIANTS == 3) {
            plant_comm(g, p, r, date_add_months(p->A, 18) + 20, near ? 12 : 30, 0, LAW_REPENTANCE);
            break;
        }
        if (k % CHG03_VARIANTS == 2) {
            /* C-08: 死缓 → life → 24 years for repentance (the lowest is 25 years) */
            struct gp_chg *c1 = plant_ds_to_life(g, p, r);
            if (c1)
                plant_life_to_term(g, p, r, date_add_months(c1->eff, 36) + 30, near ? 300 : 288);
            break;
        }
        if (k % CHG03_VARIANTS == 1) {
            zj_date pr = date_add_months(p->j.eff, 36) + 30;
            struct gp_chg *c = gs_add_chg(g, p, r, LAW_CHG_COMMUTATION, pr, pr + 25);
            if (c) {
                c->grounds = LAW_REPENTANCE;
                c->newpen = LAW_FIXED_TERM;
                c->newterm = near ? 264 : 252; /* C-06: 22 years for repentance */
            }
            break;
        }
        plant_comm(g, p, r, date_add_months(p->A, 18) + 20, near ? 9 : 11, 0, LAW_REPENTANCE);
        break;
    case M_CHG04: {
        if (k % 2 == 1) {
            /* C-10 (第12条): 死缓 → 25 years (major merit, 刑法第50条) at the end of the 2
             * years, then 24 months off each year (repentance and major merit: C-02 allows
             * it, C-05 lifts the interval). Five bring the end exactly to ds_end + 15
             * years − 1 (near miss, last change); the sixth goes below (plant). */
            zj_date e2 = date_add_months(p->j.eff, 24);
            struct gp_chg *c = gs_add_chg(g, p, r, LAW_CHG_COMMUTATION, e2 - 25, e2);
            if (!c)
                break;
            c->grounds = LAW_MAJOR_MERIT;
            c->newpen = LAW_FIXED_TERM;
            c->newterm = 300;
            for (int i = 1; i <= (near ? 5 : 6); i++) {
                zj_date prop = date_add_months(e2, 12 * i) + 20;
                struct gp_chg *x = gs_add_chg(g, p, r, LAW_CHG_COMMUTATION, prop, prop + 25);
                if (!x)
                    break;
                x->grounds = LAW_REPENTANCE_MAJOR_MERIT;
                x->rm = i <= 5 ? 24 : 6;
            }
            break;
        }
        zj_date prop = date_add_months(p->A, 6);
        if (!near) {
            plant_comm(g, p, r, prop, 20, 0, LAW_REPENTANCE_MAJOR_MERIT);
        } else {
            int T = p->te0 - p->ts + 1;
            zj_date target = p->ts + (T + 1) / 2 - 1;
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
        break;
    }
    case M_CHG05: {
        if (k % 2 == 1) {
            /* 刑法第383条: 死缓 → life is lawful for 终身监禁 (the near miss); the next
             * commutation, life → 25 years, is not (C-12, the plant) */
            p->j.lifelong = 1;
            struct gp_chg *c =
                gs_add_chg(g, p, r, LAW_CHG_COMMUTATION, date_add_months(p->j.eff, 24) + 10,
                           date_add_months(p->j.eff, 24) + 35);
            if (c) {
                c->grounds = LAW_REPENTANCE;
                c->newpen = LAW_LIFE;
            }
            if (!near && c) {
                zj_date pr = date_add_months(c->eff, 36) + 30;
                struct gp_chg *c2 = gs_add_chg(g, p, r, LAW_CHG_COMMUTATION, pr, pr + 25);
                if (c2) {
                    c2->grounds = LAW_REPENTANCE;
                    c2->newpen = LAW_FIXED_TERM;
                    c2->newterm = 300;
                }
            }
            break;
        }
        if (p->nch < GP_MAXCH) {
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
        break;
    }
    case M_CHG06:
    case M_CHG07: {
        int T = p->te0 - p->ts + 1, half = (T + 1) / 2;
        if (s->model == M_CHG07 && k % 2 == 1) {
            /* P-04: parole 190 days after a 6-month commutation (half already served) */
            struct gp_chg *cm = plant_comm(g, p, r, p->ts + half - 200, 6, 0, LAW_REPENTANCE);
            zj_date pd = near ? date_add_months(cm->eff, 12) : p->ts + half + 10;
            struct gp_chg *c = gs_add_chg(g, p, r, LAW_CHG_PAROLE, pd - 30, pd);
            if (c)
                c->grounds = LAW_REPENTANCE;
            break;
        }
        zj_date dec =
            s->model == M_CHG06 ? p->ts + half + 60 : (near ? p->ts + half : p->ts + half - 20);
        struct gp_chg *c = gs_add_chg(g, p, r, LAW_CHG_PAROLE, dec - 30, dec);
        if (c)
            c->grounds = LAW_REPENTANCE;
        break;
    }
    case M_CHG08:
    case M_CHG09: {
        /* an able person with an open fine is strict (C-04): propose after 2 years */
        zj_date prop = date_add_months(p->A, s->model == M_CHG08 ? 24 : 18) + 20;
        struct gp_prop *e = &p->pr[p->npr++];
        memset(e, 0, sizeof *e);
        e->kind = PK_FINE;
        e->court = p->j.court;
        e->due = 5000000 + 1000000LL * (k % 5);
        e->filed = p->j.eff + 30;
        if (s->model == M_CHG08) {
            if (near) {
                e->status = PS_TROUND;
                e->inv = 1;
                e->unable = 1;
                e->sdate = e->filed + 120;
                e->last = e->sdate;
            } else {
                e->status = PS_ONGOING;
                e->last = as_of - 30;
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
        plant_comm(g, p, r, prop, 6, 0, LAW_REPENTANCE);
        break;
    }
    case M_CHG10:
        if (k % 3 == 2 && !near)
            plant_comm(g, p, r, date_add_months(p->A, 18) + 20, 6, 0, LAW_REPENTANCE);
        p->keep_scores = 1;
        break;
    case M_CHG12:
    case M_CC04:
    case M_CHG14: {
        zj_date prop = s->model == M_CHG14 ? as_of - 200 : p->A + 200;
        const struct gen_wprov *wp = &g->w.prov[g->w.county[p->county].prov];
        struct gp_med *m = &p->md[p->nmd++];
        m->hosp = wp->chosp;
        m->kind = 0;
        m->disease = (int)(k % gen_n_diseases);
        m->item = m->disease;
        m->d = prop - 30;
        int grounds = LAW_MEDICAL;
        if (s->model == M_CHG12) {
            if (near) {
                m->d = date_sub_months(prop, 3);
                prop = date_add_months(m->d, 3);
            } else if (k % 4 == 0) {
                m->hosp = wp->private_hosp;
            } else if (k % 4 == 1) {
                m->d = prop - 120;
            } else if (k % 4 == 2) {
                m->item = -1;
            } /* k % 4 == 3: a valid diagnosis, but business activity outside (records) */
        }
        if (s->model == M_CHG14 && near) {
            grounds = LAW_PREGNANCY;
            p->nmd = 0;
        }
        struct gp_chg *c = gs_add_chg(g, p, r, LAW_CHG_TEMP_OUTSIDE, prop, prop + 20);
        if (c) {
            c->grounds = grounds;
            c->exam = grounds == LAW_MEDICAL ? 0 : -1;
        }
        break;
    }
    case M_CHG13:
        p->keep_scores = 1;
        break;
    case M_CUS04:
        p->death = as_of - 100;
        p->death_cause = near ? 0 : (k % 2 ? 4 : 0);
        p->death_reported = near ? p->death + 1 : (k % 2 ? p->death : p->death + 3);
        p->autopsy = 0;
        break;
    default:
        break;
    }
    return 1;
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

static struct gp_restr *add_restraint(struct gp *p, int fac, int kind, zj_date s, zj_date e,
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

static zj_date mfirst(zj_date d)
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    return date_from_ymd(y, m, 1);
}

/* Regenerate weekly checkins of correction ci from start to `to` (inclusive). */
static void checkins_until(struct gen_ctx *g, struct gp *p, int ci, zj_date to)
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

static void add_ccev(struct gp *p, int ci, zj_date d, int kind, const char *region,
                     const char *detail)
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

/* A region of another city of the person's province (first 4 digits differ). */
static const char *other_city_region(struct gen_ctx *g, const struct gp *p)
{
    const struct gen_wcounty *me = &g->w.county[p->county];
    for (int i = 0; i < g->w.ncounty; i++)
        if (g->w.county[i].prov == me->prov && strncmp(g->w.county[i].c->code, me->c->code, 4))
            return g->w.county[i].c->code;
    return "110101";
}

/* P-06 plant: parole (half the term + 30 days) and its revocation 120 days later, added
 * after the background kept the person in prison: release_parole and return events, the
 * cells and scores split around the time out, a parole correction revoked on the return. */
static void p06_records(struct gen_ctx *g, struct gp *p, struct gen_rng *r)
{
    zj_date pd, ret;
    p06_dates(p, &pd, &ret);
    int fac = gs_fac_at(p, pd), cca = g->w.county[p->county].cc;
    struct gp_chg *c = gs_add_chg(g, p, r, LAW_CHG_PAROLE, pd - 30, pd);
    if (!c)
        return;
    c->grounds = LAW_REPENTANCE;
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
    checkins_until(g, p, ci, ret - 1);
    add_ccev(p, ci, ret - 30, 3, g->w.fac[cca].region, "违反监督管理规定");
    add_ccev(p, ci, ret - 25, 9, g->w.fac[cca].region, "提请撤销假释");
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

/* JUV-01: the record query of the slot (see gen_plant_config). The plant: an employer
 * (or school, individual) received the record on a day it was sealed — the first day
 * (variant 0), after two juvenile judgments (1), the last day before the adult judgment
 * took effect (2), after an offense on the 18th birthday sentenced to 60 months (3). The
 * near miss: the day before the sealing began (0), a police case query (J-02) (1), the
 * day the adult judgment took effect (2), an offense the day after the 18th birthday or
 * 61 months (3). */
static void plant_juv01(struct gen_ctx *g, const struct gen_slot *s, struct gp *p)
{
    static const char *const kinds[] = {"employer", "school", "individual", "other_unit"};
    static const char *const who[] = {"某某科技有限公司", "某某职业技术学校", "本人",
                                      "某某物业服务中心"};
    int v = s->k % 4, near = s->near;
    zj_date d = p->j.eff + 40;
    const char *kind = kinds[s->k % 4], *req = who[s->k % 4];
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
    if (near && v == 0)
        near_open(g, M_JUV01, "%s", qid);
    else
        answer(g, near, M_JUV01, "%s", qid);
}

void gen_plant_records(struct gen_ctx *g, const struct gen_slot *s, int member, struct gp *p,
                       struct gen_rng *r)
{
    zj_date as_of = g->as_of;
    int near = s->near, k = s->k, m = s->model;
    (void)r;
    switch (m) {
    case M_DEL01:
    case M_DEL02:
    case M_DEL03:
    case M_EXE01:
    case M_EXE02:
        if (m == M_DEL03) {
            /* alone in a cell, so that no juvenile shares with adults (CUS-01) */
            for (int i = 0; i < p->ncell; i++)
                if (p->cell[i].fac == p->exec_fac)
                    snprintf(p->cell[i].cell, sizeof p->cell[i].cell, "单独监室%s-%d", p->pid + 1,
                             i);
        }
        if (m == M_DEL01 || m == M_DEL02) {
            /* no activities after the judgment took effect (that is PAP-02) */
            int w = 0;
            for (int i = 0; i < p->nact; i++)
                if (p->act[i].d < p->j.eff)
                    p->act[w++] = p->act[i];
            p->nact = w;
        }
        answer(g, near, m, "%s", p->j.id);
        break;
    case M_EXE03: {
        zj_date rel = near ? p->te0 - 1 : p->te0 - 30;
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
        answer(g, near, m, "%s", p->j.id);
        break;
    }
    case M_PAP01: {
        zj_date d = near ? p->D1 - 1 : p->A + 100;
        int w = 0;
        for (int i = 0; i < p->nact; i++)
            if (p->act[i].d < p->D1 - 1)
                p->act[w++] = p->act[i];
        p->nact = w;
        if (k % 2 == 1) {
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
        /* the day before the detention, or the day custody resumes (the leave_end): the
         * opening end of a custody interval */
        if (near)
            near_open(g, m, "W%08ld%02d", p->idx + 1, p->nact - 1);
        else
            answer(g, near, m, "W%08ld%02d", p->idx + 1, p->nact - 1);
        break;
    }
    case M_PAP02: {
        if (near && PAP02_OPEN(k)) {
            /* the opening end: the only activity after the offense on the effective date
             * itself (on bail, before the undelivered interval begins the next day) */
            int w = 0;
            for (int i = 0; i < p->nact; i++)
                if (p->act[i].d < p->j.eff)
                    p->act[w++] = p->act[i];
            p->nact = w;
        }
        struct gp_act *a = &p->act[p->nact++];
        a->d = near ? (PAP02_OPEN(k) ? p->j.eff : p->j.eff + 30) : p->j.eff + 100;
        a->kind = 1;
        snprintf(a->region, sizeof a->region, "%s", g->w.county[p->county].c->code);
        if (near && PAP02_OPEN(k))
            near_open(g, m, "%s", p->j.id);
        else
            answer(g, near, m, "%s", p->j.id);
        answer(g, 0, M_DEL01, "%s", p->j.id);
        break;
    }
    case M_CHG01:
    case M_CHG03:
    case M_CHG08:
    case M_CHG09:
        if (m == M_CHG01 && k % CHG01_VARIANTS == 6)
            p06_records(g, p, r);
        if (m == M_CHG01 && k % CHG01_VARIANTS == 7)
            c14_new_judgment(g, p);
        /* the change after a 死缓 → life one is the second */
        answer(g, near, m, "X%08ld%02d", p->idx + 1,
               (m == M_CHG01 && (k % CHG01_VARIANTS == 4 || k % CHG01_VARIANTS == 5)) ||
                       (m == M_CHG03 && k % CHG03_VARIANTS == 2)
                   ? 1
                   : 0);
        break;
    case M_CHG02:
        answer(g, near, m, "X%08ld%02d", p->idx + 1, 1);
        break;
    case M_CHG04:
    case M_CHG05:
    case M_CHG06:
    case M_CHG07:
    case M_CHG12:
    case M_CHG14:
        if (m == M_CHG12 && k % 4 == 3 && !near && p->ncc > 0) {
            /* 伪造病历 seen from society: a business registration while "ill" outside */
            struct gp_act *a = &p->act[p->nact++];
            a->d = p->cc[0].start + 40;
            a->kind = 5;
            snprintf(a->region, sizeof a->region, "%s", g->w.county[p->county].c->code);
        }
        if (m == M_CHG12 && near && p->nch > 0 && p->ch[0].kind == LAW_CHG_TEMP_OUTSIDE &&
            p->ch[0].eff <= as_of && p->nact < GP_MAXMISC && p->nev + 2 <= GP_MAXEV) {
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
            gen_near_end(g, gen_model_ids[m], subject, "open");
        }
        if (m == M_CHG04 && k % 2 == 1) {
            /* C-10: the last commutation (the fifth reaches the limit, the sixth passes it) */
            answer(g, near, m, "X%08ld%02d", p->idx + 1, p->nch - 1);
            break;
        }
        answer(g, near, m, "X%08ld%02d", p->idx + 1,
               ((m == M_CHG07 || m == M_CHG05) && k % 2 == 1 && !(m == M_CHG05 && near)) ? 1 : 0);
        break;
    case M_DUTY01: {
        answer(g, 0, M_CHG01, "X%08ld%02d", p->idx + 1, 0);
        int of, on;
        if (member == 0 && duty_officer(g, s, &of, &on)) {
            char oid[32];
            gen_officer_id(&g->w, of, on, oid);
            answer(g, near, m, "%s", oid);
        }
        break;
    }
    case M_CHG10: {
        int v = k % 3;
        if (v == 0) {
            int i = p->nsc - 3;
            if (i < 0)
                break;
            p->sc[i].bonus = near ? 50 : 60;
            p->sc[i].penalty = 0;
            answer(g, near, m, "S%08ld%03d", p->idx + 1, i);
        } else if (v == 1) {
            int i = p->nsc - 4;
            if (i < 1)
                break;
            zj_date mon = p->sc[i].month;
            if (near) {
                zj_date prev_end = mon - 1;
                add_restraint(p, p->exec_fac, RK_SOLITARY, prev_end - 7, prev_end, "违反监规");
            } else {
                add_restraint(p, p->exec_fac, RK_SOLITARY, mon + 9, mon + 16, "违反监规");
            }
            p->sc[i].bonus = 20;
            p->sc[i].penalty = 0;
            answer(g, near, m, "S%08ld%03d", p->idx + 1, i);
        } else if (!near) {
            if (p->nch == 0)
                break;
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
            answer(g, 0, m, "X%08ld%02d", p->idx + 1, 0);
        }
        break;
    }
    case M_CHG11: {
        int v = k % 2;
        struct gp_merit *mr = &p->mr[p->nmr++];
        memset(mr, 0, sizeof *mr);
        mr->fac = p->exec_fac;
        mr->kind = 0;
        mr->officer = -1;
        if (v == 0) {
            mr->cat = 0;
            mr->ev = p->A + 200 + member * 3;
            mr->conf = mr->ev + 30;
            int y, mo, d;
            date_to_ymd(mr->ev, &y, &mo, &d);
            snprintf(mr->related, sizeof mr->related, "（%d）%s%s刑初%ld号", y,
                     g->w.prov[0].p->abbr, g->w.fac[g->w.county[p->county].court].region + 2,
                     3 * g->o->persons + s->pos + 1);
        } else {
            zj_date st = p->A + 150;
            add_restraint(p, p->exec_fac, RK_SOLITARY, st, st + 8, "违反监规");
            mr->cat = 3;
            mr->ev = near ? st + 9 : st + 3;
            mr->conf = mr->ev + 40;
            mr->related[0] = 0;
        }
        answer(g, near, m, "G%08ld%02d", p->idx + 1, p->nmr - 1);
        break;
    }
    case M_CHG13:
        for (int i = 0; i < p->nsc; i++) {
            p->sc[i].penalty = 0;
        }
        p->nrs = 0;
        answer(g, near, m, "%s", p->pid);
        break;
    case M_CC01:
    case M_CC02:
    case M_CC03:
    case M_CC05:
    case M_CC06: {
        if (p->ncc == 0)
            break;
        struct gp_corr *c = &p->cc[0];
        const char *reg = g->w.fac[c->agency].region;
        if (m == M_CC01) {
            c->report = c->order + (near ? 10 : 15);
            c->start = c->report;
            checkins_until(g, p, 0, c->end < as_of ? c->end : as_of);
        } else if (m == M_CC02) {
            checkins_until(g, p, 0, near ? as_of - 10 : as_of - 20);
            if (!near && k % 2 == 1)
                add_ccev(p, 0, as_of - 19, 4, reg, "失去联系");
        } else if (m == M_CC03) {
            add_ccev(p, 0, as_of - 90, 2, reg, "未按规定报告");
            add_ccev(p, 0, as_of - 60, 2, reg, "未经批准离开居住地");
            if (near)
                add_ccev(p, 0, as_of - 30, 9, reg, "提请撤销缓刑");
        } else if (m == M_CC05) {
            const char *other = other_city_region(g, p);
            if (near) {
                add_ccev(p, 0, as_of - 45, 5, reg, "经批准外出就医");
                add_ccev(p, 0, as_of - 40, 6, reg, "");
            }
            add_ccev(p, 0, as_of - 40, 1, other, "");
        } else if (m == M_CC06) {
            c->end = near ? as_of - 1 : as_of - 20;
            c->status = CS_ACTIVE;
            c->status_date = c->start;
            checkins_until(g, p, 0, as_of - 3);
        }
        answer(g, near, m, "K%08ld%d", p->idx + 1, 0);
        break;
    }
    case M_CC04: {
        if (p->ncc == 0)
            break;
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
        int ended = k % 2 == 1; /* T-03: a review finds the disease off the list */
        if (ended)
            stop = as_of;
        int n = 0;
        while (d <= stop && p->nmd < GP_MAXSC / 4) {
            struct gp_med *x = &p->md[p->nmd++];
            x->hosp = g->w.prov[g->w.county[p->county].prov].city[g->w.county[p->county].city].hosp;
            x->d = d;
            x->kind = 1;
            x->disease = p->md[0].disease;
            x->item = p->md[0].item;
            add_ccev(p, 0, d, 7, reg, "病情复查结论：仍符合");
            n++;
            d = (near && n == 1 && !ended) ? date_add_months(d, 3) + 15 : d + 85;
            if (ended && d > as_of - (near ? 30 : 60)) {
                /* the last review: no longer on the severe-disease list */
                x = &p->md[p->nmd++];
                x->hosp = p->md[p->nmd - 2].hosp;
                x->d = as_of - (near ? 30 : 60);
                x->kind = 1;
                x->disease = p->md[0].disease;
                x->item = -1;
                add_ccev(p, 0, x->d, 7, reg, "病情复查结论：已不符合保外就医条件");
                break;
            }
        }
        answer(g, near, m, "K%08ld%d", p->idx + 1, 0);
        break;
    }
    case M_PR01: {
        p->nvt = 0;
        zj_date dpr_end = date_add_months(p->te0 + 1, p->j.dpr) - 1;
        struct gp_vote *v = &p->vt[p->nvt++];
        v->d = near ? dpr_end + 1 : p->te0 + 100;
        snprintf(v->region, sizeof v->region, "%s", g->w.county[p->county].c->code);
        /* k % 3: 0 registered and voted; 1 stood as a candidate; 2 elected (neither
         * registered nor voting: the candidate/elected columns alone make the lead) */
        v->reg = k % 3 == 0;
        v->voted = k % 3 == 0;
        v->cand = k % 3 != 0;
        v->elected = k % 3 == 2;
        answer(g, near, m, "T%08ld%02d", p->idx + 1, 0);
        break;
    }
    case M_PROP01:
    case M_PROP02: {
        p->npr = 0;
        struct gp_prop *e = &p->pr[p->npr++];
        memset(e, 0, sizeof *e);
        e->kind = PK_FINE;
        e->court = p->j.court;
        e->due = 2000000;
        e->filed = p->j.eff + 30;
        if (m == M_PROP01) {
            e->status = PS_ONGOING;
            e->last = near ? months_before(as_of, 6) : as_of - 250;
            e->sdate = ZJ_DATE_NONE;
        } else {
            e->status = PS_TROUND;
            e->inv = near ? 1 : 0;
            e->unable = 1;
            e->sdate = as_of - 100;
            e->last = e->sdate;
        }
        answer(g, near, m, "Q%08ld%d", p->idx + 1, 0);
        break;
    }
    case M_REC01:
        if (k % 3 == 2 && p->has_prior) {
            /* the prior was an organised crime too */
            p->pj.charge = gs_charge_index("组织、领导、参加黑社会性质组织罪");
            p->pj.cat = gen_charges[p->pj.charge].cat;
            snprintf(p->pj.charges, sizeof p->pj.charges, "%s", gen_charges[p->pj.charge].name);
            p->j.recid = near ? 1 : 0;
        } else if (near && REC01_OPEN(k)) {
            /* the offense on the day the prior was released (gen.c): the 5 years open the
             * day after, so no recidivism, and the court did not find one */
            p->j.recid = 0;
            near_open(g, m, "%s", p->j.id);
            break;
        } else if (near || k % 2 == 0)
            p->j.recid = near ? 1 : 0;
        else
            p->j.recid = 1;
        answer(g, near, m, "%s", p->j.id);
        break;
    case M_CUS01:
    case M_CUS02: {
        char shared[48];
        snprintf(shared, sizeof shared, "过渡监室%ld", s->pos + 1);
        int target = -1;
        if (near && CELL_OPEN(k)) {
            /* the opening end: the detention centre's cell split on day X (10 days after the
             * detention both share); member 1 (the adult, the co-defendant) is in the shared
             * cell up to X, member 0 from X + 1: the two never share it */
            zj_date X = as_of - 400 + 10;
            for (int i = 0; i < p->ncell; i++)
                if (p->cell[i].fac == p->dc && p->cell[i].start <= X &&
                    (p->cell[i].end == ZJ_DATE_NONE || p->cell[i].end > X)) {
                    target = i;
                    break;
                }
            if (target >= 0 && p->ncell < GP_MAXMISC) {
                struct gp_cell *c = &p->cell[target];
                memmove(c + 2, c + 1, (size_t)(p->ncell - target - 1) * sizeof *c);
                p->ncell++;
                c[1] = c[0];
                c[0].end = X;
                c[1].start = X + 1;
                if (member == 0 && m == M_CUS01) /* the juvenile alone before X */
                    snprintf(c[0].cell, sizeof c[0].cell, "单独监室%s-%d", p->pid + 1, target);
                if (member == 0)
                    target++;
                snprintf(p->cell[target].cell, sizeof p->cell[target].cell, "%s", shared);
                if (member == 0)
                    near_open(g, m, "A%08ld%02d", p->idx + 1, target);
            }
            break;
        }
        if (m == M_CUS01) {
            if (member == 0 && near) {
                /* the adult part of the split assignment */
                for (int i = 0; i < p->ncell; i++)
                    if (p->cell[i].fac == p->dc && p->cell[i].start > p->D1)
                        target = i;
            } else {
                for (int i = 0; i < p->ncell; i++)
                    if (p->cell[i].fac == p->dc) {
                        target = i;
                        break;
                    }
            }
            if (target >= 0)
                snprintf(p->cell[target].cell, sizeof p->cell[target].cell, "%s", shared);
        } else {
            /* co-defendants: own cells before, shared from (near) the effective date */
            for (int i = 0; i < p->ncell; i++)
                if (p->cell[i].fac == p->dc) {
                    target = i;
                    break;
                }
            if (target >= 0 && near && p->ncell < GP_MAXMISC) {
                struct gp_cell *c = &p->cell[target];
                memmove(c + 2, c + 1, (size_t)(p->ncell - target - 1) * sizeof *c);
                p->ncell++;
                c[1] = c[0];
                c[0].end = p->j.eff - 1;
                c[1].start = p->j.eff;
                target++;
            }
            if (target >= 0)
                snprintf(p->cell[target].cell, sizeof p->cell[target].cell, "%s", shared);
        }
        if (member == 0 && target >= 0)
            answer(g, near, m, "A%08ld%02d", p->idx + 1, target);
        break;
    }
    case M_CUS03: {
        int v = k % 4;
        struct gp_restr *x;
        zj_date st = as_of - 60;
        if (v == 3) {
            x = add_restraint(p, p->exec_fac, RK_LEGIRONS, st, st + (near ? 14 : 15), "有脱逃危险");
        } else if (v == 0) {
            x = add_restraint(p, p->exec_fac, RK_SOLITARY, st, st + (near ? 14 : 16), "违反监规");
        } else if (v == 1) {
            x = add_restraint(p, p->exec_fac, RK_HANDCUFFS, st, st + (near ? 14 : 19),
                              "有行凶危险");
        } else {
            x = add_restraint(p, p->exec_fac, RK_CHAIR, st, st + (near ? 0 : 2), "自伤自残");
        }
        (void)x;
        answer(g, near, m, "B%08ld%02d", p->idx + 1, p->nrs - 1);
        break;
    }
    case M_CUS04:
        answer(g, near, m, "%s", p->pid);
        break;
    case M_JUV01:
        plant_juv01(g, s, p);
        break;
    default:
        break;
    }
}
