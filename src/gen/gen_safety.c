/*
 * gen_safety.c — incidents, incident_persons, labour and release_prep of every person
 * (see gen_safety.h), lawful in the background, with the plants and near misses of
 * CUS-05 … CUS-09 and REL-01 laid over background persons.
 *
 * Background (rates per person held in a prison, juvenile prison or detention centre cell):
 *   - incidents: 3 ‰ per month held (fights, bullying, contraband mostly from visitors,
 *     gambling, self-harm, drugs, escape attempts, other), one cell of 25 has 12 ‰ more bullying a
 * month; a person is the aggressor of a fight or bullying at most once in 91 days; the victim or
 * other participant is a cellmate generated earlier, when one shares the cell that day. An incident
 * that is a crime on its face (H-06: light injury or worse, drugs, an escape) is filed 1–25 days
 * later and transferred 20–180 days after the filing (each only when on or before the as-of date).
 * Every escape of the custody feed is an `escape` incident. No staff violence and no contraband
 * from staff: those are leads.
 *   - labour: the 12 months up to the as-of month, for each month whose first day the
 *     person is in a prison or juvenile prison cell: 150–200 hours (60–100 when under 18
 *     on that day, law.md §1), 4–8 rest days.
 *   - release_prep: for every release on term expiry from a prison or juvenile prison,
 *     pre-release education 15–80 days before it and a resettlement notice 35–170 days
 *     before it (after any earlier release), to the person's county.
 *
 * Plants (answers.csv) and near misses (near_misses.csv), k = the plant's number:
 *   CUS-05 the person (A) and an earlier cellmate (V) share a cell ≥ 130 days: bullying
 *          then a fight by A on V, V still there 8–37 days after the second | k even: separated
 * exactly 7 days after; k odd: the two incidents 91–95 days apart CUS-06 contraband (k even) or
 * drugs from staff, an officer named | from a visitor, the seizing officer named CUS-07 k%3: 0 a
 * fight with a light injury never filed; 1 filed 31–35 days after; 2 drugs transferred after
 * add_months(filing, 7) | 0 filed on day 30; 1 drugs transferred on add_months(filing, 7); 2 a
 * fight with a slight injury, not filed CUS-08 staff violence, an officer named | a fight with an
 * officer named, no injury CUS-09 k%3: 0 211–225 hours; 1 2–3 rest days; 2 a juvenile month of
 * 105–114 hours (an adult variant when the person has none) | 210 hours; 4 rest days; 104 hours
 *   REL-01 k%3: 0 no pre-release education; 1 the notice 20–29 days before the release;
 *          2 the notice 1–20 days more than 6 months before | education on
 *          add_months(R, −3); notice on R − 30; notice on add_months(R, −6)
 * The officer of CUS-06/CUS-08 plants is the facility's last (DUTY-01's plants use 0–3 of
 * a prison), so DUTY-01 also finds that officer.
 */
#include "gen/gen_safety.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/gen_noise.h"
#include "gen/gen_plant_int.h"
#include "gen/gen_sim.h"
#include "util/xalloc.h"

/* The models of these plants, M_CUS05 … M_REL01 of gen_plant.h; model M_CUS05 + i is the
 * i-th of the schedule below. */
enum { SM_N = M_NMODELS - M_CUS05 };

enum {
    IK_FIGHT,
    IK_BULLY,
    IK_CONTRA,
    IK_DRUGS,
    IK_GAMBLE,
    IK_ESCAPE,
    IK_ESC_ATT,
    IK_SELF,
    IK_STAFF,
    IK_OTHER
};
static const char *const ik_ids[] = {"fight",          "bullying", "contraband",     "drugs",
                                     "gambling",       "escape",   "escape_attempt", "self_harm",
                                     "staff_violence", "other"};
enum { IJ_NONE, IJ_SLIGHT, IJ_LIGHT, IJ_SERIOUS };
static const char *const ij_ids[] = {"", "slight", "light", "serious"};
static const char *const item_ids[] = {"phone", "cigarettes", "alcohol", "drugs",
                                       "money", "weapon",     "other"};
enum { SRC_NONE, SRC_VISITOR, SRC_STAFF, SRC_WORKER, SRC_MAIL, SRC_UNKNOWN };
static const char *const src_ids[] = {"", "visitor", "staff", "outside_worker", "mail", "unknown"};
enum { RO_AGG, RO_VIC, RO_PART, RO_CARRIER };
static const char *const role_ids[] = {"aggressor", "victim", "participant", "carrier"};
static const char *const summaries[] = {
    "监室内打架", "欺压同监室人员", "查获违禁品",           "查获毒品",        "聚众赌博", "脱逃",
    "脱逃未遂",   "自伤",           "监管人员殴打被监管人", "其他违反监规行为"};

struct mate {
    long idx;
    zj_date s, e; /* e: last day held there (as-of when open) */
};
#define MATES 8
struct cellslot {
    uint64_t key; /* 0 = empty */
    int n;        /* entries written (ring of MATES) */
    struct mate m[MATES];
};

struct gen_safety {
    struct cellslot *tab;
    size_t cap, used;
    long N;
    long per;
    long next[SM_N]; /* next slot of each model (slot j: plant k = j / 2, near = j % 2) */
    long laid[2];
};

struct gen_safety *gen_safety_new(long N, long per)
{
    struct gen_safety *s = xcalloc(1, sizeof *s);
    s->cap = 1 << 14;
    s->tab = xcalloc(s->cap, sizeof *s->tab);
    s->N = N;
    s->per = per;
    return s;
}

void gen_safety_free(struct gen_safety *s)
{
    if (!s)
        return;
    free(s->tab);
    free(s);
}

void gen_safety_counts(const struct gen_safety *s, long *plants, long *near, long *wanted)
{
    *plants = s->laid[0];
    *near = s->laid[1];
    *wanted = s->per * SM_N;
}

/* The slot position of model m's j-th slot: spread evenly over the persons. */
static long slot_pos(const struct gen_safety *s, int m, long j)
{
    long S = 2 * s->per * SM_N;
    return (long)((double)(j * SM_N + m) * (double)s->N / (double)S);
}

/* ---- the cell map: who was held in a facility's cell, and when ---------------------- */

static uint64_t cell_key(int fac, const char *cell)
{
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)(fac + 1) * 0x9E3779B97F4A7C15ULL;
    for (const unsigned char *c = (const unsigned char *)cell; *c; c++)
        h = (h ^ *c) * 1099511628211ULL;
    return h ? h : 1;
}

static struct cellslot *cell_find(struct gen_safety *s, uint64_t key, int add)
{
    if (add && (s->used + 1) * 2 > s->cap) {
        struct cellslot *old = s->tab;
        size_t oc = s->cap;
        s->cap *= 2;
        s->tab = xcalloc(s->cap, sizeof *s->tab);
        for (size_t i = 0; i < oc; i++)
            if (old[i].key) {
                size_t k = old[i].key & (s->cap - 1);
                while (s->tab[k].key)
                    k = (k + 1) & (s->cap - 1);
                s->tab[k] = old[i];
            }
        free(old);
    }
    size_t k = key & (s->cap - 1);
    while (s->tab[k].key && s->tab[k].key != key)
        k = (k + 1) & (s->cap - 1);
    if (!s->tab[k].key) {
        if (!add)
            return NULL;
        s->tab[k].key = key;
        s->used++;
    }
    return &s->tab[k];
}

/* A person's holding spans (cells at a prison, juvenile prison or detention centre). */
struct span {
    int fac, kind;
    const char *cell;
    zj_date s, e; /* e: end, or the as-of date when open or later */
};

static int spans_of(const struct gen_ctx *g, const struct gp *p, struct span *out)
{
    int n = 0;
    for (int i = 0; i < p->ncell; i++) {
        const struct gp_cell *c = &p->cell[i];
        int kind = g->w.fac[c->fac].kind;
        if (kind != GK_PRISON && kind != GK_JUV && kind != GK_DC)
            continue;
        if (c->start > g->as_of)
            continue;
        zj_date e = c->end == ZJ_DATE_NONE || c->end > g->as_of ? g->as_of : c->end;
        if (e < c->start)
            continue;
        out[n++] = (struct span){c->fac, kind, c->cell, c->start, e};
    }
    return n;
}

/* A cellmate generated earlier, other than `self`, held in the cell on day d (or -1). */
static long mate_on(struct gen_safety *s, const struct span *sp, zj_date d, long self)
{
    struct cellslot *c = cell_find(s, cell_key(sp->fac, sp->cell), 0);
    if (!c)
        return -1;
    int n = c->n < MATES ? c->n : MATES;
    for (int i = 0; i < n; i++)
        if (c->m[i].idx != self && c->m[i].s <= d && d <= c->m[i].e)
            return c->m[i].idx;
    return -1;
}

/* ---- rows ------------------------------------------------------------------------------ */

struct inc {
    zj_date d;
    int fac;
    const char *cell;
    int kind, injury, item, source;
    int officer_n; /* -1: none */
    zj_date filed, transferred;
    int np;
    long who[2];
    int role[2];
};

static void pid_of(long idx, char buf[24])
{
    snprintf(buf, 24, "P%08ld", idx + 1);
}

/* Filing and transfer of a crime in custody within the limits (H-06), as far as the as-of
 * date has come. */
static void lawful_case(const struct gen_ctx *g, struct inc *x, struct gen_rng *r)
{
    x->filed = x->d + (zj_date)gen_uni(r, 1, 25);
    x->transferred = x->filed + (zj_date)gen_uni(r, 20, 180);
    if (x->transferred > g->as_of)
        x->transferred = ZJ_DATE_NONE;
    if (x->filed > g->as_of)
        x->filed = ZJ_DATE_NONE;
}

static int crime_on_face(const struct inc *x)
{
    return x->injury >= IJ_LIGHT || x->kind == IK_DRUGS || x->kind == IK_ESCAPE;
}

static void emit_inc(struct gen_ctx *g, const struct gp *p, int n, const struct inc *x)
{
    long id = p->idx + 1;
    char ob[32] = "";
    if (x->officer_n >= 0)
        gen_officer_id(&g->w, x->fac, x->officer_n, ob);
    gen_row(&g->out, F_INC, "IN%08ld%02d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s", id, n,
            g->w.fac[x->fac].id, gen_d(x->d), ik_ids[x->kind], ij_ids[x->injury],
            x->item >= 0 ? item_ids[x->item] : "", src_ids[x->source], x->cell ? x->cell : "", ob,
            gen_d(x->filed), gen_d(x->transferred), summaries[x->kind]);
    for (int k = 0; k < x->np; k++) {
        char pb[24];
        pid_of(x->who[k], pb);
        gen_row(&g->out, F_INCP, "IP%08ld%02d%d,IN%08ld%02d,%s,%s", id, n, k, id, n, pb,
                role_ids[x->role[k]]);
    }
}

static struct inc inc_new(const struct span *sp, zj_date d, int kind)
{
    struct inc x;
    memset(&x, 0, sizeof x);
    x.d = d;
    x.fac = sp->fac;
    x.cell = sp->cell;
    x.kind = kind;
    x.item = -1;
    x.officer_n = -1;
    x.filed = x.transferred = ZJ_DATE_NONE;
    return x;
}

static void inc_person(struct inc *x, long idx, int role)
{
    if (x->np < 2) {
        x->who[x->np] = idx;
        x->role[x->np++] = role;
    }
}

/* The officer of a facility's CUS-06/CUS-08 plants: its last one. DUTY-01's plants use
 * officers 0–3 of a prison and need the facility's median to stay 0: one more officer with
 * leads keeps more than half of a prison's 12 at none. */
static int plant_officer(const struct gen_ctx *g, int fac)
{
    int n = g->w.fac[fac].n_off;
    return n > 0 ? n - 1 : -1;
}

/* ---- background ------------------------------------------------------------------------ */

static void background_incidents(struct gen_ctx *g, struct gen_safety *s, struct gp *p,
                                 const struct span *sp, int nsp, struct gen_rng *r, int *ninc)
{
    zj_date last_aggr = ZJ_DATE_NONE;
    for (int i = 0; i < nsp; i++) {
        const struct span *a = &sp[i];
        int bad_cell = cell_key(a->fac, a->cell) % 25 == 0;
        for (zj_date m0 = a->s; m0 <= a->e; m0 += 30) {
            int bully = bad_cell && gen_pm(r, 12);
            if (!bully && !gen_pm(r, 3))
                continue;
            zj_date d = m0 + (zj_date)gen_uni(r, 0, 29);
            if (d > a->e)
                d = a->e;
            int u = (int)gen_uni(r, 0, 999);
            int kind = bully     ? IK_BULLY
                       : u < 380 ? IK_FIGHT
                       : u < 480 ? IK_BULLY
                       : u < 660 ? IK_CONTRA
                       : u < 690 ? IK_DRUGS
                       : u < 780 ? IK_GAMBLE
                       : u < 870 ? IK_SELF
                       : u < 880 ? IK_ESC_ATT
                                 : IK_OTHER;
            if ((kind == IK_FIGHT || kind == IK_BULLY) && last_aggr != ZJ_DATE_NONE &&
                d - last_aggr <= 91)
                kind = IK_OTHER;
            struct inc x = inc_new(a, d, kind);
            switch (kind) {
            case IK_FIGHT:
            case IK_BULLY: {
                int v = (int)gen_uni(r, 0, 999);
                x.injury = v < 550   ? IJ_NONE
                           : v < 850 ? IJ_SLIGHT
                           : v < 970 ? IJ_LIGHT
                                     : IJ_SERIOUS;
                inc_person(&x, p->idx, RO_AGG);
                long m = mate_on(s, a, d, p->idx);
                if (m >= 0)
                    inc_person(&x, m, RO_VIC);
                last_aggr = d;
                break;
            }
            case IK_CONTRA: {
                int v = (int)gen_uni(r, 0, 999);
                x.item = v < 350 ? 0 : v < 650 ? 1 : v < 730 ? 2 : v < 850 ? 4 : v < 900 ? 5 : 6;
                v = (int)gen_uni(r, 0, 999);
                x.source = v < 650   ? SRC_VISITOR
                           : v < 770 ? SRC_MAIL
                           : v < 870 ? SRC_WORKER
                                     : SRC_UNKNOWN;
                inc_person(&x, p->idx, RO_CARRIER);
                break;
            }
            case IK_DRUGS: {
                x.item = 3;
                int v = (int)gen_uni(r, 0, 999);
                x.source = v < 600 ? SRC_VISITOR : v < 850 ? SRC_MAIL : SRC_UNKNOWN;
                inc_person(&x, p->idx, RO_CARRIER);
                break;
            }
            case IK_GAMBLE: {
                inc_person(&x, p->idx, RO_PART);
                long m = mate_on(s, a, d, p->idx);
                if (m >= 0)
                    inc_person(&x, m, RO_PART);
                break;
            }
            case IK_SELF:
                x.injury = gen_pm(r, 700) ? IJ_SLIGHT : IJ_NONE;
                inc_person(&x, p->idx, RO_PART);
                break;
            default:
                inc_person(&x, p->idx, RO_PART);
                break;
            }
            if (crime_on_face(&x))
                lawful_case(g, &x, r);
            emit_inc(g, p, (*ninc)++, &x);
        }
    }
    /* the escapes of the custody feed */
    if (p->esc != ZJ_DATE_NONE && p->esc <= g->as_of) {
        for (int i = 0; i < nsp; i++)
            if (sp[i].s <= p->esc && p->esc <= sp[i].e) {
                struct inc x = inc_new(&sp[i], p->esc, IK_ESCAPE);
                inc_person(&x, p->idx, RO_PART);
                lawful_case(g, &x, r);
                emit_inc(g, p, (*ninc)++, &x);
                break;
            }
    }
}

/* Labour rows of the 12 months up to the as-of month (hours, rest days, juvenile). */
struct lab {
    zj_date month;
    int fac, hours, rest, juvenile;
};

static int labour_of(const struct gen_ctx *g, const struct gp *p, const struct span *sp, int nsp,
                     struct gen_rng *r, struct lab *out)
{
    int y, m, d, n = 0;
    date_to_ymd(g->as_of, &y, &m, &d);
    zj_date first = date_from_ymd(y, m, 1);
    zj_date b18 = date_add_months(p->birth, 216);
    for (int k = 11; k >= 0; k--) {
        zj_date d0 = date_add_months(first, -k);
        for (int i = 0; i < nsp; i++) {
            if ((sp[i].kind != GK_PRISON && sp[i].kind != GK_JUV) || sp[i].s > d0 || d0 > sp[i].e)
                continue;
            struct lab *l = &out[n++];
            l->month = d0;
            l->fac = sp[i].fac;
            l->juvenile = d0 <= b18;
            l->hours = l->juvenile ? (int)gen_uni(r, 60, 100) : (int)gen_uni(r, 150, 200);
            l->rest = (int)gen_uni(r, 4, 8);
            break;
        }
    }
    return n;
}

static int is_release(int type)
{
    return type == LAW_EV_RELEASE || type == LAW_EV_RELEASE_PAROLE || type == LAW_EV_RELEASE_TEMP ||
           type == LAW_EV_RELEASE_OTHER;
}

/* ---- plants -------------------------------------------------------------------------- */

/* A background person that may carry a plant (gen_plant.h): its holding spans, labour
 * rows, the release whose preparation REL-01 bends (-1: none), its stream and the number
 * of its next incident. */
struct safety_plant {
    struct gen_ctx *g;
    struct gen_safety *s;
    struct gp *p;
    const struct span *sp;
    int nsp;
    struct lab *lab;
    int nl;
    int rel;
    struct gen_rng *r;
    int *ninc;
};

/* The person in planted_persons.csv. Every near miss here sits on the last lawful day (or
 * amount) of a limit: plant_answer tags it `close` in near_miss_ends.csv. */
static void planted(struct gen_ctx *g, long idx, int m, int near)
{
    if (g->out.planted) {
        char pb[24];
        pid_of(idx, pb);
        fprintf(g->out.planted, "%s,%s,%d\n", pb, gen_plant_id(m), near);
    }
}

/* The longest span, or NULL. */
static const struct span *longest(const struct span *sp, int nsp)
{
    const struct span *b = NULL;
    for (int i = 0; i < nsp; i++)
        if (!b || sp[i].e - sp[i].s > b->e - b->s)
            b = &sp[i];
    return b;
}

/* CUS-06, CUS-07, CUS-08: one incident of the person. Returns 1 when laid. */
static int plant_incident(struct safety_plant *sx, int m, int k, int near)
{
    struct gen_ctx *g = sx->g;
    struct gp *p = sx->p;
    int *ninc = sx->ninc;
    const struct span *a = longest(sx->sp, sx->nsp);
    if (!a)
        return 0;
    zj_date d;
    struct inc x;
    if (m == M_CUS06 || m == M_CUS08) {
        d = g->as_of - 10 - k % 300;
        if (d > a->e)
            d = a->e;
        if (d < a->s)
            return 0;
        if (m == M_CUS06) {
            x = inc_new(a, d, near || k % 2 == 0 ? IK_CONTRA : IK_DRUGS);
            x.item = x.kind == IK_DRUGS ? 3 : 0;
            x.source = near ? SRC_VISITOR : SRC_STAFF;
            inc_person(&x, p->idx, RO_CARRIER);
        } else {
            x = inc_new(a, d, near ? IK_FIGHT : IK_STAFF);
            x.injury = near ? IJ_NONE : k % 3 == 0 ? IJ_LIGHT : IJ_SLIGHT;
            inc_person(&x, p->idx, near ? RO_PART : RO_VIC);
        }
        x.officer_n = plant_officer(g, a->fac);
        if (x.kind == IK_DRUGS)
            lawful_case(g, &x, sx->r);
    } else { /* CUS-07 */
        int v = k % 3;
        int old = (v == 0 && !near) || (v == 2 && near) || (v == 0 && near);
        d = old               ? g->as_of - 40 - k % 60
            : v == 1 && !near ? g->as_of - 60 - k % 100
                              : g->as_of - 300 - k % 200;
        if (d > a->e)
            d = a->e;
        if (d < a->s)
            return 0;
        if (v == 0 || (v == 2 && near) || (v == 1 && !near)) {
            x = inc_new(a, d, IK_FIGHT);
            x.injury = v == 2 ? IJ_SLIGHT : IJ_LIGHT;
            inc_person(&x, p->idx, RO_AGG);
            if (v == 0 && near) {
                x.filed = d + 30;
                x.transferred = x.filed + 60 <= g->as_of ? x.filed + 60 : ZJ_DATE_NONE;
            } else if (v == 1) {
                x.filed = d + 31 + k % 5;
                x.transferred = x.filed + 30 <= g->as_of ? x.filed + 30 : ZJ_DATE_NONE;
            }
        } else {
            x = inc_new(a, d, IK_DRUGS);
            x.item = 3;
            x.source = SRC_VISITOR;
            inc_person(&x, p->idx, RO_CARRIER);
            x.filed = d + 5;
            zj_date dl = date_add_months(x.filed, 7);
            x.transferred = near                          ? dl
                            : dl + 1 + k % 20 <= g->as_of ? dl + 1 + k % 20
                                                          : ZJ_DATE_NONE;
        }
    }
    char sub[48];
    snprintf(sub, sizeof sub, "IN%08ld%02d", p->idx + 1, *ninc);
    emit_inc(g, p, (*ninc)++, &x);
    plant_answer(g, near, m, "%s", sub);
    planted(g, p->idx, m, near);
    return 1;
}

/* CUS-05: the current person is the aggressor, the victim a cellmate generated earlier
 * (any: a victim's own records do not matter to CUS-05). */
static int plant_cus05(struct safety_plant *sx, int m, int k, int near)
{
    struct gen_ctx *g = sx->g;
    struct gen_safety *s = sx->s;
    struct gp *p = sx->p;
    const struct span *sp = sx->sp;
    int nsp = sx->nsp;
    for (int i = 0; i < nsp; i++) {
        struct cellslot *c = cell_find(s, cell_key(sp[i].fac, sp[i].cell), 0);
        if (!c)
            continue;
        int n = c->n < MATES ? c->n : MATES;
        for (int j = 0; j < n; j++) {
            const struct mate *a = &c->m[j];
            zj_date lo = a->s > sp[i].s ? a->s : sp[i].s, hi = a->e < sp[i].e ? a->e : sp[i].e;
            if (hi - lo < 130)
                continue;
            zj_date t2, t1;
            if (!near) {
                t2 = hi - 8 - k % 30;
                t1 = t2 - 30 - k % 60;
            } else if (k % 2 == 0) {
                t2 = hi - 7;
                t1 = t2 - 30 - k % 60;
            } else {
                t2 = hi - 30;
                t1 = t2 - 91 - k % 5;
            }
            /* a near miss must not share a cell with A again longer after t2 (another
             * cell, or this one on V's later assignment) */
            int other = 0;
            for (int q = 0; q < nsp && near; q++) {
                struct cellslot *o = cell_find(s, cell_key(sp[q].fac, sp[q].cell), 0);
                int on = o ? (o->n < MATES ? o->n : MATES) : 0;
                for (int w = 0; w < on; w++) {
                    if (o->m[w].idx != a->idx || (q == i && w == j))
                        continue;
                    zj_date l2 = o->m[w].s > sp[q].s ? o->m[w].s : sp[q].s;
                    zj_date h2 = o->m[w].e < sp[q].e ? o->m[w].e : sp[q].e;
                    if (l2 <= t2)
                        l2 = t2 + 1;
                    other |= h2 - l2 + 1 > 7;
                }
            }
            if (other)
                continue;
            struct inc x1 = inc_new(&sp[i], t1, IK_BULLY), x2 = inc_new(&sp[i], t2, IK_FIGHT);
            x2.injury = IJ_SLIGHT;
            inc_person(&x1, p->idx, RO_AGG);
            inc_person(&x1, a->idx, RO_VIC);
            inc_person(&x2, p->idx, RO_AGG);
            inc_person(&x2, a->idx, RO_VIC);
            emit_inc(g, p, (*sx->ninc)++, &x1);
            emit_inc(g, p, (*sx->ninc)++, &x2);
            plant_answer(g, near, m, "%s", p->pid);
            planted(g, a->idx, m, near);
            planted(g, p->idx, m, near);
            return 1;
        }
    }
    return 0;
}

/* CUS-09 over the person's labour rows (the subject row is changed). */
static int plant_cus09(struct safety_plant *sx, int m, int k, int near)
{
    struct gp *p = sx->p;
    struct lab *l = sx->lab;
    int nl = sx->nl;
    int juv = -1, adult = -1;
    for (int i = 0; i < nl; i++) {
        if (l[i].juvenile)
            juv = i;
        else
            adult = i;
    }
    int v = k % 3;
    if (v == 2 && juv < 0)
        v = k % 2;
    if (v < 2 && adult < 0)
        v = juv >= 0 ? 2 : -1;
    if (v < 0)
        return 0;
    int i = v == 2 ? juv : adult;
    if (v == 0)
        l[i].hours = near ? 210 : 211 + k % 15;
    else if (v == 1)
        l[i].rest = near ? 4 : 3 - k % 2;
    else
        l[i].hours = near ? 104 : 105 + k % 10;
    char sub[48];
    snprintf(sub, sizeof sub, "LB%08ld%02d", p->idx + 1, i);
    plant_answer(sx->g, near, m, "%s", sub);
    planted(sx->g, p->idx, m, near);
    return 1;
}

/* REL-01: on the person's release `rel`, written with the release_prep rows
 * (gen_safety_person). */
static int plant_rel01(struct safety_plant *sx, int m, int k, int near)
{
    (void)m;
    (void)k;
    (void)near;
    return sx->rel >= 0;
}

/* clang-format off */
const struct gen_plant_scenario plants_safety[] = {
    {.model = M_CUS05, .id = "CUS-05", .lay = plant_cus05},
    {.model = M_CUS06, .id = "CUS-06", .lay = plant_incident},
    {.model = M_CUS07, .id = "CUS-07", .lay = plant_incident},
    {.model = M_CUS08, .id = "CUS-08", .lay = plant_incident},
    {.model = M_CUS09, .id = "CUS-09", .lay = plant_cus09},
    {.model = M_REL01, .id = "REL-01", .lay = plant_rel01},
    {0},
};
/* clang-format on */

/* ---- one person ------------------------------------------------------------------------ */

void gen_safety_person(struct gen_ctx *g, struct gp *p, int background)
{
    struct gen_safety *s = g->safety;
    if (!s)
        return;
    if (p->idx >= s->N) /* a person crossing provinces (--cross): no plant, not a cellmate */
        background = 0;
    struct gen_rng r;
    gen_rng_seed(&r, g->o->seed, 0x5AFE00000000ULL + (uint64_t)p->idx);
    struct span sp[GP_MAXMISC];
    int nsp = spans_of(g, p, sp);
    struct lab lab[12];
    int nl = labour_of(g, p, sp, nsp, &r, lab);
    int mapped = p->idx < s->N;

    /* releases on term expiry from a prison, and the release before each */
    int rel = -1; /* the last one whose earlier release is > 240 days before */
    zj_date prev_of[GP_MAXEV];
    zj_date prev = ZJ_DATE_NONE;
    for (int i = 0; i < p->nev; i++) {
        prev_of[i] = prev;
        const struct gp_ev *e = &p->ev[i];
        if (e->type == LAW_EV_RELEASE && e->d <= g->as_of &&
            (g->w.fac[e->fac].kind == GK_PRISON || g->w.fac[e->fac].kind == GK_JUV) &&
            (prev == ZJ_DATE_NONE || e->d - prev > 240))
            rel = i;
        if (is_release(e->type))
            prev = e->d;
    }

    int ninc = 0, plant_m = -1, plant_near = 0, plant_k = 0;
    struct safety_plant x = {g, s, p, sp, nsp, lab, nl, rel, &r, &ninc};
    for (int q = 0; background && q < SM_N && plant_m < 0; q++) {
        int i = (int)((p->idx + q) % SM_N);
        long j = s->next[i];
        if (j >= 2 * s->per || slot_pos(s, i, j) > p->idx)
            continue;
        int k = (int)(j / 2), near = (int)(j % 2);
        if (gen_plant_lay(M_CUS05 + i, &x, k, near)) {
            plant_m = M_CUS05 + i;
            plant_near = near;
            plant_k = k;
            s->next[i]++;
            s->laid[near]++;
        }
    }
    if (plant_m < 0)
        background_incidents(g, s, p, sp, nsp, &r, &ninc);

    long id = p->idx + 1;
    for (int i = 0; i < nl; i++)
        gen_row(&g->out, F_LAB, "LB%08ld%02d,%s,%s,%s,%d,%d", id, i, p->pid,
                g->w.fac[lab[i].fac].id, gen_m(lab[i].month), lab[i].hours, lab[i].rest);

    const char *region = g->w.county[p->county].c->code;
    for (int i = 0; i < p->nev; i++) {
        const struct gp_ev *e = &p->ev[i];
        if (e->type != LAW_EV_RELEASE || e->d > g->as_of ||
            (g->w.fac[e->fac].kind != GK_PRISON && g->w.fac[e->fac].kind != GK_JUV))
            continue;
        zj_date R = e->d, after = prev_of[i] == ZJ_DATE_NONE ? ZJ_DATE_NONE : prev_of[i] + 1;
        zj_date edu = R - (zj_date)gen_uni(&r, 15, 80);
        zj_date notice = R - (zj_date)gen_uni(&r, 35, 170);
        if (after != ZJ_DATE_NONE && edu < after)
            edu = after;
        if (after != ZJ_DATE_NONE && notice < after)
            notice = after;
        if (plant_m == M_REL01 && i == rel) {
            int v = plant_k % 3;
            if (v == 0)
                edu = plant_near ? date_add_months(R, -3) : ZJ_DATE_NONE;
            else if (v == 1)
                notice = plant_near ? R - 30 : R - 29 + plant_k % 10;
            else
                notice =
                    plant_near ? date_add_months(R, -6) : date_add_months(R, -6) - 1 - plant_k % 20;
            char sub[48];
            snprintf(sub, sizeof sub, "E%08ld%02d", id, i);
            plant_answer(g, plant_near, M_REL01, "%s", sub);
            planted(g, p->idx, M_REL01, plant_near);
        }
        if (edu != ZJ_DATE_NONE && edu < R)
            gen_row(&g->out, F_REL, "RP%08ld%02d0,%s,%s,pre_release_education,%s,", id, i, p->pid,
                    g->w.fac[e->fac].id, gen_d(edu));
        if (notice < R)
            gen_row(&g->out, F_REL, "RP%08ld%02d1,%s,%s,resettlement_notice,%s,%s", id, i, p->pid,
                    g->w.fac[e->fac].id, gen_d(notice), region);
    }

    /* the person's cells join the map, for the cellmates generated later */
    for (int i = 0; i < nsp && mapped; i++) {
        struct cellslot *c = cell_find(s, cell_key(sp[i].fac, sp[i].cell), 1);
        c->m[c->n % MATES] = (struct mate){p->idx, sp[i].s, sp[i].e};
        c->n++;
    }
}
