/*
 * intervals.c — the legal periods of one person (intervals.h, docs/intervals.md).
 *
 * Each period's end is the earliest fact that ends it; ended_by names that fact:
 *   custody at a facility   the next custody event that moves the person: another holding
 *                           event (transfer_in, admit, return, … at the same or another
 *                           facility: a new interval starts that day), or one that takes
 *                           them out (bail, release*, escape, leave_start, death).
 *   temporary execution     revoke_temp (a revocation of the same judgment), return
 *   (刑事诉讼法第265、268条) (收监), release, the correction's end (end_date, or the status
 *                           date of `ended`/`revoked`), term_end (the law core's term end
 *                           after commutations: 暂予监外执行 counts toward the term, so the
 *                           period cannot outlast it), death. On pregnancy grounds the
 *                           correction's end_date is the end of the decision's period, when
 *                           the condition ends (T-03): re-imprisonment falls due then
 *                           (`due`), and the person stays outside under the decision until
 *                           a fact above ends it (第268条: 情形消失后……应当及时收监; the
 *                           days until then count toward the term).
 *   parole (刑法第85条)      revoke_parole, parole_end (P-05), death.
 *   probation (刑法第73条)   revoke_probation, probation_end (effective date + the probation
 *                           months − 1), death.
 *   surveillance            term_end, death.
 *   community correction    correction_end (end_date), status_ended / status_revoked (the
 *   (社区矫正法第44-46条)    status date), death. `absconded` does not end a correction.
 *   dpr (刑法第55、58条)      dpr_end: from the execution date (first admit, else the
 *                           effective date) to add_months(release + 1, m) − 1 after a
 *                           release, add_months(parole, m) − 1 after a parole, the term end
 *                           for 管制, else from the recorded term_end; open for life.
 *   leave                   leave_end (the next one), death.
 *   undelivered             from the day after an imprisonment judgment took effect to the
 *   (刑事诉讼法第264条)       day before the first custody event on or after its effective
 *                           date (ended_by that event's type: the person is held from then
 *                           on), or death; empty when the person was held on the day the
 *                           judgment took effect or had died by then.
 *   restraint / solitary    end_date; without one, the person leaving custody (release*,
 *                           bail) or death: a record left open after release is read as
 *                           ending then (监狱法第58条: used only on persons held).
 */
#include "models/intervals.h"

#include <stdio.h>
#include <string.h>

#include "law/law.h"
#include "models/timeline.h"
#include "util/xalloc.h"

static tl_interval *iv_add(zj_timeline *tl, int kind, const char *ref, zj_date start, size_t src)
{
    XGROW(tl->iv, tl->n_iv + 1, tl->a_iv);
    tl_interval *iv = &tl->iv[tl->n_iv++];
    memset(iv, 0, sizeof *iv);
    iv->kind = kind;
    iv->ref = ref;
    iv->start = start;
    iv->end = ZJ_DATE_NONE;
    iv->due = ZJ_DATE_NONE;
    iv->src = src;
    return iv;
}

/* Take (d, by, ref) as the end when it is the earliest so far (on or after the start). */
static void iv_end_at(tl_interval *iv, zj_date d, const char *by, const char *ref)
{
    if (d == ZJ_DATE_NONE || d < iv->start)
        return;
    if (iv->end == ZJ_DATE_NONE || d < iv->end) {
        iv->end = d;
        iv->ended_by = by;
        iv->end_ref = ref;
    }
}

static bool same(const char *a, const char *b)
{
    return a && b && !strcmp(a, b);
}

static zj_date term_end_of(const zj_timeline *tl, const char *judgment_id)
{
    int ji = timeline_judgment_index(tl, judgment_id);
    if (ji < 0)
        return ZJ_DATE_NONE;
    if (tl->figs && tl->figs_ok && tl->figs_ok[ji] && tl->figs[ji].term_end != ZJ_DATE_NONE)
        return tl->figs[ji].term_end;
    return tl->calc ? tl->calc[ji].term_end : ZJ_DATE_NONE;
}

static void end_by_death(const zj_timeline *tl, tl_interval *iv)
{
    if (tl->death.present)
        iv_end_at(iv, tl->death.death_date, "death", NULL);
}

static void custody_intervals(zj_timeline *tl)
{
    size_t open = (size_t)-1;
    size_t leave = (size_t)-1;
    for (size_t i = 0; i < tl->n_cus; i++) {
        const tl_custody *e = &tl->cus[i];
        if (e->type == LAW_EV_LEAVE_START && leave == (size_t)-1) {
            tl_interval *lv = iv_add(tl, IV_LEAVE, e->event_id, e->date, i);
            lv->facility_id = e->facility_id;
            lv->judgment_id = e->judgment_id;
            leave = tl->n_iv - 1;
        } else if (e->type == LAW_EV_LEAVE_END && leave != (size_t)-1) {
            iv_end_at(&tl->iv[leave], e->date, "leave_end", e->event_id);
            leave = (size_t)-1;
        }
        int h = timeline_event_holds(tl, i);
        if (h < 0)
            continue;
        if (open != (size_t)-1) {
            iv_end_at(&tl->iv[open], e->date, e->event_type_s, e->event_id);
            open = (size_t)-1;
        }
        if (h == 1) {
            tl_interval *iv = iv_add(tl, IV_CUSTODY, e->event_id, e->date, i);
            iv->facility_id = e->facility_id;
            iv->judgment_id = e->judgment_id;
            iv->kind_s = e->event_type_s;
            open = tl->n_iv - 1;
        }
    }
    if (open != (size_t)-1)
        end_by_death(tl, &tl->iv[open]);
    if (leave != (size_t)-1)
        end_by_death(tl, &tl->iv[leave]);
}

/* The correction recording change c's period: the one naming it, else one of the same
 * judgment and basis starting on or after the change took effect. */
static const tl_correction *correction_of(const zj_timeline *tl, const tl_change *c,
                                          const char *basis)
{
    for (size_t i = 0; i < tl->n_cc; i++)
        if (same(tl->cc[i].change_id, c->change_id))
            return &tl->cc[i];
    for (size_t i = 0; i < tl->n_cc; i++) {
        const tl_correction *k = &tl->cc[i];
        if (!k->change_id && same(k->judgment_id, c->judgment_id) && same(k->basis, basis) &&
            k->order_date != ZJ_DATE_NONE && k->order_date >= c->effective_date)
            return k;
    }
    return NULL;
}

static void end_by_correction(tl_interval *iv, const tl_correction *k)
{
    if (!k)
        return;
    if (iv->kind == IV_TEMP_OUTSIDE && same(iv->kind_s, "pregnancy"))
        iv->due = k->end_date;
    else
        iv_end_at(iv, k->end_date, "correction_end", k->cc_id);
    if (k->status && !strcmp(k->status, "ended"))
        iv_end_at(iv, k->status_date, "status_ended", k->cc_id);
    else if (k->status && !strcmp(k->status, "revoked"))
        iv_end_at(iv, k->status_date, "status_revoked", k->cc_id);
}

static void change_intervals(zj_timeline *tl)
{
    for (size_t i = 0; i < tl->n_chg; i++) {
        const tl_change *c = &tl->chg[i];
        if ((c->kind != LAW_CHG_TEMP_OUTSIDE && c->kind != LAW_CHG_PAROLE) ||
            c->effective_date == ZJ_DATE_NONE)
            continue;
        bool temp = c->kind == LAW_CHG_TEMP_OUTSIDE;
        tl_interval *iv =
            iv_add(tl, temp ? IV_TEMP_OUTSIDE : IV_PAROLE, c->change_id, c->effective_date, i);
        iv->judgment_id = c->judgment_id;
        iv->kind_s = c->grounds;
        for (size_t k = 0; k < tl->n_chg; k++) {
            const tl_change *r = &tl->chg[k];
            if (r->kind == (temp ? LAW_CHG_REVOKE_TEMP : LAW_CHG_REVOKE_PAROLE) &&
                same(r->judgment_id, c->judgment_id))
                iv_end_at(iv, r->effective_date, temp ? "revoke_temp" : "revoke_parole",
                          r->change_id);
        }
        if (temp) {
            for (size_t k = 0; k < tl->n_cus; k++) {
                const tl_custody *e = &tl->cus[k];
                if (e->date <= iv->start)
                    continue;
                if (e->type == LAW_EV_RETURN)
                    iv_end_at(iv, e->date, "return", e->event_id);
                else if (e->type == LAW_EV_RELEASE)
                    iv_end_at(iv, e->date, "release", e->event_id);
            }
            end_by_correction(iv, correction_of(tl, c, "temp_outside"));
            iv_end_at(iv, term_end_of(tl, c->judgment_id), "term_end", c->judgment_id);
        } else {
            int ji = timeline_judgment_index(tl, c->judgment_id);
            if (ji >= 0 && tl->figs && tl->figs_ok && tl->figs_ok[ji])
                iv_end_at(iv, tl->figs[ji].parole_end, "parole_end", c->judgment_id);
        }
        end_by_death(tl, iv);
    }
}

/* The first custody event of judgment j (or of none) of `type` on or after `from`. */
static const tl_custody *first_event(const zj_timeline *tl, const tl_judgment *j, int type,
                                     zj_date from)
{
    for (size_t i = 0; i < tl->n_cus; i++) {
        const tl_custody *e = &tl->cus[i];
        if (e->type == type && e->date >= from && e->date <= tl->as_of &&
            (!e->judgment_id || !strcmp(e->judgment_id, j->judgment_id)))
            return e;
    }
    return NULL;
}

static void judgment_intervals(zj_timeline *tl)
{
    for (size_t ji = 0; ji < tl->n_jud; ji++) {
        const tl_judgment *j = &tl->jud[ji];
        if (j->effective_date == ZJ_DATE_NONE)
            continue;
        if (j->probation_months > 0) {
            tl_interval *iv = iv_add(tl, IV_PROBATION, j->judgment_id, j->effective_date, ji);
            iv->judgment_id = j->judgment_id;
            iv_end_at(iv, date_add_months(j->effective_date, j->probation_months) - 1,
                      "probation_end", j->judgment_id);
            for (size_t k = 0; k < tl->n_chg; k++)
                if (tl->chg[k].kind == LAW_CHG_REVOKE_PROBATION &&
                    same(tl->chg[k].judgment_id, j->judgment_id))
                    iv_end_at(iv, tl->chg[k].effective_date, "revoke_probation",
                              tl->chg[k].change_id);
            end_by_death(tl, iv);
        } else if (j->penalty == LAW_SURVEILLANCE) {
            tl_interval *iv = iv_add(tl, IV_SURVEILLANCE, j->judgment_id, j->effective_date, ji);
            iv->judgment_id = j->judgment_id;
            iv_end_at(iv, term_end_of(tl, j->judgment_id), "term_end", j->judgment_id);
            end_by_death(tl, iv);
        }
        if (j->dpr_months > 0 || j->dpr_life == 1) {
            const tl_custody *admit = first_event(tl, j, LAW_EV_ADMIT, j->effective_date);
            tl_interval *iv =
                iv_add(tl, IV_DPR, j->judgment_id, admit ? admit->date : j->effective_date, ji);
            iv->judgment_id = j->judgment_id;
            if (j->dpr_life == 1) {
                iv->kind_s = "life";
                continue;
            }
            const tl_custody *par = first_event(tl, j, LAW_EV_RELEASE_PAROLE, j->effective_date);
            const tl_custody *rel = first_event(tl, j, LAW_EV_RELEASE, j->effective_date);
            zj_date end = ZJ_DATE_NONE;
            if (j->penalty == LAW_SURVEILLANCE) {
                end = j->term_end;
                iv->kind_s = "surveillance";
            } else if (par && (!rel || par->date < rel->date)) {
                end = law_dpr_end(ZJ_DATE_NONE, j->dpr_months, par->date);
                iv->kind_s = "parole";
            } else if (rel) {
                end = law_dpr_end(rel->date, j->dpr_months, ZJ_DATE_NONE);
                iv->kind_s = "release";
            } else if (j->term_end != ZJ_DATE_NONE) {
                end = law_dpr_end(j->term_end, j->dpr_months, ZJ_DATE_NONE);
                iv->kind_s = "term_end";
            }
            /* the end is set even before its start (a record error): nothing is inside */
            if (end != ZJ_DATE_NONE) {
                iv->end = end;
                iv->ended_by = "dpr_end";
                iv->end_ref = j->judgment_id;
            }
        }
    }
}

static void undelivered_intervals(zj_timeline *tl)
{
    for (size_t ji = 0; ji < tl->n_jud; ji++) {
        const tl_judgment *j = &tl->jud[ji];
        if (j->effective_date == ZJ_DATE_NONE || !tl->calc || !tl->calc[ji].imprisonment)
            continue;
        tl_interval *iv = iv_add(tl, IV_UNDELIVERED, j->judgment_id, j->effective_date + 1, ji);
        iv->judgment_id = j->judgment_id;
        const tl_custody *held = NULL;
        for (size_t k = 0; k < tl->n_cus && !held; k++)
            if (tl->cus[k].date != ZJ_DATE_NONE && tl->cus[k].date >= j->effective_date)
                held = &tl->cus[k];
        zj_date died = tl->death.present ? tl->death.death_date : ZJ_DATE_NONE;
        if (held && (died == ZJ_DATE_NONE || held->date <= died)) {
            iv->end = held->date - 1;
            iv->ended_by = held->event_type_s;
            iv->end_ref = held->event_id;
        } else if (died != ZJ_DATE_NONE) {
            iv->end = died < iv->start ? iv->start - 1 : died;
            iv->ended_by = "death";
        }
    }
}

static void correction_intervals(zj_timeline *tl)
{
    for (size_t i = 0; i < tl->n_cc; i++) {
        const tl_correction *k = &tl->cc[i];
        zj_date start = k->start_date != ZJ_DATE_NONE    ? k->start_date
                        : k->report_date != ZJ_DATE_NONE ? k->report_date
                                                         : k->order_date;
        if (start == ZJ_DATE_NONE)
            continue;
        tl_interval *iv = iv_add(tl, IV_CORRECTION, k->cc_id, start, i);
        iv->judgment_id = k->judgment_id;
        iv->facility_id = k->agency_id;
        iv->kind_s = k->basis;
        end_by_correction(iv, k);
        end_by_death(tl, iv);
        /* approved leaves: a leave_start to the next leave_end, both days included */
        for (size_t e = k->ev_first; e < k->ev_first + k->ev_count; e++) {
            const tl_cc_event *ls = &tl->cc_ev[e];
            if (!ls->kind || strcmp(ls->kind, "leave_start"))
                continue;
            tl_interval *lv = iv_add(tl, IV_CC_LEAVE, k->cc_id, ls->date, e);
            lv->facility_id = k->agency_id;
            lv->kind_s = ls->event_id;
            for (size_t x = k->ev_first; x < k->ev_first + k->ev_count; x++) {
                const tl_cc_event *le = &tl->cc_ev[x];
                if (le->kind && !strcmp(le->kind, "leave_end") && le->date >= ls->date)
                    iv_end_at(lv, le->date, "leave_end", le->event_id);
            }
        }
    }
}

static void restraint_intervals(zj_timeline *tl)
{
    for (size_t i = 0; i < tl->n_res; i++) {
        const tl_restraint *r = &tl->res[i];
        if (r->start_date == ZJ_DATE_NONE)
            continue;
        tl_interval *iv = iv_add(tl, IV_RESTRAINT, r->record_id, r->start_date, i);
        iv->facility_id = r->facility_id;
        iv->kind_s = r->kind;
        if (r->end_date != ZJ_DATE_NONE) {
            iv_end_at(iv, r->end_date, "end_date", r->record_id);
            continue;
        }
        for (size_t k = 0; k < tl->n_cus; k++) {
            const tl_custody *e = &tl->cus[k];
            if (e->date < r->start_date)
                continue;
            if (e->type == LAW_EV_RELEASE || e->type == LAW_EV_RELEASE_PAROLE ||
                e->type == LAW_EV_RELEASE_TEMP || e->type == LAW_EV_RELEASE_OTHER ||
                e->type == LAW_EV_BAIL) {
                iv_end_at(iv, e->date, e->event_type_s, e->event_id);
                break;
            }
        }
        end_by_death(tl, iv);
    }
}

void intervals_compute(zj_timeline *tl)
{
    tl->n_iv = 0;
    custody_intervals(tl);
    change_intervals(tl);
    judgment_intervals(tl);
    correction_intervals(tl);
    restraint_intervals(tl);
    undelivered_intervals(tl);
    for (size_t i = 0; i < tl->n_iv; i++)
        tl->iv[i].closed = tl->iv[i].end != ZJ_DATE_NONE && tl->iv[i].end <= tl->as_of;
}

const tl_interval *interval_find(const zj_timeline *tl, int kind, const char *ref)
{
    for (size_t i = 0; i < tl->n_iv; i++)
        if (tl->iv[i].kind == kind && same(tl->iv[i].ref, ref))
            return &tl->iv[i];
    return NULL;
}

zj_date interval_last(const tl_interval *iv, zj_date as_of)
{
    return iv->end == ZJ_DATE_NONE || iv->end > as_of ? as_of : iv->end;
}

bool interval_contains(const tl_interval *iv, zj_date d, zj_date as_of)
{
    return d != ZJ_DATE_NONE && d >= iv->start && d <= interval_last(iv, as_of);
}

static const char *const kind_names[IV_KIND_COUNT][2] = {
    [IV_CUSTODY] = {"custody", "羁押"},
    [IV_TEMP_OUTSIDE] = {"temp_outside", "暂予监外执行"},
    [IV_PAROLE] = {"parole", "假释考验期"},
    [IV_PROBATION] = {"probation", "缓刑考验期"},
    [IV_SURVEILLANCE] = {"surveillance", "管制"},
    [IV_CORRECTION] = {"correction", "社区矫正"},
    [IV_DPR] = {"dpr", "剥夺政治权利"},
    [IV_LEAVE] = {"leave", "离监外出"},
    [IV_CC_LEAVE] = {"cc_leave", "矫正期间经批准外出"},
    [IV_RESTRAINT] = {"restraint", "禁闭、戒具"},
    [IV_UNDELIVERED] = {"undelivered", "判决生效后未羁押"},
};

const char *interval_kind_name(int kind)
{
    return kind >= 0 && kind < IV_KIND_COUNT ? kind_names[kind][0] : "other";
}

const char *interval_kind_cn(int kind)
{
    return kind >= 0 && kind < IV_KIND_COUNT ? kind_names[kind][1] : "其他";
}

static const char *const end_names[][2] = {
    {"revoke_temp", "暂予监外执行收监"},
    {"return", "收监"},
    {"release", "刑满释放"},
    {"correction_end", "矫正期满"},
    {"status_ended", "解除矫正"},
    {"status_revoked", "撤销"},
    {"term_end", "刑期届满"},
    {"death", "死亡"},
    {"revoke_parole", "撤销假释"},
    {"parole_end", "假释考验期满"},
    {"probation_end", "缓刑考验期满"},
    {"revoke_probation", "撤销缓刑"},
    {"dpr_end", "剥夺政治权利期满"},
    {"leave_end", "外出结束"},
    {"end_date", "解除"},
    {"transfer_in", "调入他所"},
    {"admit", "交付执行"},
    {"detain", "再次羁押"},
    {"recapture", "抓获"},
    {"bail", "取保候审"},
    {"release_parole", "假释出监"},
    {"release_temp", "暂予监外执行出监"},
    {"release_other", "其他释放"},
    {"escape", "脱逃"},
    {"leave_start", "离监外出"},
};

const char *interval_end_cn(const char *ended_by)
{
    if (!ended_by)
        return "至今未结束";
    for (size_t i = 0; i < sizeof end_names / sizeof *end_names; i++)
        if (!strcmp(end_names[i][0], ended_by))
            return end_names[i][1];
    return ended_by;
}

void ev_interval(strbuf *sb, const char *key, const tl_interval *iv)
{
    char b[11];
    strbuf_addch(sb, ',');
    strbuf_add_json_str(sb, key);
    strbuf_adds(sb, ":{\"kind\":");
    strbuf_add_json_str(sb, interval_kind_name(iv->kind));
    strbuf_adds(sb, ",\"ref\":");
    strbuf_add_json_str(sb, iv->ref);
    strbuf_adds(sb, ",\"start\":");
    strbuf_add_json_str(sb, date_format(iv->start, b));
    strbuf_adds(sb, ",\"end\":");
    strbuf_add_json_str(sb, iv->end == ZJ_DATE_NONE ? NULL : date_format(iv->end, b));
    strbuf_adds(sb, ",\"ended_by\":");
    strbuf_add_json_str(sb, iv->ended_by);
    strbuf_adds(sb, ",\"end_ref\":");
    strbuf_add_json_str(sb, iv->end_ref);
    strbuf_addch(sb, '}');
}

const char *interval_text(const tl_interval *iv, char *buf, size_t n)
{
    char a[11], b[11];
    date_format(iv->start, a);
    if (iv->end == ZJ_DATE_NONE)
        snprintf(buf, n, "%s起（至今未结束）", a);
    else
        snprintf(buf, n, "%s至%s（%s）", a, date_format(iv->end, b), interval_end_cn(iv->ended_by));
    return buf;
}
