/*
 * gen.c — `zhijian gen`: the run (plant schedule, person loop, co-defendant cases),
 * the CSV rows of every person, and the --corrupt bad rows with bad_rows.csv.
 */
#include "gen/gen.h"

#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "gen/gen_noise.h"
#include "gen/gen_plant.h"
#include "gen/gen_safety.h"
#include "gen/gen_records.h"
#include "util/xalloc.h"

static const char *const cb_ids[] = {"surveillance", "probation", "parole", "temp_outside"};
static const char *const cs_ids[] = {"active", "ended", "revoked", "absconded"};
/* indices used by gen_sim.c / gen_plant.c */
static const char *const cce_ids[] = {"checkin",   "location",           "warning",   "violation",
                                      "absconded", "leave_start",        "leave_end", "review",
                                      "review",    "revocation_proposed"};
static const char *const rk_ids[] = {"solitary", "handcuffs", "leg_irons", "restraint_chair"};
static const char *const ps_ids[] = {"ongoing", "paid", "terminated_round", "terminated"};
static const char *const pk_ids[] = {"fine", "confiscation", "restitution", "compensation"};
static const char *const py_ids[] = {"self", "family", "third_party"};
static const char *const mk_ids[] = {"merit", "major_merit"};
static const char *const mc_ids[] = {"report_crime", "stop_crime", "capture",
                                     "rescue",       "invention",  "other"};
static const char *const act_ids[] = {"lodging",         "travel",   "medical_visit", "purchase",
                                      "social_security", "business", "vehicle"};
static const char *const act_src[] = {"旅馆业治安管理系统", "铁路客票系统", "医保结算系统",
                                      "电子支付平台",       "社保系统",     "市场监管系统",
                                      "交通卡口系统"};
static const char *const cause_ids[] = {"illness", "suicide", "accident", "violence", "unknown"};
static const char *const physicians[] = {"王建国", "李卫东", "陈志强", "刘晓梅", "赵红"};

void gen_options_default(struct gen_options *o)
{
    memset(o, 0, sizeof *o);
    o->persons = 10000;
    o->seed = 1;
    o->as_of = date_from_ymd(2026, 6, 30);
    o->provinces = 1;
    o->plant_rate = 3.0;
    o->noise = 1;
}

char gen_id_check(const char *first17)
{
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char c[] = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (first17[i] - '0') * w[i];
    return c[sum % 11];
}

/* ---- rows of one person ------------------------------------------------------------- */

static const char *officer(const struct gen_ctx *g, int fac, int n, char buf[32])
{
    if (fac < 0 || n < 0) {
        buf[0] = 0;
        return buf;
    }
    gen_officer_id(&g->w, fac, n, buf);
    return buf;
}

static void emit_judgment(struct gen_ctx *g, const struct gp *p, const struct gp_judg *j)
{
    char tm[8] = "", td[8] = "", pb[8] = "", dp[8] = "", flags[96] = "";
    int has_term =
        j->pen == LAW_SURVEILLANCE || j->pen == LAW_CRIMINAL_DETENTION || j->pen == LAW_FIXED_TERM;
    if (has_term) {
        snprintf(tm, sizeof tm, "%d", j->tm);
        if (j->td)
            snprintf(td, sizeof td, "%d", j->td);
    }
    if (j->prob)
        snprintf(pb, sizeof pb, "%d", j->prob);
    if (j->dpr)
        snprintf(dp, sizeof dp, "%d", j->dpr);
    size_t l = 0;
    if (j->lifelong)
        l += (size_t)snprintf(flags + l, sizeof flags - l, "%slifelong", l ? ";" : "");
    if (j->orgv)
        l += (size_t)snprintf(flags + l, sizeof flags - l, "%sorganized_violence", l ? ";" : "");
    if (j->druglead)
        l += (size_t)snprintf(flags + l, sizeof flags - l, "%sdrug_group_leader", l ? ";" : "");
    if (j->comb10)
        l += (size_t)snprintf(flags + l, sizeof flags - l, "%scombined_10y", l ? ";" : "");
    char charges[512];
    gs_dated_charges(j->charges, j->jd, charges, sizeof charges);
    gen_row(&g->out, F_JUDG, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%d,%d,%s,%s,%s", j->id,
            p->pid, j->case_no, g->w.fac[j->court].id, charges, gen_d(j->off), gen_d(j->jd),
            gen_d(j->eff), gen_d(j->notice), law_penalty_id(j->pen), tm, td, pb, dp, j->dpr_life,
            j->recid, j->limited, flags, gen_d(j->ts_w), gen_d(j->te_w));
}

static void emit_person(struct gen_ctx *g, struct gp *p)
{
    struct gen_out *o = &g->out;
    long id = p->idx + 1;
    char ob[32];
    gen_row(o, F_PERS, "%s,%s,%s,%s,%s", p->pid, p->idn, p->name, p->male ? "M" : "F",
            gen_d(p->birth));
    if (p->has_prior)
        emit_judgment(g, p, &p->pj);
    emit_judgment(g, p, &p->j);
    /* custody events in date order (stable) */
    for (int i = 1; i < p->nev; i++) {
        struct gp_ev e = p->ev[i];
        int k = i - 1;
        while (k >= 0 && p->ev[k].d > e.d) {
            p->ev[k + 1] = p->ev[k];
            k--;
        }
        p->ev[k + 1] = e;
    }
    for (int i = 0; i < p->nev; i++) {
        const struct gp_ev *e = &p->ev[i];
        gen_row(o, F_CUST, "E%08ld%02d,%s,%s,%s,%s,%s,%s", id, i, p->pid, g->w.fac[e->fac].id,
                law_event_type_id(e->type), gen_d(e->d),
                e->jref == 1   ? p->j.id
                : e->jref == 2 ? p->pj.id
                               : "",
                e->note);
    }
    for (int i = 0; i < p->nmd; i++) {
        const struct gp_med *m = &p->md[i];
        gen_row(o, F_MED, "M%08ld%02d,%s,%s,%s,%s,%s,%s,%s", id, i, p->pid, g->w.fac[m->hosp].id,
                gen_d(m->d), m->kind ? "review" : "diagnosis", gen_diseases[m->disease].name,
                m->item >= 0 ? gen_diseases[m->item].item : "", physicians[(id + i) % 5]);
    }
    for (int i = 0; i < p->nch; i++) {
        const struct gp_chg *c = &p->ch[i];
        char rm[16] = "", rd[16] = "", np[24] = "", nt[16] = "", ex[48] = "", pt[16] = "";
        if (c->kind == LAW_CHG_COMMUTATION && !c->newpen) {
            snprintf(rm, sizeof rm, "%d", c->rm);
            snprintf(rd, sizeof rd, "%d", c->rd);
        }
        if (c->newpen)
            snprintf(np, sizeof np, "%s", law_penalty_id(c->newpen));
        if (c->newterm)
            snprintf(nt, sizeof nt, "%d", c->newterm);
        if (c->exam >= 0)
            snprintf(ex, sizeof ex, "M%08ld%02d", id, c->exam);
        if (c->points > 0)
            snprintf(pt, sizeof pt, "%d", c->points);
        gen_row(o, F_CHG, "X%08ld%02d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,,%s,%s", id, i,
                p->pid, p->j.id, law_change_kind_id(c->kind), g->w.fac[c->proposer].id,
                gen_d(c->prop), g->w.fac[c->decider].id, gen_d(c->dec), gen_d(c->eff),
                law_grounds_id(c->grounds), rm, rd, np, nt, ex, pt,
                officer(g, c->officer_fac, c->officer_n, ob), c->note);
    }
    for (int i = 0; i < p->nsc; i++) {
        const struct gp_score *s = &p->sc[i];
        gen_row(o, F_SCORE, "S%08ld%03d,%s,%s,%s,%d,%d,%d,%s", id, i, p->pid, g->w.fac[s->fac].id,
                gen_m(s->month), s->base, s->bonus, s->penalty, officer(g, s->fac, s->officer, ob));
    }
    for (int i = 0; i < p->nmr; i++) {
        const struct gp_merit *m = &p->mr[i];
        gen_row(o, F_MERIT, "G%08ld%02d,%s,%s,%s,%s,%s,%s,%s,%s", id, i, p->pid,
                g->w.fac[m->fac].id, mk_ids[m->kind], mc_ids[m->cat], gen_d(m->ev), gen_d(m->conf),
                m->related, officer(g, m->fac, m->officer, ob));
    }
    for (int i = 0; i < p->ncc; i++) {
        const struct gp_corr *c = &p->cc[i];
        char chg[48] = "";
        if (c->chg >= 0)
            snprintf(chg, sizeof chg, "X%08ld%02d", id, c->chg);
        gen_row(o, F_CORR, "K%08ld%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s", id, i, p->pid,
                g->w.fac[c->agency].id, cb_ids[c->basis], p->j.id, chg, gen_d(c->order),
                gen_d(c->report), gen_d(c->start), gen_d(c->end), cs_ids[c->status],
                gen_d(c->status_date));
    }
    for (int i = 0; i < p->ncev; i++) {
        const struct gp_ccev *e = &p->cev[i];
        gen_row(o, F_CCEV, "V%08ld%04d,K%08ld%d,%s,%s,%s,%s", id, i, id, e->cc, gen_d(e->d),
                cce_ids[e->kind], e->region, e->detail);
    }
    for (int i = 0; i < p->nvt; i++) {
        const struct gp_vote *v = &p->vt[i];
        gen_row(o, F_VOTE, "T%08ld%02d,%s,%s,%s,%d,%d,%d,%d", id, i, p->idn, v->region, gen_d(v->d),
                v->reg, v->voted, v->cand, v->elected);
    }
    for (int i = 0; i < p->npr; i++) {
        const struct gp_prop *e = &p->pr[i];
        gen_row(o, F_PROP, "Q%08ld%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%d", id, i, p->pid, p->j.id,
                g->w.fac[e->court].id, pk_ids[e->kind], gen_money(e->due), gen_d(e->filed),
                gen_d(e->last), ps_ids[e->status], gen_d(e->sdate), e->inv, e->unable);
        for (int k = 0; k < e->npay; k++)
            gen_row(o, F_PAY, "Q%08ld%d-%d,Q%08ld%d,%s,%s,%s", id, i, k, id, i, gen_d(e->pay_d[k]),
                    gen_money(e->pay_a[k]), py_ids[e->pay_by[k]]);
    }
    for (int i = 0; i < p->ncell; i++) {
        const struct gp_cell *c = &p->cell[i];
        gen_row(o, F_CELL, "A%08ld%02d,%s,%s,%s,%s,%s", id, i, p->pid, g->w.fac[c->fac].id, c->cell,
                gen_d(c->start), gen_d(c->end));
    }
    for (int i = 0; i < p->nrs; i++) {
        const struct gp_restr *x = &p->rs[i];
        gen_row(o, F_RESTR, "B%08ld%02d,%s,%s,%s,%s,%s,%s,%s", id, i, p->pid, g->w.fac[x->fac].id,
                rk_ids[x->kind], gen_d(x->start), gen_d(x->end), officer(g, x->fac, x->officer, ob),
                x->reason);
    }
    if (p->death != ZJ_DATE_NONE && p->released_kind == LAW_EV_DEATH)
        gen_row(o, F_DEATH, "%s,%s,%s,%s,%s,%d", p->pid, g->w.fac[gs_fac_at(p, p->death)].id,
                gen_d(p->death), cause_ids[p->death_cause], gen_d(p->death_reported), p->autopsy);
    for (int i = 0; i < p->nact; i++) {
        const struct gp_act *a = &p->act[i];
        gen_row(o, F_ACT, "W%08ld%02d,%s,%s,%s,%s,%s", id, i, p->idn, gen_d(a->d), act_ids[a->kind],
                a->region, act_src[a->kind]);
    }
    gen_safety_person(g, p, !p->plant);
}

/* ---- one person ------------------------------------------------------------------------ */

static void cfg_default(struct gs_cfg *c)
{
    memset(c, 0, sizeof *c);
    c->charge = -1;
    c->dpr = -1;
    c->eff = c->detain = c->admit = c->birth = ZJ_DATE_NONE;
    c->prison = -1;
    c->male = -1;
}

static void cfg_plant_base(struct gs_cfg *c, int k)
{
    c->charge = gs_charge_index("盗窃罪");
    c->force_pen = 1;
    c->pen = LAW_FIXED_TERM;
    c->tm = 36;
    c->prob = 0;
    c->dpr = 0;
    c->no_dpr = 1;
    c->prior = -1;
    c->bail = -1;
    c->male = 1;
    c->age = 28 + k % 17;
    c->no_property = 1;
    c->no_death = 1;
    c->no_changes = 1;
}

static void reset_person(struct gp *p, long idx)
{
    struct gp_ccev *cev = p->cev;
    memset(p, 0, offsetof(struct gp, cev));
    p->cev = cev;
    p->ncev = 0;
    p->ncell = p->nrs = p->nmr = p->npr = p->nact = p->nvt = p->nmd = 0;
    p->bonus_const = p->plant = p->keep_scores = p->no_release = 0;
    p->idx = idx;
    p->xfer = ZJ_DATE_NONE;
    p->fac2 = -1;
    p->esc = p->recap = ZJ_DATE_NONE;
}

/* One side of a person crossing provinces (--cross): the scenario's configuration, the
 * identity shared by both sides, the random stream (independent of the province). */
struct gen_cross {
    struct gs_cfg cfg;
    uint64_t stream;
    char idn[19], name[24];
};

static void gen_one(struct gen_ctx *g, struct gp *p, long idx, const struct gen_slot *slot,
                    int member, const struct gs_cfg *group_cfg, long case_key, int county,
                    const struct gen_cross *x)
{
    struct gen_rng r;
    gen_rng_seed(&r, g->o->seed, x ? x->stream : (uint64_t)idx);
    reset_person(p, idx);
    struct gs_cfg cfg;
    cfg_default(&cfg);
    if (group_cfg)
        cfg = *group_cfg;
    if (x) {
        cfg = x->cfg;
        p->plant = 1; /* no random background events (escapes, transfers, restraints) */
    }
    if (slot) {
        cfg_plant_base(&cfg, slot->k);
        p->plant = 1;
        gen_plant_config(g, slot, member, p, &cfg);
    }
    if (!slot && !group_cfg && g->o->long_share && gen_pm(&r, g->o->long_share)) {
        /* bench knob: a long-term prisoner admitted years ago, commuted all along */
        static const char *const lc[] = {"盗窃罪", "诈骗罪", "故意伤害罪", "开设赌场罪"};
        cfg.charge = gs_charge_index(lc[gen_uni(&r, 0, 3)]);
        cfg.force_pen = 1;
        cfg.pen = LAW_FIXED_TERM;
        cfg.tm = (int)gen_uni(&r, 121, 180);
        cfg.prior = -1;
        cfg.eff = g->as_of - (zj_date)gen_uni(&r, cfg.tm * 18, cfg.tm * 29);
    }
    p->case_key = case_key;
    p->member = member;
    p->county = county >= 0 ? county : (int)gen_uni(&r, 0, g->w.ncounty - 1);
    p->male = cfg.male >= 0 ? cfg.male : !gen_pm(&r, 120);
    gs_choose_sentence(g, p, &r, &cfg);
    if (group_cfg && p->j.pen == LAW_CRIMINAL_DETENTION && !p->j.prob) {
        p->j.pen = LAW_FIXED_TERM;
        p->j.tm = 8;
    }
    gs_timeline(g, p, &r, &cfg);
    if (!cfg.prior && !slot)
        gs_prior(g, p, &r, 0, ZJ_DATE_NONE);
    else if (slot && cfg.prior > 0)
        gs_prior(g, p, &r, cfg.prior, gen_plant_prior(g, slot, member, p));
    gs_identity(g, p, &r);
    if (x) {
        memcpy(p->idn, x->idn, sizeof x->idn);
        snprintf(p->name, sizeof p->name, "%s", x->name);
    }
    gs_execution(g, p, &r, &cfg);
    if (!cfg.no_property)
        gs_property(g, p, &r);
    if (!cfg.no_death && p->exec_fac >= 0 && gen_pm(&r, 3)) {
        zj_date end = p->te0 != ZJ_DATE_NONE && p->te0 < g->as_of ? p->te0 : g->as_of;
        if (end - p->A > 60) {
            p->death = p->A + (zj_date)gen_uni(&r, 30, end - p->A - 10);
            p->death_cause = gen_pm(&r, 850) ? 0 : (int)gen_uni(&r, 1, 4);
            p->death_reported = p->death + (zj_date)gen_uni(&r, 0, 1);
            p->autopsy = p->death_cause >= 1 ? 1 : gen_pm(&r, 300);
        }
    }
    if (slot)
        gen_plant_changes(g, slot, member, p, &r);
    else if (!cfg.no_changes)
        gs_changes(g, p, &r);
    gs_escape(g, p, &r);
    gs_finish(g, p);
    gs_transfer(g, p, &r);
    gs_custody_records(g, p, &r);
    gs_corrections(g, p, &r);
    gs_society(g, p, &r);
    if (x)
        p->nact = p->nvt = 0; /* the other province's records are the planted ones */
    if (slot)
        gen_plant_records(g, slot, member, p, &r);
    gs_guard_overdue(g, p, &r);
    if (slot)
        gen_noise_planted(g, p, slot);
    else
        gen_noise(g, p, g->o->noise);
    if (!x)
        gen_record_queries(g, p);
    emit_person(g, p);
}

/* ---- bad rows (--corrupt) ---------------------------------------------------------------- */

struct bad_ctx {
    struct gen_ctx *g;
    FILE *f;
    long n;
};

static void bad(struct bad_ctx *b, enum gen_feed feed, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void bad(struct bad_ctx *b, enum gen_feed feed, const char *kind, const char *fmt, ...)
{
    struct gen_out *o = &b->g->out;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(o->f[feed], fmt, ap);
    va_end(ap);
    fputc('\n', o->f[feed]);
    o->lines[feed]++;
    fprintf(b->f, "%s,%s.csv,%ld,%s\n", gen_feed_names[feed], gen_feed_names[feed], o->lines[feed],
            kind);
    b->n++;
}

#define GEN_BAD_KINDS 22
static int write_bad_rows(struct gen_ctx *g, const char *dir, int K)
{
    size_t n = strlen(dir) + 32;
    char *path = xmalloc(n);
    snprintf(path, n, "%s/bad_rows.csv", dir);
    struct bad_ctx b = {g, fopen(path, "w"), 0};
    free(path);
    if (!b.f)
        return -1;
    fputs("feed,file,line,reason\n", b.f);
    zj_date future = g->as_of + 5;
    const struct gen_fac *court = &g->w.fac[g->w.county[0].court];
    const struct gen_fac *dc = &g->w.fac[g->w.county[0].dc];
    for (int k = 0; k < K; k++) {
        char idn[19];
        snprintf(idn, sizeof idn, "%s19800101%03d", g->w.county[0].c->code, 100 + k);
        idn[17] = gen_id_check(idn) == '0' ? '1' : '0'; /* a wrong check digit */
        idn[18] = 0;
        bad(&b, F_PERS, "missing_required", "BADP%04d-1,,,M,1980-01-01", k);
        bad(&b, F_PERS, "bad_date", "BADP%04d-2,,钱八,M,1980-02-30", k);
        bad(&b, F_PERS, "birth_before_1900", "BADP%04d-3,,孙九,M,1899-12-31", k);
        bad(&b, F_PERS, "bad_id_number", "BADP%04d-4,%s,周十,M,1980-01-01", k, idn);
        bad(&b, F_CUST, "unknown_enum", "BADE%04d-1,P00000001,%s,teleport,2020-01-01,,", k, dc->id);
        bad(&b, F_CUST, "date_after_as_of", "BADE%04d-2,P00000001,%s,detain,%s,,", k, dc->id,
            gen_d(future));
        bad(&b, F_CUST, "date_before_1949", "BADE%04d-3,P00000001,%s,detain,1949-09-30,,", k,
            dc->id);
        bad(&b, F_SCORE, "number_out_of_range", "BADS%04d-1,P00000001,%s,2020-01,150,0,0,", k,
            dc->id);
        bad(&b, F_JUDG, "date_order",
            "BADJ%04d-1,P00000001,（2020）坏%04d号,%s,盗窃罪,2020-01-01,2020-03-01,2020-02-01,,"
            "fixed_term,12,,,,0,0,0,,,",
            k, k, court->id);
        bad(&b, F_JUDG, "unknown_reference",
            "BADJ%04d-2,NOPERSON%04d,（2020）坏%04d号,%s,盗窃罪,2020-01-01,2020-03-01,2020-03-15,,"
            "fixed_term,12,,,,0,0,0,,,",
            k, k, k, court->id);
        bad(&b, F_JUDG, "scheduled_date_out_of_range",
            "BADJ%04d-3,P00000001,（2020）坏%04d号,%s,盗窃罪,2020-01-01,2020-03-01,2020-03-15,,"
            "fixed_term,12,,,,0,0,0,,2020-01-01,2200-01-01",
            k, k + 5000, court->id);
        bad(&b, F_FAC, "duplicate_key", "%s,重复机构%d,court,%s,0", court->id, k, court->region);
        bad(&b, F_FAC, "bad_region_code", "BADF%04d-1,坏区划机构%d,court,33010,0", k, k);
        bad(&b, F_SCORE, "bad_month", "BADS%04d-2,P00000001,%s,2020-13,80,0,0,", k, dc->id);
        bad(&b, F_PROP, "bad_money",
            "BADQ%04d-1,P00000001,J00000001,%s,fine,abc,2020-01-01,,ongoing,,0,0", k, court->id);
        /* version 2: custody safety (spec/feeds.md "Feeds of version 2"), sealed records,
         * seizures */
        bad(&b, F_INC, "unknown_incident_kind", "BADI%04d-1,%s,2020-01-01,riot,,,,,,,,", k, dc->id);
        bad(&b, F_INC, "transferred_before_filed",
            "BADI%04d-2,%s,2020-01-01,fight,light,,,,,2020-02-01,2020-01-20,", k, dc->id);
        bad(&b, F_INCP, "unknown_incident", "BADIP%04d-1,NOINCIDENT%04d,P00000001,victim", k, k);
        bad(&b, F_LAB, "rest_days_over_month", "BADL%04d-1,P00000001,%s,2020-01,150,32", k, dc->id);
        bad(&b, F_REL, "unknown_release_prep_kind", "BADR%04d-1,P00000001,%s,farewell,2020-01-01,",
            k, dc->id);
        char good_idn[19];
        memcpy(good_idn, idn, 17);
        good_idn[17] = gen_id_check(idn);
        good_idn[18] = 0;
        bad(&b, F_RQ, "unknown_requester_kind", "BADQ%04d-2,%s,neighbour,某某,2020-01-01,1,,%s", k,
            good_idn, court->id);
        bad(&b, F_SEIZ, "bad_credit_code",
            "BADZ%04d-1,%s,（2020）坏%04d号,seize,enterprise,坏代码有限公司,9133010000000000I1,%s,"
            "0,"
            "2020-01-01,1000.00,1000.00,,,,,",
            k, court->id, k, court->region);
    }
    int rc = fclose(b.f) ? -1 : 0;
    return rc;
}

/* ---- persons crossing provinces (--province P --cross K) --------------------------------- */

/* The provinces that persons cross between, and the ordered pairs (home, other) taken in
 * turn; crossing c plants the national model NAT-0(c % 5 + 1) on the pair c / 5 % 6. */
static const char *const cross_codes[3] = {"33", "32", "51"};
static const int cross_pairs[6][2] = {{0, 1}, {1, 2}, {2, 0}, {1, 0}, {2, 1}, {0, 2}};

static int gen_cross_province_index(const char *code)
{
    for (int i = 0; i < 3; i++)
        if (!strcmp(cross_codes[i], code))
            return i;
    return -1;
}

static const struct gen_province *province_by_code(const char *code)
{
    for (int i = 0; i < gen_n_provinces; i++)
        if (!strcmp(gen_provinces[i].code2, code))
            return &gen_provinces[i];
    return NULL;
}

/*
 * Crossing c of K: the same person (id_number, name, birth) in two provinces, lawful in
 * each province alone; only the national tables show the irregularity. Each side is
 * written by the run of its province; the plan depends on the seed and c only, so the
 * runs of the three provinces agree. Recipient = the province the national lead goes to.
 * The identity is born in a city district of the home province (code4 + "00"), where
 * no background person is born, so id_numbers never meet by chance.
 *   NAT-01 held in two provinces on one day: a prisoner in the home province since
 *          900–1100 days before as-of; detained in the other 120–180 days before (→ other)
 *   NAT-02 paper serving: the home prisoner; two lodging records in the other (→ home)
 *   NAT-03 community correction: home probation (24 months suspended, 36 of probation,
 *          effective 200–300 days before as-of); lodging in the other (→ home)
 *   NAT-04 voting during deprivation of political rights: the home prisoner with 24
 *          months of dpr; a vote in the other (→ home)
 *   NAT-05 recidivism: 24 months served at home and released ≈ 2–3 years before as-of;
 *          a new theft in the other 200–300 days before as-of, not marked recidivist (→ other)
 */
static int write_cross(struct gen_ctx *g, struct gp *p, long N, uint64_t seed, const char *dir)
{
    const struct gen_options *o = g->o;
    int me = gen_cross_province_index(o->province);
    size_t n = strlen(dir) + 32;
    char *path = xmalloc(n);
    snprintf(path, n, "%s/national_answers.csv", dir);
    FILE *f = fopen(path, "w");
    free(path);
    if (!f)
        return -1;
    fputs("model_id,province,subject\n", f);
    zj_date as_of = g->as_of;
    for (long c = 0; c < o->cross; c++) {
        int kind = (int)(c % 5);
        const int *pair = cross_pairs[(c / 5) % 6];
        int A = pair[0], B = pair[1];
        if (me != A && me != B)
            continue;
        struct gen_rng cr;
        gen_rng_seed(&cr, seed, 0xC2055000000ULL + (uint64_t)c);
        zj_date birth =
            date_add_months(as_of, -12 * (int)gen_uni(&cr, 30, 50)) - (zj_date)gen_uni(&cr, 1, 360);
        const struct gen_province *pa = province_by_code(cross_codes[A]);
        const struct gen_province *pb = province_by_code(cross_codes[B]);
        /* born in a city district (a city's code + "00"): background persons are born in
         * counties, so no background id_number can equal a crossing person's */
        char home[16];
        snprintf(home, sizeof home, "%s00", pa->cities[gen_uni(&cr, 0, pa->n_cities - 1)].code4);
        const char *other = pb->counties[gen_uni(&cr, 0, pb->n_counties - 1)].code;
        struct gen_cross xa, xb;
        memset(&xa, 0, sizeof xa);
        cfg_default(&xa.cfg);
        cfg_plant_base(&xa.cfg, (int)c);
        xa.cfg.birth = birth;
        int y, m, d;
        date_to_ymd(birth, &y, &m, &d);
        char first[48];
        snprintf(first, sizeof first, "%.6s%04d%02d%02d%03d", home, y, m, d,
                 (int)gen_uni(&cr, 0, 499) * 2 + 1);
        memcpy(xa.idn, first, 17);
        xa.idn[17] = gen_id_check(first);
        snprintf(xa.name, sizeof xa.name, "%s%s%s",
                 gen_surnames[gen_uni(&cr, 0, gen_n_surnames - 1)],
                 gen_given_m[gen_uni(&cr, 0, gen_n_given_m - 1)],
                 gen_given_m[gen_uni(&cr, 0, gen_n_given_m - 1)]);
        xb = xa;
        xa.stream = 0xC2055A000000ULL + (uint64_t)c;
        xb.stream = 0xC2055B000000ULL + (uint64_t)c;
        long ia = N + 2 * c, ib = N + 2 * c + 1;
        zj_date u1 = (zj_date)gen_uni(&cr, 0, 200), u2 = (zj_date)gen_uni(&cr, 0, 60);
        int b_person = kind == 0 || kind == 4;
        int recipient = kind == 0 || kind == 4 ? B : A;
        switch (kind) {
        case 0:
        case 1:
        case 3:
            xa.cfg.tm = 96;
            xa.cfg.detain = as_of - 900 - u1;
            if (kind == 3) {
                xa.cfg.no_dpr = 0;
                xa.cfg.dpr = 24;
            }
            xb.cfg.detain = as_of - 120 - u2;
            break;
        case 2:
            xa.cfg.tm = 24;
            xa.cfg.prob = 36;
            xa.cfg.eff = as_of - 200 - u1 / 2;
            break;
        default:
            xa.cfg.tm = 24;
            xa.cfg.eff = as_of - 1460 - u1;
            xb.cfg.detain = as_of - 200 - u1 / 2;
            break;
        }
        if (me == A)
            gen_one(g, p, ia, NULL, 0, NULL, ia, -1, &xa);
        if (me == B && b_person)
            gen_one(g, p, ib, NULL, 0, NULL, ib, -1, &xb);
        if (me == B && (kind == 1 || kind == 2)) {
            zj_date at = as_of - (kind == 1 ? 40 : 20) - u2 * 2;
            for (int k = 0; k < 2; k++)
                gen_row(&g->out, F_ACT, "WX%07ld%d,%s,%s,lodging,%s,%s", c, k, xa.idn,
                        gen_d(at - 9 * k), other, act_src[0]);
        }
        if (me == B && kind == 3)
            gen_row(&g->out, F_VOTE, "TX%07ld,%s,%s,%s,1,1,0,0", c, xa.idn, other,
                    gen_d(as_of - 60 - u1));
        if (me == recipient)
            fprintf(f, "NAT-0%d,%s,P%08ld\n", kind + 1, cross_codes[me], (me == A ? ia : ib) + 1);
    }
    return fclose(f) ? -1 : 0;
}

/* ---- the run ----------------------------------------------------------------------------- */

static int mkdir_p(const char *dir)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", dir);
    for (char *s = buf + 1; *s; s++) {
        if (*s == '/') {
            *s = 0;
            if (mkdir(buf, 0777) && errno != EEXIST)
                return -1;
            *s = '/';
        }
    }
    if (mkdir(buf, 0777) && errno != EEXIST)
        return -1;
    return 0;
}

int gen_run(const struct gen_options *o, char *err, size_t errlen)
{
    struct gen_ctx *g = xcalloc(1, sizeof *g);
    struct gp *p = xcalloc(1, sizeof *p);
    struct gen_slot *slots = NULL;
    int rc = -1;
    p->cev = xcalloc(GP_MAXCCEV, sizeof *p->cev);
    /* one province of the national tier: its persons drawn from a seed of its own */
    uint64_t seed0 = o->seed;
    struct gen_options po = *o;
    if (o->province)
        po.seed = o->seed * 0x9E3779B97F4A7C15ULL + (uint64_t)atoi(o->province);
    o = &po;
    g->o = o;
    g->as_of = o->as_of;
    if (mkdir_p(o->out_dir)) {
        snprintf(err, errlen, "cannot create '%s': %s", o->out_dir, strerror(errno));
        goto cleanup;
    }
    g->idcap = 1024;
    while (g->idcap < (size_t)o->persons * 2)
        g->idcap <<= 1; /* load ≤ 0.5 */
    g->ids = xcalloc(g->idcap, sizeof *g->ids);
    if (o->province) {
        if (gen_world_build_province(&g->w, o->province) ||
            (o->cross > 0 && gen_cross_province_index(o->province) < 0)) {
            snprintf(err, errlen, "no province '%s' in the generator (33, 32, 51)", o->province);
            goto cleanup;
        }
    } else {
        gen_world_build(&g->w, o->provinces);
    }
    if (gen_out_open(&g->out, o->out_dir, o->noise > 0)) {
        snprintf(err, errlen, "cannot write in '%s': %s", o->out_dir, strerror(errno));
        goto cleanup;
    }
    gen_world_write(&g->w, &g->out, o->seed);

    /* plant schedule: n per model, each with a near miss */
    long N = o->persons;
    long per = (long)(N * o->plant_rate / 1000.0 + 0.5);
    if (N >= 300 && per < 1)
        per = 1;
    while (per > 0 && N < 4L * per * M_NSCHEDULED * 2)
        per--; /* too few persons for that many plants: each slot needs ~4 */
    long S = 0, W = 0;
    slots = xcalloc((size_t)(per * M_NSCHEDULED * 2 + 1), sizeof *slots);
    for (long k = 0; k < per; k++)
        for (int m = 0; m < M_NSCHEDULED; m++)
            for (int nm = 0; nm < 2; nm++) {
                struct gen_slot *s = &slots[S++];
                s->model = m;
                s->near = nm;
                s->k = (int)k;
                s->width = gen_plant_width(m, nm, (int)k);
                W += s->width;
            }
    for (long j = 0; j < S; j++)
        slots[j].pos = (long)((double)j * (double)N / (double)S);
    g->safety = gen_safety_new(N, per);
    long idx = 0, j = 0, done = 0;
    while (idx < N) {
        if (j < S && idx == slots[j].pos) {
            struct gen_slot *s = &slots[j];
            int county = -1;
            for (int mb = 0; mb < s->width && idx < N; mb++, idx++) {
                struct gen_rng cr;
                gen_rng_seed(&cr, o->seed, 0xC0DE0000ULL + (uint64_t)s->pos);
                if (county < 0)
                    county = (int)gen_uni(&cr, 0, g->w.ncounty - 1);
                long case_key = gen_plant_codefendants(s->model) ? s->pos : idx;
                gen_one(g, p, idx, s, mb, NULL, case_key, county, NULL);
            }
            j++;
            continue;
        }
        struct gen_rng cr;
        gen_rng_seed(&cr, o->seed, 0xCA5E000000ULL + (uint64_t)idx);
        int size = gen_pm(&cr, 880) ? 1 : gen_pm(&cr, 750) ? 2 : 3;
        long limit = j < S ? slots[j].pos : N;
        if (idx + size > limit)
            size = (int)(limit - idx);
        if (size <= 1) {
            gen_one(g, p, idx, NULL, 0, NULL, idx, -1, NULL);
            idx++;
        } else {
            struct gs_cfg gc;
            memset(&gc, 0, sizeof gc);
            gc.charge = -1;
            gc.dpr = -1;
            gc.eff = gc.admit = gc.birth = ZJ_DATE_NONE;
            gc.prison = -1;
            gc.male = -1;
            gc.prior = -1;
            do
                gc.charge = (int)gen_uni(&cr, 0, gen_n_charges - 1);
            while (gen_charges[gc.charge].detention_pm >= 1000);
            gc.pre_days = (int)gen_uni(&cr, 60, 150);
            gc.detain = o->as_of - (zj_date)gen_uni(&cr, 200, 365 * 6);
            int county = (int)gen_uni(&cr, 0, g->w.ncounty - 1);
            for (int mb = 0; mb < size; mb++, idx++)
                gen_one(g, p, idx, NULL, mb, &gc, idx - mb, county, NULL);
        }
        if (o->progress && (++done & 1023) == 0) {
            fprintf(stderr, "\rgen %ld/%ld", idx, N);
        }
    }
    if (o->progress)
        fprintf(stderr, "\rgen %ld/%ld\n", N, N);
    gen_seizures(g, per);
    if (o->province && o->cross > 0 && write_cross(g, p, N, seed0, o->out_dir)) {
        snprintf(err, errlen, "cannot write '%s/national_answers.csv': %s", o->out_dir,
                 strerror(errno));
        goto cleanup;
    }
    if (o->corrupt > 0 && write_bad_rows(g, o->out_dir, o->corrupt)) {
        snprintf(err, errlen, "cannot write '%s/bad_rows.csv': %s", o->out_dir, strerror(errno));
        goto cleanup;
    }
    if (gen_out_close(&g->out)) {
        snprintf(err, errlen, "write error in '%s': %s", o->out_dir, strerror(errno));
        goto cleanup;
    }
    rc = 0;
cleanup:
    gen_out_close(&g->out);
    gen_world_release(&g->w);
    gen_safety_free(g->safety);
    free(g->ids);
    free(slots);
    free(p->cev);
    free(p);
    free(g);
    (void)W;
    return rc;
}
