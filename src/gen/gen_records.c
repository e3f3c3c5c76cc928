/*
 * gen_records.c — record_queries and seizures of a generated province (see gen_records.h).
 * Independent random streams (seeded with the person index, or the seizure index), so the
 * other feeds are unchanged by them. The sealing and the GB 32100 check character are
 * computed here again, from law.md §14 and the standard, not by the platform's code.
 */
#include "gen/gen_records.h"

#include <stdio.h>
#include <string.h>

#include "gen/gen_noise.h"
#include "gen/gen_plant.h"

/* ---- record_queries ---- */

/* J-01: an offense under 18 (周岁, law.md §1) with at most five years. */
static int sealable(const struct gp *p, const struct gp_judg *j)
{
    if (gs_age(p->birth, j->off) >= 18)
        return 0;
    switch (j->pen) {
    case LAW_SURVEILLANCE:
    case LAW_CRIMINAL_DETENTION:
    case LAW_FINE_ONLY:
    case LAW_EXEMPT:
        return 1;
    case LAW_FIXED_TERM:
        return j->tm < 60 || (j->tm == 60 && j->td == 0);
    default:
        return 0;
    }
}

static int sealed_on(const struct gp *p, zj_date d)
{
    const struct gp_judg *js[2] = {&p->j, p->has_prior ? &p->pj : NULL};
    int any = 0;
    for (int i = 0; i < 2; i++) {
        if (!js[i] || js[i]->eff == ZJ_DATE_NONE || js[i]->eff > d)
            continue;
        any = 1;
        if (!sealable(p, js[i]))
            return 0;
    }
    return any;
}

void gen_record_queries(struct gen_ctx *g, const struct gp *p)
{
    static const char *const kinds[] = {"employer", "school", "other_unit", "individual"};
    static const char *const units[] = {"某某建设集团有限公司", "某某中学", "某某街道办事处",
                                        "本人"};
    static const char *const bases[] = {"《公务员法》第26条", "《教师法》第14条", "《律师法》第7条",
                                        "《人民警察法》第26条"};
    if (p->plant || p->j.eff == ZJ_DATE_NONE || p->j.eff > g->as_of)
        return;
    struct gen_rng r;
    gen_rng_seed(&r, g->o->seed, 0x5EA1ED0000ULL + (uint64_t)p->idx);
    zj_date first = p->has_prior && p->pj.eff < p->j.eff ? p->pj.eff : p->j.eff;
    int sealed_ever = sealed_on(p, g->as_of) || (p->has_prior && sealed_on(p, p->pj.eff));
    int n = gen_pm(&r, sealed_ever ? 400 : 25) ? 1 + (int)gen_uni(&r, 0, 1) : 0;
    const char *police = g->w.fac[g->w.county[p->county].police].id;
    const char *court = g->w.fac[g->w.county[p->county].court].id;
    for (int i = 0; i < n; i++) {
        zj_date d = first + (zj_date)gen_uni(&r, 0, g->as_of - first);
        int kind = (int)gen_uni(&r, 0, 3), provided = 1;
        const char *kid = kinds[kind], *req = units[kind], *basis = "";
        if (sealed_on(p, d)) {
            int how = (int)gen_uni(&r, 0, 2);
            if (how == 0)
                provided = 0; /* "no record" (无犯罪记录证明) */
            else if (how == 1)
                kid = gen_pm(&r, 500) ? "judicial" : "police_case", req = "某某人民检察院";
            else
                kid = "other_unit", req = "某某人事考试中心", basis = bases[gen_uni(&r, 0, 3)];
        } else {
            provided = gen_pm(&r, 800);
        }
        gen_row(&g->out, F_RQ, "RB%08ld%d,%s,%s,%s,%s,%d,%s,%s", p->idx + 1, i, p->idn, kid, req,
                gen_d(d), provided, basis, gen_pm(&r, 850) ? police : court);
    }
    /* noise: the record of a sealed person provided to an employer the day before the
     * sealing began (no judgment effective yet): lawful, a near miss of JUV-01 */
    if (g->o->noise > 0 && sealed_on(p, p->j.eff) && !p->has_prior &&
        gen_pm(&r, 60 * g->o->noise)) {
        char qid[32];
        snprintf(qid, sizeof qid, "RN%08ld", p->idx + 1);
        gen_row(&g->out, F_RQ, "%s,%s,employer,某某科技有限公司,%s,1,,%s", qid, p->idn,
                gen_d(p->j.eff - 1), police);
        fprintf(g->out.near, "JUV-01,%s\n", qid);
        gen_near_end(g, "JUV-01", qid, "open");
        g->near++;
        if (g->out.planted)
            fprintf(g->out.planted, "%s,JUV-01,1\n", p->pid);
    }
}

/* ---- seizures ---- */

/* GB 32100-2015: code characters and weights of positions 1–17. */
static const char uscc_set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int uscc_w[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

static void uscc(struct gen_rng *r, const char *region, char out[19])
{
    snprintf(out, 19, "91%.6s", region);
    for (int i = 8; i < 17; i++)
        out[i] = uscc_set[gen_uni(r, i == 8 ? 22 : 0, 30)]; /* position 9: a letter (MA…) */
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (int)(strchr(uscc_set, out[i]) - uscc_set) * uscc_w[i];
    out[17] = uscc_set[(31 - sum % 31) % 31];
    out[18] = 0;
}

enum { SZ_BG, SZ_ENT01, SZ_ENT02, SZ_ENT03 };

struct seizure {
    char id[24];
    int fac; /* agency (world facility index) */
    const char *measure;
    int enterprise;
    char owner[96], code[20], region[8];
    int party;
    zj_date seized, unrelated, closed, released;
    long long value, amount; /* fen; amount -1: unknown */
    int assist;              /* -1 empty */
    const char *disposition;
};

static void write_seizure(struct gen_ctx *g, const struct seizure *s, long serial)
{
    const struct gen_fac *f = &g->w.fac[s->fac];
    int y, m, d;
    date_to_ymd(s->seized, &y, &m, &d);
    char assist[12] = "";
    if (s->assist >= 0)
        snprintf(assist, sizeof assist, "%d", s->assist);
    gen_row(&g->out, F_SEIZ, "%s,%s,%s〔%d〕%ld号,%s,%s,%s,%s,%s,%d,%s,%s,%s,%s,%s,%s,%s,%s", s->id,
            f->id,
            f->kind == GK_POLICE ? "公（经）立字"
            : f->kind == GK_PROC ? "检刑扣字"
                                 : "法刑保字",
            y, 1000 + serial, s->measure, s->enterprise ? "enterprise" : "person", s->owner,
            s->code, s->region, s->party, gen_d(s->seized), gen_money(s->value),
            s->amount >= 0 ? gen_money(s->amount) : "", assist, gen_d(s->unrelated),
            gen_d(s->closed), gen_d(s->released), s->disposition ? s->disposition : "");
}

/* A county of the world in province `prov` (world index), drawn from r. */
static int county_in(const struct gen_ctx *g, struct gen_rng *r, int prov)
{
    for (;;) {
        int c = (int)gen_uni(r, 0, g->w.ncounty - 1);
        if (g->w.county[c].prov == prov)
            return c;
    }
}

/* A county code of a province other than that of region (first two digits). */
static void other_province(struct gen_rng *r, const char *region, char out[8])
{
    int op;
    do
        op = (int)gen_uni(r, 0, gen_n_provinces - 1);
    while (!strncmp(gen_provinces[op].code2, region, 2));
    const struct gen_province *pv = &gen_provinces[op];
    snprintf(out, 8, "%s", pv->counties[gen_uni(r, 0, pv->n_counties - 1)].code);
}

static void make_base(struct gen_ctx *g, struct gen_rng *r, struct seizure *s, long i, int kind)
{
    static const char *const measures[] = {"freeze", "seize", "seal"};
    static const char *const words[] = {"恒信", "宏达", "鑫源", "华瑞",
                                        "永盛", "天成", "博远", "嘉禾"};
    static const char *const trades[] = {"科技", "贸易", "实业", "建材", "网络科技", "电子商务"};
    memset(s, 0, sizeof *s);
    snprintf(s->id, sizeof s->id, "SZ%08ld", i + 1);
    int c = (int)gen_uni(r, 0, g->w.ncounty - 1);
    int pick = (int)gen_uni(r, 0, 9);
    s->fac = pick < 8    ? g->w.county[c].police
             : pick == 8 ? g->w.county[c].proc
                         : g->w.county[c].court;
    s->measure = measures[gen_uni(r, 0, 2)];
    s->enterprise = kind != SZ_BG || gen_pm(r, 850);
    int oc = gen_pm(r, 700) ? c : county_in(g, r, g->w.county[c].prov); /* same province */
    snprintf(s->region, sizeof s->region, "%s", g->w.county[oc].c->code);
    if (s->enterprise) {
        snprintf(s->owner, sizeof s->owner, "%s%s%s有限公司", g->w.county[oc].c->name,
                 words[gen_uni(r, 0, 7)], trades[gen_uni(r, 0, 5)]);
        uscc(r, s->region, s->code);
    } else {
        snprintf(s->owner, sizeof s->owner, "%s%s", gen_surnames[gen_uni(r, 0, gen_n_surnames - 1)],
                 gen_given_m[gen_uni(r, 0, gen_n_given_m - 1)]);
        zj_date b = g->as_of - (zj_date)gen_uni(r, 365 * 20, 365 * 60);
        int y, m, d;
        date_to_ymd(b, &y, &m, &d);
        char first[18];
        snprintf(first, sizeof first, "%.6s%04d%02d%02d%03d", s->region, y, m, d,
                 (int)gen_uni(r, 0, 999));
        snprintf(s->code, sizeof s->code, "%s%c", first, gen_id_check(first));
    }
    s->party = gen_pm(r, 700);
    s->seized = g->as_of - (zj_date)gen_uni(r, 200, 1400);
    s->amount = gen_pm(r, 850) ? 100LL * gen_uni(r, 20000, 30000000) : -1;
    s->value =
        s->amount > 0 ? s->amount * gen_uni(r, 20, 130) / 100 : 100LL * gen_uni(r, 5000, 5000000);
    s->assist = gen_pm(r, 300) ? -1 : (int)gen_uni(r, 0, 1);
    s->unrelated = s->closed = s->released = ZJ_DATE_NONE;
}

/* The lawful life of a background seizure: open, found unrelated and released within 3
 * days, or closed and disposed of, or released within 30 days. */
static void lawful_life(struct gen_ctx *g, struct gen_rng *r, struct seizure *s)
{
    int life = (int)gen_uni(r, 0, 99);
    if (life < 15) {
        s->unrelated = s->seized + (zj_date)gen_uni(r, 5, 150);
        zj_date rel = s->unrelated + (zj_date)gen_uni(r, 0, 3);
        s->released = rel <= g->as_of ? rel : ZJ_DATE_NONE;
    } else if (life < 50) {
        s->closed = s->seized + (zj_date)gen_uni(r, 60, 180);
        if (gen_pm(r, 600)) {
            static const char *const disp[] = {"没收上缴国库", "返还被害人", "责令退赔"};
            s->disposition = disp[gen_uni(r, 0, 2)];
        } else {
            zj_date rel = s->closed + (zj_date)gen_uni(r, 1, 30);
            s->released = rel <= g->as_of ? rel : ZJ_DATE_NONE;
        }
    }
}

/* A plant or a near miss on the last lawful day (or amount) of its limit (`close`). */
static void answer_row(struct gen_ctx *g, int near, const char *model, const char *id)
{
    fprintf(near ? g->out.near : g->out.answers, "%s,%s\n", model, id);
    if (near)
        gen_near_end(g, model, id, "close");
    if (near)
        g->near++;
    else
        g->answers++;
}

void gen_seizures(struct gen_ctx *g, long per)
{
    long n_bg = g->o->persons / 40, i = 0;
    struct gen_rng r;
    struct seizure s;
    for (; i < n_bg; i++) {
        gen_rng_seed(&r, g->o->seed, 0x5E12000000ULL + (uint64_t)i);
        make_base(g, &r, &s, i, SZ_BG);
        /* another province's enterprise only with the local agency's cooperation (E-03) */
        if (s.enterprise && gen_pm(&r, 80)) {
            other_province(&r, g->w.fac[s.fac].region, s.region);
            uscc(&r, s.region, s.code);
            s.assist = 1;
        }
        lawful_life(g, &r, &s);
        write_seizure(g, &s, i);
    }
    for (long k = 0; k < per; k++)
        for (int model = SZ_ENT01; model <= SZ_ENT03; model++)
            for (int near = 0; near < 2; near++, i++) {
                gen_rng_seed(&r, g->o->seed, 0x5E12000000ULL + (uint64_t)i);
                make_base(g, &r, &s, i, model);
                s.amount = 100LL * gen_uni(&r, 100000, 20000000);
                s.value = s.amount * gen_uni(&r, 40, 120) / 100;
                s.seized = g->as_of - 400 - (zj_date)(k % 7) * 20;
                if (s.assist == 0 && model != SZ_ENT03)
                    s.assist = -1;
                const char *id = NULL;
                if (model == SZ_ENT01) {
                    /* E-01: one fen above 1.3× (near: exactly 1.3×), or twice the amount
                     * (near: released on the as-of date) */
                    if (k % 2 == 0) {
                        s.value = s.amount * 130 / 100 + (near ? 0 : 1);
                    } else {
                        s.value = s.amount * 2;
                        if (near)
                            s.released = g->as_of;
                    }
                    id = "ENT-01";
                } else if (model == SZ_ENT02) {
                    /* E-02: released on the 4th day after the finding (near: the 3rd); not
                     * released and found unrelated 4 days before the as-of (near: 3); the
                     * case closed, no disposition, released on day 31 (near: day 30, or a
                     * disposition and no release) */
                    int v = (int)(k % 3);
                    if (v == 0) {
                        s.unrelated = s.seized + 30;
                        s.released = s.unrelated + (near ? 3 : 4);
                    } else if (v == 1) {
                        s.unrelated = g->as_of - (near ? 3 : 4);
                    } else {
                        s.closed = s.seized + 100;
                        if (near && k % 2 == 1)
                            s.disposition = "没收上缴国库";
                        else
                            s.released = s.closed + (near ? 30 : 31);
                    }
                    id = "ENT-02";
                } else {
                    /* E-03: an enterprise of another province without the local agency
                     * (near: with it, or of another city of the same province) */
                    int same_prov_near = near && k % 2 == 1;
                    if (!same_prov_near) {
                        other_province(&r, g->w.fac[s.fac].region, s.region);
                        uscc(&r, s.region, s.code);
                    }
                    s.assist = near && !same_prov_near ? 1 : (k % 2 ? -1 : 0);
                    id = "ENT-03";
                }
                write_seizure(g, &s, i);
                answer_row(g, near, id, s.id);
            }
}
