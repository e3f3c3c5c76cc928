/*
 * gen_noise.c — `zhijian gen --noise L`: lawful background noise outside the windows the
 * models read, so that the models are judged on persons they were not written for
 * (issue 12; docs/intervals.md). Level L (default 1) repeats each kind of noise L times
 * per background person; level 0 writes nothing and leaves the generator's output
 * byte-identical to a run without this file (the noise draws from its own stream).
 *
 * What a background person gets (each only where the person's own dates allow it):
 *   - activities (lodging, purchase, travel, business) before the offense, after a release,
 *     after a correction or a temporary execution outside prison ended, and during a
 *     community correction (temp_outside: medical visits and purchases only), never on a
 *     day held; a duplicate of one activity (same day and kind, another record: a second
 *     source reporting it);
 *   - voter records before the offense and after the deprivation of political rights ended;
 *   - cc_events recorded after the correction ended (a late check-in, a location outside
 *     the county, two warnings, an absconded report: stale records);
 *   - a family payment of the whole fine 61 days before or the day after a commutation or
 *     parole proposal (outside F-03's 60 days).
 * Near misses on the opening and closing ends of the windows (listed in near_misses.csv):
 *   PAP-01 an activity on the day of detention and on the day of release (no whole day
 *   held); CHG-12 a trip the day after a medical temp_outside correction ended; PR-01 a
 *   voter record the day before the execution began and the day after the dpr ended;
 *   CC-05 a location outside the county the day before the report and the day after the
 *   correction ended; CC-02 and CC-03 two warnings and an absconded report dated the days
 *   before the correction began, and the same recorded after it ended; CC-04 a medical
 *   review finding the disease off the list dated the day before a medical temp_outside
 *   correction began; CHG-09 the payments above. near_miss_ends.csv says which end each sits on
 * (open, close), gen_plant.c's near misses (the last lawful day of a limit) included. With L >= 1
 * the answer key also lists the planted persons (planted_persons.csv), so that leads on background
 * persons can be counted (tests/cli/gen_screen.sh, bench/run.sh).
 */
#include "gen/gen_noise.h"

#include <stdio.h>
#include <string.h>

#include "gen/gen_plant.h"
#include "law/law.h"

enum { ACT_LODGING, ACT_TRAVEL, ACT_MEDICAL, ACT_PURCHASE, ACT_SOCIAL, ACT_BUSINESS, ACT_VEHICLE };
enum { CCE_CHECKIN, CCE_LOCATION, CCE_WARNING, CCE_VIOLATION, CCE_ABSCONDED };

static int held_within(const struct gen_ctx *g, const struct gp *p, zj_date d, int margin)
{
    zj_date f[8], t[8];
    int n = gs_held_spans(g, p, f, t);
    for (int i = 0; i < n; i++)
        if (d >= f[i] - margin && d <= t[i] + margin)
            return 1;
    return 0;
}

static struct gp_act *act_at(struct gen_ctx *g, struct gp *p, zj_date d, int kind)
{
    if (p->nact >= GP_MAXMISC || d > g->as_of || d < p->birth + 16 * 366)
        return NULL;
    struct gp_act *a = &p->act[p->nact++];
    a->d = d;
    a->kind = kind;
    snprintf(a->region, sizeof a->region, "%s", g->w.county[p->county].c->code);
    return a;
}

/* A lawful activity on a random free day of [lo, hi] (kinds from `kinds`). */
static void act_in(struct gen_ctx *g, struct gp *p, struct gen_rng *r, zj_date lo, zj_date hi,
                   const int *kinds, int nk)
{
    if (hi > g->as_of)
        hi = g->as_of;
    if (lo == ZJ_DATE_NONE || hi < lo)
        return;
    zj_date d = lo + (zj_date)gen_uni(r, 0, hi - lo);
    if (held_within(g, p, d, 2))
        return;
    act_at(g, p, d, kinds[gen_uni(r, 0, nk - 1)]);
}

static struct gp_vote *vote_at(struct gen_ctx *g, struct gp *p, zj_date d)
{
    if (p->nvt >= GP_MAXMISC || d > g->as_of || gs_age(p->birth, d) < 18)
        return NULL;
    struct gp_vote *v = &p->vt[p->nvt++];
    v->d = d;
    snprintf(v->region, sizeof v->region, "%s", g->w.county[p->county].c->code);
    v->reg = 1;
    v->voted = 1;
    v->cand = v->elected = 0;
    return v;
}

static struct gp_ccev *cev_at(struct gen_ctx *g, struct gp *p, int cc, zj_date d, int kind,
                              const char *region)
{
    if (p->ncev >= GP_MAXCCEV || d > g->as_of)
        return NULL;
    struct gp_ccev *e = &p->cev[p->ncev++];
    e->cc = cc;
    e->d = d;
    e->kind = kind;
    snprintf(e->region, sizeof e->region, "%s", region ? region : "");
    e->detail[0] = 0;
    return e;
}

void gen_near_end(struct gen_ctx *g, const char *model, const char *subject, const char *end)
{
    if (g->out.ends)
        fprintf(g->out.ends, "%s,%s,%s\n", model, subject, end);
}

/* A near miss of `model` about the subject fmt(id, k) on `end` (gen_near_end), listed in
 * near_misses.csv unless `listed` says it is there already. */
static void near_end(struct gen_ctx *g, const char *model, const char *end, int listed,
                     const char *fmt, long id, int k) __attribute__((format(printf, 5, 0)));
static void near_end(struct gen_ctx *g, const char *model, const char *end, int listed,
                     const char *fmt, long id, int k)
{
    char subject[48];
    snprintf(subject, sizeof subject, fmt, id, k);
    if (!listed) {
        fprintf(g->out.near, "%s,%s\n", model, subject);
        g->near++;
    }
    gen_near_end(g, model, subject, end);
}
#define near_miss(g, model, end, fmt, id, k) near_end(g, model, end, 0, fmt, id, k)

/* The first custody event of the main judgment (or of none) of `type` on or after `from`. */
static zj_date first_ev(const struct gp *p, int type, zj_date from)
{
    zj_date best = ZJ_DATE_NONE;
    for (int i = 0; i < p->nev; i++)
        if (p->ev[i].type == type && p->ev[i].jref != 2 && p->ev[i].d >= from &&
            (best == ZJ_DATE_NONE || p->ev[i].d < best))
            best = p->ev[i].d;
    return best;
}

/* A county of another city than the person's (for a location outside the county). */
static const char *elsewhere(const struct gen_ctx *g, const char *home)
{
    for (int i = 0; i < g->w.ncounty; i++)
        if (strncmp(g->w.county[i].c->code, home, 4))
            return g->w.county[i].c->code;
    return "110101";
}

static void noise_activities(struct gen_ctx *g, struct gp *p, struct gen_rng *r)
{
    static const int any[] = {ACT_LODGING, ACT_PURCHASE, ACT_TRAVEL, ACT_BUSINESS};
    static const int temp[] = {ACT_MEDICAL, ACT_PURCHASE};
    zj_date first = p->j.off;
    zj_date lo = p->has_prior ? p->pj.te_w + 3 : first - 1500;
    act_in(g, p, r, lo, first - 3, any, 4);
    if (p->release != ZJ_DATE_NONE && p->released_kind == LAW_EV_RELEASE)
        act_in(g, p, r, p->release + 1, g->as_of, any, 4);
    for (int i = 0; i < p->ncc; i++) {
        const struct gp_corr *c = &p->cc[i];
        zj_date e = c->end < g->as_of ? c->end : g->as_of;
        if (e - c->start > 6)
            act_in(g, p, r, c->start + 2, e - 2, c->basis == CB_TEMP ? temp : any,
                   c->basis == CB_TEMP ? 2 : 4);
        if (c->status == CS_ENDED && c->status_date != ZJ_DATE_NONE)
            act_in(g, p, r, c->status_date + 1, c->status_date + 900, any, 4);
    }
    if (p->nact > 0 && p->nact < GP_MAXMISC) {
        struct gp_act dup = p->act[gen_uni(r, 0, p->nact - 1)];
        p->act[p->nact++] = dup;
    }
}

static void noise_voters(struct gen_ctx *g, struct gp *p, struct gen_rng *r)
{
    zj_date lo = p->has_prior ? p->pj.te_w + 60 : p->j.off - 2000;
    zj_date hi = p->j.off - 1;
    if (p->has_prior && (p->pj.dpr > 0 || p->pj.dpr_life))
        return;
    if (hi > lo)
        vote_at(g, p, lo + (zj_date)gen_uni(r, 0, hi - lo));
}

/* PR-01's window of the main judgment, as the model computes it from the records. */
static void near_pr01(struct gen_ctx *g, struct gp *p, long id)
{
    const struct gp_judg *j = &p->j;
    if (j->dpr <= 0 || j->dpr_life || j->pen == LAW_SURVEILLANCE ||
        (p->has_prior && (p->pj.dpr > 0 || p->pj.dpr_life)))
        return;
    zj_date admit = first_ev(p, LAW_EV_ADMIT, j->eff);
    zj_date start = admit != ZJ_DATE_NONE ? admit : j->eff;
    zj_date par = first_ev(p, LAW_EV_RELEASE_PAROLE, j->eff),
            rel = first_ev(p, LAW_EV_RELEASE, j->eff);
    zj_date end = ZJ_DATE_NONE;
    if (par != ZJ_DATE_NONE && (rel == ZJ_DATE_NONE || par < rel))
        end = law_dpr_end(ZJ_DATE_NONE, j->dpr, par);
    else if (rel != ZJ_DATE_NONE)
        end = law_dpr_end(rel, j->dpr, ZJ_DATE_NONE);
    int k0 = p->nvt;
    if (start - 1 > j->off && vote_at(g, p, start - 1))
        near_miss(g, "PR-01", "open", "T%08ld%02d", id, k0++);
    if (end != ZJ_DATE_NONE && end + 1 <= g->as_of && vote_at(g, p, end + 1))
        near_miss(g, "PR-01", "close", "T%08ld%02d", id, k0);
}

static void near_pap01(struct gen_ctx *g, struct gp *p, long id)
{
    zj_date det = first_ev(p, LAW_EV_DETAIN, p->j.off);
    if (det != ZJ_DATE_NONE && act_at(g, p, det, ACT_LODGING))
        near_miss(g, "PAP-01", "open", "W%08ld%02d", id, p->nact - 1);
    if (p->release != ZJ_DATE_NONE && p->released_kind == LAW_EV_RELEASE &&
        act_at(g, p, p->release, ACT_PURCHASE))
        near_miss(g, "PAP-01", "close", "W%08ld%02d", id, p->nact - 1);
}

static void noise_corrections(struct gen_ctx *g, struct gp *p, struct gen_rng *r, long id, int near)
{
    for (int i = 0; i < p->ncc; i++) {
        const struct gp_corr *c = &p->cc[i];
        const char *home = g->w.fac[c->agency].region;
        const char *away = elsewhere(g, home);
        int loc_open = 0, loc_close = 0, opened = 0;
        if (near && c->start - 1 > p->j.eff && cev_at(g, p, i, c->start - 1, CCE_LOCATION, away))
            loc_open = 1;
        /* stale records dated before the correction began: two warnings and an absconded
         * report the days before the start (CC-02, CC-03 read only the correction's own
         * interval) */
        if (near && c->basis != CB_SURV && c->start - 2 > p->j.eff &&
            cev_at(g, p, i, c->start - 2, CCE_WARNING, NULL) &&
            cev_at(g, p, i, c->start - 1, CCE_WARNING, NULL) &&
            cev_at(g, p, i, c->start - 1, CCE_ABSCONDED, NULL)) {
            near_miss(g, "CC-02", "open", "K%08ld%d", id, i);
            near_miss(g, "CC-03", "open", "K%08ld%d", id, i);
            opened = 1;
        }
        /* a medical review finding the disease off the list, dated the day before the
         * correction began: CC-04 counts grounds only inside the period outside prison */
        if (near && c->basis == CB_TEMP && c->chg >= 0 && p->ch[c->chg].grounds == LAW_MEDICAL &&
            p->nmd > 0 && p->nmd < GP_MAXSC / 4 && c->start - 1 > p->j.eff) {
            struct gp_med *x = &p->md[p->nmd++];
            *x = p->md[0];
            x->d = c->start - 1;
            x->kind = 1;
            x->item = -1;
            near_miss(g, "CC-04", "open", "K%08ld%d", id, i);
        }
        if (c->status != CS_ENDED || c->status_date == ZJ_DATE_NONE)
            goto listed_out;
        zj_date e = c->status_date;
        cev_at(g, p, i, e + 1 + (zj_date)gen_uni(r, 0, 30), CCE_CHECKIN, home);
        if (near && cev_at(g, p, i, e + 1, CCE_LOCATION, away))
            loc_close = 1;
        if (c->basis != CB_SURV && e + 25 <= g->as_of - 62) {
            /* late records: CC-03's second warning and CC-02/CC-03's absconding, each long
             * past its 30 days, but after the correction ended */
            int w = cev_at(g, p, i, e + 2, CCE_WARNING, NULL) &&
                    cev_at(g, p, i, e + 20, CCE_WARNING, NULL);
            int a = cev_at(g, p, i, e + 25, CCE_ABSCONDED, NULL) != NULL;
            if (near && w && a) {
                near_end(g, "CC-02", "close", opened, "K%08ld%d", id, i);
                near_end(g, "CC-03", "close", opened, "K%08ld%d", id, i);
            }
        }
        /* a medical temp_outside that ended: a trip the day after (CHG-12) */
        if (near && c->basis == CB_TEMP && c->chg >= 0 && p->ch[c->chg].grounds == LAW_MEDICAL &&
            !held_within(g, p, e + 1, 0) && act_at(g, p, e + 1, ACT_TRAVEL))
            near_miss(g, "CHG-12", "close", "X%08ld%02d", id, c->chg);
    listed_out:
        if (loc_open)
            near_miss(g, "CC-05", "open", "K%08ld%d", id, i);
        if (loc_close)
            near_end(g, "CC-05", "close", loc_open, "K%08ld%d", id, i);
    }
}

/* A family payment of the whole amount just outside F-03's window of each proposal. */
static void noise_payments(struct gen_ctx *g, struct gp *p, long id, int near)
{
    for (int i = 0; i < p->nch; i++) {
        const struct gp_chg *c = &p->ch[i];
        if ((c->kind != LAW_CHG_COMMUTATION && c->kind != LAW_CHG_PAROLE) ||
            c->prop == ZJ_DATE_NONE)
            continue;
        for (int k = 0; k < p->npr; k++) {
            struct gp_prop *e = &p->pr[k];
            if (e->npay > 2 || e->due <= 0)
                continue;
            zj_date before = c->prop - 61, after = c->prop + 1;
            if (before < e->filed || after > g->as_of)
                continue;
            for (int s = 0; s < 2; s++) {
                e->pay_d[e->npay] = s ? after : before;
                e->pay_a[e->npay] = e->due;
                e->pay_by[e->npay] = PY_FAMILY;
                e->npay++;
            }
            if (near)
                near_miss(g, "CHG-09", "open", "X%08ld%02d", id, i);
            if (near)
                near_end(g, "CHG-09", "close", 1, "X%08ld%02d", id, i);
            return;
        }
    }
}

void gen_noise(struct gen_ctx *g, struct gp *p, int level)
{
    if (level <= 0 || p->plant)
        return;
    struct gen_rng r;
    gen_rng_seed(&r, g->o->seed, 0x4E01500000000000ULL + (uint64_t)p->idx);
    long id = p->idx + 1;
    /* the near misses once per person (their records are the window ends themselves) */
    near_pap01(g, p, id);
    near_pr01(g, p, id);
    for (int l = 0; l < level; l++) {
        noise_activities(g, p, &r);
        noise_voters(g, p, &r);
        noise_corrections(g, p, &r, id, l == 0);
        if (l == 0)
            noise_payments(g, p, id, 1);
    }
}

void gen_noise_planted(struct gen_ctx *g, const struct gp *p, const struct gen_slot *slot)
{
    if (g->o->noise > 0 && g->out.planted)
        fprintf(g->out.planted, "%s,%s,%d\n", p->pid, gen_plant_id(slot->model), slot->near);
}
