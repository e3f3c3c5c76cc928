/*
 * m_community.c — community correction and outside execution (社区矫正、监外执行):
 * models CC-01 … CC-06 of spec/models.md, all per person: CC-01, CC-02, CC-03, CC-05 and
 * CC-06 over the correction's interval, CC-04 over the temp_outside interval of the
 * correction's decision (intervals.h). Subject: the correction (cc_id).
 *
 * Rules (spec/law.md §6-7): K-01 社区矫正法第21条 (report within 10 days); K-02 社区矫正法
 * 第30条 and 社区矫正法实施办法 (no contact for more than 10 days, cfg); K-03 刑诉法解释
 * 第543、544条 (revocation due; proposal within 30 days, cfg); K-04 社区矫正法第27条
 * (leaving the county/city); T-02/T-03 刑事诉讼法第268条, 社区矫正法第49条; 社区矫正法
 * 第44条 (release at the end of the term).
 *
 * "Status at the as-of date": a correction is taken as active at a date D when its status
 * is active, or when the status was set after D (status_date > D). Events after the as-of
 * date are ignored everywhere.
 */
#include "ingest/feeds.h"
#include "law/law.h"
#include "models/intervals.h"
#include "models/model_util.h"
#include "models/models2.h"
#include "models/sqlmodel.h"
#include "util/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* The community-correction models that run per person read the correction's interval
 * (intervals.h, IV_CORRECTION): from start_date, else report_date, else order_date, to the
 * earliest of end_date, the status date of ended/revoked and death. An event of the
 * correction outside it (recorded before the correction began or after it ended) is not
 * its event for CC-02's absconding or CC-03's grounds. */
/* The Chinese of a correction's basis, from the feed's own enum table (ingest/feeds.c). */
static const char *basis_zh(const char *b)
{
    return b ? ingest_feed_label("corrections", "basis", b) : "";
}

static bool cc_kind(const tl_cc_event *x, const char *kind)
{
    return x->kind && !strcmp(x->kind, kind) && x->date != ZJ_DATE_NONE;
}

/* A revocation_proposed event of k dated from `from` to `to`, both included. */
static bool cc_proposed(const zj_timeline *tl, const tl_correction *k, zj_date from, zj_date to)
{
    for (size_t e = k->ev_first; e < k->ev_first + k->ev_count; e++)
        if (cc_kind(&tl->cc_ev[e], "revocation_proposed") && tl->cc_ev[e].date >= from &&
            tl->cc_ev[e].date <= to)
            return true;
    return false;
}

/* Revoked (by its status) on or before d: a revocation proposal is then moot. */
static bool cc_revoked_by(const tl_correction *k, zj_date d)
{
    return k->status && !strcmp(k->status, "revoked") &&
           (k->status_date == ZJ_DATE_NONE || k->status_date <= d);
}

/* Active at the as-of date by its status: active, or set to another status after it. */
static bool cc_active_at(const tl_correction *k, zj_date as_of)
{
    return (k->status && !strcmp(k->status, "active")) ||
           (k->status_date != ZJ_DATE_NONE && k->status_date > as_of);
}

static void ev_cc_begin(strbuf *sb, const zj_timeline *tl, const tl_correction *k)
{
    strbuf_reset(sb);
    strbuf_adds(sb, "{\"cc_id\":");
    strbuf_add_json_str(sb, k->cc_id);
    ev_str(sb, "person_id", tl->person_id);
}

/* ---- CC-01 漏管（未按期报到）: no report_date, or reported more than 10 days after the
 * order took effect (K-01 社区矫正法第21条; temp_outside: handed over within 10 days). A
 * death ends the correction (IV_CORRECTION): a person who died by the report deadline
 * without reporting gets no lead; one who died later without reporting is counted up to the
 * death. Per person; evidence `period`. */
enum { CC01_REPORT_DAYS = 10 };

static int cc01(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    (void)f;
    zj_date as_of = tl->as_of;
    zj_date dies = tl->death.present ? tl->death.death_date : ZJ_DATE_NONE;
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < tl->n_iv && rc == 0; i++) {
        const tl_interval *iv = &tl->iv[i];
        if (iv->kind != IV_CORRECTION)
            continue;
        const tl_correction *k = &tl->cc[iv->src];
        if (k->order_date == ZJ_DATE_NONE || k->order_date > as_of)
            continue;
        zj_date rep = k->report_date != ZJ_DATE_NONE && k->report_date <= as_of ? k->report_date
                                                                                : ZJ_DATE_NONE;
        zj_date deadline = k->order_date + CC01_REPORT_DAYS;
        bool late = rep != ZJ_DATE_NONE && rep > deadline;
        bool missing = rep == ZJ_DATE_NONE && as_of > deadline;
        if (!late && !missing)
            continue;
        bool died = missing && dies != ZJ_DATE_NONE && dies <= as_of;
        if (died && dies <= deadline)
            continue;
        zj_date upto = late ? rep : died ? dies : as_of;
        int over = (int)(upto - deadline);
        const char *name = tl->name ? tl->name : "";
        strbuf_reset(&sm);
        if (late)
            strbuf_addf(
                &sm,
                "社区矫正对象%s（%s）的矫正决定于%s生效，应于%s前报到，实际于%s报到，超期%d日。",
                name, basis_zh(k->basis), dtxt(k->order_date), dtxt(deadline), dtxt(rep), over);
        else if (died)
            strbuf_addf(&sm,
                        "社区矫正对象%s（%s）的矫正决定于%s生效，应于%s前报到，至%"
                        "s死亡时仍未报到，超期%d日。",
                        name, basis_zh(k->basis), dtxt(k->order_date), dtxt(deadline), dtxt(dies),
                        over);
        else
            strbuf_addf(
                &sm,
                "社区矫正对象%s（%s）的矫正决定于%s生效，应于%s前报到，截至%s仍未报到，超期%d日。",
                name, basis_zh(k->basis), dtxt(k->order_date), dtxt(deadline), dtxt(as_of), over);
        ev_cc_begin(&ev, tl, k);
        ev_str(&ev, "agency_id", k->agency_id);
        ev_str(&ev, "basis", k->basis);
        ev_date(&ev, "order_date", k->order_date);
        ev_date(&ev, "report_date", rep);
        ev_date(&ev, "deadline", deadline);
        ev_int(&ev, "days_over", over);
        ev_interval(&ev, "period", iv);
        ev_end(&ev);
        rc = emit(sink, tl, k->cc_id, k->agency_id, late ? "medium" : "high", sm.buf, ev.buf,
                  "K-01 社区矫正法第21条");
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

/* ---- CC-02 脱管: a correction whose interval runs at the as-of date, active by its status,
 * without checkin/location for more than 10 days (K-02.absence_days) since the last one
 * (or the report); or an `absconded` event inside the interval with no revocation proposal
 * within 30 days (K-03.proposal_days) (K-03). One lead per correction; absence first. */
static int cc02(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    (void)f;
    struct law_params defp;
    const struct law_params *lp = law_params_or_default(tl->params, &defp);
    zj_date as_of = tl->as_of;
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < tl->n_iv && rc == 0; i++) {
        const tl_interval *iv = &tl->iv[i];
        if (iv->kind != IV_CORRECTION)
            continue;
        const tl_correction *k = &tl->cc[iv->src];
        bool absence = false;
        zj_date since = ZJ_DATE_NONE;
        const tl_cc_event *abs = NULL;
        if (k->report_date != ZJ_DATE_NONE && k->report_date <= as_of && cc_active_at(k, as_of) &&
            (k->end_date == ZJ_DATE_NONE || k->end_date >= as_of) &&
            interval_contains(iv, as_of, as_of)) {
            zj_date last = k->last_checkin;
            for (size_t e = k->ev_first; e < k->ev_first + k->ev_count; e++) {
                const tl_cc_event *x = &tl->cc_ev[e];
                if (cc_kind(x, "location") && x->date <= as_of &&
                    (last == ZJ_DATE_NONE || x->date > last))
                    last = x->date;
            }
            if (last == ZJ_DATE_NONE)
                last = k->report_date;
            if (as_of - last > lp->k02_absence_days) {
                absence = true;
                since = last;
            }
        }
        if (!absence)
            for (size_t e = k->ev_first; e < k->ev_first + k->ev_count; e++) {
                const tl_cc_event *a = &tl->cc_ev[e];
                if (!cc_kind(a, "absconded") || a->date > as_of ||
                    !interval_contains(iv, a->date, as_of))
                    continue;
                zj_date due = a->date + lp->k03_proposal_days;
                if (!(as_of > due) || cc_proposed(tl, k, a->date, due) || cc_revoked_by(k, due))
                    continue;
                if (!abs || a->date < abs->date)
                    abs = a;
            }
        if (!absence && !abs)
            continue;
        const char *name = tl->name ? tl->name : "";
        strbuf_reset(&sm);
        ev_cc_begin(&ev, tl, k);
        ev_str(&ev, "agency_id", k->agency_id);
        if (absence) {
            int days = (int)(as_of - since);
            strbuf_addf(&sm,
                        "社区矫正对象%s（%s）最后一次报到或定位在%s，截至%s已%"
                        "d日无报到、定位记录，已脱管。",
                        name, basis_zh(k->basis), dtxt(since), dtxt(as_of), days);
            ev_str(&ev, "ground", "absence");
            ev_date(&ev, "last_contact", since);
            ev_str(&ev, "absconded_event_id", NULL);
            ev_str(&ev, "proposal_deadline", NULL);
            ev_int(&ev, "days", days);
        } else {
            zj_date due = abs->date + lp->k03_proposal_days;
            int days = (int)(as_of - abs->date);
            strbuf_addf(&sm,
                        "社区矫正对象%s（%s）于%s失联，%s前未提请撤销或收监，截至%s已失联%d日。",
                        name, basis_zh(k->basis), dtxt(abs->date), dtxt(due), dtxt(as_of), days);
            ev_str(&ev, "ground", "absconded");
            ev_date(&ev, "absconded_date", abs->date);
            ev_str(&ev, "absconded_event_id", abs->event_id);
            ev_date(&ev, "proposal_deadline", due);
            ev_int(&ev, "days", days);
        }
        ev_interval(&ev, "period", iv);
        ev_end(&ev);
        rc = emit(sink, tl, k->cc_id, k->agency_id, NULL, sm.buf, ev.buf,
                  absence ? "K-02 社区矫正法第30条、社区矫正法实施办法"
                          : "K-02 社区矫正法第30条; K-03 刑诉法解释第543条");
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

/* ---- CC-03 应撤销未撤销: a ground for revocation inside the correction's interval — the
 * second warning, or absconded for more than 1 month (law.md §1: on add_months(X, 1) + 1)
 * without contact — and no revocation_proposed within 30 days (K-03.proposal_days) of it
 * (K-03 刑诉法解释第543、544条). Not for 管制 (nothing to revoke). Per person; one lead per
 * correction, the earliest ground. */
enum { CC03_WARNINGS = 2, CC03_ABSCOND_MONTHS = 1 };

static bool cc_before(const tl_cc_event *a, const tl_cc_event *b)
{
    return a->date < b->date || (a->date == b->date && strcmp(a->event_id ? a->event_id : "",
                                                              b->event_id ? b->event_id : "") < 0);
}

static int cc03(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    (void)f;
    struct law_params defp;
    const struct law_params *lp = law_params_or_default(tl->params, &defp);
    zj_date as_of = tl->as_of;
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < tl->n_iv && rc == 0; i++) {
        const tl_interval *iv = &tl->iv[i];
        if (iv->kind != IV_CORRECTION)
            continue;
        const tl_correction *k = &tl->cc[iv->src];
        if (!k->basis || !strcmp(k->basis, "surveillance"))
            continue;
        /* the ground: its event, the day it arose, the day the 30 days count from */
        const tl_cc_event *gev = NULL;
        zj_date gdate = ZJ_DATE_NONE, trigger = ZJ_DATE_NONE;
        bool warnings = false;
        /* warnings inside the interval, in (date, event_id) order: the second one */
        const tl_cc_event *w[CC03_WARNINGS] = {0};
        for (size_t e = k->ev_first; e < k->ev_first + k->ev_count; e++) {
            const tl_cc_event *x = &tl->cc_ev[e];
            if (!cc_kind(x, "warning") || x->date > as_of || !interval_contains(iv, x->date, as_of))
                continue;
            for (int j = 0; j < CC03_WARNINGS; j++)
                if (!w[j] || cc_before(x, w[j])) {
                    for (int m = CC03_WARNINGS - 1; m > j; m--)
                        w[m] = w[m - 1];
                    w[j] = x;
                    break;
                }
        }
        if (w[CC03_WARNINGS - 1]) {
            zj_date due = w[CC03_WARNINGS - 1]->date + lp->k03_proposal_days;
            if (as_of > due && !cc_proposed(tl, k, w[0]->date, due) && !cc_revoked_by(k, due)) {
                gev = w[CC03_WARNINGS - 1];
                gdate = gev->date;
                trigger = w[0]->date;
                warnings = true;
            }
        }
        for (size_t e = k->ev_first; e < k->ev_first + k->ev_count; e++) {
            const tl_cc_event *a = &tl->cc_ev[e];
            if (!cc_kind(a, "absconded") || a->date > as_of ||
                !interval_contains(iv, a->date, as_of))
                continue;
            zj_date lim = date_add_months(a->date, CC03_ABSCOND_MONTHS), ground = lim + 1;
            if (gev && ground >= gdate)
                continue;
            bool contact = a->next_checkin != ZJ_DATE_NONE && a->next_checkin <= lim;
            for (size_t x = k->ev_first; x < k->ev_first + k->ev_count && !contact; x++) {
                const tl_cc_event *c = &tl->cc_ev[x];
                contact = cc_kind(c, "location") && c->date > a->date && c->date <= lim;
            }
            zj_date due = ground + lp->k03_proposal_days;
            if (contact || !(as_of > due) || cc_proposed(tl, k, a->date, due) ||
                cc_revoked_by(k, due))
                continue;
            gev = a;
            gdate = ground;
            trigger = a->date;
            warnings = false;
        }
        if (!gev)
            continue;
        zj_date due = gdate + lp->k03_proposal_days;
        const char *name = tl->name ? tl->name : "";
        strbuf_reset(&sm);
        if (warnings)
            strbuf_addf(
                &sm, "社区矫正对象%s（%s）于%s受到第%d次警告，应于%s前提请撤销，截至%s未提请。",
                name, basis_zh(k->basis), dtxt(gdate), CC03_WARNINGS, dtxt(due), dtxt(as_of));
        else
            strbuf_addf(&sm,
                        "社区矫正对象%s（%s）于%s失联，至%s失联超过%d个月，应于%s前提请撤销，截至%"
                        "s未提请。",
                        name, basis_zh(k->basis), dtxt(trigger), dtxt(gdate), CC03_ABSCOND_MONTHS,
                        dtxt(due), dtxt(as_of));
        ev_cc_begin(&ev, tl, k);
        ev_str(&ev, "basis", k->basis);
        ev_str(&ev, "ground", warnings ? "warnings" : "absconded");
        ev_str(&ev, "event_id", gev->event_id);
        ev_date(&ev, "trigger_date", trigger);
        ev_date(&ev, "ground_date", gdate);
        ev_date(&ev, "proposal_deadline", due);
        ev_int(&ev, "days_over", (long)(as_of - due));
        ev_interval(&ev, "period", iv);
        ev_end(&ev);
        rc = emit(sink, tl, k->cc_id, k->agency_id, NULL, sm.buf, ev.buf,
                  "K-03 刑诉法解释第543、544条; 社区矫正法第46条");
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

/* ---- CC-05 违规外出: a location event outside the agency's county/city (first 4 digits of
 * the region code differ) inside the correction's interval (intervals.h: from its start to
 * end_date, the status date of ended/revoked, or death) on a day no approved leave covers
 * (K-04 社区矫正法第27条). A leave covers the days from a leave_start to the next leave_end,
 * both included (IV_CC_LEAVE). A location recorded after the correction ended is not a
 * leaving without approval. Per person; one lead per correction. */
static bool cc05_on_leave(const zj_timeline *tl, const char *cc_id, zj_date d)
{
    for (size_t i = 0; i < tl->n_iv; i++)
        if (tl->iv[i].kind == IV_CC_LEAVE && !strcmp(tl->iv[i].ref, cc_id) &&
            d >= tl->iv[i].start && (tl->iv[i].end == ZJ_DATE_NONE || d <= tl->iv[i].end))
            return true;
    return false;
}

static int cc05(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    (void)f;
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT, ids = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < tl->n_iv && rc == 0; i++) {
        const tl_interval *iv = &tl->iv[i];
        if (iv->kind != IV_CORRECTION)
            continue;
        const tl_correction *k = &tl->cc[iv->src];
        const tl_facility *ag = timeline_facility(tl, k->agency_id);
        if (!ag || !ag->region_code || strlen(ag->region_code) < 4)
            continue;
        const tl_cc_event *first = NULL;
        int n = 0;
        strbuf_reset(&ids);
        for (size_t e = k->ev_first; e < k->ev_first + k->ev_count; e++) {
            const tl_cc_event *x = &tl->cc_ev[e];
            if (!x->kind || strcmp(x->kind, "location") || x->date > tl->as_of || !x->region_code ||
                strlen(x->region_code) < 4 || !memcmp(x->region_code, ag->region_code, 4) ||
                !interval_contains(iv, x->date, tl->as_of) || cc05_on_leave(tl, k->cc_id, x->date))
                continue;
            if (!first)
                first = x;
            strbuf_adds(&ids, n ? "," : "[");
            strbuf_add_json_str(&ids, x->event_id);
            n++;
        }
        if (!first)
            continue;
        strbuf_addch(&ids, ']');
        ev_begin(&ev, tl);
        ev_str(&ev, "cc_id", k->cc_id);
        ev_str(&ev, "first_event_id", first->event_id);
        ev_date(&ev, "first_date", first->date);
        ev_str(&ev, "region_code", first->region_code);
        ev_str(&ev, "agency_region", ag->region_code);
        ev_raw(&ev, "events", ids.buf);
        ev_int(&ev, "count", n);
        ev_interval(&ev, "period", iv);
        ev_end(&ev);
        strbuf_reset(&sm);
        strbuf_addf(
            &sm, "社区矫正对象%s于%s在%s被定位，离开执行地（%s）所在市县且无批准外出记录，共%d次。",
            tl->name ? tl->name : "", dtxt(first->date), first->region_code, ag->region_code, n);
        rc = emit(sink, tl, k->cc_id, k->agency_id, NULL, sm.buf, ev.buf, "K-04 社区矫正法第27条");
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    strbuf_release(&ids);
    return rc;
}

/* ---- CC-06 矫正期满未解除 / 未按期解除: still active more than 1 day after end_date, or
 * ended more than 1 day late (社区矫正法第44条). A death ends the correction (IV_CORRECTION):
 * a person who died by the day the release was due was not to be released; one who died
 * later, still not released, is counted up to the death. Per person; evidence `period`. */
enum { CC06_RELEASE_DAYS = 1 };

static int cc06(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    (void)f;
    zj_date as_of = tl->as_of;
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < tl->n_iv && rc == 0; i++) {
        const tl_interval *iv = &tl->iv[i];
        if (iv->kind != IV_CORRECTION)
            continue;
        const tl_correction *k = &tl->cc[iv->src];
        if (k->end_date == ZJ_DATE_NONE)
            continue;
        zj_date due = k->end_date + CC06_RELEASE_DAYS;
        if (!(as_of > due))
            continue;
        bool still = cc_active_at(k, as_of);
        bool late = k->status && !strcmp(k->status, "ended") && k->status_date != ZJ_DATE_NONE &&
                    k->status_date > due;
        if (!still && !late)
            continue;
        zj_date dies = tl->death.present ? tl->death.death_date : ZJ_DATE_NONE;
        bool died = dies != ZJ_DATE_NONE && dies <= as_of && (still || dies < k->status_date);
        if (died && dies <= due)
            continue;
        zj_date upto = died ? dies : still ? as_of : k->status_date;
        int over = (int)(upto - k->end_date);
        const char *name = tl->name ? tl->name : "";
        strbuf_reset(&sm);
        if (died)
            strbuf_addf(&sm, "社区矫正对象%s（%s）矫正期于%s届满，至%s死亡时仍未解除，超期%d日。",
                        name, basis_zh(k->basis), dtxt(k->end_date), dtxt(upto), over);
        else if (still)
            strbuf_addf(&sm, "社区矫正对象%s（%s）矫正期于%s届满，截至%s仍未解除，超期%d日。", name,
                        basis_zh(k->basis), dtxt(k->end_date), dtxt(as_of), over);
        else
            strbuf_addf(&sm, "社区矫正对象%s（%s）矫正期于%s届满，至%s才解除，超期%d日。", name,
                        basis_zh(k->basis), dtxt(k->end_date), dtxt(k->status_date), over);
        ev_cc_begin(&ev, tl, k);
        ev_str(&ev, "basis", k->basis);
        ev_date(&ev, "end_date", k->end_date);
        ev_str(&ev, "status", k->status);
        ev_date(&ev, "status_date", k->status_date);
        ev_int(&ev, "days_over", over);
        ev_interval(&ev, "period", iv);
        ev_end(&ev);
        rc = emit(sink, tl, k->cc_id, k->agency_id, NULL, sm.buf, ev.buf, "社区矫正法第44条");
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

/* ---- CC-04 应收监未收监（暂予监外执行）: a temp_outside correction with a ground for
 * re-imprisonment — missed reviews (T-02: a review every 3 months, cfg; law.md reads "two
 * missed reviews" as a gap between reviews, or from the start or the last review to the
 * end of the window, longer than add_months(previous, 3) + 15 days grace, cfg: the ground
 * arises the day after), a review exam naming no severe-list item, or (pregnancy/nursing)
 * the end of the decision's period (T-03) — and still active 30 days (cfg) later
 * (刑事诉讼法第268条, 社区矫正法第49条). Per person.
 *
 * The window is the temp_outside interval of the correction's decision (intervals.h; the
 * correction's own interval when the decision is not on record): reviews are due, and a
 * ground counts, only while the person is outside under the decision. It ends at the
 * revocation, the return to custody, the release, the correction's end (medical and
 * self-care: the term served outside) or its status date when ended or revoked, the term
 * end, the death. On pregnancy grounds the decision's end is the ground itself (`due`) and
 * the period runs on until one of those facts. No lead when the window ended by the
 * deadline; evidence `period`. */
static zj_date cc04_missed_ground(const zj_date *rev, size_t n, zj_date start, zj_date as_of,
                                  int months, int grace)
{
    zj_date prev = start;
    for (size_t i = 0; i <= n; i++) {
        zj_date r = i < n ? rev[i] : as_of;
        zj_date due = date_add_months(prev, months) + grace;
        if (r > due)
            return due + 1;
        prev = r;
    }
    return ZJ_DATE_NONE;
}

static int cmp_date(const void *a, const void *b)
{
    zj_date x = *(const zj_date *)a, y = *(const zj_date *)b;
    return x < y ? -1 : x > y;
}

/* The review dates of correction k after `start` up to `upto`: its cc_events `review` and
 * the person's medical `review` exams, in order, each date once. */
static size_t cc04_reviews(const zj_timeline *tl, const tl_correction *k, zj_date start,
                           zj_date upto, zj_date **rev, size_t *cap)
{
    size_t n = 0;
    for (size_t pass = 0; pass < 2; pass++) {
        size_t m = pass ? tl->n_med : k->ev_count;
        for (size_t i = 0; i < m; i++) {
            zj_date d;
            if (pass) {
                const tl_medical *x = &tl->med[i];
                if (!x->kind || strcmp(x->kind, "review"))
                    continue;
                d = x->exam_date;
            } else {
                const tl_cc_event *x = &tl->cc_ev[k->ev_first + i];
                if (!x->kind || strcmp(x->kind, "review"))
                    continue;
                d = x->date;
            }
            if (d == ZJ_DATE_NONE || d <= start || d > upto)
                continue;
            if (n == *cap) {
                *cap = *cap ? *cap * 2 : 16;
                *rev = xrealloc(*rev, *cap * sizeof **rev);
            }
            (*rev)[n++] = d;
        }
    }
    if (n > 1)
        qsort(*rev, n, sizeof **rev, cmp_date);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (!u || (*rev)[u - 1] != (*rev)[i])
            (*rev)[u++] = (*rev)[i];
    return u;
}

/* The first medical review exam from `start` to `upto` naming no severe-list item. */
static const tl_medical *cc04_cured(const zj_timeline *tl, zj_date start, zj_date upto)
{
    const tl_medical *best = NULL;
    for (size_t i = 0; i < tl->n_med; i++) {
        const tl_medical *x = &tl->med[i];
        if (x->kind && !strcmp(x->kind, "review") && x->exam_date != ZJ_DATE_NONE &&
            x->exam_date >= start && x->exam_date <= upto &&
            (!x->severe_list_item || !*x->severe_list_item) &&
            (!best || x->exam_date < best->exam_date))
            best = x;
    }
    return best;
}

static const tl_change *change_by_id(const zj_timeline *tl, const char *id)
{
    for (size_t i = 0; id && i < tl->n_chg; i++)
        if (tl->chg[i].change_id && !strcmp(tl->chg[i].change_id, id))
            return &tl->chg[i];
    return NULL;
}

static int cc04(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    (void)f;
    struct law_params defp;
    const struct law_params *lp = law_params_or_default(tl->params, &defp);
    const zj_date as_of = tl->as_of;
    zj_date *rev = NULL;
    size_t cap = 0;
    strbuf ev = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < tl->n_cc && rc == 0; i++) {
        const tl_correction *k = &tl->cc[i];
        if (!k->basis || strcmp(k->basis, "temp_outside"))
            continue;
        zj_date start = k->report_date != ZJ_DATE_NONE  ? k->report_date
                        : k->start_date != ZJ_DATE_NONE ? k->start_date
                                                        : k->order_date;
        if (start == ZJ_DATE_NONE || start > as_of)
            continue;
        const tl_change *c = change_by_id(tl, k->change_id);
        const char *grounds = c && c->grounds ? c->grounds : "";
        const tl_interval *iv = c ? interval_find(tl, IV_TEMP_OUTSIDE, c->change_id) : NULL;
        if (!iv)
            iv = interval_find(tl, IV_CORRECTION, k->cc_id);
        if (!iv)
            continue;
        bool medical = !strcmp(grounds, "medical") || !*grounds;
        zj_date upto = interval_last(iv, as_of);
        zj_date ground = ZJ_DATE_NONE;
        const char *why = NULL;
        char detail[160] = "";
        if (medical) {
            size_t n = cc04_reviews(tl, k, start, upto, &rev, &cap);
            ground = cc04_missed_ground(rev, n, start, upto, lp->t02_review_months,
                                        lp->t02_review_grace_days);
            if (ground != ZJ_DATE_NONE) {
                why = "missed_reviews";
                snprintf(detail, sizeof detail, "超过%d个月又%d日未按期提交病情复查",
                         lp->t02_review_months, lp->t02_review_grace_days);
            }
            const tl_medical *cured = cc04_cured(tl, start, upto);
            if (cured && (ground == ZJ_DATE_NONE || cured->exam_date < ground)) {
                ground = cured->exam_date;
                why = "condition_ended";
                snprintf(detail, sizeof detail, "病情复查（%s）不再属于严重疾病范围",
                         cured->exam_id ? cured->exam_id : "");
            }
        }
        zj_date cond_end = iv->due != ZJ_DATE_NONE ? iv->due : k->end_date;
        if (!strcmp(grounds, "pregnancy") && cond_end != ZJ_DATE_NONE && cond_end <= as_of &&
            (ground == ZJ_DATE_NONE || cond_end < ground)) {
            ground = cond_end;
            why = "condition_ended";
            snprintf(detail, sizeof detail, "怀孕、哺乳情形于%s消失", dtxt(cond_end));
        }
        if (ground == ZJ_DATE_NONE)
            continue;
        zj_date deadline = ground + lp->t03_decision_days;
        bool active_then = (k->status && !strcmp(k->status, "active")) ||
                           (k->status_date != ZJ_DATE_NONE && k->status_date > deadline);
        if (!(as_of > deadline) || !active_then)
            continue;
        if (iv->end != ZJ_DATE_NONE && iv->end <= deadline)
            continue; /* returned, released, dead, or the term served outside by the deadline */
        char summary[512];
        snprintf(
            summary, sizeof summary,
            "暂予监外执行罪犯%s%s，收监事由于%s出现，应于%s前收监，截至%s仍在监外执行，超期%d日。",
            tl->name ? tl->name : "", detail, dtxt(ground), dtxt(deadline), dtxt(as_of),
            (int)(as_of - deadline));
        ev_cc_begin(&ev, tl, k);
        ev_str(&ev, "grounds", grounds);
        ev_str(&ev, "ground", why);
        ev_date(&ev, "start", start);
        ev_date(&ev, "ground_date", ground);
        ev_date(&ev, "deadline", deadline);
        ev_int(&ev, "days_over", (long)(as_of - deadline));
        ev_interval(&ev, "period", iv);
        ev_end(&ev);
        rc = emit(sink, tl, k->cc_id, k->agency_id, NULL, summary, ev.buf,
                  !strcmp(why, "missed_reviews")
                      ? "T-02 暂予监外执行规定; 刑事诉讼法第268条; 社区矫正法第49条"
                      : "T-03 刑事诉讼法第268条; 社区矫正法第49条");
    }
    free(rev);
    strbuf_release(&ev);
    return rc;
}

const model_def models_community[] = {
    {"CC-01", "漏管（未按期报到）", "community", "medium", "K-01 社区矫正法第21条", "cc_id",
     "{\"report_days\":10}", cc01, NULL, TL_BASE | TL_BIT(TL_CORRECTIONS) | TL_BIT(TL_DEATHS), 0},
    {"CC-02", "脱管", "community", "high",
     "K-02 社区矫正法第30条、社区矫正法实施办法; K-03 刑诉法解释第543条", "cc_id",
     "{\"K-02.absence_days\":10,\"K-03.proposal_days\":30}", cc02, NULL,
     TL_BASE | TL_BIT(TL_CORRECTIONS) | TL_BIT(TL_CC_EVENTS) | TL_BIT(TL_DEATHS),
     MODEL_LAST_CHECKIN},
    {"CC-03", "应撤销未撤销", "community", "high", "K-03 刑诉法解释第543、544条; 社区矫正法第46条",
     "cc_id", "{\"warnings\":2,\"abscond_months\":1,\"K-03.proposal_days\":30}", cc03, NULL,
     TL_BASE | TL_BIT(TL_CORRECTIONS) | TL_BIT(TL_CC_EVENTS) | TL_BIT(TL_DEATHS),
     MODEL_LAST_CHECKIN},
    {"CC-04", "应收监未收监（暂予监外执行）", "community", "high",
     "T-02 暂予监外执行规定; T-03 刑事诉讼法第268条; 社区矫正法第49条", "cc_id",
     "{\"T-02.review_months\":3,\"T-02.review_grace_days\":15,\"T-03.decision_days\":30}", cc04,
     NULL,
     TL_BASE | TL_BIT(TL_CORRECTIONS) | TL_BIT(TL_CC_EVENTS) | TL_BIT(TL_MEDICAL) |
         TL_BIT(TL_DEATHS),
     MODEL_LAST_CHECKIN},
    {"CC-05", "违规外出", "community", "medium", "K-04 社区矫正法第27条", "cc_id", "{}", cc05, NULL,
     TL_BASE | TL_BIT(TL_CORRECTIONS) | TL_BIT(TL_CC_EVENTS) | TL_BIT(TL_DEATHS),
     MODEL_LAST_CHECKIN},
    {"CC-06", "矫正期满未解除", "community", "medium", "社区矫正法第44条", "cc_id",
     "{\"release_days\":1}", cc06, NULL, TL_BASE | TL_BIT(TL_CORRECTIONS) | TL_BIT(TL_DEATHS), 0},
    {0},
};
