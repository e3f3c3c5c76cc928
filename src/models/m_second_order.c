/*
 * m_second_order.c — the second-order models of spec/models.md, which look across leads:
 *
 * DUTY-01 职务犯罪线索（人员集中）: an officer (officer_id on the sentence change, score,
 *   merit, restraint or incident behind a lead of CHG-01 … CHG-14, CUS-03, CUS-06 or
 *   CUS-08; an incident without a person counts as one person) linked to leads of at
 *   least 3 (cfg) distinct persons within 2 years (any window of 24 months: records dated
 *   d .. add_months(d, 24) − 1), and at least 3× (cfg) the median of the officers of the
 *   same facility (every staff member of the facility counts, with 0 when linked to no
 *   lead; an officer not in staff belongs to the facility of the record). Subject: the
 *   officer_id. The 3, 24 and 3× are law_params DUTY-01.min_persons, .window_months and
 *   .median_factor (ctx->params, NULL = the defaults). Basis: 刑法第401条
 * (徇私舞弊减刑、假释、暂予监外执行罪), 第397条. It reads the leads table: the leads not resolved
 * nor dismissed. The engine applies the per-person models' leads, then each set-based model's in
 * catalog order before the next runs; the second_order family is last in the catalog, so DUTY-01
 * sees the leads of the current screening (run alone with --model, it sees the stored ones).
 *
 * FAC-01 场所风险画像: not a lead; the ranking of facilities by open leads (open, assigned,
 *   verifying) per 100 persons held at the as-of date (custody: the person's last custody
 *   event on or before the date is at the facility and keeps them there; community
 *   corrections: active corrections of the agency), by model family; beside them the
 *   facility's incidents of the last 12 months and the re-offending of its releases
 *   (H-09: released on term expiry, or paroled there and the parole ended, between 2N and
 *   N years before the as-of date; re-offended = a later offense within N years; N is the
 *   law parameter H-09.years, 3).
 */
#include "law/law.h"
#include "models/models2.h"
#include "store/leads.h"
#include "util/region.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The leads DUTY-01 reads, as of ?1. */
#define DUTY_LEADS                                                                                 \
    "SELECT lead_id, model_id, subject, person_id FROM leads"                                      \
    " WHERE (model_id BETWEEN 'CHG-01' AND 'CHG-14'"                                               \
    "   OR model_id IN ('CUS-03', 'CUS-06', 'CUS-08'))"                                            \
    "  AND status NOT IN ('resolved','dismissed') AND first_seen <= ?1"
/* The same rows, for the digest (set_runs.c): one range of the covering index leads_model_read
 * (migration perf-5) in its order, no lead read from the table. 'CHG-14' < 'CUS-03', so the
 * range CHG-01 … CUS-08 holds both kinds. */
const char models_duty01_leads_sql[] =
    "SELECT lead_id, model_id, subject, person_id FROM leads"
    " WHERE model_id >= 'CHG-01' AND model_id <= 'CUS-08'"
    "  AND (model_id <= 'CHG-14' OR model_id IN ('CUS-03', 'CUS-06', 'CUS-08'))"
    "  AND status NOT IN ('resolved','dismissed') AND first_seen <= ?1"
    " ORDER BY model_id, subject";

bool models_duty01_reads_model(const char *model_id)
{
    /* DUTY_LEADS's test of model_id (BINARY collation: byte order, as strcmp) */
    return model_id && ((strcmp(model_id, "CHG-01") >= 0 && strcmp(model_id, "CHG-14") <= 0) ||
                        !strcmp(model_id, "CUS-03") || !strcmp(model_id, "CUS-06") ||
                        !strcmp(model_id, "CUS-08"));
}

/* The records behind the leads, with their officer, date and facility. */
static const char duty_records_sql[] =
    "WITH l AS (" DUTY_LEADS "),"
    " rec AS ("
    " SELECT l.*, s.officer_id, COALESCE(s.proposal_date, s.decision_date) AS d,"
    "  COALESCE(s.proposer_id, s.decider_id) AS fac"
    " FROM l JOIN sentence_changes s ON s.change_id = l.subject"
    " WHERE l.model_id NOT IN ('CHG-11','CUS-03','CUS-06','CUS-08')"
    " UNION ALL SELECT l.*, x.officer_id, x.month || '-01', x.facility_id"
    " FROM l JOIN scores x ON x.score_id = l.subject WHERE l.model_id = 'CHG-10'"
    " UNION ALL SELECT l.*, m.officer_id, COALESCE(m.confirmed_date, m.event_date), m.facility_id"
    " FROM l JOIN merits m ON m.merit_id = l.subject WHERE l.model_id = 'CHG-11'"
    " UNION ALL SELECT l.*, r.officer_id, r.start_date, r.facility_id"
    " FROM l JOIN restraints r ON r.record_id = l.subject WHERE l.model_id = 'CUS-03'"
    /* an incident without a person counts as a person of its own */
    " UNION ALL SELECT l.lead_id, l.model_id, l.subject,"
    "  COALESCE(l.person_id, 'incident:' || l.subject), i.officer_id, i.incident_date,"
    "  i.facility_id"
    " FROM l JOIN incidents i ON i.incident_id = l.subject"
    " WHERE l.model_id IN ('CUS-06', 'CUS-08')) "
    "SELECT rec.officer_id, COALESCE(st.facility_id, rec.fac) AS facility, rec.d,"
    " rec.person_id, rec.lead_id, rec.model_id, rec.subject, st.name "
    "FROM rec LEFT JOIN staff st ON st.officer_id = rec.officer_id "
    "WHERE rec.officer_id IS NOT NULL AND rec.officer_id <> '' AND rec.d <= ?1"
    " AND rec.person_id IS NOT NULL "
    "ORDER BY rec.officer_id, rec.d, rec.lead_id";

typedef struct duty_rec {
    zj_date d;
    char *person, *model, *subject;
    long lead_id;
} duty_rec;

typedef struct duty_officer {
    char *officer, *facility, *name;
    duty_rec *recs;
    size_t n, alloc;
    int best;                /* most distinct persons in one window */
    size_t best_lo, best_hi; /* the window's records [lo, hi) */
} duty_officer;

/* Distinct persons among recs[lo..hi). */
static int distinct_persons(const duty_rec *r, size_t lo, size_t hi)
{
    int n = 0;
    for (size_t i = lo; i < hi; i++) {
        bool seen = false;
        for (size_t k = lo; k < i && !seen; k++)
            seen = !strcmp(r[k].person, r[i].person);
        n += !seen;
    }
    return n;
}

static void duty_best_window(duty_officer *o, int window_months)
{
    size_t hi = 0;
    for (size_t lo = 0; lo < o->n; lo++) {
        zj_date last = date_add_months(o->recs[lo].d, window_months) - 1;
        if (hi < lo)
            hi = lo;
        while (hi < o->n && o->recs[hi].d <= last)
            hi++;
        int k = distinct_persons(o->recs, lo, hi);
        if (k > o->best) {
            o->best = k;
            o->best_lo = lo;
            o->best_hi = hi;
        }
    }
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Median of the officers of facility fac: staff of the facility (0 when not linked) and the
 * linked officers attributed to it. */
static double duty_median(sqlite3_stmt *staff, const duty_officer *offs, size_t n_off,
                          const char *fac)
{
    int *v = NULL;
    size_t n = 0, alloc = 0;
    for (size_t i = 0; i < n_off; i++)
        if (offs[i].facility && !strcmp(offs[i].facility, fac)) {
            XGROW(v, n + 1, alloc);
            v[n++] = offs[i].best;
        }
    sqlite3_reset(staff);
    sqlite3_bind_text(staff, 1, fac, -1, SQLITE_TRANSIENT);
    while (sqlite3_step(staff) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(staff, 0);
        bool linked = false;
        for (size_t i = 0; i < n_off && !linked; i++)
            linked =
                offs[i].facility && !strcmp(offs[i].facility, fac) && !strcmp(offs[i].officer, id);
        if (!linked) {
            XGROW(v, n + 1, alloc);
            v[n++] = 0;
        }
    }
    double med = 0;
    if (n) {
        qsort(v, n, sizeof *v, cmp_int);
        med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
    }
    free(v);
    return med;
}

int models_second_order_run(const model_ctx *ctx, lead_sink *sink)
{
    sqlite3_stmt *st = sqlmodel_prepare(ctx->db, duty_records_sql);
    sqlite3_stmt *staff =
        sqlmodel_prepare(ctx->db, "SELECT officer_id FROM staff WHERE facility_id = ?1");
    sqlite3_stmt *fac =
        sqlmodel_prepare(ctx->db, "SELECT region_code FROM facilities WHERE facility_id = ?1");
    duty_officer *offs = NULL;
    size_t n_off = 0, alloc = 0;
    char asof[11];
    int rc = 0;
    struct law_params defp;
    const struct law_params *lp = law_params_or_default(ctx->params, &defp);
    if (!st || !staff || !fac) {
        rc = ZJ_EDB;
        goto out;
    }
    sqlite3_bind_text(st, 1, date_format(ctx->as_of, asof), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *officer = (const char *)sqlite3_column_text(st, 0);
        const char *facility = (const char *)sqlite3_column_text(st, 1);
        zj_date d = sqlmodel_col_date(st, 2);
        if (d == ZJ_DATE_NONE)
            continue;
        if (!n_off || strcmp(offs[n_off - 1].officer, officer)) {
            XGROW(offs, n_off + 1, alloc);
            duty_officer *o = &offs[n_off++];
            memset(o, 0, sizeof *o);
            o->officer = xstrdup(officer);
            o->facility = facility ? xstrdup(facility) : NULL;
            const char *name = (const char *)sqlite3_column_text(st, 7);
            o->name = xstrdup(name ? name : officer);
        }
        duty_officer *o = &offs[n_off - 1];
        XGROW(o->recs, o->n + 1, o->alloc);
        duty_rec *r = &o->recs[o->n++];
        r->d = d;
        r->person = xstrdup((const char *)sqlite3_column_text(st, 3));
        r->lead_id = sqlite3_column_int64(st, 4);
        r->model = xstrdup((const char *)sqlite3_column_text(st, 5));
        r->subject = xstrdup((const char *)sqlite3_column_text(st, 6));
    }
    for (size_t i = 0; i < n_off; i++)
        duty_best_window(&offs[i], lp->duty01_window_months);
    for (size_t i = 0; rc == 0 && i < n_off; i++) {
        duty_officer *o = &offs[i];
        if (o->best < lp->duty01_min_persons || !o->facility)
            continue;
        double med = duty_median(staff, offs, n_off, o->facility);
        if (o->best < lp->duty01_median_factor * med)
            continue;
        char b1[11], b2[11];
        date_format(o->recs[o->best_lo].d, b1);
        date_format(o->recs[o->best_hi - 1].d, b2);
        json_t *ev = json_object();
        json_object_set_new(ev, "officer_id", json_string(o->officer));
        json_object_set_new(ev, "facility_id", json_string(o->facility));
        json_object_set_new(ev, "persons", json_integer(o->best));
        json_object_set_new(ev, "facility_median", json_real(med));
        json_object_set_new(ev, "window_start", json_string(b1));
        json_object_set_new(ev, "window_end", json_string(b2));
        json_t *arr = json_array();
        for (size_t k = o->best_lo; k < o->best_hi; k++) {
            char bd[11];
            json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:s}", "lead_id",
                                                 (json_int_t)o->recs[k].lead_id, "model_id",
                                                 o->recs[k].model, "subject", o->recs[k].subject,
                                                 "person_id", o->recs[k].person, "date",
                                                 date_format(o->recs[k].d, bd)));
        }
        json_object_set_new(ev, "leads", arr);
        char *evidence = json_dumps(ev, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(ev);
        char summary[512], factor[16];
        snprintf(factor, sizeof factor, "%d", lp->duty01_median_factor);
        snprintf(summary, sizeof summary,
                 "工作人员%s（%s）在%s至%s经手的事项涉及%d名不同人员的减刑假释暂予监外执行或"
                 "戒具禁闭线索，为本单位工作人员中位数（%.1f）的%s倍以上，可能存在职务犯罪。",
                 o->name, o->officer, b1, b2, o->best, med, med > 0 ? factor : "多");
        sqlite3_reset(fac);
        sqlite3_bind_text(fac, 1, o->facility, -1, SQLITE_TRANSIENT);
        const char *region =
            sqlite3_step(fac) == SQLITE_ROW ? (const char *)sqlite3_column_text(fac, 0) : NULL;
        zj_lead l = {
            .model_id = "DUTY-01",
            .subject = o->officer,
            .person_id = NULL,
            .facility_id = o->facility,
            .region_code = region,
            .severity = "high",
            .summary = summary,
            .evidence = evidence,
            .basis = "DUTY-01 刑法第401条、第397条; 人民检察院刑事诉讼规则（移送侦查）",
        };
        if (lead_sink_emit(sink, &l) < 0)
            rc = ZJ_EDB;
        free(evidence);
    }
out:
    for (size_t i = 0; i < n_off; i++) {
        for (size_t k = 0; k < offs[i].n; k++) {
            free(offs[i].recs[k].person);
            free(offs[i].recs[k].model);
            free(offs[i].recs[k].subject);
        }
        free(offs[i].recs);
        free(offs[i].officer);
        free(offs[i].facility);
        free(offs[i].name);
    }
    free(offs);
    sqlite3_finalize(st);
    sqlite3_finalize(staff);
    sqlite3_finalize(fac);
    return rc;
}

/* ---- FAC-01 -------------------------------------------------------------------------- */

static const char fac_rank_sql[] =
    "WITH last AS ("
    " SELECT person_id, facility_id, event_type,"
    "  row_number() OVER (PARTITION BY person_id ORDER BY event_date DESC, event_id DESC) AS rn"
    " FROM custody WHERE event_date <= ?1),"
    " held AS ("
    " SELECT facility_id, count(*) AS n FROM last WHERE rn = 1 AND event_type IN"
    "  ('detain','admit','transfer_in','return','recapture','leave_end','rs_start')"
    " GROUP BY facility_id"
    " UNION ALL"
    " SELECT agency_id, count(*) FROM corrections"
    " WHERE COALESCE(report_date, start_date, order_date) <= ?1"
    "  AND (status = 'active' OR status_date > ?1) AND (end_date IS NULL OR end_date >= ?1)"
    " GROUP BY agency_id),"
    " h AS (SELECT facility_id, sum(n) AS held FROM held GROUP BY facility_id),"
    " lf AS (SELECT facility_id, COALESCE(family, 'other') AS family, count(*) AS n FROM leads"
    "  WHERE status IN " LEAD_OPEN_STATUSES " AND facility_id IS NOT NULL"
    "  GROUP BY facility_id, COALESCE(family, 'other')),"
    " lt AS (SELECT facility_id, sum(n) AS open, json_group_object(family, n) AS fams"
    "  FROM lf GROUP BY facility_id),"
    /* incidents of the 12 months up to the as-of date */
    " inc AS (SELECT facility_id, count(*) AS n FROM incidents"
    "  WHERE incident_date > zj_add_months(?1, -12) AND incident_date <= ?1"
    "  GROUP BY facility_id),"
    /* H-09: the releases of the N years (?2 = 12 N months, H-09.years) before the last
     * date whose N years are over (on term expiry; the end of a parole, at the prison that
     * paroled), and those re-offending within N years */
    " rel AS (SELECT c.person_id, c.facility_id, c.event_date AS r FROM custody c"
    "  WHERE c.event_type = 'release'"
    "  UNION ALL SELECT k.person_id, (SELECT x.facility_id FROM custody x"
    "   WHERE x.person_id = k.person_id AND x.event_type = 'release_parole'"
    "   AND x.event_date <= k.end_date ORDER BY x.event_date DESC LIMIT 1), k.end_date"
    "  FROM corrections k WHERE k.basis = 'parole' AND k.status = 'ended'),"
    " ro AS (SELECT rel.facility_id, count(*) AS released,"
    "  sum(EXISTS (SELECT 1 FROM judgments j WHERE j.person_id = rel.person_id"
    "   AND j.offense_date > rel.r AND j.offense_date <= zj_add_months(rel.r, ?2))) AS again"
    "  FROM rel WHERE rel.r > zj_add_months(?1, -2 * ?2) AND rel.r <= zj_add_months(?1, -?2)"
    "  GROUP BY rel.facility_id) "
    "SELECT f.facility_id, f.name, f.kind, f.region_code, COALESCE(h.held, 0) AS held,"
    " COALESCE(lt.open, 0) AS open, COALESCE(lt.fams, '{}') AS fams,"
    " CASE WHEN h.held > 0 THEN 100.0 * COALESCE(lt.open, 0) / h.held END AS per100,"
    " COALESCE(inc.n, 0) AS incidents, COALESCE(ro.released, 0) AS released,"
    " COALESCE(ro.again, 0) AS again "
    "FROM facilities f LEFT JOIN h ON h.facility_id = f.facility_id"
    " LEFT JOIN lt ON lt.facility_id = f.facility_id"
    " LEFT JOIN inc ON inc.facility_id = f.facility_id"
    " LEFT JOIN ro ON ro.facility_id = f.facility_id "
    "WHERE COALESCE(h.held, 0) > 0 OR COALESCE(lt.open, 0) > 0 "
    "ORDER BY per100 IS NULL, per100 DESC, open DESC, f.facility_id";

int models_facility_rank(sqlite3 *db, zj_date as_of, const struct law_params *params,
                         const char *format, FILE *out)
{
    struct law_params def;
    const struct law_params *lp = law_params_or_default(params, &def);
    sqlite3_stmt *st = sqlmodel_prepare(db, fac_rank_sql);
    sqlite3_stmt *fams = sqlmodel_prepare(db, "SELECT DISTINCT COALESCE(family, 'other') FROM leads"
                                              " WHERE status IN " LEAD_OPEN_STATUSES " ORDER BY 1");
    char **fam = NULL;
    size_t n_fam = 0, alloc = 0;
    char asof[11];
    strbuf sb = STRBUF_INIT;
    json_t *arr = NULL;
    int rc = 0, rank = 0;
    bool csv = format && !strcmp(format, "csv"), js = format && !strcmp(format, "json");
    if (!st || !fams) {
        rc = ZJ_EDB;
        goto out;
    }
    while (sqlite3_step(fams) == SQLITE_ROW) {
        XGROW(fam, n_fam + 1, alloc);
        fam[n_fam++] = xstrdup((const char *)sqlite3_column_text(fams, 0));
    }
    sqlite3_bind_text(st, 1, date_format(as_of, asof), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, 12 * lp->h09_years);
    if (js) {
        arr = json_array();
    } else if (csv) {
        strbuf_adds(&sb, "rank,facility_id,name,kind,region_code,held,open_leads,per_100,"
                         "incidents_12m,released,reoffended,reoffend_pct");
        for (size_t i = 0; i < n_fam; i++) {
            strbuf_addch(&sb, ',');
            strbuf_add_csv(&sb, fam[i]);
        }
        strbuf_addch(&sb, '\n');
    } else {
        strbuf_addf(&sb, "场所风险画像（FAC-01，截至%s，按每百名在押/在矫人员未结线索数排序）\n",
                    asof);
        strbuf_adds(&sb, "排名\t场所\t名称\t类别\t地区\t在押/在矫\t未结线索\t每百人\t"
                         "近12月事件\t刑满释放\t三年内再犯\t再犯率");
        for (size_t i = 0; i < n_fam; i++)
            strbuf_addf(&sb, "\t%s", fam[i]);
        strbuf_addch(&sb, '\n');
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        rank++;
        const char *id = (const char *)sqlite3_column_text(st, 0);
        const char *name = (const char *)sqlite3_column_text(st, 1);
        const char *kind = (const char *)sqlite3_column_text(st, 2);
        const char *region = (const char *)sqlite3_column_text(st, 3);
        long held = sqlite3_column_int64(st, 4), open = sqlite3_column_int64(st, 5);
        bool has_rate = sqlite3_column_type(st, 7) != SQLITE_NULL;
        double rate = sqlite3_column_double(st, 7);
        long incidents = sqlite3_column_int64(st, 8), released = sqlite3_column_int64(st, 9),
             again = sqlite3_column_int64(st, 10);
        double re_pct = released > 0 ? 100.0 * (double)again / (double)released : 0;
        char pbuf[32] = "-";
        if (released > 0)
            snprintf(pbuf, sizeof pbuf, "%.1f", re_pct);
        char region_name[160];
        region_label(region, region_name, sizeof region_name);
        json_t *fj = json_loads((const char *)sqlite3_column_text(st, 6), 0, NULL);
        if (!fj)
            fj = json_object();
        if (js) {
            json_t *o = json_pack(
                "{s:i,s:s,s:s,s:s,s:s?,s:I,s:I,s:o,s:O}", "rank", rank, "facility_id", id, "name",
                name, "kind", kind, "region_code", region, "held", (json_int_t)held, "open_leads",
                (json_int_t)open, "per_100",
                has_rate ? json_real(round(rate * 100) / 100) : json_null(), "families", fj);
            json_object_set_new(o, "region_name", json_string(region_name));
            json_object_set_new(o, "incidents_12m", json_integer(incidents));
            json_object_set_new(o, "released", json_integer(released));
            json_object_set_new(o, "reoffended", json_integer(again));
            json_object_set_new(o, "reoffend_pct",
                                released > 0 ? json_real(round(re_pct * 10) / 10) : json_null());
            json_array_append_new(arr, o);
        } else {
            char rbuf[32] = "-";
            if (has_rate)
                snprintf(rbuf, sizeof rbuf, "%.2f", rate);
            if (csv) {
                strbuf_addf(&sb, "%d,", rank);
                strbuf_add_csv(&sb, id);
                strbuf_addch(&sb, ',');
                strbuf_add_csv(&sb, name);
                strbuf_addf(&sb, ",%s,%s,%ld,%ld,%s,%ld,%ld,%ld,%s", kind, region ? region : "",
                            held, open, has_rate ? rbuf : "", incidents, released, again,
                            released > 0 ? pbuf : "");
            } else {
                strbuf_addf(&sb, "%d\t%s\t%s\t%s\t%s\t%ld\t%ld\t%s\t%ld\t%ld\t%ld\t%s%s", rank, id,
                            name, kind, region_name, held, open, rbuf, incidents, released, again,
                            pbuf, released > 0 ? "%" : "");
            }
            for (size_t i = 0; i < n_fam; i++) {
                json_t *v = json_object_get(fj, fam[i]);
                strbuf_addf(&sb, "%c%lld", csv ? ',' : '\t',
                            v ? (long long)json_integer_value(v) : 0LL);
            }
            strbuf_addch(&sb, '\n');
        }
        json_decref(fj);
    }
    if (js) {
        json_t *doc =
            json_pack("{s:s,s:s,s:o}", "model_id", "FAC-01", "as_of", asof, "facilities", arr);
        arr = NULL;
        char *text = json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
        json_decref(doc);
        fprintf(out, "%s\n", text);
        free(text);
    } else {
        fputs(sb.buf ? sb.buf : "", out);
    }
out:
    json_decref(arr);
    for (size_t i = 0; i < n_fam; i++)
        free(fam[i]);
    free(fam);
    strbuf_release(&sb);
    sqlite3_finalize(st);
    sqlite3_finalize(fams);
    return rc;
}

static int duty01_run(const model_ctx *c, lead_sink *s)
{
    return models_second_order_run(c, s);
}

const model_def models_second_order[] = {
    {"DUTY-01", "职务犯罪线索（人员集中）", "second_order", "high", "DUTY-01 刑法第401条、第397条",
     "officer_id",
     "{\"DUTY-01.min_persons\":3,\"DUTY-01.window_months\":24,\"DUTY-01.median_factor\":3}", NULL,
     duty01_run, 0, MODEL_READS_LEADS},
    {0},
};
