/*
 * m_changes.c — sentence-change models CHG-01..CHG-14 (spec/models.md "Sentence changes";
 * law.md §4-§6, 减刑假释规定 2016, 刑法第78、81条, 刑事诉讼法第265条, 财产性判项规定).
 *
 * CHG-01..07, CHG-12 (diagnosis part) and CHG-14 report the violations the law core finds
 * for each recorded change (law_compute, via tl->figs): a violation's kind gives the model
 * (start time → CHG-01, interval → CHG-02, amount → CHG-03, actual term → CHG-04, barred
 * commutation → CHG-05, barred parole → CHG-06, parole term → CHG-07, T-01 penalty/ground →
 * CHG-14, T-01 diagnosis → CHG-12). One lead per (model, change), with every violation of
 * that model on the change. CHG-08..CHG-11 and CHG-13 are computed here from the timeline;
 * CHG-11's cross-person part (one related case credited to several persons) is set-based.
 * Their (cfg) thresholds are law_params (CHG-10.*, CHG-11.*, CHG-13.*, F-03.*; tl->params,
 * NULL = the defaults).
 */
#include <stdio.h>
#include <string.h>

#include "law/law.h"
#include "models/intervals.h"
#include "models/model_util.h"
#include "store/store.h"

#define CHG10_MIN_MONTHS 3 /* months needed on each side of the comparison */

static const char *kind_cn(const tl_change *c)
{
    return c->kind == LAW_CHG_COMMUTATION || c->kind == LAW_CHG_PAROLE ||
                   c->kind == LAW_CHG_TEMP_OUTSIDE
               ? law_change_kind_label(c->kind)
               : "变更";
}

static const char *facility_of(const tl_change *c)
{
    return c->proposer_id ? c->proposer_id : c->decider_id;
}

const char *chg_violation_model(bool parole, const struct law_violation *v)
{
    switch (v->kind) {
    case LAW_VK_START_TIME:
        return "CHG-01";
    case LAW_VK_INTERVAL:
        return "CHG-02";
    case LAW_VK_AMOUNT:
        return "CHG-03";
    case LAW_VK_ACTUAL_TERM:
        return "CHG-04";
    case LAW_VK_BARRED:
        return parole ? "CHG-06" : "CHG-05";
    case LAW_VK_PAROLE_TERM:
        return "CHG-07";
    case LAW_VK_TEMP_OUTSIDE:
        return !strncmp(v->message, "暂予监外执行适用对象不符", strlen("暂予监外执行适用对象不符"))
                   ? "CHG-14"
                   : "CHG-12";
    default:
        return NULL; /* property (CHG-08) and recidivism (REC-01) elsewhere */
    }
}

static void ev_change(strbuf *ev, const tl_change *c)
{
    ev_str(ev, "change_id", c->change_id);
    ev_str(ev, "judgment_id", c->judgment_id);
    ev_str(ev, "kind", c->kind_s);
    ev_date(ev, "proposal_date", c->proposal_date);
    ev_date(ev, "decision_date", c->decision_date);
    ev_date(ev, "effective_date", c->effective_date);
    if (c->grounds)
        ev_str(ev, "grounds", c->grounds);
    if (c->reduction_months >= 0)
        ev_int(ev, "reduction_months", c->reduction_months);
    if (c->reduction_days > 0)
        ev_int(ev, "reduction_days", c->reduction_days);
    if (c->new_penalty)
        ev_str(ev, "new_penalty", c->new_penalty);
    if (c->new_term_months > 0)
        ev_int(ev, "new_term_months", c->new_term_months);
    if (c->leniency)
        ev_str(ev, "leniency", c->leniency);
    if (c->officer_id)
        ev_str(ev, "officer_id", c->officer_id);
}

static const struct law_change_figures *change_figs(const struct law_figures *f, int idx)
{
    for (size_t i = 0; i < f->n_changes; i++)
        if (f->changes[i].change_index == idx)
            return &f->changes[i];
    return NULL;
}

/* Extra violations a model adds from the timeline (CHG-12 activities). */
typedef void (*extra_fn)(const zj_timeline *tl, const tl_change *c, strbuf *msgs, strbuf *ev,
                         int *n);

/* Emit one lead per change carrying violations of `model` (see the file comment). */
static int emit_law_model(const zj_timeline *tl, lead_sink *sink, const char *model, extra_fn extra)
{
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT, basis = STRBUF_INIT, viol = STRBUF_INIT;
    int rc = 0;
    for (size_t ji = 0; ji < tl->n_jud && rc == 0; ji++) {
        if (!tl->figs_ok[ji])
            continue;
        const struct law_figures *f = &tl->figs[ji];
        for (int k = 0; rc == 0; k++) {
            const tl_change *c = timeline_change_of(tl, ji, k);
            if (!c)
                break;
            int n = 0, n_general = 0;
            strbuf_reset(&viol);
            strbuf_reset(&basis);
            strbuf_reset(&sm);
            strbuf_addf(&sm, "%s%s（提请%s，裁定%s）：", kind_cn(c), c->change_id,
                        dtxt(c->proposal_date), dtxt(c->decision_date));
            size_t head = sm.len;
            for (size_t i = 0; i < f->n_violations; i++) {
                const struct law_violation *v = &f->violations[i];
                if (v->change_index != k)
                    continue;
                const char *m = chg_violation_model(c->kind == LAW_CHG_PAROLE, v);
                if (!m || strcmp(m, model))
                    continue;
                strbuf_addf(&viol, "%s{\"rule\":", n ? "," : "");
                strbuf_add_json_str(&viol, law_rule_id(v->rule));
                strbuf_adds(&viol, ",\"limit_date\":");
                strbuf_add_json_str(&viol,
                                    v->limit_date == ZJ_DATE_NONE ? NULL : dtxt(v->limit_date));
                strbuf_addf(&viol, ",\"days\":%d,\"message\":", (int)v->days);
                strbuf_add_json_str(&viol, v->message);
                /* law.md §16 T-13: the rule set the change was judged by, and its article */
                strbuf_adds(&viol, ",\"rule_set\":");
                strbuf_add_json_str(&viol, law_rule_set_id(v->rule_set));
                strbuf_addf(&viol, ",\"general\":%s}", v->general ? "true" : "false");
                const char *art = v->article ? v->article : law_rule_article(v->rule);
                if (!strstr(basis.buf ? basis.buf : "", art))
                    strbuf_addf(&basis, "%s%s %s", basis.len ? "；" : "", law_rule_id(v->rule),
                                art);
                n_general += v->general;
                strbuf_addf(&sm, "%s%s", sm.len > head ? "；" : "", v->message);
                n++;
            }
            if (extra)
                extra(tl, c, &sm, &viol, &n);
            if (!n)
                continue;
            if (!basis.len)
                strbuf_adds(&basis, "T-01 刑事诉讼法第265条");
            strbuf_adds(&sm, "。");
            ev_begin(&ev, tl);
            ev_change(&ev, c);
            ev_date(&ev, "term_start", f->term_start);
            ev_date(&ev, "term_end_original", f->term_end_original);
            ev_date(&ev, "execution_date", f->execution_date);
            const struct law_change_figures *cf = change_figs(f, k);
            if (cf) {
                ev_date(&ev, "end_before", cf->end_before);
                ev_date(&ev, "end_after", cf->end_after);
                ev_date(&ev, "start_earliest", cf->start_earliest);
                ev_date(&ev, "interval_earliest", cf->interval_earliest);
                ev_date(&ev, "proposal_earliest", cf->proposal_earliest);
                ev_date(&ev, "parole_earliest", cf->parole_earliest);
                if (cf->amount_max_days >= 0)
                    ev_int(&ev, "amount_max_days", cf->amount_max_days);
                ev_int(&ev, "reduction_days_total", cf->reduction_days);
            }
            strbuf_adds(&ev, ",\"violations\":[");
            strbuf_add(&ev, viol.buf, viol.len);
            strbuf_addch(&ev, ']');
            ev_end(&ev);
            /* T-12: a general standard exceeded (and nothing harder) is of medium severity */
            rc = emit(sink, tl, c->change_id, facility_of(c), n_general == n ? "medium" : NULL,
                      sm.buf, ev.buf, basis.buf);
        }
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    strbuf_release(&basis);
    strbuf_release(&viol);
    return rc;
}

#define LAW_MODEL(fn, id)                                                                          \
    static int fn(const zj_timeline *tl, const struct law_figures *f, lead_sink *s)                \
    {                                                                                              \
        (void)f;                                                                                   \
        return emit_law_model(tl, s, id, NULL);                                                    \
    }
LAW_MODEL(chg01, "CHG-01")
LAW_MODEL(chg02, "CHG-02")
LAW_MODEL(chg03, "CHG-03")
LAW_MODEL(chg04, "CHG-04")
LAW_MODEL(chg05, "CHG-05")
LAW_MODEL(chg06, "CHG-06")
LAW_MODEL(chg07, "CHG-07")
LAW_MODEL(chg14, "CHG-14")

/* CHG-12: business or travel activities during a medical temp_outside period. The period
 * is the computed interval (intervals.h): from the decision's effective date to the
 * earliest of revocation, return to custody, release, the correction's end (end_date or
 * the status date of ended/revoked), the term end after changes, or death; an activity
 * after it (a trip years after the term expired) is not "during". */
static void chg12_activities(const zj_timeline *tl, const tl_change *c, strbuf *sm, strbuf *viol,
                             int *n)
{
    if (c->kind != LAW_CHG_TEMP_OUTSIDE || !c->grounds || strcmp(c->grounds, "medical"))
        return;
    const tl_interval *iv = interval_find(tl, IV_TEMP_OUTSIDE, c->change_id);
    if (!iv)
        return;
    char period[96];
    interval_text(iv, period, sizeof period);
    for (size_t i = 0; i < tl->n_act; i++) {
        const tl_activity *a = &tl->act[i];
        if (!interval_contains(iv, a->date, tl->as_of) || !a->kind ||
            (strcmp(a->kind, "business") && strcmp(a->kind, "travel")))
            continue;
        char msg[320];
        snprintf(msg, sizeof(msg), "保外就医期间（%s）%s有%s活动记录%s，与病情不符", period,
                 dtxt(a->date), !strcmp(a->kind, "business") ? "工商登记" : "出行", a->record_id);
        strbuf_addf(viol, "%s{\"rule\":\"T-01\",\"record_id\":", *n ? "," : "");
        strbuf_add_json_str(viol, a->record_id);
        strbuf_adds(viol, ",\"activity_date\":");
        strbuf_add_json_str(viol, dtxt(a->date));
        ev_interval(viol, "period", iv);
        strbuf_adds(viol, ",\"message\":");
        strbuf_add_json_str(viol, msg);
        strbuf_addch(viol, '}');
        /* the summary head ends with '：'; separate later items */
        if (*n)
            strbuf_adds(sm, "；");
        strbuf_adds(sm, msg);
        (*n)++;
    }
}

static int chg12(const zj_timeline *tl, const struct law_figures *f, lead_sink *s)
{
    (void)f;
    /* the activities from the first medical 暂予监外执行 on, if any */
    zj_date from = ZJ_DATE_NONE;
    bool any = false;
    for (size_t i = 0; i < tl->n_chg; i++) {
        const tl_change *c = &tl->chg[i];
        if (c->kind != LAW_CHG_TEMP_OUTSIDE || !c->grounds || strcmp(c->grounds, "medical"))
            continue;
        const tl_interval *iv = interval_find(tl, IV_TEMP_OUTSIDE, c->change_id);
        if (iv && (!any || iv->start < from))
            from = iv->start;
        any |= iv != NULL;
    }
    if (any && timeline_part(tl, TL_ACTIVITIES, from) != 0)
        return ZJ_EDB;
    return emit_law_model(tl, s, "CHG-12", chg12_activities);
}

static bool is_release_change(const tl_change *c)
{
    return c->kind == LAW_CHG_COMMUTATION || c->kind == LAW_CHG_PAROLE;
}

/* CHG-08 财产性判项未履行而减刑假释 (P-03, F-03) */
static int chg08(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    (void)f;
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < tl->n_chg && rc == 0; i++) {
        const tl_change *c = &tl->chg[i];
        if (!is_release_change(c) || c->decision_date == ZJ_DATE_NONE)
            continue;
        zj_date d = c->decision_date;
        for (size_t p = 0; p < tl->n_prop && rc == 0; p++) {
            const tl_property *e = &tl->prop[p];
            if (!e->judgment_id || !c->judgment_id || strcmp(e->judgment_id, c->judgment_id))
                continue;
            if (e->unable == 1 || e->filed_date > d)
                continue;
            if (e->status && e->status_date != ZJ_DATE_NONE && e->status_date <= d &&
                (!strcmp(e->status, "paid") || !strcmp(e->status, "terminated")))
                continue;
            int64_t paid = 0;
            for (size_t k = e->pay_first; k < e->pay_first + e->pay_count; k++)
                if (tl->pay[k].pay_date <= d)
                    paid += tl->pay[k].amount_fen;
            if (paid >= e->amount_due_fen)
                continue;
            ev_begin(&ev, tl);
            ev_change(&ev, c);
            ev_str(&ev, "enforcement_id", e->enforcement_id);
            ev_str(&ev, "property_kind", e->kind);
            ev_int(&ev, "amount_due_fen", (long)e->amount_due_fen);
            ev_int(&ev, "paid_by_decision_fen", (long)paid);
            ev_end(&ev);
            strbuf_reset(&sm);
            strbuf_addf(
                &sm, "%s%s于%s裁定时，财产性判项%s应履行%.2f元仅履行%.2f元，且未认定确无履行能力。",
                kind_cn(c), c->change_id, dtxt(d), e->enforcement_id, e->amount_due_fen / 100.0,
                paid / 100.0);
            rc = emit(sink, tl, c->change_id, facility_of(c), NULL, sm.buf, ev.buf,
                      c->kind == LAW_CHG_PAROLE
                          ? "P-03 减刑假释规定第27条；F-03 财产性判项规定第6条"
                          : "F-03 财产性判项规定第6条；P-03 减刑假释规定第27条");
            break; /* one lead per change */
        }
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

/* CHG-09 提请前大额代缴（提钱出狱） (F-03) */
static int chg09(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    (void)f;
    struct law_params def;
    const struct law_params *pr = law_params_or_default(tl->params, &def);
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < tl->n_chg && rc == 0; i++) {
        const tl_change *c = &tl->chg[i];
        if (!is_release_change(c))
            continue;
        zj_date prop = c->proposal_date != ZJ_DATE_NONE ? c->proposal_date : c->decision_date;
        zj_date from = prop - pr->f03_payment_window_days;
        for (size_t p = 0; p < tl->n_prop && rc == 0; p++) {
            const tl_property *e = &tl->prop[p];
            if (!e->judgment_id || !c->judgment_id || strcmp(e->judgment_id, c->judgment_id) ||
                e->amount_due_fen <= 0)
                continue;
            int64_t sum = 0;
            const char *first = NULL;
            for (size_t k = e->pay_first; k < e->pay_first + e->pay_count; k++) {
                const tl_payment *y = &tl->pay[k];
                if (y->pay_date < from || y->pay_date > prop || !y->payer ||
                    (strcmp(y->payer, "family") && strcmp(y->payer, "third_party")))
                    continue;
                sum += y->amount_fen;
                if (!first)
                    first = y->payment_id;
            }
            if (sum * 100 < (int64_t)pr->f03_payment_share_pct * e->amount_due_fen)
                continue;
            ev_begin(&ev, tl);
            ev_change(&ev, c);
            ev_str(&ev, "enforcement_id", e->enforcement_id);
            ev_int(&ev, "amount_due_fen", (long)e->amount_due_fen);
            ev_int(&ev, "third_party_paid_fen", (long)sum);
            ev_date(&ev, "window_from", from);
            ev_date(&ev, "window_to", prop);
            ev_str(&ev, "first_payment", first);
            ev_end(&ev);
            strbuf_reset(&sm);
            strbuf_addf(&sm,
                        "%s%s提请（%s）前%d日内，近亲属或第三人代缴财产性判项%s共%.2f元，占应履行%."
                        "2f元的%lld%%，疑似提钱出狱。",
                        kind_cn(c), c->change_id, dtxt(prop), pr->f03_payment_window_days,
                        e->enforcement_id, sum / 100.0, e->amount_due_fen / 100.0,
                        (long long)(sum * 100 / e->amount_due_fen));
            rc = emit(sink, tl, c->change_id, facility_of(c), NULL, sm.buf, ev.buf,
                      "F-03 财产性判项规定第6条");
            break;
        }
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

static bool solitary_overlaps(const zj_timeline *tl, zj_date a, zj_date b, const char **rid)
{
    for (size_t i = 0; i < tl->n_res; i++) {
        const tl_restraint *r = &tl->res[i];
        if (!r->kind || strcmp(r->kind, "solitary"))
            continue;
        zj_date e = r->end_date != ZJ_DATE_NONE ? r->end_date : tl->as_of;
        if (r->start_date <= b && e >= a) {
            if (rid)
                *rid = r->record_id;
            return true;
        }
    }
    return false;
}

/* CHG-10 违规加分 (减刑假释规定第3条): month above the cap, or bonus in a sanctioned month.
 * Every score month of a person with a solitary confinement (or with a cap below
 * TL_NOTABLE_BONUS); else the notable months (tl->sco_n) hold all it may flag, and a
 * person with a release change has the months before the latest proposal's month read for
 * the comparison of the months before each proposal. */
/* The first day of the month of a release change's proposal (else its decision). */
static zj_date chg10_proposal_month(const tl_change *c)
{
    zj_date p = c->proposal_date != ZJ_DATE_NONE ? c->proposal_date : c->decision_date;
    int y, m, d;
    date_to_ymd(p, &y, &m, &d);
    return date_from_ymd(y, m, 1);
}

static int chg10(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    (void)f;
    struct law_params def;
    const struct law_params *pr = law_params_or_default(tl->params, &def);
    /* every month for the months flagged (a cap below the notable bonus, or a solitary
     * confinement); else the notable months hold them all */
    bool all = pr->chg10_bonus_cap < TL_NOTABLE_BONUS;
    for (size_t i = 0; i < tl->n_res && !all; i++)
        all = tl->res[i].kind && !strcmp(tl->res[i].kind, "solitary");
    /* the months before a release change's proposal month, for the comparison below: up to
     * the latest one (no bound when a date is out of the months' written range) */
    bool release = false, bounded = true;
    zj_date before = ZJ_DATE_NONE;
    for (size_t i = 0; i < tl->n_chg; i++) {
        if (!is_release_change(&tl->chg[i]))
            continue;
        zj_date pm = chg10_proposal_month(&tl->chg[i]);
        int y, m, d;
        date_to_ymd(pm, &y, &m, &d);
        bounded &=
            tl->chg[i].proposal_date != ZJ_DATE_NONE || tl->chg[i].decision_date != ZJ_DATE_NONE;
        bounded &= y >= 1000 && y <= 9999;
        before = !release || pm > before ? pm : before;
        release = true;
    }
    if ((all || release) && timeline_part_before(tl, TL_SCORES, ZJ_DATE_NONE,
                                                 all || !bounded ? ZJ_DATE_NONE : before) != 0)
        return ZJ_EDB;
    const tl_score *sco = all ? tl->sco : tl->sco_n;
    size_t n_sco = all ? tl->n_sco : tl->n_sco_n;
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < n_sco && rc == 0; i++) {
        const tl_score *s = &sco[i];
        if (s->bonus_points <= 0)
            continue;
        zj_date a = date_from_ymd(s->year, s->month, 1);
        zj_date b = date_add_months(a, 1) - 1;
        const char *rid = NULL;
        bool over = s->bonus_points > pr->chg10_bonus_cap;
        bool solitary = solitary_overlaps(tl, a, b, &rid);
        bool penalty = s->penalty_points > 0;
        if (!over && !solitary && !penalty)
            continue;
        ev_begin(&ev, tl);
        ev_str(&ev, "score_id", s->score_id);
        char mon[8];
        snprintf(mon, sizeof(mon), "%04d-%02d", s->year, s->month);
        ev_str(&ev, "month", mon);
        ev_int(&ev, "bonus_points", s->bonus_points);
        ev_int(&ev, "penalty_points", s->penalty_points);
        ev_int(&ev, "bonus_cap", pr->chg10_bonus_cap);
        if (rid)
            ev_str(&ev, "solitary_record", rid);
        if (s->officer_id)
            ev_str(&ev, "officer_id", s->officer_id);
        ev_end(&ev);
        strbuf_reset(&sm);
        strbuf_addf(&sm, "%s月考核加分%d分", mon, s->bonus_points);
        if (over)
            strbuf_addf(&sm, "，超过每月上限%d分", pr->chg10_bonus_cap);
        if (solitary)
            strbuf_addf(&sm, "，当月受禁闭处分（%s）", rid);
        if (penalty)
            strbuf_addf(&sm, "，当月另有扣分%d分", s->penalty_points);
        strbuf_adds(&sm, "，违规加分。");
        rc = emit(sink, tl, s->score_id, s->facility_id, NULL, sm.buf, ev.buf,
                  "减刑假释规定第3条（计分考核）");
    }
    /* the six (CHG-10.window_months) months before a proposal: average total points above
     * 1.5x (CHG-10.ratio_pct) the person's own earlier average and above the facility's 95th
     * (CHG-10.facility_percentile, computed by the engine) percentile */
    for (size_t i = 0; i < tl->n_chg && rc == 0; i++) {
        const tl_change *c = &tl->chg[i];
        if (!is_release_change(c))
            continue;
        zj_date p = c->proposal_date != ZJ_DATE_NONE ? c->proposal_date : c->decision_date;
        zj_date pm = chg10_proposal_month(c), w0 = date_add_months(pm, -pr->chg10_window_months);
        long rs = 0, es = 0, nr = 0, ne = 0;
        const tl_score *lastw = NULL;
        for (size_t k = 0; k < tl->n_sco; k++) {
            const tl_score *s = &tl->sco[k];
            zj_date ms = date_from_ymd(s->year, s->month, 1);
            long t = s->base_points + s->bonus_points;
            if (ms >= pm)
                continue;
            if (ms >= w0) {
                rs += t;
                nr++;
                lastw = s;
            } else {
                es += t;
                ne++;
            }
        }
        if (nr < CHG10_MIN_MONTHS || ne < CHG10_MIN_MONTHS || !lastw)
            continue;
        const tl_facility *fa = timeline_facility(tl, lastw->facility_id);
        if (!fa || fa->score_p95 < 0)
            continue;
        /* recent/nr > ratio_pct/100 * es/ne  and  recent/nr > p95 */
        if (!(100 * (int64_t)rs * ne > (int64_t)pr->chg10_ratio_pct * es * nr) ||
            !(rs > (long)fa->score_p95 * nr))
            continue;
        ev_begin(&ev, tl);
        ev_change(&ev, c);
        ev_date(&ev, "window_from", w0);
        ev_date(&ev, "window_to", pm - 1);
        ev_int(&ev, "recent_months", nr);
        ev_int(&ev, "recent_total", rs);
        ev_int(&ev, "earlier_months", ne);
        ev_int(&ev, "earlier_total", es);
        ev_str(&ev, "facility_id", fa->facility_id);
        ev_int(&ev, "facility_p95", fa->score_p95);
        ev_end(&ev);
        strbuf_reset(&sm);
        strbuf_addf(&sm,
                    "%s%s提请（%s）前%d个月月均考核分%.1f，为此前月均%.1f的%.1f倍，且高于%s的%d%%"
                    "分位数%d分，疑似突击违规加分。",
                    kind_cn(c), c->change_id, dtxt(p), pr->chg10_window_months, (double)rs / nr,
                    (double)es / ne, es ? ((double)rs / nr) / ((double)es / ne) : 0.0,
                    fa->facility_id, pr->chg10_facility_percentile, fa->score_p95);
        rc = emit(sink, tl, c->change_id, facility_of(c), NULL, sm.buf, ev.buf,
                  "减刑假释规定第3条（计分考核）");
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

static bool grounds_merit(const char *g)
{
    return g && (!strcmp(g, "merit") || !strcmp(g, "repentance_merit") ||
                 !strcmp(g, "major_merit") || !strcmp(g, "repentance_major_merit"));
}

/* CHG-11 虚假立功 (减刑假释规定第4、5条), the per-person parts */
static int chg11(const zj_timeline *tl, const struct law_figures *f, lead_sink *sink)
{
    (void)f;
    struct law_params def;
    const struct law_params *pr = law_params_or_default(tl->params, &def);
    char whybuf[160];
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < tl->n_mer && rc == 0; i++) {
        const tl_merit *m = &tl->mer[i];
        const char *rid = NULL, *why = NULL;
        const tl_change *used = NULL;
        if (solitary_overlaps(tl, m->event_date, m->event_date, &rid))
            why = "立功事件发生在禁闭期间";
        else if (!timeline_held_on(tl, m->event_date, NULL))
            why = "立功事件发生时不在羁押场所";
        if (!why && m->category && !strcmp(m->category, "other") &&
            m->confirmed_date != ZJ_DATE_NONE) {
            for (size_t k = 0; k < tl->n_chg && !used; k++) {
                const tl_change *c = &tl->chg[k];
                zj_date p = c->proposal_date != ZJ_DATE_NONE ? c->proposal_date : c->decision_date;
                if (is_release_change(c) && grounds_merit(c->grounds) && m->confirmed_date <= p &&
                    p - m->confirmed_date <= pr->chg11_confirm_days)
                    used = c;
            }
            if (used) {
                snprintf(whybuf, sizeof whybuf,
                         "类别为“其他”的立功在提请前%d日内才确认并被该次提请采用",
                         pr->chg11_confirm_days);
                why = whybuf;
            }
        }
        if (!why)
            continue;
        ev_begin(&ev, tl);
        ev_str(&ev, "merit_id", m->merit_id);
        ev_str(&ev, "kind", m->kind);
        ev_str(&ev, "category", m->category);
        ev_date(&ev, "event_date", m->event_date);
        ev_date(&ev, "confirmed_date", m->confirmed_date);
        if (rid)
            ev_str(&ev, "solitary_record", rid);
        if (used) {
            ev_str(&ev, "change_id", used->change_id);
            ev_date(&ev, "proposal_date", used->proposal_date);
        }
        if (m->officer_id)
            ev_str(&ev, "officer_id", m->officer_id);
        ev_end(&ev);
        strbuf_reset(&sm);
        strbuf_addf(&sm, "立功%s（%s）：%s", m->merit_id, dtxt(m->event_date), why);
        if (used)
            strbuf_addf(&sm, "（确认%s，提请%s %s）", dtxt(m->confirmed_date), used->change_id,
                        dtxt(used->proposal_date != ZJ_DATE_NONE ? used->proposal_date
                                                                 : used->decision_date));
        strbuf_adds(&sm, "，疑似虚假立功。");
        rc = emit(sink, tl, m->merit_id, m->facility_id, NULL, sm.buf, ev.buf,
                  "减刑假释规定第4、5条");
    }
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

/* CHG-11, set-based part: one related case reported by several persons. */
static int chg11_set(const model_ctx *ctx, lead_sink *sink)
{
    char asof[11];
    sqlite3_stmt *st = store_prepare(
        ctx->db,
        "WITH dup AS (SELECT related_case_no, count(DISTINCT person_id) AS n FROM merits"
        " WHERE category = 'report_crime' AND related_case_no IS NOT NULL AND event_date <= ?1"
        " GROUP BY related_case_no HAVING count(DISTINCT person_id) >= ?2)"
        " SELECT m.merit_id, m.person_id, m.facility_id, f.region_code, m.related_case_no,"
        " m.event_date, m.confirmed_date, dup.n, m.officer_id,"
        " (SELECT group_concat(person_id, ';') FROM (SELECT DISTINCT person_id FROM merits m2"
        "   WHERE m2.related_case_no = m.related_case_no AND m2.category = 'report_crime'"
        "   AND m2.event_date <= ?1 ORDER BY person_id))"
        " FROM merits m JOIN dup ON dup.related_case_no = m.related_case_no"
        " LEFT JOIN facilities f ON f.facility_id = m.facility_id"
        " WHERE m.category = 'report_crime' AND m.event_date <= ?1 ORDER BY m.merit_id");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, date_format(ctx->as_of, asof), -1, SQLITE_TRANSIENT);
    struct law_params defp;
    sqlite3_bind_int(st, 2, law_params_or_default(ctx->params, &defp)->chg11_persons);
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *c[10];
        for (int i = 0; i < 10; i++)
            c[i] = (const char *)sqlite3_column_text(st, i);
        strbuf_reset(&ev);
        strbuf_adds(&ev, "{\"person_id\":");
        strbuf_add_json_str(&ev, c[1]);
        ev_str(&ev, "merit_id", c[0]);
        ev_str(&ev, "category", "report_crime");
        ev_str(&ev, "related_case_no", c[4]);
        ev_str(&ev, "event_date", c[5]);
        ev_str(&ev, "confirmed_date", c[6]);
        ev_int(&ev, "persons_credited", sqlite3_column_int(st, 7));
        ev_str(&ev, "persons", c[9]);
        if (c[8])
            ev_str(&ev, "officer_id", c[8]);
        ev_end(&ev);
        strbuf_reset(&sm);
        strbuf_addf(&sm, "立功%s检举揭发的案件%s同时被%d名罪犯作为检举揭发立功认定，疑似虚假立功。",
                    c[0], c[4] ? c[4] : "", sqlite3_column_int(st, 7));
        zj_lead l = {.subject = c[0],
                     .person_id = c[1],
                     .facility_id = c[2],
                     .region_code = c[3],
                     .summary = sm.buf,
                     .evidence = ev.buf,
                     .basis = "减刑假释规定第4、5条"};
        rc = lead_sink_emit(sink, &l);
    }
    sqlite3_finalize(st);
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

/* CHG-13 该减不减、该放不放 (C-01, C-03, P-01) */
static int chg13(const zj_timeline *tl, const struct law_figures *fig, lead_sink *sink)
{
    (void)fig;
    struct law_params def;
    const struct law_params *pr = law_params_or_default(tl->params, &def);
    const tl_custody *last = NULL;
    if (!timeline_held_on(tl, tl->as_of, &last) || !last || !last->fac || !last->fac->kind ||
        strcmp(last->fac->kind, "prison"))
        return 0;
    /* the judgment being executed: the latest imprisonment judgment */
    int ji = -1;
    for (size_t i = 0; i < tl->n_jud; i++)
        if (tl->calc[i].imprisonment)
            ji = (int)i;
    if (ji < 0 || !tl->figs_ok[ji])
        return 0;
    const struct law_figures *f = &tl->figs[ji];
    if (f->penalty != LAW_FIXED_TERM || f->strict)
        return 0;
    if (f->term_end != ZJ_DATE_NONE && f->term_end <= tl->as_of)
        return 0;
    int y, m, d;
    date_to_ymd(tl->as_of, &y, &m, &d);
    zj_date month_now = date_from_ymd(y, m, 1);
    zj_date month0 = date_add_months(month_now, -12);
    bool com =
        f->next_commutation_earliest != ZJ_DATE_NONE &&
        tl->as_of > date_add_months(f->next_commutation_earliest, pr->chg13_commutation_months);
    bool par = f->parole_earliest != ZJ_DATE_NONE && !f->parole_barred &&
               tl->as_of > date_add_months(f->parole_earliest, pr->chg13_parole_months);
    /* no proposal since the limit passed */
    for (size_t i = 0; i < tl->n_chg; i++) {
        const tl_change *c = &tl->chg[i];
        zj_date p = c->proposal_date != ZJ_DATE_NONE ? c->proposal_date : c->decision_date;
        /* any commutation or parole proposal made after the limit passed counts */
        if (!is_release_change(c))
            continue;
        if (com && p >= f->next_commutation_earliest)
            com = false;
        if (par && p >= f->parole_earliest)
            par = false;
    }
    if (par) {
        /* P-03: not for an able person with unpaid property judgments */
        for (size_t p = 0; p < tl->n_prop; p++) {
            const tl_property *e = &tl->prop[p];
            int64_t paid = 0;
            for (size_t k = e->pay_first; k < e->pay_first + e->pay_count; k++)
                paid += tl->pay[k].amount_fen;
            if (e->unable != 1 && paid < e->amount_due_fen &&
                !(e->status && !strcmp(e->status, "terminated")))
                par = false;
        }
    }
    if (!com && !par)
        return 0;
    /* the last 12 months (the as-of month and the 11 before it): every complete month
     * scored, no penalty points in any score month from 12 months back, no solitary (last:
     * the scores are loaded only for a person overdue) */
    if (timeline_part(tl, TL_SCORES, month0) != 0)
        return ZJ_EDB;
    for (size_t i = 0; i < tl->n_sco; i++) {
        zj_date ms = date_from_ymd(tl->sco[i].year, tl->sco[i].month, 1);
        if (ms >= month0 && tl->sco[i].penalty_points > 0)
            return 0;
    }
    for (int k = 1; k < 12; k++) {
        int yy, mm, dd;
        date_to_ymd(date_add_months(month_now, -k), &yy, &mm, &dd);
        bool ok = false;
        for (size_t i = 0; i < tl->n_sco && !ok; i++)
            ok = tl->sco[i].year == yy && tl->sco[i].month == mm;
        if (!ok)
            return 0;
    }
    if (solitary_overlaps(tl, month0, tl->as_of, NULL))
        return 0;
    const tl_judgment *j = &tl->jud[ji];
    strbuf ev = STRBUF_INIT, sm = STRBUF_INIT;
    ev_begin(&ev, tl);
    ev_str(&ev, "judgment_id", j->judgment_id);
    ev_str(&ev, "facility_id", last->facility_id);
    ev_date(&ev, "term_start", f->term_start);
    ev_date(&ev, "term_end", f->term_end);
    ev_date(&ev, "next_commutation_earliest", f->next_commutation_earliest);
    ev_date(&ev, "parole_earliest", f->parole_earliest);
    ev_str(&ev, "overdue", com && par ? "commutation;parole" : com ? "commutation" : "parole");
    ev_date(&ev, "scores_from", month0);
    ev_end(&ev);
    strbuf_addf(&sm, "罪犯在押于监狱%s，近12个月考核无扣分、无禁闭", last->facility_id);
    if (com)
        strbuf_addf(&sm, "，%s已达减刑起始时间或间隔，逾%d日未提请减刑",
                    dtxt(f->next_commutation_earliest), tl->as_of - f->next_commutation_earliest);
    if (par)
        strbuf_addf(&sm, "，%s已达假释执行刑期条件，逾%d日未提请假释", dtxt(f->parole_earliest),
                    tl->as_of - f->parole_earliest);
    strbuf_adds(&sm, "。");
    int rc = emit(sink, tl, tl->person_id, last->facility_id, NULL, sm.buf, ev.buf,
                  com && par ? "C-01、C-03 减刑假释规定第6条；P-01 刑法第81条"
                  : com      ? "C-01、C-03 减刑假释规定第6条"
                             : "P-01 刑法第81条、减刑假释规定第23条");
    strbuf_release(&ev);
    strbuf_release(&sm);
    return rc;
}

const model_def models_changes[] = {
    {"CHG-01", "减刑起始时间不足", "changes", "medium",
     "C-01 C-04 C-06 C-07 C-08 C-11 C-14 P-06 减刑假释规定第6-11、21、30条", "change_id", "{}",
     chg01, NULL, TL_BASE | TL_BIT(TL_MEDICAL), 0},
    {"CHG-02", "减刑间隔不足", "changes", "medium",
     "C-03 C-04 C-06 C-07 C-11 减刑假释规定第6-9、13、14条", "change_id", "{}", chg02, NULL,
     TL_BASE | TL_BIT(TL_MEDICAL), 0},
    {"CHG-03", "减刑幅度超限", "changes", "high",
     "C-02 C-04 C-06 C-07 C-08 C-11 减刑假释规定第6-11条", "change_id", "{}", chg03, NULL,
     TL_BASE | TL_BIT(TL_MEDICAL), 0},
    {"CHG-04", "实际执行刑期不足", "changes", "high",
     "C-09 刑法第78条第2款；C-10 减刑假释规定第12条", "change_id", "{}", chg04, NULL,
     TL_BASE | TL_BIT(TL_MEDICAL), 0},
    {"CHG-05", "不得减刑而减刑", "changes", "high", "C-12 减刑假释规定第15条；C-13 第18条",
     "change_id", "{}", chg05, NULL, TL_BASE | TL_BIT(TL_MEDICAL), 0},
    {"CHG-06", "不得假释而假释", "changes", "high", "P-02 刑法第81条第2款；P-06 减刑假释规定第30条",
     "change_id", "{}", chg06, NULL, TL_BASE | TL_BIT(TL_MEDICAL), 0},
    {"CHG-07", "假释执行刑期不足", "changes", "high", "P-01 刑法第81条；P-04 减刑假释规定第28条",
     "change_id", "{}", chg07, NULL, TL_BASE | TL_BIT(TL_MEDICAL), 0},
    {"CHG-08", "财产性判项未履行而减刑假释", "changes", "medium", "P-03 减刑假释规定第27条；F-03",
     "change_id", "{}", chg08, NULL, TL_BASE | TL_BIT(TL_PROPERTY) | TL_BIT(TL_PAYMENTS), 0},
    {"CHG-09", "提请前大额代缴（提钱出狱）", "changes", "high", "F-03 财产性判项规定第6条",
     "change_id", "{\"F-03.payment_share_pct\":50,\"F-03.payment_window_days\":60}", chg09, NULL,
     TL_BASE | TL_BIT(TL_PROPERTY) | TL_BIT(TL_PAYMENTS), 0},
    {"CHG-10", "违规加分", "changes", "medium", "减刑假释规定第3条", "score_id",
     "{\"CHG-10.bonus_cap\":50,\"CHG-10.window_months\":6,\"CHG-10.ratio_pct\":150,"
     "\"CHG-10.facility_percentile\":95}",
     chg10, NULL, TL_BASE | TL_BIT(TL_SCORES) | TL_BIT(TL_SCORES_NOTABLE) | TL_BIT(TL_RESTRAINTS),
     MODEL_ASKS},
    {"CHG-11", "虚假立功", "changes", "high", "减刑假释规定第4、5条", "merit_id",
     "{\"CHG-11.persons\":2,\"CHG-11.confirm_days\":30}", chg11, chg11_set,
     TL_BASE | TL_BIT(TL_MERITS) | TL_BIT(TL_RESTRAINTS), 0},
    {"CHG-12", "保外就医病情依据不符", "changes", "high", "T-01 刑事诉讼法第265条", "change_id",
     "{\"T-01.diagnosis_max_months\":3,\"activity_kinds\":\"business;travel\"}", chg12, NULL,
     TL_BASE | TL_BIT(TL_MEDICAL) | TL_BIT(TL_ACTIVITIES) | TL_BIT(TL_CORRECTIONS) |
         TL_BIT(TL_DEATHS),
     MODEL_ASKS},
    {"CHG-13", "该减不减、该放不放", "changes", "low", "C-01 C-03 P-01", "person_id",
     "{\"CHG-13.commutation_months\":6,\"CHG-13.parole_months\":12,\"score_months\":12}", chg13,
     NULL,
     TL_BASE | TL_BIT(TL_MEDICAL) | TL_BIT(TL_SCORES) | TL_BIT(TL_RESTRAINTS) |
         TL_BIT(TL_PROPERTY) | TL_BIT(TL_PAYMENTS),
     MODEL_ASKS},
    {"CHG-14", "暂予监外执行适用对象不符", "changes", "high", "T-01 刑事诉讼法第265条", "change_id",
     "{}", chg14, NULL, TL_BASE | TL_BIT(TL_MEDICAL), 0},
    {0},
};
