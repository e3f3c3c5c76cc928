/*
 * timeline.c — the person timeline's buffers, lookups, custody state, and the computed
 * dates of each judgment (law.md §2 S-01..S-08 and §3 D-02), which the delivery and
 * execution models need for every judgment. This is a compact local computation used by
 * the engine; the law core (src/law) is the reference for `zhijian calc`.
 */
#include "models/timeline.h"
#include "law/law.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define ARENA_BLOCK 65536

struct tl_arena_block {
    tl_arena_block *next;
    size_t used, size;
    char data[];
};

static char *arena_alloc(tl_arena *a, size_t n)
{
    tl_arena_block *b = a->cur;
    while (b && b->used + n > b->size)
        b = b->next;
    if (!b) {
        size_t sz = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = xmalloc(sizeof(*b) + sz);
        b->next = NULL;
        b->used = 0;
        b->size = sz;
        if (!a->head) {
            a->head = b;
        } else {
            tl_arena_block *t = a->head;
            while (t->next)
                t = t->next;
            t->next = b;
        }
    }
    a->cur = b;
    char *p = b->data + b->used;
    b->used += n;
    return p;
}

void timeline_init(zj_timeline *tl)
{
    memset(tl, 0, sizeof(*tl));
}

void timeline_reset(zj_timeline *tl)
{
    tl->person_id = tl->id_number = tl->name = tl->gender = NULL;
    tl->birth_date = ZJ_DATE_NONE;
    tl->n_jud = tl->n_cus = tl->n_chg = tl->n_med = tl->n_sco = tl->n_mer = 0;
    tl->n_cc = tl->n_cc_ev = tl->n_prop = tl->n_pay = tl->n_cell = tl->n_res = 0;
    tl->n_act = tl->n_vot = tl->n_iv = tl->n_rq = tl->n_sco_n = 0;
    memset(&tl->death, 0, sizeof(tl->death));
    for (tl_arena_block *b = tl->arena.head; b; b = b->next)
        b->used = 0;
    tl->arena.cur = tl->arena.head;
}

void timeline_release(zj_timeline *tl)
{
    free(tl->jud);
    free(tl->calc);
    free(tl->figs);
    free(tl->figs_ok);
    free(tl->cus);
    free(tl->chg);
    free(tl->med);
    free(tl->sco);
    free(tl->sco_n);
    free(tl->mer);
    free(tl->cc);
    free(tl->cc_ev);
    free(tl->prop);
    free(tl->pay);
    free(tl->cell);
    free(tl->res);
    free(tl->act);
    free(tl->vot);
    free(tl->rq);
    free(tl->iv);
    law_scratch_release(&tl->law);
    tl_arena_block *b = tl->arena.head;
    while (b) {
        tl_arena_block *n = b->next;
        free(b);
        b = n;
    }
    memset(tl, 0, sizeof(*tl));
}

const char *timeline_strdup(zj_timeline *tl, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = arena_alloc(&tl->arena, n);
    memcpy(p, s, n);
    return p;
}

int timeline_part_before(const zj_timeline *tl, enum tl_part p, zj_date from, zj_date before)
{
    if (!(tl->pending & TL_BIT(p)))
        return 0;
    if (p != TL_SCORES)
        before = ZJ_DATE_NONE;
    if (tl->loaded & TL_BIT(p)) {
        zj_date have = tl->loaded_from[p], upto = tl->loaded_before[p];
        if ((have == ZJ_DATE_NONE || (from != ZJ_DATE_NONE && have <= from)) &&
            (upto == ZJ_DATE_NONE || (before != ZJ_DATE_NONE && upto >= before)))
            return 0;
    }
    /* the engine's timeline, handed to the models as const: the part is loaded in place */
    zj_timeline *m = (zj_timeline *)tl;
    m->loaded |= TL_BIT(p);
    m->loaded_from[p] = from;
    m->loaded_before[p] = before;
    return m->load_part ? m->load_part(m, p, from, before) : 0;
}

int timeline_part(const zj_timeline *tl, enum tl_part p, zj_date from)
{
    return timeline_part_before(tl, p, from, ZJ_DATE_NONE);
}

bool timeline_activity_dates(const zj_timeline *tl, const zj_date **dates, size_t *n)
{
    return tl->activity_dates && tl->activity_dates(tl, dates, n);
}

const tl_facility *timeline_facility(const zj_timeline *tl, const char *facility_id)
{
    if (!facility_id)
        return NULL;
    size_t lo = 0, hi = tl->n_fac;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(tl->fac[mid].facility_id, facility_id);
        if (c == 0)
            return &tl->fac[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

int timeline_judgment_index(const zj_timeline *tl, const char *judgment_id)
{
    if (!judgment_id)
        return -1;
    for (size_t i = 0; i < tl->n_jud; i++)
        if (!strcmp(tl->jud[i].judgment_id, judgment_id))
            return (int)i;
    return -1;
}

/* The feeds' enum ids through the law core's one list of names (law.h); 0 (NONE) when
 * missing or unknown. */
int tl_penalty_parse(const char *s)
{
    int v = s ? law_penalty_from_str(s) : 0;
    return v > 0 ? v : LAW_PENALTY_NONE;
}

int tl_event_parse(const char *s)
{
    int v = s ? law_event_type_from_str(s) : 0;
    return v > 0 ? v : LAW_EV_NONE;
}

int tl_change_kind_parse(const char *s)
{
    int v = s ? law_change_kind_from_str(s) : 0;
    return v > 0 ? v : LAW_CHG_NONE;
}

bool tl_list_has(const char *list, const char *item)
{
    if (!list || !item)
        return false;
    size_t n = strlen(item);
    const char *p = list;
    while (*p) {
        const char *e = strchr(p, ';');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        /* trim spaces */
        const char *a = p, *b = p + len;
        while (a < b && *a == ' ')
            a++;
        while (b > a && b[-1] == ' ')
            b--;
        if ((size_t)(b - a) == n && !memcmp(a, item, n))
            return true;
        if (!e)
            break;
        p = e + 1;
    }
    return false;
}

/* 1: the event puts the person in a holding facility, 0: takes them out, -1: neither. */
static int event_holds(int type)
{
    switch (type) {
    case LAW_EV_DETAIN:
    case LAW_EV_ADMIT:
    case LAW_EV_TRANSFER_IN:
    case LAW_EV_RETURN:
    case LAW_EV_RECAPTURE:
    case LAW_EV_LEAVE_END:
        return 1;
    case LAW_EV_BAIL:
    case LAW_EV_RELEASE:
    case LAW_EV_RELEASE_PAROLE:
    case LAW_EV_RELEASE_TEMP:
    case LAW_EV_RELEASE_OTHER:
    case LAW_EV_ESCAPE:
    case LAW_EV_LEAVE_START:
    case LAW_EV_DEATH:
        return 0;
    default:
        return -1;
    }
}

/* Was the judgment of admission event i already completed (a `release` for it before)? */
static bool released_before(const zj_timeline *tl, size_t i)
{
    const char *j = tl->cus[i].judgment_id;
    if (!j)
        return false;
    for (size_t k = 0; k < i; k++)
        if (tl->cus[k].type == LAW_EV_RELEASE && tl->cus[k].judgment_id &&
            !strcmp(tl->cus[k].judgment_id, j))
            return true;
    return false;
}

int timeline_event_holds(const zj_timeline *tl, size_t i)
{
    int h = event_holds(tl->cus[i].type);
    if (h == 1 && tl->cus[i].type == LAW_EV_ADMIT && released_before(tl, i))
        return -1; /* an admission recorded after the sentence was completed */
    return h;
}

bool timeline_held_on(const zj_timeline *tl, zj_date d, const tl_custody **last)
{
    bool held = false;
    const tl_custody *lst = NULL;
    for (size_t i = 0; i < tl->n_cus && tl->cus[i].date <= d; i++) {
        int h = event_holds(tl->cus[i].type);
        if (h < 0)
            continue;
        if (h == 1 && tl->cus[i].type == LAW_EV_ADMIT && released_before(tl, i))
            continue; /* an admission recorded after the sentence was completed */
        held = h == 1;
        lst = &tl->cus[i];
    }
    if (last)
        *last = lst;
    return held;
}

/* Does custody event c execute judgment j (index ji)? An event names its judgment; an
 * event without judgment_id belongs to the judgment in force at its date. */
static bool event_for_judgment(const zj_timeline *tl, const tl_custody *c, size_t ji)
{
    const tl_judgment *j = &tl->jud[ji];
    if (c->judgment_id)
        return !strcmp(c->judgment_id, j->judgment_id);
    if (c->date < j->effective_date)
        return false;
    for (size_t k = ji + 1; k < tl->n_jud; k++)
        if (tl->jud[k].effective_date <= c->date)
            return false;
    return true;
}

static void compute_one(zj_timeline *tl, size_t ji)
{
    const tl_judgment *j = &tl->jud[ji];
    tl_calc *c = &tl->calc[ji];
    c->custody_start = c->term_start = c->term_end_orig = c->term_end = ZJ_DATE_NONE;
    c->execution_date = c->parole_date = c->release_expected = ZJ_DATE_NONE;
    c->credit_days = 0;
    c->admit_facility_kind = NULL;
    bool probation = j->probation_months > 0;
    c->imprisonment =
        !probation && (j->penalty == LAW_FIXED_TERM || j->penalty == LAW_LIFE ||
                       j->penalty == LAW_DEATH_SUSPENDED || j->penalty == LAW_CRIMINAL_DETENTION);
    zj_date base = j->notice_date != ZJ_DATE_NONE ? j->notice_date : j->effective_date + 10;
    c->deadline_delivery = date_add_months(base, 1);

    /* S-08: the first admit for this judgment */
    size_t admit_i = (size_t)-1;
    for (size_t i = 0; i < tl->n_cus; i++) {
        if (tl->cus[i].type == LAW_EV_ADMIT && event_for_judgment(tl, &tl->cus[i], ji)) {
            admit_i = i;
            c->execution_date = tl->cus[i].date;
            c->admit_facility_kind = tl->cus[i].fac ? tl->cus[i].fac->kind : NULL;
            break;
        }
    }

    /* Custody periods (S-01, S-02): detain..bail (exclusive) and rs_start..rs_end, counted
     * only from the offense date on (earlier periods belong to earlier cases). */
    zj_date lower = j->offense_date;
    for (size_t k = 0; k < ji; k++)
        if (tl->jud[k].effective_date > lower && tl->jud[k].effective_date <= j->offense_date)
            lower = tl->jud[k].effective_date;
    bool surveillance = j->penalty == LAW_SURVEILLANCE;
    zj_date period_start = ZJ_DATE_NONE, rs_start = ZJ_DATE_NONE;
    long credit = 0, rs_days = 0;
    zj_date E = ZJ_DATE_NONE;
    zj_date exec_bound = c->execution_date != ZJ_DATE_NONE ? c->execution_date : tl->as_of;
    for (size_t i = 0; i < tl->n_cus; i++) {
        const tl_custody *e = &tl->cus[i];
        if (e->date < lower)
            continue;
        if (e->date > exec_bound)
            break;
        if (admit_i != (size_t)-1 && i == admit_i) {
            E = period_start != ZJ_DATE_NONE ? period_start : e->date;
            break;
        }
        switch (e->type) {
        case LAW_EV_DETAIN:
        case LAW_EV_RETURN:
        case LAW_EV_RECAPTURE:
            if (period_start == ZJ_DATE_NONE)
                period_start = e->date;
            break;
        case LAW_EV_BAIL:
        case LAW_EV_RELEASE_OTHER:
            if (period_start != ZJ_DATE_NONE) {
                credit += (long)(e->date - period_start) * (surveillance ? 2 : 1);
                period_start = ZJ_DATE_NONE;
            }
            break;
        case LAW_EV_RS_START:
            if (rs_start == ZJ_DATE_NONE)
                rs_start = e->date;
            break;
        case LAW_EV_RS_END:
            if (rs_start != ZJ_DATE_NONE) {
                rs_days += e->date - rs_start;
                rs_start = ZJ_DATE_NONE;
            }
            break;
        default:
            break;
        }
    }
    if (E == ZJ_DATE_NONE && admit_i == (size_t)-1 && period_start != ZJ_DATE_NONE &&
        period_start <= j->effective_date)
        E = period_start; /* still in continuous custody at an executing facility (D-04) */
    if (E == ZJ_DATE_NONE && surveillance)
        E = j->effective_date;
    credit += surveillance ? rs_days : rs_days / 2;
    c->credit_days = (int)credit;
    c->custody_start = E;

    if ((j->penalty == LAW_FIXED_TERM || j->penalty == LAW_CRIMINAL_DETENTION ||
         j->penalty == LAW_SURVEILLANCE) &&
        E != ZJ_DATE_NONE && j->term_months >= 0) {
        int k = j->term_days > 0 ? j->term_days : 0;
        c->term_start = E - (zj_date)credit;
        c->term_end_orig = date_add_months(E, j->term_months) + k - 1 - (zj_date)credit;
        c->term_end = c->term_end_orig;
    }
    /* S-06: escapes after execution began extend the end */
    if (c->term_end != ZJ_DATE_NONE) {
        zj_date esc = ZJ_DATE_NONE;
        for (size_t i = 0; i < tl->n_cus; i++) {
            const tl_custody *e = &tl->cus[i];
            if (e->date < E || !event_for_judgment(tl, e, ji))
                continue;
            if (e->type == LAW_EV_ESCAPE)
                esc = e->date;
            else if (e->type == LAW_EV_RECAPTURE && esc != ZJ_DATE_NONE) {
                c->term_end += e->date - esc;
                esc = ZJ_DATE_NONE;
            }
        }
    }
    /* S-04, S-05: commutations in effective-date order (changes are in decision order) */
    int cur_pen = j->penalty;
    for (size_t i = 0; i < tl->n_chg; i++) {
        const tl_change *ch = &tl->chg[i];
        if (!ch->judgment_id || strcmp(ch->judgment_id, j->judgment_id))
            continue;
        if (ch->kind == LAW_CHG_COMMUTATION) {
            if (ch->new_penalty && !strcmp(ch->new_penalty, "fixed_term") &&
                ch->new_term_months > 0) {
                zj_date from = ch->effective_date;
                if (cur_pen == LAW_DEATH_SUSPENDED)
                    from = date_add_months(j->effective_date, 24);
                c->term_end = date_add_months(from, ch->new_term_months) - 1;
                cur_pen = LAW_FIXED_TERM;
            } else if (ch->new_penalty && !strcmp(ch->new_penalty, "life")) {
                cur_pen = LAW_LIFE;
            } else if (c->term_end != ZJ_DATE_NONE) {
                int rm = ch->reduction_months > 0 ? ch->reduction_months : 0;
                int rd = ch->reduction_days > 0 ? ch->reduction_days : 0;
                c->term_end = date_sub_months(c->term_end, rm) - rd;
            }
        } else if (ch->kind == LAW_CHG_PAROLE) {
            c->parole_date = ch->effective_date;
        } else if (ch->kind == LAW_CHG_REVOKE_PAROLE) {
            c->parole_date = ZJ_DATE_NONE;
        }
    }
    c->release_expected = c->parole_date != ZJ_DATE_NONE ? c->parole_date : c->term_end;
}

void timeline_compute(zj_timeline *tl)
{
    XGROW(tl->calc, tl->n_jud, tl->a_calc);
    for (size_t i = 0; i < tl->n_jud; i++)
        compute_one(tl, i);
}
