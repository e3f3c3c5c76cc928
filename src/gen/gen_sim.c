/*
 * gen_sim.c — the lawful background life of one person: offence, pre-trial custody,
 * judgment, delivery for execution, commutations, parole, medical parole, release,
 * community correction, scores, merits, cells, restraints, property, voter rolls and
 * social activities. Every date respects spec/law.md with a margin (see README.md in
 * this directory for the limits used); gen_plant.c then bends single facts.
 */
#include "gen/gen_sim.h"

#include <stdio.h>

#include <string.h>

#include "law/law.h"

static const int election_ymd[][3] = {
    {2011, 11, 15}, {2014, 3, 20},  {2016, 11, 15}, {2017, 3, 20},
    {2020, 10, 20}, {2021, 11, 15}, {2023, 3, 20},  {2026, 3, 20},
};

int gs_age(zj_date birth, zj_date d)
{
    return date_age(birth, d);
}

static int pick_charge(struct gen_rng *r)
{
    int tot = 0;
    for (int i = 0; i < gen_n_charges; i++)
        tot += gen_charges[i].weight;
    int x = (int)gen_uni(r, 0, tot - 1);
    for (int i = 0; i < gen_n_charges; i++) {
        if (x < gen_charges[i].weight)
            return i;
        x -= gen_charges[i].weight;
    }
    return 0;
}

void gs_charge_name(int idx, struct gen_rng *r, char *out, size_t n)
{
    const char *name = gen_charges[idx].name;
    if (!strcmp(name, GEN_OTHER_CHARGE)) {
        size_t total = law_charge_table_size(), pool = 0, pick;
        unsigned cats;
        for (size_t i = 0; i < total; i++)
            if (law_charge_table_official(i) && law_charge_table_name(i, &cats) && !cats)
                pool++;
        pick = (size_t)gen_uni(r, 0, (long)pool - 1);
        for (size_t i = 0; i < total; i++)
            if (law_charge_table_official(i) && (name = law_charge_table_name(i, &cats)) && !cats &&
                pick-- == 0)
                break;
    }
    snprintf(out, n, "%s", name);
}

void gs_dated_charges(const char *charges, zj_date jd, char *out, size_t n)
{
    int y = 0, m, d;
    size_t len = 0;
    if (jd != ZJ_DATE_NONE)
        date_to_ymd(jd, &y, &m, &d);
    out[0] = '\0';
    for (const char *p = charges; p && *p;) {
        const char *e = strchr(p, ';');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        char item[256];
        snprintf(item, sizeof item, "%.*s", (int)k, p);
        const char *use = item;
        struct law_charge_info ci, oi;
        if (y && law_charge_lookup(item, &ci) != LAW_CHARGE_UNKNOWN) {
            /* a plain renaming only: one old name for the name in force (a merger of
             * several crimes, e.g. 奸淫幼女罪 and 嫖宿幼女罪 into 强奸罪, says nothing of
             * which one a judgment was for) */
            int aliases = 0;
            const char *old_name = NULL;
            for (size_t i = 0; i < law_charge_table_size(); i++) {
                if (law_charge_table_official(i))
                    continue;
                const char *old = law_charge_table_name(i, NULL);
                if (law_charge_lookup(old, &oi) == LAW_CHARGE_OLD_NAME &&
                    !strcmp(oi.official, ci.official)) {
                    aliases++;
                    if (!oi.alternative && oi.cats == ci.cats && oi.renamed_year > y)
                        old_name = old;
                }
            }
            if (aliases == 1 && old_name)
                use = old_name;
        }
        len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s%s", len ? ";" : "", use);
        if (!e)
            break;
        p = e + 1;
    }
}

int gs_charge_index(const char *name)
{
    for (int i = 0; i < gen_n_charges; i++)
        if (!strcmp(gen_charges[i].name, name))
            return i;
    return 0;
}

void gs_add_ev(struct gp *p, zj_date d, int type, int fac, int jref, const char *note)
{
    if (p->nev >= GP_MAXEV)
        return;
    struct gp_ev *e = &p->ev[p->nev++];
    e->d = d;
    e->type = type;
    e->fac = fac;
    e->jref = jref;
    snprintf(e->note, sizeof e->note, "%s", note ? note : "");
}

/* The officer of facility fac picked for this person (or none for planted persons). */
static void officer_pick(struct gen_ctx *g, struct gp *p, struct gen_rng *r, int fac, int *of,
                         int *on)
{
    if (p->plant || fac < 0) {
        *of = -1;
        *on = 0;
        return;
    }
    *of = fac;
    *on = (int)gen_uni(r, 0, g->w.fac[fac].n_off - 1);
}

struct gp_chg *gs_add_chg(struct gen_ctx *g, struct gp *p, struct gen_rng *r, int kind,
                          zj_date prop, zj_date dec)
{
    if (p->nch >= GP_MAXCH)
        return NULL;
    struct gp_chg *c = &p->ch[p->nch++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->prop = prop;
    c->dec = dec;
    c->eff = dec;
    c->exam = -1;
    c->leniency = 0;
    int fac = gs_fac_at(p, prop);
    c->proposer = fac;
    const struct gen_fac *pf = &g->w.fac[fac];
    const struct gen_wprov *wp = &g->w.prov[g->w.county[p->county].prov];
    if (kind == LAW_CHG_TEMP_OUTSIDE)
        c->decider = wp->admin;
    else if (p->j.pen == LAW_LIFE || p->j.pen == LAW_DEATH_SUSPENDED)
        c->decider = wp->high;
    else
        c->decider = wp->city[pf->city].icourt;
    c->points = (int)((prop - p->A) / 30) * 85;
    officer_pick(g, p, r, fac, &c->officer_fac, &c->officer_n);
    return c;
}

/* Term end written/computed by S-03 for a fixed term of m months k days. */
static zj_date s03_end(zj_date E, int m, int k, int credit)
{
    return date_add_months(E, m) + k - 1 - credit;
}

static int categories_strict(const struct gp *p)
{
    return (p->j.cat & (GEN_CAT_DUTY | GEN_CAT_FINANCIAL | GEN_CAT_ORGANISED)) || p->j.recid ||
           p->j.druglead;
}
static int categories_violent(const struct gp *p)
{
    return (p->j.cat & GEN_CAT_VIOLENT) || p->j.orgv;
}

void gs_limits(const struct gp *p, int *start_m, int *intv_m)
{
    int m = p->j.tm, strict = categories_strict(p), violent = categories_violent(p);
    int c04 = strict || (violent && m >= 120) || p->j.comb10;
    if (c04) {
        *start_m = 24;
        *intv_m = (strict && m <= 120 && !(violent && m >= 120) && !p->j.comb10) ? 12 : 18;
    } else {
        *start_m = m < 60 ? 12 : m < 120 ? 18 : 24;
        *intv_m = m < 120 ? 12 : 18;
    }
}

/* ---- identity ---------------------------------------------------------------------- */

static int id_used(struct gen_ctx *g, uint64_t key)
{
    size_t mask = g->idcap - 1, h = (size_t)(key * 0x9E3779B97F4A7C15ULL) & mask;
    while (g->ids[h]) {
        if (g->ids[h] == key)
            return 1;
        h = (h + 1) & mask;
    }
    g->ids[h] = key;
    g->idn++;
    return 0;
}

void gs_identity(struct gen_ctx *g, struct gp *p, struct gen_rng *r)
{
    snprintf(p->pid, sizeof p->pid, "P%08ld", p->idx + 1);
    const char *sur = gen_surnames[gen_uni(r, 0, gen_n_surnames - 1)];
    const char *g1 = p->male ? gen_given_m[gen_uni(r, 0, gen_n_given_m - 1)]
                             : gen_given_f[gen_uni(r, 0, gen_n_given_f - 1)];
    const char *g2 = gen_pm(r, 650) ? (p->male ? gen_given_m[gen_uni(r, 0, gen_n_given_m - 1)]
                                               : gen_given_f[gen_uni(r, 0, gen_n_given_f - 1)])
                                    : "";
    snprintf(p->name, sizeof p->name, "%s%s%s", sur, g1, g2);
    /* region of birth: usually the home county */
    const char *region = g->w.county[p->county].c->code;
    int y, m, d;
    date_to_ymd(p->birth, &y, &m, &d);
    for (int tries = 0;; tries++) {
        int seq = (int)gen_uni(r, 0, 499) * 2 + (p->male ? 1 : 0);
        char first[18];
        snprintf(first, sizeof first, "%s%04d%02d%02d%03d", region, y, m, d, seq);
        uint64_t key = ((uint64_t)(p->county + 1) << 40) ^
                       ((uint64_t)(uint32_t)(p->birth + 100000) << 10) ^ (uint64_t)seq;
        if (!id_used(g, key) || tries > 50) {
            memcpy(p->idn, first, 17);
            p->idn[17] = gen_id_check(first);
            p->idn[18] = 0;
            break;
        }
    }
}

/* ---- judgment ------------------------------------------------------------------------ */

static void case_no(struct gen_ctx *g, char *out, size_t n, int court, zj_date jd, long seq)
{
    int y, m, d;
    date_to_ymd(jd, &y, &m, &d);
    const struct gen_fac *f = &g->w.fac[court];
    const struct gen_wcounty *k = NULL;
    for (int i = 0; i < g->w.ncounty; i++)
        if (g->w.county[i].court == court)
            k = &g->w.county[i];
    const char *abbr = k ? g->w.prov[k->prov].p->abbr : g->w.prov[0].p->abbr;
    snprintf(out, n, "（%d）%s%s刑初%ld号", y, abbr, f->region + 2, seq);
}

void gs_choose_sentence(struct gen_ctx *g, struct gp *p, struct gen_rng *r,
                        const struct gs_cfg *cfg)
{
    (void)g;
    struct gp_judg *j = &p->j;
    memset(j, 0, sizeof *j);
    j->charge = cfg->charge >= 0 ? cfg->charge : pick_charge(r);
    const struct gen_charge *c = &gen_charges[j->charge];
    j->cat = c->cat;
    gs_charge_name(j->charge, r, j->charges, sizeof j->charges);
    if (!cfg->force_pen && gen_pm(r, 60) && !(c->cat & GEN_CAT_VIOLENT)) {
        int i2 = pick_charge(r);
        const struct gen_charge *c2 = &gen_charges[i2];
        if (c2 != c && !(c2->cat & (GEN_CAT_VIOLENT | GEN_CAT_ORGANISED))) {
            char n2[128];
            gs_charge_name(i2, r, n2, sizeof n2);
            size_t l = strlen(j->charges);
            snprintf(j->charges + l, sizeof j->charges - l, ";%s", n2);
            j->cat |= c2->cat;
        }
    }
    if (cfg->force_pen) {
        j->pen = cfg->pen;
        j->tm = cfg->tm;
        j->prob = cfg->prob;
    } else if (c->detention_pm >= 1000) {
        j->pen = LAW_CRIMINAL_DETENTION;
        j->tm = (int)gen_uni(r, 1, 6);
        if (gen_pm(r, c->probation_pm))
            j->prob = (int)gen_uni(r, j->tm < 2 ? 2 : j->tm, 12);
        else if (j->tm < 2)
            j->tm = 2; /* one month would be served before the judgment takes effect */
    } else {
        int x = (int)gen_uni(r, 0, 999);
        if (x < c->life_pm) {
            j->pen = gen_pm(r, 500) ? LAW_LIFE : LAW_DEATH_SUSPENDED;
        } else if (x < c->life_pm + 15 && !(c->cat & GEN_CAT_VIOLENT)) {
            j->pen =
                gen_pm(r, 600) ? LAW_FINE_ONLY : (gen_pm(r, 500) ? LAW_EXEMPT : LAW_SURVEILLANCE);
            if (j->pen == LAW_SURVEILLANCE)
                j->tm = (int)gen_uni(r, 3, 24);
        } else if (x < c->life_pm + c->long_pm) {
            j->pen = LAW_FIXED_TERM;
            j->tm = (int)gen_uni(r, 121, 180);
        } else if (gen_pm(r, c->detention_pm)) {
            j->pen = LAW_CRIMINAL_DETENTION;
            j->tm = (int)gen_uni(r, 2, 6);
            if (gen_pm(r, c->probation_pm))
                j->prob = (int)gen_uni(r, j->tm, 12);
        } else {
            j->pen = LAW_FIXED_TERM;
            uint64_t u = gen_rng_next(r) % 1000;
            j->tm = c->min_m + (int)((long)(c->max_m - c->min_m) * (long)(u * u) / 1000000);
            if (j->tm <= 36 && gen_pm(r, c->probation_pm))
                j->prob = (int)gen_uni(r, j->tm < 12 ? 12 : j->tm,
                                       j->tm * 2 > 60 ? 60 : (j->tm * 2 < 12 ? 12 : j->tm * 2));
        }
    }
    if (j->pen == LAW_LIFE || j->pen == LAW_DEATH_SUSPENDED) {
        j->dpr_life = 1;
        j->tm = 0;
    } else if (j->pen == LAW_FIXED_TERM && !j->prob &&
               (c->cat & (GEN_CAT_VIOLENT | GEN_CAT_ORGANISED | GEN_CAT_DRUG)) &&
               gen_pm(r, c->dpr_pm) && !cfg->no_dpr) {
        j->dpr = (int)gen_uni(r, 1, 5) * 12;
    } else if (j->pen == LAW_SURVEILLANCE && gen_pm(r, 200) && !cfg->no_dpr) {
        j->dpr = j->tm;
    }
    if ((c->cat & GEN_CAT_ORGANISED) && gen_pm(r, 500))
        j->orgv = 1;
    if (j->pen == LAW_DEATH_SUSPENDED && (c->cat & GEN_CAT_DUTY) && gen_pm(r, 150) &&
        !cfg->force_pen)
        j->lifelong = 1;
    if (cfg->force_pen && cfg->dpr >= 0) {
        j->dpr = cfg->dpr;
    }
}

/* ---- the timeline ---------------------------------------------------------------------- */

static int imprisoned(const struct gp_judg *j)
{
    return !j->prob && (j->pen == LAW_CRIMINAL_DETENTION || j->pen == LAW_FIXED_TERM ||
                        j->pen == LAW_LIFE || j->pen == LAW_DEATH_SUSPENDED);
}

static int pick_prison(struct gen_ctx *g, struct gp *p, struct gen_rng *r, zj_date A)
{
    const struct gen_wprov *wp = &g->w.prov[g->w.county[p->county].prov];
    if (gs_age(p->birth, A) < 18)
        return wp->juvenile;
    if (!p->male)
        return wp->women;
    return wp->prisons[gen_uni(r, 0, wp->nprisons - 1)];
}

static void make_prior(struct gen_ctx *g, struct gp *p, struct gen_rng *r, int recid_group,
                       zj_date R_at, int tm)
{
    struct gp_judg *q = &p->pj;
    memset(q, 0, sizeof *q);
    static const char *const pc[] = {"盗窃罪", "诈骗罪", "故意伤害罪", "寻衅滋事罪"};
    q->charge = gs_charge_index(pc[gen_uni(r, 0, 3)]);
    snprintf(q->charges, sizeof q->charges, "%s", gen_charges[q->charge].name);
    q->cat = gen_charges[q->charge].cat;
    q->pen = LAW_FIXED_TERM;
    q->tm = (int)gen_uni(r, 12, 36);
    if (tm > 0)
        q->tm = tm;
    zj_date R;
    if (recid_group)
        R = date_add_months(p->j.off, -60) + (zj_date)gen_uni(r, 60, 1500);
    else
        R = date_add_months(p->j.off, -60) - (zj_date)gen_uni(r, 60, 1500);
    if (R_at != ZJ_DATE_NONE)
        R = R_at;
    zj_date Dp = date_add_months(R + 1, -q->tm);
    q->ts_w = Dp;
    while (s03_end(Dp, q->tm, 0, 0) > R)
        Dp--;
    while (s03_end(Dp, q->tm, 0, 0) < R)
        Dp++;
    q->ts_w = Dp;
    q->te_w = s03_end(Dp, q->tm, 0, 0);
    R = q->te_w;
    q->off = Dp - (zj_date)gen_uni(r, 0, 20);
    q->jd = Dp + (zj_date)gen_uni(r, 50, 120);
    q->eff = q->jd + (zj_date)gen_uni(r, 10, 15);
    q->notice = q->eff + (zj_date)gen_uni(r, 1, 8);
    q->court = g->w.county[p->county].court;
    snprintf(q->id, sizeof q->id, "J%08ldP", p->idx + 1);
    case_no(g, q->case_no, sizeof q->case_no, q->court, q->jd, g->o->persons + p->idx + 1);
    p->has_prior = 1;
    int dc = g->w.county[p->county].dc;
    zj_date Ap = q->notice + (zj_date)gen_uni(r, 3, 20);
    int prison = pick_prison(g, p, r, Ap);
    gs_add_ev(p, Dp, LAW_EV_DETAIN, dc, 0, "");
    gs_add_ev(p, Ap, LAW_EV_ADMIT, prison, 2, "");
    gs_add_ev(p, R, LAW_EV_RELEASE, prison, 2, "刑满释放");
}

/* Simulate the main sentence's dates; anchored on the effective date. */
void gs_timeline(struct gen_ctx *g, struct gp *p, struct gen_rng *r, const struct gs_cfg *cfg)
{
    struct gp_judg *j = &p->j;
    zj_date as_of = g->as_of;
    int wk = g->w.county[p->county].court;
    p->dc = g->w.county[p->county].dc;
    j->court = wk;
    if (cfg->detain != ZJ_DATE_NONE) {
        int pre = cfg->pre_days > 0 ? cfg->pre_days : 90;
        j->jd = cfg->detain + pre;
        j->eff = j->jd + 12;
        j->notice = j->eff + 5;
    } else if (cfg->eff != ZJ_DATE_NONE) {
        j->eff = cfg->eff;
    } else {
        long span;
        if (j->pen == LAW_FIXED_TERM && !j->prob)
            span = (long)j->tm * 31 + 900;
        else if (j->pen == LAW_LIFE || j->pen == LAW_DEATH_SUSPENDED)
            span = 365L * 18;
        else if (j->prob)
            span = (long)j->prob * 31 + 500;
        else
            span = 365L * 4;
        if (g->o->long_share && j->pen == LAW_FIXED_TERM && j->tm >= 120)
            span = (long)j->tm * 30;
        j->eff = as_of - (zj_date)gen_uni(r, 25, span);
    }
    if (cfg->detain == ZJ_DATE_NONE) {
        j->jd = j->eff - (zj_date)gen_uni(r, 10, 20);
        j->notice = j->eff + (zj_date)gen_uni(r, 1, 9);
    }
    int impr = imprisoned(j);
    long pre_hi = 240, pre_lo = 45;
    if (j->pen == LAW_CRIMINAL_DETENTION)
        pre_lo = 5, pre_hi = j->tm * 30 / 4 > 6 ? j->tm * 30 / 4 : 6;
    else if (j->pen == LAW_FIXED_TERM && !j->prob) {
        long cap = (long)j->tm * 30 / 2 - 40;
        if (cap < pre_hi)
            pre_hi = cap;
        if (pre_hi < 30)
            pre_hi = 30;
        if (pre_lo > pre_hi - 5)
            pre_lo = pre_hi - 5 > 10 ? pre_hi - 5 : 10;
    }
    if (cfg->pre_days > 0)
        pre_lo = pre_hi = cfg->pre_days;
    p->bailed = 0;
    p->RS = p->D1 = p->B = p->D2 = p->A = p->release = ZJ_DATE_NONE;
    p->credit = 0;
    if (impr) {
        zj_date D =
            cfg->detain != ZJ_DATE_NONE ? cfg->detain : j->jd - (zj_date)gen_uni(r, pre_lo, pre_hi);
        j->off = D - (zj_date)gen_uni(r, 0, 25);
        p->D1 = D;
        if ((cfg->bail == 1 || (cfg->bail == 0 && gen_pm(r, 120))) && j->pen == LAW_FIXED_TERM &&
            j->tm >= 12 && j->jd - D > 90) {
            p->B = D + (zj_date)gen_uni(r, 10, 37);
            p->D2 = j->jd - (zj_date)gen_uni(r, 0, 15);
            if (p->D2 <= p->B + 20) {
                p->B = ZJ_DATE_NONE;
                p->D2 = ZJ_DATE_NONE;
            } else {
                p->bailed = 1;
                p->credit = p->B - p->D1;
            }
        }
        if (!p->bailed && cfg->bail == 0 && (j->cat & GEN_CAT_DUTY) && j->pen == LAW_FIXED_TERM &&
            gen_pm(r, 300)) {
            /* 指定居所监视居住 before arrest (S-02: two days count as one) */
            p->RS = D - (zj_date)gen_uni(r, 30, 90);
            j->off = p->RS - (zj_date)gen_uni(r, 0, 25);
            p->credit = (D - p->RS) / 2;
        }
    } else {
        zj_date base = j->jd - (zj_date)gen_uni(r, 60, 300);
        j->off = base - (zj_date)gen_uni(r, 0, 25);
        if (j->pen != LAW_EXEMPT && gen_pm(r, 500)) {
            p->D1 = j->off + (zj_date)gen_uni(r, 0, 10);
            p->B = p->D1 + (zj_date)gen_uni(r, 5, 37);
            if (p->B >= j->jd - 10)
                p->B = j->jd - 10;
            if (p->B <= p->D1)
                p->D1 = ZJ_DATE_NONE, p->B = ZJ_DATE_NONE;
            else
                p->bailed = 1;
        }
    }
    /* birth: age at offense */
    int age;
    if (cfg->age > 0)
        age = cfg->age;
    else if (gen_pm(r, 15) && j->pen != LAW_LIFE && j->pen != LAW_DEATH_SUSPENDED)
        age = 16 + (int)gen_uni(r, 0, 1);
    else {
        uint64_t u = gen_rng_next(r) % 1000;
        age = 18 + (int)(u * u * 45 / 1000000);
    }
    p->birth = date_add_months(j->off, -12 * age) - (zj_date)gen_uni(r, 1, 360);
    if (cfg->birth != ZJ_DATE_NONE)
        p->birth = cfg->birth;
    if (cfg->birth18) {
        /* the offense on the 18th birthday (1) or the day after it (2): the birth date b
         * with add_months(b, 216) = the birthday wanted (moved a day when none exists) */
        for (;;) {
            zj_date want = j->off - (cfg->birth18 == 2 ? 1 : 0),
                    b = date_add_months(want, -216) - 3;
            while (b < want && date_add_months(b, 216) != want)
                b++;
            if (b < want) {
                p->birth = b;
                break;
            }
            j->off--;
        }
    }
}

void gs_prior(struct gen_ctx *g, struct gp *p, struct gen_rng *r, int mode, zj_date R_at)
{
    /* mode: 0 random, 1 recidivist, 2 prior outside 5 years, 3 juvenile prior released on
     * R_at, -1 none */
    struct gp_judg *j = &p->j;
    if (mode < 0 || p->member)
        return;
    int ageoff = gs_age(p->birth, j->off);
    if (mode == 0) {
        if (ageoff < 26 || !gen_pm(r, 80) || (j->cat & GEN_CAT_ORGANISED))
            return;
        mode = gen_pm(r, 600) ? 1 : 2;
    }
    if (mode == 1 &&
        (j->pen != LAW_FIXED_TERM || j->prob || (j->cat & GEN_CAT_NEGLIGENT) || j->tm < 12))
        mode = 2; /* 刑法第74条: a suspended sentence excludes recidivism in the background */
    if (mode == 3) {
        /* a juvenile prior of 12 months released on R_at (JUV-01 plants: sealing, J-01) */
        make_prior(g, p, r, 0, R_at, 12);
        j->recid = 0;
        return;
    }
    make_prior(g, p, r, mode == 1, R_at, 0);
    if (gs_age(p->birth, p->pj.off) < 18) {
        /* too young at the prior: drop it */
        p->has_prior = 0;
        p->nev = 0;
        return;
    }
    j->recid = mode == 1;
}

/* Delivery for execution and the term (S-01..S-03, S-08, D-02, D-03). */
void gs_execution(struct gen_ctx *g, struct gp *p, struct gen_rng *r, const struct gs_cfg *cfg)
{
    struct gp_judg *j = &p->j;
    snprintf(j->id, sizeof j->id, "J%08ld", p->idx + 1);
    case_no(g, j->case_no, sizeof j->case_no, j->court, j->jd, p->case_key + 1);
    if (p->RS != ZJ_DATE_NONE) {
        gs_add_ev(p, p->RS, LAW_EV_RS_START, g->w.county[p->county].police, 0, "指定居所监视居住");
        gs_add_ev(p, p->D1, LAW_EV_RS_END, g->w.county[p->county].police, 0, "");
    }
    if (p->D1 != ZJ_DATE_NONE)
        gs_add_ev(p, p->D1, LAW_EV_DETAIN, p->dc, 0, "");
    if (p->B != ZJ_DATE_NONE)
        gs_add_ev(p, p->B, LAW_EV_BAIL, p->dc, 0, "取保候审");
    if (p->D2 != ZJ_DATE_NONE)
        gs_add_ev(p, p->D2, LAW_EV_DETAIN, p->dc, 0, "");
    p->exec_fac = -1;
    p->ts = p->te0 = p->tcur = ZJ_DATE_NONE;
    p->death = ZJ_DATE_NONE;
    p->parole_date = ZJ_DATE_NONE;
    j->ts_w = j->te_w = ZJ_DATE_NONE;
    if (j->pen == LAW_SURVEILLANCE) {
        int cust = p->bailed ? p->B - p->D1 : 0;
        p->credit = 2 * cust;
        p->ts = j->eff - p->credit;
        p->te0 = p->tcur = s03_end(j->eff, j->tm, 0, p->credit);
        j->ts_w = p->ts;
        j->te_w = p->te0;
        return;
    }
    if (!imprisoned(j))
        return;
    zj_date E = p->D2 != ZJ_DATE_NONE ? p->D2 : p->D1;
    zj_date deadline = date_add_months(j->notice, 1);
    if (j->pen == LAW_FIXED_TERM || j->pen == LAW_CRIMINAL_DETENTION) {
        p->ts = E - p->credit;
        p->te0 = p->tcur = s03_end(E, j->tm, j->td, p->credit);
        j->ts_w = p->ts;
        j->te_w = p->te0;
    }
    if (cfg->no_admit)
        return;
    if (j->pen == LAW_CRIMINAL_DETENTION || (j->pen == LAW_FIXED_TERM && p->te0 <= deadline + 80)) {
        p->exec_fac = p->dc;
        p->A = j->notice + (zj_date)gen_uni(r, 0, 3);
        if (p->A > p->te0 - 3)
            p->A = j->eff;
    } else {
        p->A = cfg->admit != ZJ_DATE_NONE ? cfg->admit : j->notice + (zj_date)gen_uni(r, 3, 25);
        p->exec_fac = cfg->prison >= 0 ? cfg->prison : pick_prison(g, p, r, p->A);
    }
    if (p->A > g->as_of) {
        /* not yet delivered at the as-of date (still within the D-02 month) */
        p->A = ZJ_DATE_NONE;
        p->exec_fac = -1;
        return;
    }
    gs_add_ev(p, p->A, LAW_EV_ADMIT, p->exec_fac, 1, "");
}

/* Background commutations, parole and medical parole (law.md §4–§6, strictest limits). */
void gs_changes(struct gen_ctx *g, struct gp *p, struct gen_rng *r)
{
    struct gp_judg *j = &p->j;
    zj_date as_of = g->as_of;
    if (p->exec_fac < 0 || g->w.fac[p->exec_fac].kind == GK_DC || j->lifelong)
        return;
    /* property unpaid by an able person blocks every change (P-03, F-03) */
    for (int i = 0; i < p->npr; i++)
        if (p->pr[i].status == PS_ONGOING)
            return;
    zj_date stop = p->death != ZJ_DATE_NONE ? p->death - 30 : as_of;
    if (j->pen == LAW_FIXED_TERM) {
        int start_m, intv_m;
        gs_limits(p, &start_m, &intv_m);
        int T = p->te0 - p->ts + 1, half = (T + 1) / 2;
        int share = j->tm >= 36 ? 600 : j->tm >= 24 ? 300 : 0;
        if (g->o->long_share && j->tm >= 120)
            share = 1000;
        if (gen_pm(r, 5) && j->tm >= 24) {
            /* medical parole */
            zj_date prop = p->A + (zj_date)gen_uni(r, 180, 700);
            zj_date dec = prop + (zj_date)gen_uni(r, 10, 30);
            if (dec <= stop && dec < p->tcur - 200) {
                struct gp_med *m = &p->md[p->nmd++];
                const struct gen_wprov *wp = &g->w.prov[g->w.county[p->county].prov];
                m->hosp = gen_pm(r, 500) ? wp->chosp : wp->city[g->w.county[p->county].city].hosp;
                m->d = prop - (zj_date)gen_uni(r, 10, 60);
                m->kind = 0;
                m->disease = (int)gen_uni(r, 0, gen_n_diseases - 1);
                m->item = m->disease;
                struct gp_chg *c = gs_add_chg(g, p, r, LAW_CHG_TEMP_OUTSIDE, prop, dec);
                if (c) {
                    c->grounds = LAW_MEDICAL;
                    c->exam = 0;
                }
                return;
            }
        }
        if (!gen_pm(r, share))
            return;
        zj_date last_eff = ZJ_DATE_NONE;
        int n = 0;
        for (;;) {
            zj_date due =
                n == 0 ? date_add_months(p->A, start_m) : date_add_months(last_eff, intv_m);
            int late = g->o->long_share ? 0 : (int)gen_uni(r, 0, 3);
            zj_date prop = date_add_months(due, late) + (zj_date)gen_uni(r, 1, 28);
            zj_date dec = prop + (zj_date)gen_uni(r, 15, 40);
            if (dec > stop)
                break;
            int red = (int)gen_uni(r, 3, 6);
            zj_date ne = date_sub_months(p->tcur, red);
            if (ne - p->ts + 1 < half + 90 || ne < dec + 180)
                break;
            struct gp_chg *c = gs_add_chg(g, p, r, LAW_CHG_COMMUTATION, prop, dec);
            if (!c)
                break;
            c->grounds = LAW_REPENTANCE;
            c->rm = red;
            p->tcur = ne;
            last_eff = c->eff;
            n++;
        }
        /* parole: P-01 half with margin, P-02, P-03, P-04 (18 months after a commutation) */
        if (!j->recid && !(categories_violent(p) && j->tm >= 120) && !categories_strict(p) &&
            gen_pm(r, 120) && j->tm >= 24) {
            zj_date dmin = p->ts + half + 30;
            if (n > 0 && date_add_months(last_eff, 18) + 15 > dmin)
                dmin = date_add_months(last_eff, 18) + 15;
            zj_date dec = dmin + (zj_date)gen_uni(r, 0, 120);
            if (dec <= stop && dec < p->tcur - 120) {
                struct gp_chg *c =
                    gs_add_chg(g, p, r, LAW_CHG_PAROLE, dec - (zj_date)gen_uni(r, 20, 40), dec);
                if (c)
                    c->grounds = LAW_REPENTANCE;
            }
        }
    } else if (j->pen == LAW_LIFE || j->pen == LAW_DEATH_SUSPENDED) {
        if (!gen_pm(r, 650))
            return;
        zj_date last;
        if (j->pen == LAW_DEATH_SUSPENDED) {
            zj_date prop = date_add_months(j->eff, 24) + (zj_date)gen_uni(r, 5, 20);
            zj_date dec = prop + (zj_date)gen_uni(r, 20, 40);
            if (dec > stop)
                return;
            struct gp_chg *c = gs_add_chg(g, p, r, LAW_CHG_COMMUTATION, prop, dec);
            c->grounds = LAW_REPENTANCE;
            c->newpen = LAW_LIFE;
            last = c->eff;
            zj_date prop2 = date_add_months(last, 36) + (zj_date)gen_uni(r, 30, 120);
            zj_date dec2 = prop2 + (zj_date)gen_uni(r, 20, 40);
            if (dec2 > stop)
                return;
            c = gs_add_chg(g, p, r, LAW_CHG_COMMUTATION, prop2, dec2);
            c->grounds = LAW_REPENTANCE;
            c->newpen = LAW_FIXED_TERM;
            c->newterm = 300;
            p->tcur = date_add_months(c->eff, 300) - 1;
            last = c->eff;
        } else {
            zj_date prop = date_add_months(j->eff, 36) + (zj_date)gen_uni(r, 30, 120);
            zj_date dec = prop + (zj_date)gen_uni(r, 20, 40);
            if (dec > stop)
                return;
            struct gp_chg *c = gs_add_chg(g, p, r, LAW_CHG_COMMUTATION, prop, dec);
            c->grounds = LAW_REPENTANCE;
            c->newpen = LAW_FIXED_TERM;
            c->newterm = 264;
            p->tcur = date_add_months(c->eff, 264) - 1;
            last = c->eff;
        }
        for (;;) {
            zj_date prop = date_add_months(last, 24) + (zj_date)gen_uni(r, 30, 120);
            zj_date dec = prop + (zj_date)gen_uni(r, 15, 40);
            if (dec > stop)
                break;
            int red = (int)gen_uni(r, 3, 6);
            zj_date ne = date_sub_months(p->tcur, red);
            if (ne < date_add_months(j->eff, 12 * (j->pen == LAW_DEATH_SUSPENDED ? 20 : 16)) ||
                ne < dec + 365)
                break;
            struct gp_chg *c = gs_add_chg(g, p, r, LAW_CHG_COMMUTATION, prop, dec);
            if (!c)
                break;
            c->grounds = LAW_REPENTANCE;
            c->rm = red;
            p->tcur = ne;
            last = c->eff;
        }
    }
}

/* Apply the changes: release, parole, medical parole, death; custody events after admit. */
void gs_finish(struct gen_ctx *g, struct gp *p)
{
    zj_date as_of = g->as_of;
    struct gp_judg *j = &p->j;
    p->release = ZJ_DATE_NONE;
    p->released_kind = -1;
    if (p->exec_fac < 0) {
        /* probation / non-custodial judgments after pre-trial detention without bail */
        return;
    }
    /* recompute tcur: escape days first (S-06), then the changes (S-04, S-05) */
    zj_date cur = p->te0;
    if (p->esc != ZJ_DATE_NONE && cur != ZJ_DATE_NONE) {
        gs_add_ev(p, p->esc, LAW_EV_ESCAPE, p->exec_fac, 1, "脱逃");
        gs_add_ev(p, p->recap, LAW_EV_RECAPTURE, p->exec_fac, 1, "抓获归案");
        cur += p->recap - p->esc;
    }
    for (int i = 0; i < p->nch; i++) {
        struct gp_chg *c = &p->ch[i];
        if (c->kind == LAW_CHG_COMMUTATION) {
            if (c->newpen == LAW_FIXED_TERM && c->newterm)
                cur = date_add_months(c->eff, c->newterm) - 1;
            else if (c->newpen == LAW_LIFE)
                cur = ZJ_DATE_NONE;
            else if (cur != ZJ_DATE_NONE)
                cur = date_sub_months(cur, c->rm) - c->rd;
        }
    }
    p->tcur = cur;
    for (int i = 0; i < p->nch; i++) {
        struct gp_chg *c = &p->ch[i];
        if (c->kind == LAW_CHG_PAROLE && c->eff <= as_of) {
            p->release = c->eff;
            p->released_kind = LAW_EV_RELEASE_PAROLE;
            p->parole_date = c->eff;
        } else if (c->kind == LAW_CHG_TEMP_OUTSIDE && c->eff <= as_of) {
            p->release = c->eff;
            p->released_kind = LAW_EV_RELEASE_TEMP;
        }
    }
    if (p->death != ZJ_DATE_NONE && p->death <= as_of &&
        (p->release == ZJ_DATE_NONE || p->death < p->release)) {
        gs_add_ev(p, p->death, LAW_EV_DEATH, gs_fac_at(p, p->death), 1, "");
        p->release = p->death;
        p->released_kind = LAW_EV_DEATH;
        return;
    }
    if (p->release == ZJ_DATE_NONE && p->tcur != ZJ_DATE_NONE && p->tcur <= as_of &&
        !p->no_release) {
        p->release = p->tcur;
        p->released_kind = LAW_EV_RELEASE;
    }
    if (p->release != ZJ_DATE_NONE && p->released_kind != LAW_EV_DEATH)
        gs_add_ev(p, p->release, p->released_kind, gs_fac_at(p, p->release), 1,
                  p->released_kind == LAW_EV_RELEASE ? "刑满释放" : "");
    (void)j;
}

/* ---- derived records ---------------------------------------------------------------- */

static void add_cell(struct gen_ctx *g, struct gp *p, int fac, zj_date s, zj_date e)
{
    if (s == ZJ_DATE_NONE || (e != ZJ_DATE_NONE && e < s))
        return;
    const struct gen_fac *f = &g->w.fac[fac];
    zj_date b18 = date_add_months(p->birth, 12 * 18); /* still under 18 on this day (law.md §1) */
    unsigned long h =
        (unsigned long)(p->case_key * 2654435761UL % 1000003UL) + (unsigned long)p->member;
    for (int part = 0; part < 2; part++) {
        zj_date ps = s, pe = e;
        int juvenile;
        if (s <= b18 && b18 < g->as_of) {
            if (part == 0) {
                juvenile = 1;
                if (e == ZJ_DATE_NONE || e > b18)
                    pe = b18;
            } else {
                if (e != ZJ_DATE_NONE && e <= b18)
                    break;
                juvenile = 0;
                ps = b18 + 1;
            }
        } else {
            if (part == 1)
                break;
            juvenile = s <= b18;
        }
        if (p->ncell >= GP_MAXMISC)
            return;
        struct gp_cell *c = &p->cell[p->ncell++];
        c->fac = fac;
        c->start = ps;
        c->end = pe;
        if (f->kind == GK_DC) {
            if (juvenile)
                snprintf(c->cell, sizeof c->cell, "未成年人监室%lu", 1 + h % 8);
            else
                snprintf(c->cell, sizeof c->cell, "%lu%02lu监室", 1 + h % 6, 1 + (h / 6) % 20);
        } else if (f->kind == GK_JUV) {
            if (juvenile)
                snprintf(c->cell, sizeof c->cell, "未成年%lu监区%lu%02lu", 1 + h % 4,
                         1 + (h / 4) % 3, 1 + (h / 12) % 10);
            else
                snprintf(c->cell, sizeof c->cell, "成年犯监区%lu%02lu", 1 + h % 3,
                         1 + (h / 3) % 10);
        } else {
            snprintf(c->cell, sizeof c->cell, "%lu监区%lu%02lu", 1 + h % 10, 1 + (h / 10) % 5,
                     1 + (h / 50) % 20);
        }
    }
}

static int in_solitary(const struct gp *p, zj_date d)
{
    for (int i = 0; i < p->nrs; i++)
        if (p->rs[i].kind == RK_SOLITARY && d >= p->rs[i].start &&
            (p->rs[i].end == ZJ_DATE_NONE || d <= p->rs[i].end))
            return 1;
    return 0;
}

static zj_date month_first(zj_date d)
{
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    return date_from_ymd(y, m, 1);
}

/* The end of the person's stay in the executing facility (release, or as-of). */
zj_date gs_stay_end(const struct gen_ctx *g, const struct gp *p)
{
    return p->release != ZJ_DATE_NONE ? p->release : g->as_of;
}

void gs_custody_records(struct gen_ctx *g, struct gp *p, struct gen_rng *r)
{
    zj_date as_of = g->as_of;
    /* cells */
    if (p->D1 != ZJ_DATE_NONE) {
        zj_date e1 =
            p->B != ZJ_DATE_NONE
                ? p->B
                : (p->A != ZJ_DATE_NONE ? p->A
                                        : (p->release != ZJ_DATE_NONE ? p->release : ZJ_DATE_NONE));
        if (p->exec_fac == p->dc && p->B == ZJ_DATE_NONE)
            e1 = p->release;
        if (p->exec_fac < 0 && p->B == ZJ_DATE_NONE)
            e1 = ZJ_DATE_NONE; /* still held, not yet delivered */
        add_cell(g, p, p->dc, p->D1, e1);
    }
    if (p->D2 != ZJ_DATE_NONE)
        add_cell(g, p, p->dc, p->D2, p->exec_fac == p->dc ? p->release : p->A);
    if (p->exec_fac >= 0 && p->exec_fac != p->dc) {
        if (p->xfer != ZJ_DATE_NONE && (p->release == ZJ_DATE_NONE || p->xfer < p->release)) {
            add_cell(g, p, p->exec_fac, p->A, p->xfer);
            add_cell(g, p, p->fac2, p->xfer, p->release);
        } else {
            add_cell(g, p, p->exec_fac, p->A, p->release);
        }
    }
    if (p->exec_fac < 0 || p->A == ZJ_DATE_NONE)
        return;
    zj_date stay_end = gs_stay_end(g, p);
    int fk = g->w.fac[p->exec_fac].kind;
    int prison = fk == GK_PRISON || fk == GK_JUV;
    /* restraints: pre-trial handcuffs, solitary in prison, all within limits */
    /* planted persons get no background restraints or merits: their plant bends those */
    if (!p->plant && gen_pm(r, 20) && p->D1 != ZJ_DATE_NONE && p->nrs < GP_MAXMISC) {
        struct gp_restr *x = &p->rs[p->nrs++];
        x->fac = p->dc;
        x->kind = gen_pm(r, 200) ? RK_CHAIR : (gen_pm(r, 700) ? RK_HANDCUFFS : RK_LEGIRONS);
        x->start = p->D1 + (zj_date)gen_uni(r, 0, 5);
        x->end = x->kind == RK_CHAIR ? x->start : x->start + (zj_date)gen_uni(r, 0, 9);
        snprintf(x->reason, sizeof x->reason, "%s",
                 x->kind == RK_CHAIR ? "情绪激动有自伤倾向" : "有暴力倾向");
        x->officer = p->plant ? -1 : (int)gen_uni(r, 0, g->w.fac[p->dc].n_off - 1);
        if (x->end > as_of)
            p->nrs--;
    }
    if (!p->plant && prison && gen_pm(r, 30) && stay_end - p->A > 120 && p->nrs < GP_MAXMISC) {
        struct gp_restr *x = &p->rs[p->nrs++];
        x->kind = RK_SOLITARY;
        x->start = p->A + (zj_date)gen_uni(r, 40, stay_end - p->A - 40);
        x->fac = gs_fac_at(p, x->start);
        x->end = x->start + (zj_date)gen_uni(r, 6, 13);
        snprintf(x->reason, sizeof x->reason, "%s", "殴打他人");
        x->officer = p->plant ? -1 : (int)gen_uni(r, 0, g->w.fac[x->fac].n_off - 1);
        if (x->end >= stay_end || x->end > as_of || gs_fac_at(p, x->end) != x->fac)
            p->nrs--;
    }
    if (!prison)
        return;
    /* merits (never during solitary or an escape, never 'other', unique related cases) */
    if (!p->plant && gen_pm(r, 80) && stay_end - p->A > 200 && p->nmr < GP_MAXMISC) {
        struct gp_merit *m = &p->mr[p->nmr++];
        m->kind = 0;
        static const int cats[] = {0, 2, 3, 4};
        m->cat = cats[gen_uni(r, 0, 3)];
        m->ev = p->A + (zj_date)gen_uni(r, 60, stay_end - p->A - 60);
        m->fac = gs_fac_at(p, m->ev);
        m->conf = m->ev + (zj_date)gen_uni(r, 20, 50);
        if (m->cat == 0 || m->cat == 2)
            case_no(g, m->related, sizeof m->related, g->w.county[p->county].court, m->ev,
                    2 * g->o->persons + p->idx +
                        1); /* main ≤ N < prior ≤ 2N < this ≤ 3N < plants */
        else
            m->related[0] = 0;
        m->officer = p->plant ? -1 : (int)gen_uni(r, 0, g->w.fac[m->fac].n_off - 1);
        if (in_solitary(p, m->ev) || m->conf > as_of || m->conf >= stay_end ||
            (p->esc != ZJ_DATE_NONE && m->ev >= p->esc && m->ev <= p->recap))
            p->nmr--; /* never while escaped either: CHG-11 (merit outside custody) */
    }
    /* monthly scores over the last 3 years of the stay */
    zj_date from = month_first(p->A);
    /* the last 36 months (13 in the bench's long-share mode, to keep the country's
     * scores to ~40M rows) */
    zj_date win = month_first(date_add_months(as_of, g->o->long_share && !p->plant ? -12 : -35));
    if (from < win)
        from = win;
    zj_date last = month_first(stay_end);
    if (p->release == ZJ_DATE_NONE) {
        /* the as-of month counts when as-of is its last day */
        if (date_add_months(last, 1) - 1 != as_of)
            last = date_add_months(last, -1);
    } else if (stay_end != date_add_months(month_first(stay_end), 1) - 1) {
        last = date_add_months(last, -1);
    }
    p->bonus_const = gen_pm(r, 300) ? (int)gen_uni(r, 2, 8) : 0;
    for (zj_date m = from; m <= last && p->nsc < GP_MAXSC; m = date_add_months(m, 1)) {
        struct gp_score *s = &p->sc[p->nsc++];
        s->month = m;
        s->fac = gs_fac_at(p, date_add_months(m, 1) - 1); /* where the month ended */
        s->base = (int)gen_uni(r, 75, 95);
        s->bonus = p->bonus_const;
        s->penalty = 0;
        s->officer = p->plant ? -1 : (int)((p->idx + m) % g->w.fac[s->fac].n_off);
        zj_date me = date_add_months(m, 1) - 1;
        for (int i = 0; i < p->nrs; i++)
            if (p->rs[i].kind == RK_SOLITARY && p->rs[i].start <= me && p->rs[i].end >= m) {
                s->penalty = (int)gen_uni(r, 2, 5);
                s->bonus = 0;
            }
    }
}

/* Property judgments: fines and restitution, paid or found unable, before any change. */
void gs_property(struct gen_ctx *g, struct gp *p, struct gen_rng *r)
{
    struct gp_judg *j = &p->j;
    zj_date as_of = g->as_of;
    int cat = j->cat;
    if (cat & (GEN_CAT_VIOLENT | GEN_CAT_NEGLIGENT))
        return;
    const char *cn = gen_charges[j->charge].name;
    if (!strcmp(cn, "故意伤害罪") || !strcmp(cn, "寻衅滋事罪") || !strcmp(cn, "非法拘禁罪"))
        return; /* no fine in the statute's usual sentence */
    if (j->pen == LAW_EXEMPT || j->pen == LAW_SURVEILLANCE ||
        !gen_pm(r, j->pen == LAW_FINE_ONLY ? 1000 : 750))
        return;
    struct gp_prop *e = &p->pr[p->npr++];
    memset(e, 0, sizeof *e);
    e->kind = PK_FINE;
    e->court = j->court;
    long long yuan;
    if (cat & (GEN_CAT_DUTY | GEN_CAT_FINANCIAL))
        yuan = gen_uni(r, 10, 200) * 10000;
    else if (j->pen == LAW_CRIMINAL_DETENTION || j->pen == LAW_FINE_ONLY)
        yuan = gen_uni(r, 2, 20) * 1000;
    else
        yuan = gen_uni(r, 5, 100) * 1000;
    e->due = yuan * 100;
    e->filed = j->eff + (zj_date)gen_uni(r, 15, 60);
    if (e->filed > as_of - 3) {
        p->npr--;
        return;
    }
    e->last = e->filed;
    if (gen_pm(r, 780)) {
        int np = (int)gen_uni(r, 1, 2);
        long long left = e->due;
        zj_date d = e->filed;
        e->status = PS_PAID;
        for (int i = 0; i < np; i++) {
            d += (zj_date)gen_uni(r, 10, 60);
            if (d > as_of) {
                e->status = PS_ONGOING;
                break;
            }
            long long a = i == np - 1 ? left : left / 2;
            e->pay_d[e->npay] = d;
            e->pay_a[e->npay] = a;
            e->pay_by[e->npay] = gen_pm(r, 200) ? PY_FAMILY : PY_SELF;
            e->npay++;
            left -= a;
            e->last = d;
        }
        e->sdate = e->status == PS_PAID ? e->last : ZJ_DATE_NONE;
    } else {
        e->inv = 1;
        e->sdate = e->filed + (zj_date)gen_uni(r, 60, 150);
        if (e->sdate > as_of) {
            e->status = PS_ONGOING;
            e->sdate = ZJ_DATE_NONE;
        } else {
            e->status = PS_TROUND;
            e->unable = 1;
            e->last = e->sdate;
        }
    }
}

/* Community correction for surveillance, probation, parole and medical parole. */
void gs_corrections(struct gen_ctx *g, struct gp *p, struct gen_rng *r)
{
    struct gp_judg *j = &p->j;
    zj_date as_of = g->as_of;
    int agency = g->w.county[p->county].cc;
    struct gp_corr *c = NULL;
    int chg = -1;
    if (j->pen == LAW_SURVEILLANCE ||
        (j->prob && (j->pen == LAW_FIXED_TERM || j->pen == LAW_CRIMINAL_DETENTION))) {
        c = &p->cc[p->ncc++];
        memset(c, 0, sizeof *c);
        c->basis = j->prob ? CB_PROB : CB_SURV;
        c->order = j->eff;
        c->end = j->prob ? date_add_months(j->eff, j->prob) - 1 : p->te0;
    } else if (p->released_kind == LAW_EV_RELEASE_PAROLE ||
               p->released_kind == LAW_EV_RELEASE_TEMP) {
        for (int i = 0; i < p->nch; i++)
            if (p->ch[i].kind ==
                (p->released_kind == LAW_EV_RELEASE_PAROLE ? LAW_CHG_PAROLE : LAW_CHG_TEMP_OUTSIDE))
                chg = i;
        c = &p->cc[p->ncc++];
        memset(c, 0, sizeof *c);
        c->basis = p->released_kind == LAW_EV_RELEASE_PAROLE ? CB_PAROLE : CB_TEMP;
        c->order = p->release;
        c->end = p->tcur;
        if (c->end == ZJ_DATE_NONE) /* life: pregnancy/nursing or illness, reviewed yearly */
            c->end = date_add_months(c->order, 24) - 1;
    }
    if (!c)
        return;
    c->agency = agency;
    c->chg = chg;
    c->report =
        c->order + (zj_date)gen_uni(r, c->basis == CB_TEMP ? 0 : 1, c->basis == CB_TEMP ? 5 : 8);
    if (c->report > as_of - 2) {
        p->ncc--; /* too recent: leave it out of the background */
        return;
    }
    c->start = c->report;
    if (c->end < as_of) {
        c->status = CS_ENDED;
        c->status_date = c->end;
    } else {
        c->status = CS_ACTIVE;
        c->status_date = c->start;
    }
    int ci = p->ncc - 1;
    const char *region = g->w.fac[agency].region;
    zj_date stop = c->end < as_of ? c->end : as_of;
    for (zj_date d = c->start; d <= stop && p->ncev < GP_MAXCCEV - 8; d += 7) {
        struct gp_ccev *e = &p->cev[p->ncev++];
        e->cc = ci;
        e->d = d;
        e->kind = 0;
        snprintf(e->region, sizeof e->region, "%s", region);
        e->detail[0] = 0;
    }
    if (c->basis == CB_TEMP) {
        int dis = p->nmd > 0 ? p->md[0].disease : 0;
        const struct gen_wprov *wp = &g->w.prov[g->w.county[p->county].prov];
        for (zj_date d = c->order + (zj_date)gen_uni(r, 80, 88); d <= stop && p->nmd < GP_MAXSC / 4;
             d += (zj_date)gen_uni(r, 80, 88)) {
            struct gp_med *m = &p->md[p->nmd++];
            m->hosp = wp->city[g->w.county[p->county].city].hosp;
            m->d = d;
            m->kind = 1;
            m->disease = dis;
            m->item = dis;
            if (p->ncev < GP_MAXCCEV) {
                struct gp_ccev *e = &p->cev[p->ncev++];
                e->cc = ci;
                e->d = d;
                e->kind = 7; /* review */
                snprintf(e->region, sizeof e->region, "%s", region);
                snprintf(e->detail, sizeof e->detail, "%s", "病情复查结论：仍符合");
            }
        }
    }
}

/* The spans in which the person is held, as the data says: [from, to] inclusive. */
int gs_held_spans(const struct gen_ctx *g, const struct gp *p, zj_date from[8], zj_date to[8])
{
    int n = 0;
    zj_date open = ZJ_DATE_NONE;
    for (int i = 0; i < p->nev; i++) {
        const struct gp_ev *e = &p->ev[i];
        switch (e->type) {
        case LAW_EV_DETAIN:
        case LAW_EV_ADMIT:
        case LAW_EV_RETURN:
        case LAW_EV_RECAPTURE:
        case LAW_EV_RS_START:
            if (open == ZJ_DATE_NONE)
                open = e->d;
            break;
        case LAW_EV_BAIL:
        case LAW_EV_RELEASE:
        case LAW_EV_RELEASE_PAROLE:
        case LAW_EV_RELEASE_TEMP:
        case LAW_EV_RELEASE_OTHER:
        case LAW_EV_ESCAPE:
        case LAW_EV_DEATH:
        case LAW_EV_RS_END:
            if (open != ZJ_DATE_NONE && n < 8) {
                from[n] = open;
                to[n] = e->d;
                n++;
            }
            open = ZJ_DATE_NONE;
            break;
        default:
            break;
        }
    }
    if (open != ZJ_DATE_NONE && n < 8) {
        from[n] = open;
        to[n] = g->as_of + 36500;
        n++;
    }
    return n;
}

static int free_on(const struct gen_ctx *g, const struct gp *p, zj_date d, int margin)
{
    zj_date f[8], t[8];
    int n = gs_held_spans(g, p, f, t);
    for (int i = 0; i < n; i++)
        if (d >= f[i] - margin && d <= t[i] + margin)
            return 0;
    return 1;
}

static void add_act(struct gen_ctx *g, struct gp *p, struct gen_rng *r, zj_date d, int temp_only)
{
    if (p->nact >= GP_MAXMISC || d > g->as_of || d < p->birth + 16 * 366 || !free_on(g, p, d, 2))
        return;
    struct gp_act *a = &p->act[p->nact++];
    a->d = d;
    static const int temp_kinds[] = {2, 3};
    a->kind = temp_only ? temp_kinds[gen_uni(r, 0, 1)] : (int)gen_uni(r, 0, 6);
    snprintf(a->region, sizeof a->region, "%s", g->w.county[p->county].c->code);
}

void gs_society(struct gen_ctx *g, struct gp *p, struct gen_rng *r)
{
    zj_date as_of = g->as_of;
    struct gp_judg *j = &p->j;
    /* activities */
    zj_date first = j->off;
    zj_date lo = p->has_prior ? p->pj.te_w + 3 : first - 700;
    if (first - 3 > lo)
        add_act(g, p, r, lo + (zj_date)gen_uni(r, 0, first - 3 - lo), 0);
    for (int i = 0; i < p->ncc; i++) {
        struct gp_corr *c = &p->cc[i];
        zj_date e = c->end < as_of ? c->end : as_of;
        if (e - c->start > 10)
            add_act(g, p, r, c->start + 2 + (zj_date)gen_uni(r, 0, e - c->start - 4),
                    c->basis == CB_TEMP);
    }
    zj_date after = ZJ_DATE_NONE;
    if (p->release != ZJ_DATE_NONE && p->released_kind == LAW_EV_RELEASE)
        after = p->release;
    else if (j->pen == LAW_FINE_ONLY || j->pen == LAW_EXEMPT)
        after = j->eff;
    int temp = p->released_kind == LAW_EV_RELEASE_TEMP;
    if (after != ZJ_DATE_NONE && as_of - after > 10)
        add_act(g, p, r, after + 3 + (zj_date)gen_uni(r, 0, as_of - after - 3), temp);
    /* voter rolls: outside every sentence and dpr window, with 60 days' margin */
    if (!gen_pm(r, 350))
        return;
    zj_date bl = first - 60;
    if (p->has_prior && p->pj.off - 60 < bl)
        bl = p->pj.off - 60;
    zj_date bh;
    if (j->pen == LAW_FINE_ONLY || j->pen == LAW_EXEMPT)
        bh = j->eff + 60;
    else if (j->dpr_life || j->pen == LAW_LIFE || j->pen == LAW_DEATH_SUSPENDED ||
             j->pen == LAW_DEATH)
        bh = as_of + 36500;
    else {
        zj_date end = p->tcur != ZJ_DATE_NONE ? p->tcur : j->eff;
        if (p->te0 != ZJ_DATE_NONE && p->te0 > end)
            end = p->te0;
        for (int i = 0; i < p->ncc; i++)
            if (p->cc[i].end > end)
                end = p->cc[i].end;
        if (j->prob)
            end = date_add_months(j->eff, j->prob);
        if (p->exec_fac >= 0 && p->release == ZJ_DATE_NONE)
            end = as_of + 36500;
        if (j->dpr)
            end = date_add_months(end + 1, j->dpr);
        bh = end + 60;
    }
    for (size_t i = 0; i < sizeof election_ymd / sizeof election_ymd[0]; i++) {
        zj_date d = date_from_ymd(election_ymd[i][0], election_ymd[i][1], election_ymd[i][2]);
        if (d > as_of || gs_age(p->birth, d) < 18 || (d >= bl && d <= bh) || p->nvt >= GP_MAXMISC)
            continue;
        if (p->has_prior && d >= p->pj.off - 60 && d <= p->pj.te_w + 60)
            continue;
        struct gp_vote *v = &p->vt[p->nvt++];
        v->d = d;
        snprintf(v->region, sizeof v->region, "%s", g->w.county[p->county].c->code);
        v->reg = 1;
        v->voted = gen_pm(r, 850);
        v->cand = 0;
        v->elected = 0;
    }
}

/* CHG-13 guard: a prisoner who would look overdue for a commutation or parole gets a
 * disciplinary month in the last 12 months (the realistic reason none was proposed). */
void gs_guard_overdue(struct gen_ctx *g, struct gp *p, struct gen_rng *r)
{
    zj_date as_of = g->as_of;
    if (p->keep_scores || p->exec_fac < 0 || p->release != ZJ_DATE_NONE || p->tcur == ZJ_DATE_NONE)
        return;
    int risk = 0;
    zj_date last_eff = ZJ_DATE_NONE, last_prop = ZJ_DATE_NONE;
    for (int i = 0; i < p->nch; i++) {
        if (p->ch[i].kind == LAW_CHG_COMMUTATION)
            last_eff = p->ch[i].eff;
        /* the parole clause counts parole proposals only (as src/models reads it) */
        if (p->ch[i].kind == LAW_CHG_PAROLE && p->ch[i].prop != ZJ_DATE_NONE)
            last_prop = p->ch[i].prop;
    }
    zj_date ref = last_eff != ZJ_DATE_NONE ? last_eff : p->A;
    if (as_of > date_add_months(ref, 18) - 45)
        risk = 1;
    if (p->ts != ZJ_DATE_NONE && p->te0 != ZJ_DATE_NONE) {
        zj_date half = p->ts + (p->te0 - p->ts + 2) / 2;
        if (as_of > date_add_months(half, 12) - 45 &&
            (last_prop == ZJ_DATE_NONE || last_prop < half))
            risk = 1;
    }
    if (!risk || p->nsc == 0)
        return;
    /* a month inside the last 12 months under either reading (with or without the
     * as-of month): the 11 months before the as-of month */
    zj_date cur = month_first(as_of);
    int cand[12], nc = 0;
    for (int i = 0; i < p->nsc && nc < 12; i++)
        if (p->sc[i].month < cur && p->sc[i].month >= date_add_months(cur, -11))
            cand[nc++] = i;
    if (nc == 0)
        return;
    struct gp_score *s = &p->sc[cand[gen_uni(r, 0, nc - 1)]];
    s->penalty = (int)gen_uni(r, 2, 6);
    s->bonus = 0;
}

int gs_fac_at(const struct gp *p, zj_date d)
{
    return (p->xfer != ZJ_DATE_NONE && d >= p->xfer) ? p->fac2 : p->exec_fac;
}

void gs_transfer(struct gen_ctx *g, struct gp *p, struct gen_rng *r)
{
    p->xfer = ZJ_DATE_NONE;
    p->fac2 = -1;
    if (p->plant || p->exec_fac < 0 || p->A == ZJ_DATE_NONE)
        return;
    const struct gen_wprov *wp = &g->w.prov[g->w.county[p->county].prov];
    int k = -1;
    for (int i = 0; i < wp->nprisons; i++)
        if (wp->prisons[i] == p->exec_fac)
            k = i;
    zj_date end = p->release != ZJ_DATE_NONE ? p->release : g->as_of;
    if (k < 0 || wp->nprisons < 2 || end - p->A < 400 || !gen_pm(r, 100))
        return;
    p->xfer = p->A + (zj_date)gen_uni(r, 200, end - p->A - 60);
    if (p->esc != ZJ_DATE_NONE && p->xfer >= p->esc - 30 && p->xfer <= p->recap + 30) {
        p->xfer = ZJ_DATE_NONE;
        return;
    }
    p->fac2 = wp->prisons[(k + 1 + gen_uni(r, 0, wp->nprisons - 2)) % wp->nprisons];
    /* what happens from the transfer day on happens in the second prison */
    const struct gen_fac *f2 = &g->w.fac[p->fac2];
    for (int i = 0; i < p->nch; i++) {
        struct gp_chg *c = &p->ch[i];
        if (c->prop == ZJ_DATE_NONE || c->prop < p->xfer)
            continue;
        c->proposer = p->fac2;
        if (c->decider == wp->city[g->w.fac[p->exec_fac].city].icourt)
            c->decider = wp->city[f2->city].icourt;
        if (c->officer_fac >= 0) {
            c->officer_fac = p->fac2;
            c->officer_n = (int)gen_uni(r, 0, f2->n_off - 1);
        }
    }
    for (int i = 0; i < p->nev; i++)
        if (p->ev[i].jref == 1 && p->ev[i].d >= p->xfer && p->ev[i].fac == p->exec_fac)
            p->ev[i].fac = p->fac2;
    gs_add_ev(p, p->xfer, LAW_EV_TRANSFER_OUT, p->exec_fac, 1, "调监");
    gs_add_ev(p, p->xfer, LAW_EV_TRANSFER_IN, p->fac2, 1, "调监");
}

void gs_escape(struct gen_ctx *g, struct gp *p, struct gen_rng *r)
{
    p->esc = p->recap = ZJ_DATE_NONE;
    if (p->plant || p->exec_fac < 0 || p->A == ZJ_DATE_NONE || p->te0 == ZJ_DATE_NONE || p->nch ||
        p->death != ZJ_DATE_NONE || g->w.fac[p->exec_fac].kind != GK_PRISON || !gen_pm(r, 3))
        return;
    zj_date end = p->te0 < g->as_of ? p->te0 : g->as_of;
    if (end - p->A < 300)
        return;
    p->esc = p->A + (zj_date)gen_uni(r, 100, end - p->A - 150);
    p->recap = p->esc + (zj_date)gen_uni(r, 1, 40);
}
