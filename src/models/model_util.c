/* model_util.c — lead-building helpers of the built-in models (see model_util.h). */
#include "models/model_util.h"

#include <stdio.h>

void ev_begin(strbuf *sb, const zj_timeline *tl)
{
    strbuf_reset(sb);
    strbuf_adds(sb, "{\"person_id\":");
    strbuf_add_json_str(sb, tl->person_id);
}

void ev_str(strbuf *sb, const char *key, const char *val)
{
    strbuf_addch(sb, ',');
    strbuf_add_json_str(sb, key);
    strbuf_addch(sb, ':');
    strbuf_add_json_str(sb, val);
}

void ev_date(strbuf *sb, const char *key, zj_date d)
{
    char b[11];
    ev_str(sb, key, d == ZJ_DATE_NONE ? NULL : date_format(d, b));
}

void ev_int(strbuf *sb, const char *key, long v)
{
    strbuf_addch(sb, ',');
    strbuf_add_json_str(sb, key);
    strbuf_addf(sb, ":%ld", v);
}

void ev_raw(strbuf *sb, const char *key, const char *json)
{
    strbuf_addch(sb, ',');
    strbuf_add_json_str(sb, key);
    strbuf_addch(sb, ':');
    strbuf_adds(sb, json);
}

void ev_end(strbuf *sb)
{
    strbuf_addch(sb, '}');
}

const char *dtxt(zj_date d)
{
    static _Thread_local char bufs[8][11];
    static _Thread_local int k;
    char *b = bufs[k++ & 7];
    if (d == ZJ_DATE_NONE)
        snprintf(b, 11, "（无）");
    else
        date_format(d, b);
    return b;
}

const char *penalty_cn(int p)
{
    const char *l = law_penalty_label((enum law_penalty)p);
    return *l ? l : "刑罚";
}

int emit(lead_sink *sink, const zj_timeline *tl, const char *subject, const char *facility_id,
         const char *severity, const char *summary, const char *evidence, const char *basis)
{
    const tl_facility *f = timeline_facility(tl, facility_id);
    zj_lead l = {
        .subject = subject,
        .person_id = tl->person_id,
        .facility_id = facility_id,
        .region_code = f ? f->region_code : NULL,
        .severity = severity,
        .summary = summary,
        .evidence = evidence,
        .basis = basis,
    };
    return lead_sink_emit(sink, &l);
}

void ev_asof(strbuf *sb, zj_date as_of, const char *key, long days)
{
    char b[11];
    strbuf_adds(sb, ",\"as_of\":{\"date\":");
    strbuf_add_json_str(sb, date_format(as_of, b));
    strbuf_addch(sb, ',');
    strbuf_add_json_str(sb, key);
    strbuf_addf(sb, ":%ld}", days);
}
