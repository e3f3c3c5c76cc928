/*
 * person_picture.c — the person at a glance: one SVG of the whole history (see
 * person_picture.h). Black and white: bands differ by pattern (white, diagonal hatching,
 * dots, grey, cross-hatching, black) and carry their text; marks differ by shape.
 */
#include "report/person_picture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/feeds.h"
#include "law/law.h"
#include "models/intervals.h"
#include "models/model_util.h"

#define PW 1200  /* width */
#define PX0 150  /* plot left */
#define PX1 1180 /* plot right */
#define LANE_H 26
#define LANE_GAP 8

typedef struct {
    strbuf *out;
    const zj_timeline *tl;
    const json_t *safety; /* person_picture_svg_safety's records, or NULL */
    zj_date t0, t1;
    const char *record_href, *lead_href;
    int y; /* top of the next lane */
} pic;

static double xd(const pic *p, zj_date d)
{
    if (d < p->t0)
        d = p->t0;
    if (d > p->t1)
        d = p->t1;
    return PX0 + (double)(d - p->t0) * (PX1 - PX0) / (double)(p->t1 - p->t0);
}

static void widen(zj_date *lo, zj_date *hi, zj_date d)
{
    if (d == ZJ_DATE_NONE)
        return;
    if (*lo == ZJ_DATE_NONE || d < *lo)
        *lo = d;
    if (*hi == ZJ_DATE_NONE || d > *hi)
        *hi = d;
}

static void txt(strbuf *o, const char *s)
{
    strbuf_add_html(o, s ? s : "");
}

/* <a> around a band or mark when a link applies; returns whether one was opened. */
static bool link_open(pic *p, const char *ref)
{
    if (!p->record_href || !ref)
        return false;
    strbuf_adds(p->out, "<a href=\"");
    char buf[256];
    snprintf(buf, sizeof buf, p->record_href, ref);
    txt(p->out, buf);
    strbuf_adds(p->out, "\">");
    return true;
}

static void lane_label(pic *p, const char *label, int h)
{
    strbuf_addf(p->out, "<text x=\"8\" y=\"%d\" font-size=\"13\" fill=\"#000\">", p->y + h / 2 + 5);
    txt(p->out, label);
    strbuf_addf(p->out, "</text><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ccc\"/>",
                PX0, p->y + h + LANE_GAP / 2, PX1, p->y + h + LANE_GAP / 2);
}

/* custody at successive facilities: patterns no other lane uses */
static const char *const custody_fills[] = {"#fff", "url(#pp-vlines)", "#ddd", "#888"};

/* enum labels from the feeds' own tables (ingest/feeds.c) */
static const char *basis_cn(const char *b)
{
    return b ? ingest_feed_label("corrections", "basis", b) : "";
}

static const char *restraint_cn(const char *k)
{
    return k ? ingest_feed_label("restraints", "kind", k) : "";
}

/* Opens <g class="pp-KIND CLS" data-ref="REF"><title>TITLE (the title left open). */
static void group_open(pic *p, const char *kind, const char *cls, const char *ref,
                       const char *title)
{
    strbuf_addf(p->out, "<g class=\"pp-%s %s\"", kind, cls);
    if (ref) {
        strbuf_adds(p->out, " data-ref=\"");
        txt(p->out, ref);
        strbuf_adds(p->out, "\"");
    }
    strbuf_adds(p->out, "><title>");
    txt(p->out, title);
}

/* A band [a, b] (b NONE: open, drawn to the as-of date with an arrow). */
static void band(pic *p, zj_date a, zj_date b, int y, int h, const char *fill, const char *label,
                 const char *title, const char *ref, const char *cls)
{
    bool open = b == ZJ_DATE_NONE || b > p->tl->as_of;
    zj_date e = open ? p->tl->as_of : b;
    double x = xd(p, a), w = xd(p, e) - x;
    if (w < 2)
        w = 2;
    bool l = link_open(p, ref);
    group_open(p, "band", cls, ref, title);
    strbuf_addf(p->out,
                "</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" "
                "stroke=\"#000\" stroke-width=\"1\"/>",
                x, y, w, h, fill);
    if (open)
        strbuf_addf(p->out, "<path d=\"M%.1f %d l6 %d l-6 %d z\" fill=\"#000\"/>", x + w, y, h / 2,
                    h / 2);
    int chars = label ? (int)strlen(label) / 3 + 1 : 0; /* CJK: 3 bytes, ~12 px each */
    if (label && w > chars * 12 + 8) {
        bool dark = !strcmp(fill, "#555") || !strcmp(fill, "#000");
        strbuf_addf(p->out,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"%d\" height=\"14\" fill=\"%s\"/>"
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"%s\">",
                    x + 3, y + h / 2 - 8, chars * 12, dark ? "#000" : "#fff", x + 4, y + h / 2 + 4,
                    dark ? "#fff" : "#000");
        txt(p->out, label);
        strbuf_adds(p->out, "</text>");
    }
    strbuf_adds(p->out, "</g>");
    if (l)
        strbuf_adds(p->out, "</a>");
}

/* A mark of `shape` at d: circle (activity), cross (incident), diamond (lead), triangle
 * (commutation step), bar (tick). */
static void mark(pic *p, zj_date d, int y, const char *shape, const char *title, const char *ref,
                 const char *href, const char *cls)
{
    double x = xd(p, d);
    bool l = false;
    if (href) {
        strbuf_adds(p->out, "<a href=\"");
        txt(p->out, href);
        strbuf_adds(p->out, "\">");
        l = true;
    } else {
        l = link_open(p, ref);
    }
    group_open(p, "mark", cls, ref, title);
    strbuf_adds(p->out, "</title>");
    if (!strcmp(shape, "circle"))
        strbuf_addf(p->out,
                    "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"#fff\" stroke=\"#000\" "
                    "stroke-width=\"1.5\"/>",
                    x, y);
    else if (!strcmp(shape, "cross"))
        strbuf_addf(p->out,
                    "<path d=\"M%.1f %d l10 10 M%.1f %d l10 -10\" stroke=\"#000\" "
                    "stroke-width=\"2\"/><rect x=\"%.1f\" y=\"%d\" width=\"10\" "
                    "height=\"10\" fill=\"transparent\"/>",
                    x - 5, y - 5, x - 5, y + 5, x - 5, y - 5);
    else if (!strcmp(shape, "diamond"))
        strbuf_addf(p->out,
                    "<path d=\"M%.1f %d l7 7 l-7 7 l-7 -7 z\" fill=\"#000\" stroke=\"#fff\"/>", x,
                    y - 7);
    else if (!strcmp(shape, "triangle"))
        strbuf_addf(p->out, "<path d=\"M%.1f %d l6 0 l-6 9 l-6 -9 z\" fill=\"#000\"/>", x, y);
    else
        strbuf_addf(p->out, "<rect x=\"%.1f\" y=\"%d\" width=\"3\" height=\"%d\" fill=\"#000\"/>",
                    x - 1.5, y, LANE_H);
    strbuf_adds(p->out, "</g>");
    if (l)
        strbuf_adds(p->out, "</a>");
}

static const char *fac_name(const zj_timeline *tl, const char *id)
{
    const tl_facility *f = timeline_facility(tl, id);
    return f && f->name ? f->name : id;
}

static bool lane_has(const zj_timeline *tl, const int *kinds, int nk)
{
    for (size_t i = 0; i < tl->n_iv; i++)
        for (int k = 0; k < nk; k++)
            if (tl->iv[i].kind == kinds[k])
                return true;
    return false;
}

/* The intervals of `kinds` as bands of one lane. */
static void interval_lane(pic *p, const char *label, const int *kinds, int nk, const char *fill)
{
    if (!lane_has(p->tl, kinds, nk))
        return;
    lane_label(p, label, LANE_H);
    int fi = -1;
    const char *last_fac = NULL;
    for (size_t i = 0; i < p->tl->n_iv; i++) {
        const tl_interval *iv = &p->tl->iv[i];
        int k = 0;
        while (k < nk && iv->kind != kinds[k])
            k++;
        if (k == nk)
            continue;
        char title[512], period[128], lab[128];
        interval_text(iv, period, sizeof period);
        const char *f = fill;
        const char *what = interval_kind_cn(iv->kind);
        lab[0] = 0;
        if (iv->kind == IV_CUSTODY) {
            if (!last_fac || !iv->facility_id || strcmp(last_fac, iv->facility_id))
                fi++;
            last_fac = iv->facility_id;
            f = custody_fills[fi % 4];
            snprintf(lab, sizeof lab, "%s", fac_name(p->tl, iv->facility_id));
        } else if (iv->kind == IV_CORRECTION) {
            const tl_correction *c = &p->tl->cc[iv->src];
            size_t n = 0;
            for (size_t e = c->ev_first; e < c->ev_first + c->ev_count; e++)
                n += p->tl->cc_ev[e].kind && (!strcmp(p->tl->cc_ev[e].kind, "checkin") ||
                                              !strcmp(p->tl->cc_ev[e].kind, "location"));
            snprintf(lab, sizeof lab, "%s 报到定位%zu次", basis_cn(c->basis), n);
        } else if (iv->kind == IV_RESTRAINT) {
            snprintf(lab, sizeof lab, "%s", restraint_cn(iv->kind_s));
            f = "#000";
        } else {
            snprintf(lab, sizeof lab, "%s", what);
        }
        snprintf(title, sizeof title, "%s %s %s%s%s", what, iv->ref ? iv->ref : "", period,
                 iv->facility_id ? " " : "",
                 iv->facility_id ? fac_name(p->tl, iv->facility_id) : "");
        int h = iv->kind == IV_LEAVE || iv->kind == IV_CC_LEAVE ? LANE_H / 2 : LANE_H;
        band(p, iv->start, iv->end, p->y + (LANE_H - h) / 2, h, f, lab, title, iv->ref,
             interval_kind_name(iv->kind));
    }
    p->y += LANE_H + LANE_GAP;
}

/* The terms: the original term outlined, each commutation a step down to its new end;
 * ticks for the recorded (判) and computed (算) term ends. */
static void term_lane(pic *p)
{
    const zj_timeline *tl = p->tl;
    int rows = 0;
    for (size_t j = 0; j < tl->n_jud; j++)
        if (tl->figs_ok && tl->figs_ok[j] && tl->figs[j].term_start != ZJ_DATE_NONE) {
            int n = (int)tl->figs[j].n_changes;
            rows += 1 + (n > 8 ? 8 : n);
        }
    if (!rows)
        return;
    int step = 5, h = LANE_H + (rows > 1 ? (rows - 1) * step : 0);
    lane_label(p, "刑期与减刑", h);
    int y = p->y;
    for (size_t j = 0; j < tl->n_jud; j++) {
        if (!tl->figs_ok || !tl->figs_ok[j] || tl->figs[j].term_start == ZJ_DATE_NONE)
            continue;
        const tl_judgment *jd = &tl->jud[j];
        const struct law_figures *f = &tl->figs[j];
        zj_date end0 = f->term_end_original != ZJ_DATE_NONE ? f->term_end_original : f->term_end;
        char title[384];
        snprintf(title, sizeof title, "判决%s %s 刑期%s至%s；减刑后止日%s；判决载明止日%s",
                 jd->judgment_id, penalty_cn(jd->penalty), dtxt(f->term_start), dtxt(end0),
                 dtxt(f->term_end), dtxt(jd->term_end));
        band(p, f->term_start, end0 == ZJ_DATE_NONE ? ZJ_DATE_NONE : end0, y, 12, "#fff",
             jd->judgment_id, title, jd->judgment_id, "term");
        int k = 0;
        for (size_t c = 0; c < f->n_changes && k < 8; c++) {
            const struct law_change_figures *cf = &f->changes[c];
            const tl_change *ch = timeline_change_of(tl, j, cf->change_index);
            if (!ch || ch->kind != LAW_CHG_COMMUTATION || cf->end_after == ZJ_DATE_NONE)
                continue;
            k++;
            char t2[256];
            snprintf(t2, sizeof t2, "减刑%s 生效%s 减%d个月%d日 止日%s→%s", ch->change_id,
                     dtxt(ch->effective_date), ch->reduction_months > 0 ? ch->reduction_months : 0,
                     ch->reduction_days > 0 ? ch->reduction_days : 0, dtxt(cf->end_before),
                     dtxt(cf->end_after));
            int yy = y + 12 + k * step - 3;
            band(p, ch->effective_date, cf->end_after, yy, 3, "#000", NULL, t2, ch->change_id,
                 "step");
            mark(p, ch->effective_date, yy - 6, "triangle", t2, ch->change_id, NULL, "commutation");
        }
        if (jd->term_end != ZJ_DATE_NONE) {
            char t3[128];
            snprintf(t3, sizeof t3, "判决载明刑期止日 %s", dtxt(jd->term_end));
            double x = xd(p, jd->term_end);
            strbuf_addf(p->out,
                        "<g class=\"pp-tick recorded\"><title>%s</title><line x1=\"%.1f\" "
                        "y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\" stroke-width=\"2\" "
                        "stroke-dasharray=\"3 2\"/><text x=\"%.1f\" y=\"%d\" "
                        "font-size=\"10\">判</text></g>",
                        t3, x, y - 4, x, y + 16, x + 2, y - 4);
        }
        if (f->term_end != ZJ_DATE_NONE) {
            char t4[128];
            snprintf(t4, sizeof t4, "计算刑期止日（减刑后）%s", dtxt(f->term_end));
            double x = xd(p, f->term_end);
            strbuf_addf(p->out,
                        "<g class=\"pp-tick computed\"><title>%s</title><line x1=\"%.1f\" "
                        "y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\" stroke-width=\"2\"/>"
                        "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">算</text></g>",
                        t4, x, y - 4, x, y + 16, x + 2, y + 24);
        }
        y += (1 + k) * step + 12;
    }
    p->y += h + LANE_GAP;
}

static bool is_incident(const char *kind)
{
    return kind && (!strcmp(kind, "warning") || !strcmp(kind, "violation") ||
                    !strcmp(kind, "absconded") || !strcmp(kind, "revocation_proposed"));
}

static void events_lane(pic *p)
{
    const zj_timeline *tl = p->tl;
    size_t n = tl->n_act + tl->n_vot;
    for (size_t i = 0; i < tl->n_cc_ev; i++)
        n += is_incident(tl->cc_ev[i].kind);
    for (size_t i = 0; i < tl->n_cus; i++)
        n += tl->cus[i].type == LAW_EV_ESCAPE;
    if (!n)
        return;
    lane_label(p, "活动与事件", LANE_H);
    int y = p->y + LANE_H / 2;
    char t[256];
    for (size_t i = 0; i < tl->n_act; i++) {
        const tl_activity *a = &tl->act[i];
        snprintf(t, sizeof t, "社会活动 %s %s %s %s", a->record_id, dtxt(a->date),
                 a->kind ? a->kind : "", a->region_code ? a->region_code : "");
        mark(p, a->date, y - 4, "circle", t, a->record_id, NULL, "activity");
    }
    for (size_t i = 0; i < tl->n_vot; i++) {
        const tl_voter *v = &tl->vot[i];
        snprintf(t, sizeof t, "选民记录 %s %s%s", v->record_id, dtxt(v->election_date),
                 v->voted == 1 ? " 参加投票" : "");
        mark(p, v->election_date, y + 4, "circle", t, v->record_id, NULL, "voter");
    }
    for (size_t i = 0; i < tl->n_cc_ev; i++) {
        const tl_cc_event *e = &tl->cc_ev[i];
        if (!is_incident(e->kind))
            continue;
        snprintf(t, sizeof t, "矫正事件 %s %s %s（%s）", e->event_id, dtxt(e->date), e->kind,
                 e->cc_id);
        mark(p, e->date, y, "cross", t, e->event_id, NULL, "incident");
    }
    for (size_t i = 0; i < tl->n_cus; i++)
        if (tl->cus[i].type == LAW_EV_ESCAPE) {
            snprintf(t, sizeof t, "脱逃 %s %s", tl->cus[i].event_id, dtxt(tl->cus[i].date));
            mark(p, tl->cus[i].date, y, "cross", t, tl->cus[i].event_id, NULL, "incident");
        }
    p->y += LANE_H + LANE_GAP;
}

zj_date person_picture_lead_date(const zj_timeline *tl, const pp_lead *l)
{
    const char *s = l->subject;
    if (s) {
        for (size_t i = 0; i < tl->n_act; i++)
            if (!strcmp(tl->act[i].record_id, s))
                return tl->act[i].date;
        for (size_t i = 0; i < tl->n_vot; i++)
            if (!strcmp(tl->vot[i].record_id, s))
                return tl->vot[i].election_date;
        for (size_t i = 0; i < tl->n_chg; i++)
            if (!strcmp(tl->chg[i].change_id, s))
                return tl->chg[i].proposal_date != ZJ_DATE_NONE ? tl->chg[i].proposal_date
                                                                : tl->chg[i].decision_date;
        for (size_t i = 0; i < tl->n_jud; i++)
            if (!strcmp(tl->jud[i].judgment_id, s))
                return tl->jud[i].effective_date;
        for (size_t i = 0; i < tl->n_cc; i++)
            if (!strcmp(tl->cc[i].cc_id, s))
                return tl->cc[i].order_date;
        for (size_t i = 0; i < tl->n_res; i++)
            if (!strcmp(tl->res[i].record_id, s))
                return tl->res[i].start_date;
        for (size_t i = 0; i < tl->n_cell; i++)
            if (!strcmp(tl->cell[i].assignment_id, s))
                return tl->cell[i].start_date;
        for (size_t i = 0; i < tl->n_sco; i++)
            if (!strcmp(tl->sco[i].score_id, s))
                return date_from_ymd(tl->sco[i].year, tl->sco[i].month, 1);
        for (size_t i = 0; i < tl->n_mer; i++)
            if (!strcmp(tl->mer[i].merit_id, s))
                return tl->mer[i].event_date;
    }
    return l->first_seen;
}

static const char *js(const json_t *o, const char *k)
{
    const char *v = json_string_value(json_object_get(o, k));
    return v ? v : "";
}

static zj_date jdate(const json_t *o, const char *k)
{
    const char *v = js(o, k);
    zj_date d;
    return strlen(v) >= 10 && date_parse(v, 10, &d) == 0 ? d : ZJ_DATE_NONE;
}

/* A labour row's month 'YYYY-MM' as its first day, ZJ_DATE_NONE when malformed. */
static zj_date jmonth(const json_t *o)
{
    const char *v = js(o, "month");
    int y, m;
    if (strlen(v) != 7 || sscanf(v, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
        return ZJ_DATE_NONE;
    return date_from_ymd(y, m, 1);
}

static long jint(const json_t *o, const char *k)
{
    const json_t *v = json_object_get(o, k);
    return json_is_integer(v)  ? (long)json_integer_value(v)
           : json_is_string(v) ? atol(json_string_value(v))
                               : 0;
}

static size_t safety_rows(const pic *p)
{
    if (!p->safety)
        return 0;
    return json_array_size(json_object_get(p->safety, "incidents")) +
           json_array_size(json_object_get(p->safety, "labour")) +
           json_array_size(json_object_get(p->safety, "release_prep"));
}

/* 监管安全: labour months folded by facility and consecutive month, incidents, release
 * preparation. */
static void safety_lane(pic *p)
{
    if (!safety_rows(p))
        return;
    lane_label(p, "监管安全", LANE_H);
    int y = p->y + LANE_H / 2;
    char t[512];
    const json_t *lab = json_object_get(p->safety, "labour");
    for (size_t i = 0; i < json_array_size(lab);) {
        const json_t *a = json_array_get(lab, i);
        zj_date m0 = jmonth(a), prev = m0;
        long hmax = jint(a, "hours"), rmin = jint(a, "rest_days");
        size_t k = i + 1;
        while (m0 != ZJ_DATE_NONE && k < json_array_size(lab)) {
            const json_t *b = json_array_get(lab, k);
            zj_date mb = jmonth(b);
            if (mb != date_add_months(prev, 1) ||
                strcmp(js(a, "facility_id"), js(b, "facility_id")))
                break;
            if (jint(b, "hours") > hmax)
                hmax = jint(b, "hours");
            if (jint(b, "rest_days") < rmin)
                rmin = jint(b, "rest_days");
            prev = mb;
            k++;
        }
        if (m0 != ZJ_DATE_NONE) {
            char label[64];
            snprintf(label, sizeof label, "劳动%zu个月", k - i);
            snprintf(t, sizeof t, "劳动 %s 至 %s %s，%zu个月，最多%ld小时/月，最少休息%ld日/月",
                     js(a, "month"), js(json_array_get(lab, k - 1), "month"),
                     fac_name(p->tl, js(a, "facility_id")), k - i, hmax, rmin);
            band(p, m0, date_add_months(prev, 1) - 1, p->y + 3, LANE_H - 6, "url(#pp-vlines)",
                 label, t, js(a, "record_id"), "labour");
        }
        i = k;
    }
    const json_t *inc = json_object_get(p->safety, "incidents");
    for (size_t i = 0; i < json_array_size(inc); i++) {
        const json_t *a = json_array_get(inc, i);
        zj_date d = jdate(a, "incident_date");
        if (d == ZJ_DATE_NONE)
            continue;
        const char *inj = js(a, "injury");
        snprintf(t, sizeof t, "监管安全事件 %s %s %s（%s%s%s）", js(a, "incident_id"), dtxt(d),
                 ingest_feed_label("incidents", "kind", js(a, "kind")),
                 ingest_feed_label("incident_persons", "role", js(a, "role")), *inj ? "，" : "",
                 *inj ? ingest_feed_label("incidents", "injury", inj) : "");
        mark(p, d, y, "cross", t, js(a, "incident_id"), NULL, "safety-incident");
    }
    const json_t *rp = json_object_get(p->safety, "release_prep");
    for (size_t i = 0; i < json_array_size(rp); i++) {
        const json_t *a = json_array_get(rp, i);
        zj_date d = jdate(a, "event_date");
        if (d == ZJ_DATE_NONE)
            continue;
        snprintf(t, sizeof t, "%s %s %s", ingest_feed_label("release_prep", "kind", js(a, "kind")),
                 js(a, "record_id"), dtxt(d));
        mark(p, d, y, "circle", t, js(a, "record_id"), NULL, "release-prep");
    }
    p->y += LANE_H + LANE_GAP;
}

static void leads_lane(pic *p, const pp_lead *leads, size_t n)
{
    if (!n)
        return;
    lane_label(p, "监督线索", LANE_H);
    for (size_t i = 0; i < n; i++) {
        const pp_lead *l = &leads[i];
        char t[768], href[64], ref[32];
        snprintf(t, sizeof t, "线索%ld %s %s（%s）%s", l->lead_id, l->model_id ? l->model_id : "",
                 l->subject ? l->subject : "", l->status ? l->status : "",
                 l->summary ? l->summary : "");
        snprintf(ref, sizeof ref, "lead-%ld", l->lead_id);
        if (p->lead_href)
            snprintf(href, sizeof href, p->lead_href, l->lead_id);
        mark(p, person_picture_lead_date(p->tl, l), p->y + LANE_H / 2, "diamond", t, ref,
             p->lead_href ? href : NULL, "lead");
    }
    p->y += LANE_H + LANE_GAP;
}

/* Year labels at the top; with `lines`, the year lines from the top to y_end. */
static void axis(pic *p, bool lines, int y_top, int y_end)
{
    int y0 = y_top;
    int ya, yb, m, d;
    date_to_ymd(p->t0, &ya, &m, &d);
    date_to_ymd(p->t1, &yb, &m, &d);
    int stepy = yb - ya > 30 ? 5 : yb - ya > 12 ? 2 : 1;
    for (int yr = ya + 1; yr <= yb; yr++) {
        if (yr % stepy)
            continue;
        double x = xd(p, date_from_ymd(yr, 1, 1));
        if (lines)
            strbuf_addf(p->out,
                        "<line class=\"pp-year\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
                        "y2=\"%d\" stroke=\"#999\" stroke-dasharray=\"2 3\"/>",
                        x, y0 + 4, x, y_end);
        else
            strbuf_addf(p->out,
                        "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" "
                        "text-anchor=\"middle\">%d</text>",
                        x, y0, yr);
    }
}

static void legend(pic *p)
{
    static const char *const items[][2] = {
        {"url(#pp-vlines)", "羁押（按场所交替：白、竖线、浅灰、深灰）"},
        {"url(#pp-hatch)", "暂予监外执行"},
        {"url(#pp-dots)", "假释、缓刑、管制"},
        {"#bbb", "社区矫正"},
        {"url(#pp-cross)", "剥夺政治权利"},
        {"#000", "禁闭、戒具、减刑后刑期"},
    };
    int x = 8, y = p->y + 4;
    for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
        strbuf_addf(p->out,
                    "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"12\" fill=\"%s\" "
                    "stroke=\"#000\"/><text x=\"%d\" y=\"%d\" font-size=\"11\">",
                    x, y, items[i][0], x + 22, y + 10);
        txt(p->out, items[i][1]);
        strbuf_adds(p->out, "</text>");
        x += 22 + (int)strlen(items[i][1]) / 3 * 11 + 18;
    }
    x = 8;
    y += 20;
    strbuf_addf(
        p->out,
        "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"#fff\" stroke=\"#000\"/>"
        "<text x=\"%d\" y=\"%d\" font-size=\"11\">活动、选民记录</text>"
        "<path d=\"M%d %d l8 8 M%d %d l8 -8\" stroke=\"#000\" stroke-width=\"2\"/>"
        "<text x=\"%d\" y=\"%d\" font-size=\"11\">警告、违规、失联、脱逃</text>"
        "<path d=\"M%d %d l6 6 l-6 6 l-6 -6 z\" fill=\"#000\"/>"
        "<text x=\"%d\" y=\"%d\" font-size=\"11\">线索</text>"
        "<text x=\"%d\" y=\"%d\" font-size=\"11\">判：判决载明止日 算：计算止日 ▼：减刑</text>",
        x + 6, y + 6, x + 14, y + 10, x + 120, y + 2, x + 120, y + 10, x + 132, y + 10, x + 290, y,
        x + 300, y + 10, x + 350, y + 10);
    p->y += 44;
}

void person_picture_svg(strbuf *out, const zj_timeline *tl, const pp_lead *leads, size_t n,
                        const char *record_href, const char *lead_href)
{
    person_picture_svg_safety(out, tl, leads, n, NULL, record_href, lead_href);
}

void person_picture_svg_safety(strbuf *out, const zj_timeline *tl, const pp_lead *leads, size_t n,
                               const json_t *safety, const char *record_href, const char *lead_href)
{
    pic p = {
        .out = out, .tl = tl, .safety = safety, .record_href = record_href, .lead_href = lead_href};
    zj_date lo = ZJ_DATE_NONE, hi = ZJ_DATE_NONE;
    for (size_t i = 0; i < tl->n_jud; i++) {
        widen(&lo, &hi, tl->jud[i].offense_date);
        widen(&lo, &hi, tl->jud[i].effective_date);
    }
    for (size_t i = 0; i < tl->n_iv; i++)
        widen(&lo, &hi, tl->iv[i].start);
    for (size_t i = 0; i < tl->n_act; i++)
        widen(&lo, &hi, tl->act[i].date);
    for (size_t i = 0; i < tl->n_vot; i++)
        widen(&lo, &hi, tl->vot[i].election_date);
    for (size_t i = 0; i < tl->n_cus; i++)
        widen(&lo, &hi, tl->cus[i].date);
    if (safety) {
        const json_t *a;
        size_t i;
        json_array_foreach(json_object_get(safety, "incidents"), i, a)
            widen(&lo, &hi, jdate(a, "incident_date"));
        json_array_foreach(json_object_get(safety, "release_prep"), i, a)
            widen(&lo, &hi, jdate(a, "event_date"));
        json_array_foreach(json_object_get(safety, "labour"), i, a) widen(&lo, &hi, jmonth(a));
    }
    widen(&lo, &hi, tl->as_of);
    if (lo == ZJ_DATE_NONE || tl->as_of - lo < 365)
        lo = tl->as_of - 365;
    /* the term ends still ahead (recorded and computed), up to 20 years on */
    zj_date far = tl->as_of;
    for (size_t i = 0; i < tl->n_jud; i++) {
        zj_date e[2] = {tl->jud[i].term_end,
                        tl->figs_ok && tl->figs_ok[i] ? tl->figs[i].term_end : ZJ_DATE_NONE};
        for (int k = 0; k < 2; k++)
            if (e[k] != ZJ_DATE_NONE && e[k] > far && e[k] < date_add_months(tl->as_of, 240))
                far = e[k];
    }
    p.t0 = lo - 60;
    p.t1 = far + 120;
    strbuf_adds(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pp-svg\" "
                     "id=\"pp-svg\" role=\"img\" aria-labelledby=\"pp-title\" "
                     "font-family=\"sans-serif\" ");
    size_t dims = out->len; /* width/height/viewBox are written at the end */
    strbuf_adds(out, "><title id=\"pp-title\">");
    char head[256];
    snprintf(head, sizeof head, "%s（%s）履历全图，截至%s", tl->name ? tl->name : "",
             tl->person_id ? tl->person_id : "", dtxt(tl->as_of));
    txt(out, head);
    strbuf_adds(
        out,
        "</title><defs>"
        "<pattern id=\"pp-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
        "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/>"
        "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000\" stroke-width=\"2\"/></pattern>"
        "<pattern id=\"pp-dots\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">"
        "<rect width=\"5\" height=\"5\" fill=\"#fff\"/><circle cx=\"2.5\" cy=\"2.5\" r=\"1.2\" "
        "fill=\"#000\"/></pattern>"
        "<pattern id=\"pp-cross\" width=\"7\" height=\"7\" patternUnits=\"userSpaceOnUse\">"
        "<rect width=\"7\" height=\"7\" fill=\"#fff\"/><path d=\"M0 0 L7 7 M7 0 L0 7\" "
        "stroke=\"#000\" stroke-width=\"1\"/></pattern>"
        "<pattern id=\"pp-vlines\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\">"
        "<rect width=\"4\" height=\"4\" fill=\"#fff\"/><line x1=\"1\" y1=\"0\" x2=\"1\" "
        "y2=\"4\" stroke=\"#000\" stroke-width=\"1\"/></pattern></defs>");
    strbuf_adds(out, "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                     "<text x=\"8\" y=\"20\" font-size=\"15\" font-weight=\"bold\">");
    txt(out, head);
    strbuf_adds(out, "</text>");
    p.y = 44;
    int y_axis = p.y;
    axis(&p, false, y_axis, 0);
    p.y += 12;
    term_lane(&p);
    static const int custody[] = {IV_CUSTODY};
    static const int temp[] = {IV_TEMP_OUTSIDE};
    static const int release[] = {IV_PAROLE, IV_PROBATION, IV_SURVEILLANCE};
    static const int corr[] = {IV_CORRECTION};
    static const int dpr[] = {IV_DPR};
    static const int leave[] = {IV_LEAVE, IV_CC_LEAVE, IV_RESTRAINT};
    interval_lane(&p, "羁押（场所）", custody, 1, "#fff");
    interval_lane(&p, "暂予监外执行", temp, 1, "url(#pp-hatch)");
    interval_lane(&p, "假释、缓刑、管制", release, 3, "url(#pp-dots)");
    interval_lane(&p, "社区矫正", corr, 1, "#bbb");
    interval_lane(&p, "剥夺政治权利", dpr, 1, "url(#pp-cross)");
    interval_lane(&p, "外出、禁闭、戒具", leave, 3, "#fff");
    events_lane(&p);
    safety_lane(&p);
    leads_lane(&p, leads, n);
    axis(&p, true, y_axis, p.y);
    /* the as-of date */
    double xa = xd(&p, tl->as_of);
    strbuf_addf(out,
                "<line class=\"pp-asof\" x1=\"%.1f\" y1=\"40\" x2=\"%.1f\" y2=\"%d\" "
                "stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>"
                "<text x=\"%.1f\" y=\"38\" font-size=\"11\" text-anchor=\"end\">截至%s</text>",
                xa, xa, p.y, xa - 2, dtxt(tl->as_of));
    legend(&p);
    strbuf_adds(out, "</svg>");
    /* the height is known now: insert width, height and viewBox after the opening tag's
     * attributes */
    char dim[96];
    int dl = snprintf(dim, sizeof dim, "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\"", PW, p.y,
                      PW, p.y);
    strbuf_grow(out, (size_t)dl);
    memmove(out->buf + dims + dl, out->buf + dims, out->len - dims + 1);
    memcpy(out->buf + dims, dim, (size_t)dl);
    out->len += (size_t)dl;
}

static void row(strbuf *o, const char *id, const char *date, const char *what, const char *detail)
{
    strbuf_adds(o, "<tr id=\"r-");
    strbuf_add_html(o, id ? id : "");
    strbuf_adds(o, "\"><td>");
    strbuf_add_html(o, date);
    strbuf_adds(o, "</td><td>");
    strbuf_add_html(o, id ? id : "");
    strbuf_adds(o, "</td><td>");
    strbuf_add_html(o, what);
    strbuf_adds(o, "</td><td>");
    strbuf_add_html(o, detail ? detail : "");
    strbuf_adds(o, "</td></tr>");
}

void person_picture_html(strbuf *out, const zj_timeline *tl, const pp_lead *leads, size_t n)
{
    person_picture_html_safety(out, tl, leads, n, NULL);
}

void person_picture_html_safety(strbuf *out, const zj_timeline *tl, const pp_lead *leads, size_t n,
                                const json_t *safety)
{
    strbuf_adds(out, "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>");
    strbuf_add_html(out, tl->name ? tl->name : "");
    strbuf_adds(out, "（");
    strbuf_add_html(out, tl->person_id ? tl->person_id : "");
    strbuf_adds(out, "）履历全图</title><style>body{font-family:sans-serif;margin:16px;color:#000}"
                     "table{border-collapse:collapse;font-size:13px}td{border:1px solid #999;"
                     "padding:2px 6px}tr:target{outline:3px solid #000}"
                     "@media print{svg{width:100%;height:auto}}</style></head><body>");
    person_picture_svg_safety(out, tl, leads, n, safety, "#r-%s", "#r-lead-%ld");
    strbuf_adds(out, "<h2>记录</h2><table><tbody>");
    char b[256];
    for (size_t i = 0; i < tl->n_iv; i++) {
        const tl_interval *iv = &tl->iv[i];
        /* periods opened by a change or a judgment are that record's row below */
        if (!iv->ref || (iv->kind != IV_CUSTODY && iv->kind != IV_CORRECTION &&
                         iv->kind != IV_LEAVE && iv->kind != IV_RESTRAINT))
            continue;
        interval_text(iv, b, sizeof b);
        row(out, iv->ref, dtxt(iv->start), interval_kind_cn(iv->kind), b);
    }
    for (size_t i = 0; i < tl->n_chg; i++)
        row(out, tl->chg[i].change_id, dtxt(tl->chg[i].decision_date), tl->chg[i].kind_s,
            tl->chg[i].grounds);
    for (size_t i = 0; i < tl->n_jud; i++)
        row(out, tl->jud[i].judgment_id, dtxt(tl->jud[i].effective_date),
            penalty_cn(tl->jud[i].penalty), tl->jud[i].charges);
    for (size_t i = 0; i < tl->n_act; i++)
        row(out, tl->act[i].record_id, dtxt(tl->act[i].date), "社会活动", tl->act[i].kind);
    for (size_t i = 0; i < tl->n_vot; i++)
        row(out, tl->vot[i].record_id, dtxt(tl->vot[i].election_date), "选民记录",
            tl->vot[i].region_code);
    for (size_t i = 0; i < tl->n_cc_ev; i++)
        if (is_incident(tl->cc_ev[i].kind))
            row(out, tl->cc_ev[i].event_id, dtxt(tl->cc_ev[i].date), "矫正事件", tl->cc_ev[i].kind);
    for (size_t i = 0; i < tl->n_cus; i++)
        if (tl->cus[i].type == LAW_EV_ESCAPE)
            row(out, tl->cus[i].event_id, dtxt(tl->cus[i].date), "脱逃", tl->cus[i].facility_id);
    if (safety) {
        const json_t *a;
        size_t i;
        json_array_foreach(json_object_get(safety, "incidents"), i, a)
        {
            snprintf(
                b, sizeof b, "%s（%s）%s", ingest_feed_label("incidents", "kind", js(a, "kind")),
                ingest_feed_label("incident_persons", "role", js(a, "role")),
                *js(a, "injury") ? ingest_feed_label("incidents", "injury", js(a, "injury")) : "");
            row(out, js(a, "incident_id"), js(a, "incident_date"), "监管安全事件", b);
        }
        json_array_foreach(json_object_get(safety, "labour"), i, a)
        {
            snprintf(b, sizeof b, "%s %ld小时，休息%ld日", js(a, "month"), jint(a, "hours"),
                     jint(a, "rest_days"));
            row(out, js(a, "record_id"), js(a, "month"), "劳动", b);
        }
        json_array_foreach(json_object_get(safety, "release_prep"), i, a)
            row(out, js(a, "record_id"), js(a, "event_date"),
                ingest_feed_label("release_prep", "kind", js(a, "kind")), js(a, "facility_id"));
    }
    for (size_t i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "lead-%ld", leads[i].lead_id);
        snprintf(b, sizeof b, "%s %s", leads[i].model_id ? leads[i].model_id : "",
                 leads[i].subject ? leads[i].subject : "");
        row(out, id, dtxt(person_picture_lead_date(tl, &leads[i])), b, leads[i].summary);
    }
    strbuf_adds(out, "</tbody></table></body></html>\n");
}

/* The rows of one query of person_id as an array of objects (column name → text, or
 * integer for integer columns). NULL on a database error. */
static json_t *rows_of(sqlite3 *db, const char *sql, const char *person_id)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, person_id, -1, SQLITE_TRANSIENT);
    json_t *arr = json_array();
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *o = json_object();
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            int t = sqlite3_column_type(st, c);
            json_object_set_new(o, sqlite3_column_name(st, c),
                                t == SQLITE_NULL ? json_null()
                                : t == SQLITE_INTEGER
                                    ? json_integer(sqlite3_column_int64(st, c))
                                    : json_string((const char *)sqlite3_column_text(st, c)));
        }
        json_array_append_new(arr, o);
    }
    sqlite3_finalize(st);
    if (s != SQLITE_DONE) {
        json_decref(arr);
        return NULL;
    }
    return arr;
}

json_t *person_picture_safety_load(sqlite3 *db, const char *person_id)
{
    static const char *const q[3][2] = {
        {"incidents",
         "SELECT i.incident_id, i.incident_date, i.kind, i.injury, i.facility_id, x.role"
         " FROM incident_persons x JOIN incidents i ON i.incident_id = x.incident_id"
         " WHERE x.person_id = ?1 ORDER BY i.incident_date, i.incident_id"},
        {"labour", "SELECT record_id, facility_id, month, hours, rest_days FROM labour"
                   " WHERE person_id = ?1 ORDER BY month, record_id"},
        {"release_prep", "SELECT record_id, facility_id, kind, event_date FROM release_prep"
                         " WHERE person_id = ?1 ORDER BY event_date, record_id"},
    };
    json_t *o = json_object();
    for (int i = 0; i < 3; i++) {
        json_t *a = rows_of(db, q[i][1], person_id);
        if (!a) {
            json_decref(o);
            return NULL;
        }
        json_object_set_new(o, q[i][0], a);
    }
    return o;
}
