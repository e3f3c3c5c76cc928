/*
 * custody.c — custody events (law.md §§1-2): custody credit S-01..S-03 (刑法第41、44、47条;
 * 刑事诉讼法第76条), the execution date S-08, days at large S-06, and the events sorted and
 * cut at the as-of date for the sentence calculation (sentence.c).
 */
#include "law/sentence_int.h"

/* Copy the events dated on or before as_of into buf (cap LAW_MAX_EVENTS), stably sorted
 * by date. Returns the count; *truncated when some were dropped. */
size_t sent_sort_events(const struct law_custody_event *ev, size_t n, zj_date as_of,
                        struct law_custody_event *buf, bool *truncated)
{
    size_t m = 0;
    for (size_t i = 0; ev && i < n; i++) {
        if (ev[i].date == NONE || (as_of != NONE && ev[i].date > as_of))
            continue;
        if (m == LAW_MAX_EVENTS) {
            if (truncated)
                *truncated = true;
            break;
        }
        size_t j = m++;
        while (j > 0 && buf[j - 1].date > ev[i].date) {
            buf[j] = buf[j - 1];
            j--;
        }
        buf[j] = ev[i];
    }
    return m;
}

/* End the period open since *since (NONE: none is open) on day d: its days d - *since are
 * added to *days and *since becomes NONE. Returns whether a period was open. */
static bool close_period(zj_date *since, zj_date d, int32_t *days)
{
    if (*since == NONE)
        return false;
    *days += d - *since;
    *since = NONE;
    return true;
}

/* S-01/S-03: periods run from detain (rs_start) to the next bail/rs_end, exclusive; the
 * period open at admission (or, without admit, open at the end for imprisonment) is the
 * one in which execution began. 管制: execution begins on the effective date. */
struct custody_scan sent_scan_custody(enum law_penalty penalty, zj_date eff,
                                      const struct law_custody_event *e, size_t m)
{
    struct custody_scan r = {NONE, 0, 0};
    zj_date cust = NONE, rs = NONE;
    bool surveillance = penalty == LAW_SURVEILLANCE;
    for (size_t i = 0; i < m; i++) {
        zj_date d = e[i].date;
        if (surveillance && eff != NONE && d >= eff)
            break;
        switch (e[i].type) {
        case LAW_EV_ADMIT:
            if (surveillance)
                break;
            close_period(&rs, d, &r.rs_days);
            r.start = cust != NONE ? cust : d;
            return r;
        case LAW_EV_DETAIN:
        case LAW_EV_RETURN:
            close_period(&rs, d, &r.rs_days);
            if (cust == NONE)
                cust = d;
            break;
        case LAW_EV_RS_START:
            close_period(&cust, d, &r.custody_days);
            if (rs == NONE)
                rs = d;
            break;
        case LAW_EV_BAIL:
        case LAW_EV_RELEASE:
        case LAW_EV_RELEASE_OTHER:
            if (!close_period(&cust, d, &r.custody_days))
                close_period(&rs, d, &r.rs_days);
            break;
        case LAW_EV_RS_END:
            if (!close_period(&rs, d, &r.rs_days))
                close_period(&cust, d, &r.custody_days);
            break;
        default:
            break;
        }
    }
    if (!surveillance && cust != NONE) {
        r.start = cust; /* continuous custody into execution without an admit record */
        if (rs != NONE && eff != NONE && eff > rs)
            r.rs_days += eff - rs;
        return r;
    }
    r.start = eff;
    if (eff != NONE) {
        if (cust != NONE && eff > cust)
            r.custody_days += eff - cust;
        if (rs != NONE && eff > rs)
            r.rs_days += eff - rs;
    }
    return r;
}

int32_t sent_credit_of(enum law_penalty p, const struct custody_scan *s)
{
    switch (p) {
    case LAW_SURVEILLANCE: /* 刑法第41条 1:2; 刑事诉讼法第76条 1:1 */
        return 2 * s->custody_days + s->rs_days;
    case LAW_CRIMINAL_DETENTION: /* 刑法第44、47条 1:1; 刑事诉讼法第76条 2:1 */
    case LAW_FIXED_TERM:
        return s->custody_days + s->rs_days / 2;
    default: /* 减刑假释规定第23条: no credit for life / 死缓 */
        return 0;
    }
}

int32_t law_custody_credit(enum law_penalty penalty, zj_date effective_date,
                           const struct law_custody_event *ev, size_t n, zj_date as_of,
                           zj_date *custody_start)
{
    struct law_custody_event buf[LAW_MAX_EVENTS];
    size_t m = sent_sort_events(ev, n, as_of, buf, NULL);
    struct custody_scan s = sent_scan_custody(penalty, effective_date, buf, m);
    if (custody_start)
        *custody_start = s.start;
    return sent_credit_of(penalty, &s);
}

/* S-06 over sorted events: days at large between from and to (inclusive bounds). */
int32_t sent_escape_days(const struct law_custody_event *e, size_t m, zj_date from, zj_date to)
{
    int32_t days = 0;
    zj_date open = NONE;
    for (size_t i = 0; i < m; i++) {
        if (from != NONE && e[i].date < from)
            continue;
        if (to != NONE && e[i].date > to)
            break;
        switch (e[i].type) {
        case LAW_EV_ESCAPE:
            if (open == NONE)
                open = e[i].date;
            break;
        case LAW_EV_RECAPTURE:
        case LAW_EV_RETURN:
        case LAW_EV_DETAIN:
        case LAW_EV_ADMIT:
            if (open != NONE) {
                days += e[i].date - open; /* escape day at large, recapture day in custody */
                open = NONE;
            }
            break;
        default:
            break;
        }
    }
    if (open != NONE && to != NONE && to >= open)
        days += to - open + 1;
    return days;
}

int32_t law_escape_days(const struct law_custody_event *ev, size_t n, zj_date as_of)
{
    struct law_custody_event buf[LAW_MAX_EVENTS];
    size_t m = sent_sort_events(ev, n, as_of, buf, NULL);
    return sent_escape_days(buf, m, NONE, as_of);
}

zj_date law_execution_date(const struct law_custody_event *ev, size_t n, zj_date as_of)
{
    zj_date best = NONE;
    for (size_t i = 0; ev && i < n; i++)
        if (ev[i].type == LAW_EV_ADMIT && ev[i].date != NONE &&
            (as_of == NONE || ev[i].date <= as_of) && (best == NONE || ev[i].date < best))
            best = ev[i].date;
    return best;
}
