/*
 * m_delivery.c — delivery and execution models (spec/models.md "Delivery and custody"):
 * DEL-01..03 (law.md D-02..D-04, 监狱法第15条, 刑事诉讼法第264条), EXE-01..03 (S-01..S-07),
 * PAP-01..02 (D-04, paper imprisonment). Per-person models over the timeline. The term
 * dates (custody start, credit, term start and end, execution, parole, expected release;
 * law.md S-01..S-08) are the law core's figures, fig[i] = tl->figs[i] (law_compute via
 * timeline_law; every date NONE when the judgment cannot be computed), as for CHG/REC; the
 * delivery facts (imprisonment, D-02 deadline, admitting facility) are tl->calc's
 * (timeline.c). Events after the as-of date are not in the timeline.
 */
#include <stdlib.h>
#include <string.h>

#include "law/law.h"
#include "models/intervals.h"
#include "models/model_util.h"

static bool kind_is(const tl_custody *c, const char *kind)
{
    return c && c->fac && c->fac->kind && !strcmp(c->fac->kind, kind);
}

static bool has_temp_outside(const zj_timeline *tl, const char *judgment_id)
{
    for (size_t i = 0; i < tl->n_chg; i++)
        if (tl->chg[i].kind == LAW_CHG_TEMP_OUTSIDE && tl->chg[i].judgment_id &&
            !strcmp(tl->chg[i].judgment_id, judgment_id))
            return true;
    return false;
}

static bool died_by(const zj_timeline *tl, zj_date d)
{
    return tl->death.present && tl->death.death_date <= d;
}

/* DEL-01 判处监禁刑未交付执行 / DEL-02 超期留所服刑 */
static int run_del(const zj_timeline *tl, const struct law_figures *fig, lead_sink *sink,
                   bool del02)
{
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < tl->n_jud && rc == 0; i++) {
        const tl_judgment *j = &tl->jud[i];
        const tl_calc *c = &tl->calc[i];
        const struct law_figures *t = &fig[i];
        if (!c->imprisonment || tl->as_of <= c->deadline_delivery || died_by(tl, tl->as_of))
            continue;
        if (has_temp_outside(tl, j->judgment_id))
            continue;
        const tl_custody *last = NULL;
        bool held = timeline_held_on(tl, tl->as_of, &last);
        int over = tl->as_of - c->deadline_delivery;
        zj_date end = t->term_end != ZJ_DATE_NONE ? t->term_end : j->term_end;
        /* D-02: remaining term at the deadline more than 3 months */
        bool long_rest = j->penalty != LAW_FIXED_TERM ||
                         (end != ZJ_DATE_NONE && end >= date_add_months(c->deadline_delivery, 3));
        if (!del02) {
            if (t->execution_date != ZJ_DATE_NONE)
                continue;
            if (held && (kind_is(last, "prison") || kind_is(last, "juvenile_prison") ||
                         kind_is(last, "detention_center")))
                continue; /* held where it is executed, or DEL-02 */
            if (end != ZJ_DATE_NONE && end < c->deadline_delivery)
                continue; /* served by pre-trial credit */
            ev_begin(&ev, tl);
            ev_str(&ev, "judgment_id", j->judgment_id);
            ev_str(&ev, "penalty", j->penalty_s);
            ev_date(&ev, "effective_date", j->effective_date);
            ev_date(&ev, "notice_date", j->notice_date);
            ev_date(&ev, "delivery_deadline", c->deadline_delivery);
            ev_asof(&ev, tl->as_of, "days_over", over);
            ev_str(&ev, "last_custody_event", last ? last->event_id : NULL);
            ev_str(&ev, "last_custody_type", last ? last->event_type_s : NULL);
            ev_end(&ev);
            strbuf_reset(&sm);
            strbuf_addf(&sm,
                        "判决%s（%s）于%s生效，应于%s前交付执行，已超期%"
                        "d日，仍无收监记录且未在执行场所羁押。",
                        j->judgment_id, penalty_cn(j->penalty), dtxt(j->effective_date),
                        dtxt(c->deadline_delivery), over);
            rc = emit(sink, tl, j->judgment_id, last ? last->facility_id : j->court_id, NULL,
                      sm.buf, ev.buf, "D-02 监狱法第15条、刑事诉讼法第264条；D-04");
        } else {
            if (j->penalty != LAW_FIXED_TERM || !long_rest)
                continue;
            if (!held || !kind_is(last, "detention_center"))
                continue;
            if (c->admit_facility_kind && (!strcmp(c->admit_facility_kind, "prison") ||
                                           !strcmp(c->admit_facility_kind, "juvenile_prison")))
                continue;
            ev_begin(&ev, tl);
            ev_str(&ev, "judgment_id", j->judgment_id);
            ev_date(&ev, "effective_date", j->effective_date);
            ev_date(&ev, "notice_date", j->notice_date);
            ev_date(&ev, "delivery_deadline", c->deadline_delivery);
            ev_date(&ev, "term_end", end);
            ev_asof(&ev, tl->as_of, "days_over", over);
            ev_str(&ev, "facility_id", last->facility_id);
            ev_str(&ev, "last_custody_event", last->event_id);
            ev_end(&ev);
            strbuf_reset(&sm);
            strbuf_addf(&sm,
                        "判决%s有期徒刑于%s生效，交付期限%s时余刑超过三个月（刑期至%"
                        "s），仍羁押于看守所%s，超期%d日未送监狱执行。",
                        j->judgment_id, dtxt(j->effective_date), dtxt(c->deadline_delivery),
                        dtxt(end), last->facility_id, over);
            rc = emit(sink, tl, j->judgment_id, last->facility_id, NULL, sm.buf, ev.buf,
                      "D-02 监狱法第15条、刑事诉讼法第264条");
        }
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

static int del01(const zj_timeline *tl, const struct law_figures *f, lead_sink *s)
{
    return run_del(tl, f, s, false);
}

static int del02(const zj_timeline *tl, const struct law_figures *f, lead_sink *s)
{
    return run_del(tl, f, s, true);
}

/* The judgment an event executes: its judgment_id, else the latest effective by its date. */
static int event_judgment(const zj_timeline *tl, const tl_custody *e)
{
    if (e->judgment_id)
        return timeline_judgment_index(tl, e->judgment_id);
    int best = -1;
    for (size_t i = 0; i < tl->n_jud; i++)
        if (tl->jud[i].effective_date <= e->date)
            best = (int)i;
    return best;
}

/* DEL-03 未成年犯未送未管所: under 18 at admission to an adult prison (D-03) */
static int del03(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    (void)f;
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    if (tl->birth_date == ZJ_DATE_NONE)
        return 0;
    zj_date adult = date_add_months(tl->birth_date, 18 * 12); /* 18 on the day after */
    for (size_t i = 0; i < tl->n_cus && rc == 0; i++) {
        const tl_custody *e = &tl->cus[i];
        if (e->type != LAW_EV_ADMIT || !kind_is(e, "prison") || e->date > adult)
            continue;
        int ji = event_judgment(tl, e);
        if (ji < 0)
            continue;
        const tl_judgment *j = &tl->jud[ji];
        ev_begin(&ev, tl);
        ev_str(&ev, "judgment_id", j->judgment_id);
        ev_str(&ev, "admit_event", e->event_id);
        ev_str(&ev, "facility_id", e->facility_id);
        ev_date(&ev, "birth_date", tl->birth_date);
        ev_date(&ev, "admit_date", e->date);
        ev_date(&ev, "eighteen_from", adult + 1);
        ev_end(&ev);
        strbuf_reset(&sm);
        strbuf_addf(&sm,
                    "罪犯出生于%s，%s被收押于成年犯监狱%s时未满十八周岁（%"
                    "s起方满十八周岁），未送未成年犯管教所。",
                    dtxt(tl->birth_date), dtxt(e->date), e->facility_id, dtxt(adult + 1));
        rc = emit(sink, tl, j->judgment_id, e->facility_id, NULL, sm.buf, ev.buf,
                  "D-03 刑事诉讼法第264条、监狱法第74条");
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

static bool is_release(int t)
{
    return t == LAW_EV_RELEASE || t == LAW_EV_RELEASE_PAROLE || t == LAW_EV_RELEASE_TEMP ||
           t == LAW_EV_RELEASE_OTHER || t == LAW_EV_DEATH;
}

/* A later imprisonment judgment that now explains custody. */
static bool later_imprisonment(const zj_timeline *tl, size_t ji)
{
    for (size_t k = ji + 1; k < tl->n_jud; k++)
        if (tl->calc[k].imprisonment)
            return true;
    return false;
}

/* EXE-01 刑满未释放 (S-07) */
static int exe01(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < tl->n_jud && rc == 0; i++) {
        const tl_judgment *j = &tl->jud[i];
        const struct law_figures *t = &f[i];
        if (t->expected_release == ZJ_DATE_NONE || t->custody_start == ZJ_DATE_NONE)
            continue;
        if (tl->as_of - t->expected_release <= 1 || later_imprisonment(tl, i))
            continue;
        const tl_custody *last = NULL;
        if (!timeline_held_on(tl, tl->as_of, &last))
            continue;
        bool released = false;
        for (size_t k = 0; k < tl->n_cus; k++)
            if (tl->cus[k].date >= t->custody_start && is_release(tl->cus[k].type) &&
                tl->cus[k].date >= t->expected_release - 1)
                released = true;
        if (released)
            continue;
        int over = tl->as_of - t->expected_release;
        ev_begin(&ev, tl);
        ev_str(&ev, "judgment_id", j->judgment_id);
        ev_date(&ev, "term_start", t->term_start);
        ev_date(&ev, "term_end_original", t->term_end_original);
        ev_date(&ev, "term_end", t->term_end);
        ev_date(&ev, "parole_date", t->parole_date);
        ev_date(&ev, "release_expected", t->expected_release);
        ev_asof(&ev, tl->as_of, "days_over", over);
        ev_str(&ev, "last_custody_event", last ? last->event_id : NULL);
        ev_end(&ev);
        strbuf_reset(&sm);
        strbuf_addf(&sm, "判决%s应于%s释放，截至%s仍在押，超期%d日未释放。", j->judgment_id,
                    dtxt(t->expected_release), dtxt(tl->as_of), over);
        rc = emit(sink, tl, j->judgment_id, last ? last->facility_id : NULL, NULL, sm.buf, ev.buf,
                  "S-07 刑法第47条、监狱法第35条");
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

/* EXE-02 刑期计算错误 (S-01..S-03) */
static int exe02(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < tl->n_jud && rc == 0; i++) {
        const tl_judgment *j = &tl->jud[i];
        const struct law_figures *t = &f[i];
        if (t->term_start == ZJ_DATE_NONE || t->term_end_original == ZJ_DATE_NONE)
            continue;
        int ds = j->term_start != ZJ_DATE_NONE ? j->term_start - t->term_start : 0;
        int de = j->term_end != ZJ_DATE_NONE ? j->term_end - t->term_end_original : 0;
        if (abs(ds) <= 1 && abs(de) <= 1)
            continue;
        ev_begin(&ev, tl);
        ev_str(&ev, "judgment_id", j->judgment_id);
        ev_date(&ev, "judgment_term_start", j->term_start);
        ev_date(&ev, "judgment_term_end", j->term_end);
        ev_date(&ev, "computed_term_start", t->term_start);
        ev_date(&ev, "computed_term_end", t->term_end_original);
        ev_date(&ev, "custody_start", t->custody_start);
        ev_int(&ev, "credit_days", t->credit_days);
        ev_int(&ev, "start_diff_days", ds);
        ev_int(&ev, "end_diff_days", de);
        ev_end(&ev);
        strbuf_reset(&sm);
        strbuf_addf(&sm, "判决%s载明刑期自%s至%s，依羁押折抵计算应为%s至%s，止日相差%d日。",
                    j->judgment_id, dtxt(j->term_start), dtxt(j->term_end), dtxt(t->term_start),
                    dtxt(t->term_end_original), de);
        rc = emit(sink, tl, j->judgment_id, j->court_id, NULL, sm.buf, ev.buf,
                  "S-01 刑法第41、44、47条；S-02 刑事诉讼法第76条；S-03");
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

/* EXE-03 提前释放 (S-07) */
static int exe03(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    for (size_t k = 0; k < tl->n_cus && rc == 0; k++) {
        const tl_custody *e = &tl->cus[k];
        if (e->type != LAW_EV_RELEASE)
            continue;
        int ji = event_judgment(tl, e);
        if (ji < 0)
            continue;
        const tl_judgment *j = &tl->jud[ji];
        const struct law_figures *t = &f[ji];
        if (t->expected_release == ZJ_DATE_NONE || t->expected_release - e->date <= 1)
            continue;
        int early = t->expected_release - e->date;
        ev_begin(&ev, tl);
        ev_str(&ev, "judgment_id", j->judgment_id);
        ev_str(&ev, "release_event", e->event_id);
        ev_date(&ev, "release_date", e->date);
        ev_date(&ev, "term_end", t->term_end);
        ev_date(&ev, "release_expected", t->expected_release);
        ev_int(&ev, "days_early", early);
        ev_end(&ev);
        strbuf_reset(&sm);
        strbuf_addf(&sm, "判决%s应于%s刑满释放，%s即被释放，提前%d日且无假释、暂予监外执行等依据。",
                    j->judgment_id, dtxt(t->expected_release), dtxt(e->date), early);
        rc = emit(sink, tl, j->judgment_id, e->facility_id, NULL, sm.buf, ev.buf,
                  "S-07 刑法第47条、监狱法第35条");
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

/* The custody interval (intervals.h) holding the person for the whole day d: begun before
 * d and not ended on or before d (a day of admission, transfer or release is not whole). */
static const tl_interval *held_whole_day(const zj_timeline *tl, zj_date d)
{
    for (size_t i = 0; i < tl->n_iv; i++) {
        const tl_interval *iv = &tl->iv[i];
        if (iv->kind == IV_CUSTODY && iv->start < d && (iv->end == ZJ_DATE_NONE || iv->end > d))
            return iv;
    }
    return NULL;
}

/* PAP-01 纸面服刑（羁押期间社会活动） */
static int pap01(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    (void)f;
    /* the activities after the first custody's first day, if any */
    zj_date from = ZJ_DATE_NONE;
    bool held = false;
    for (size_t i = 0; i < tl->n_iv; i++)
        if (tl->iv[i].kind == IV_CUSTODY) {
            zj_date d = tl->iv[i].start == ZJ_DATE_NONE ? ZJ_DATE_NONE : tl->iv[i].start + 1;
            from = !held || d < from ? d : from;
            held = true;
        }
    if (!held)
        return 0;
    /* the dates alone first, when the engine has them: no activity on a day held whole
     * (as the loop below takes them: none after the as-of date), no lead, and no look-up
     * of the person's activities */
    const zj_date *ad;
    size_t n_ad;
    if (timeline_activity_dates(tl, &ad, &n_ad)) {
        bool any = false;
        for (size_t i = 0; i < n_ad && !any; i++)
            any = (ad[i] == ZJ_DATE_NONE || ad[i] <= tl->as_of) && held_whole_day(tl, ad[i]);
        if (!any)
            return 0;
    }
    if (timeline_part(tl, TL_ACTIVITIES, from) != 0)
        return ZJ_EDB;
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < tl->n_act && rc == 0; i++) {
        const tl_activity *a = &tl->act[i];
        const tl_interval *iv = held_whole_day(tl, a->date);
        if (!iv)
            continue;
        const tl_custody *last = &tl->cus[iv->src];
        ev_begin(&ev, tl);
        ev_str(&ev, "record_id", a->record_id);
        ev_str(&ev, "activity_kind", a->kind);
        ev_date(&ev, "activity_date", a->date);
        ev_str(&ev, "activity_region", a->region_code);
        ev_str(&ev, "custody_event", last->event_id);
        ev_str(&ev, "custody_type", last->event_type_s);
        ev_date(&ev, "held_since", last->date);
        ev_str(&ev, "facility_id", last->facility_id);
        ev_interval(&ev, "period", iv);
        ev_end(&ev);
        strbuf_reset(&sm);
        strbuf_addf(&sm, "罪犯自%s起羁押于%s，%s却有社会活动记录（%s，%s），疑似纸面服刑。",
                    dtxt(last->date), last->facility_id, dtxt(a->date), a->kind ? a->kind : "",
                    a->record_id);
        rc = emit(sink, tl, a->record_id, last->facility_id, NULL, sm.buf, ev.buf,
                  "D-04 刑事诉讼法第264条、监狱法第15条");
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

/* PAP-02's window is the judgment's `undelivered` interval (intervals.h): from the day after
 * it took effect to the day before the first custody event on or after that date, or the
 * death. A judgment whose interval a custody event ended was delivered (held): no lead.
 * Inside it, a day is lawfully outside when 暂予监外执行 was decided by the court before
 * delivery (刑事诉讼法第265条第5款: "在交付执行前，暂予监外执行由交付执行的人民法院决定"):
 * the sentence is executed outside prison from the decision's effective date, every day
 * from then on, unless the decision was revoked (revoke_temp, or the correction revoked),
 * when from the day after the revocation the person should be held again. */
static bool pap02_lawful_day(const zj_timeline *tl, const tl_judgment *j, zj_date d)
{
    for (size_t i = 0; i < tl->n_iv; i++) {
        const tl_interval *iv = &tl->iv[i];
        if (iv->kind != IV_TEMP_OUTSIDE || d < iv->start ||
            (iv->judgment_id && strcmp(iv->judgment_id, j->judgment_id)))
            continue;
        bool revoked = iv->ended_by && (!strcmp(iv->ended_by, "revoke_temp") ||
                                        !strcmp(iv->ended_by, "status_revoked"));
        if (!revoked || iv->end == ZJ_DATE_NONE || d <= iv->end)
            return true;
    }
    return false;
}

/* PAP-02 纸面服刑（有判无押） */
static int pap02(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    (void)f;
    /* (cfg) PAP-02.months: months after the effective date (models.md PAP-02) */
    struct law_params def;
    const int months = law_params_or_default(tl->params, &def)->pap02_months;
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    for (size_t v = 0; v < tl->n_iv && rc == 0; v++) {
        const tl_interval *iv = &tl->iv[v];
        if (iv->kind != IV_UNDELIVERED)
            continue;
        const tl_judgment *j = &tl->jud[iv->src];
        zj_date limit = date_add_months(j->effective_date, months);
        if (tl->as_of <= limit || (iv->ended_by && strcmp(iv->ended_by, "death")))
            continue;
        if (timeline_part(tl, TL_ACTIVITIES, iv->start) != 0) {
            rc = ZJ_EDB;
            break;
        }
        const tl_activity *first = NULL;
        size_t n_after = 0;
        for (size_t k = 0; k < tl->n_act; k++)
            if (interval_contains(iv, tl->act[k].date, tl->as_of) &&
                !pap02_lawful_day(tl, j, tl->act[k].date)) {
                if (!first)
                    first = &tl->act[k];
                n_after++;
            }
        if (!first)
            continue;
        ev_begin(&ev, tl);
        ev_str(&ev, "judgment_id", j->judgment_id);
        ev_str(&ev, "penalty", j->penalty_s);
        ev_date(&ev, "effective_date", j->effective_date);
        ev_date(&ev, "limit_date", limit);
        ev_str(&ev, "first_activity", first->record_id);
        ev_date(&ev, "first_activity_date", first->date);
        ev_int(&ev, "activities_after", (long)n_after);
        ev_interval(&ev, "period", iv);
        ev_end(&ev);
        strbuf_reset(&sm);
        strbuf_addf(&sm,
                    "判决%s（%s）于%s生效，逾%d个月无任何羁押或收监记录，其后却有%"
                    "zu条社会活动记录（首条%s），疑似有判无押。",
                    j->judgment_id, penalty_cn(j->penalty), dtxt(j->effective_date), months,
                    n_after, dtxt(first->date));
        rc = emit(sink, tl, j->judgment_id, j->court_id, NULL, sm.buf, ev.buf,
                  "D-04 刑事诉讼法第264条、监狱法第15条");
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

const model_def models_delivery[] = {
    {"DEL-01", "判处监禁刑未交付执行", "delivery", "high",
     "D-02 监狱法第15条、刑事诉讼法第264条；D-04", "judgment_id",
     "{\"delivery_months\":1,\"notice_days\":10}", del01, NULL, TL_BASE | TL_BIT(TL_DEATHS), 0},
    {"DEL-02", "超期留所服刑", "delivery", "medium", "D-02 监狱法第15条、刑事诉讼法第264条",
     "judgment_id", "{\"delivery_months\":1,\"short_remainder_months\":3}", del02, NULL,
     TL_BASE | TL_BIT(TL_DEATHS), 0},
    {"DEL-03", "未成年犯未送未管所", "delivery", "high", "D-03 刑事诉讼法第264条", "judgment_id",
     "{\"adult_age\":18}", del03, NULL, TL_BASE, 0},
    {"EXE-01", "刑满未释放", "delivery", "high", "S-07", "judgment_id", "{\"grace_days\":1}", exe01,
     NULL, TL_BASE, 0},
    {"EXE-02", "刑期计算错误", "delivery", "medium", "S-01..S-03 刑法第41、44、47条", "judgment_id",
     "{\"tolerance_days\":1}", exe02, NULL, TL_BASE, 0},
    {"EXE-03", "提前释放", "delivery", "high", "S-07", "judgment_id", "{\"grace_days\":1}", exe03,
     NULL, TL_BASE, 0},
    {"PAP-01", "纸面服刑（羁押期间社会活动）", "delivery", "high", "D-04", "record_id", "{}", pap01,
     NULL, TL_BASE | TL_BIT(TL_ACTIVITIES), MODEL_ASKS},
    {"PAP-02", "纸面服刑（有判无押）", "delivery", "high", "D-04", "judgment_id",
     "{\"PAP-02.months\":6}", pap02, NULL,
     TL_BASE | TL_BIT(TL_ACTIVITIES) | TL_BIT(TL_CORRECTIONS) | TL_BIT(TL_DEATHS), MODEL_ASKS},
    {0},
};
