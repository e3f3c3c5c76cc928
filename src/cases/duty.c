/*
 * duty.c — the resident office's duty calendar (duty.h, docs/duty-calendar.md).
 */
#include "cases/duty.h"
#include "cases/audit.h"
#include "cases/office.h"
#include "law/law.h"
#include "law/law_json.h"
#include "models/engine.h"
#include "models/model_util.h"
#include "models/timeline.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const freq_ids[] = {"daily", "weekly", "monthly", "batch", "event"};
static const char *const freq_labels[] = {"每日", "每周", "每月", "每批", "即时"};

int duty_frequency_parse(const char *s)
{
    for (int i = 0; s && i < 5; i++)
        if (!strcmp(s, freq_ids[i]))
            return i;
    return -1;
}

const char *duty_frequency_id(enum duty_frequency f)
{
    return (unsigned)f < 5 ? freq_ids[f] : "";
}

const char *duty_frequency_label(enum duty_frequency f)
{
    return (unsigned)f < 5 ? freq_labels[f] : "";
}

const char *duty_state_id(enum duty_state s)
{
    return s == DUTY_DONE ? "done" : s == DUTY_DUE ? "due" : "overdue";
}

void duty_period(enum duty_frequency f, zj_date d, zj_date *start, zj_date *end)
{
    if (f == DUTY_WEEKLY) {
        int dow = (int)(((d % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday: Monday = 0 */
        *start = d - dow;
        *end = *start + 6;
    } else if (f == DUTY_MONTHLY) {
        int y, m, dd;
        date_to_ymd(d, &y, &m, &dd);
        *start = date_from_ymd(y, m, 1);
        *end = date_from_ymd(y, m, date_days_in_month(y, m));
    } else {
        *start = *end = d;
    }
}

enum duty_state duty_status(enum duty_frequency f, zj_date as_of, zj_date last_record,
                            zj_date calendar_start, zj_date *deadline, int *days_late)
{
    zj_date s, e, ps, pe;
    duty_period(f, as_of, &s, &e);
    *days_late = 0;
    *deadline = e;
    if (last_record != ZJ_DATE_NONE && last_record > as_of)
        last_record = ZJ_DATE_NONE; /* not yet done on the as-of day */
    if (last_record != ZJ_DATE_NONE && last_record >= s)
        return DUTY_DONE;
    duty_period(f, s - 1, &ps, &pe);
    bool prev_missed = last_record == ZJ_DATE_NONE || last_record < ps;
    if (calendar_start != ZJ_DATE_NONE && ps >= calendar_start && prev_missed) {
        *deadline = pe;
        *days_late = (int)(as_of - pe);
        return DUTY_OVERDUE;
    }
    return DUTY_DUE;
}

enum duty_state duty_once_status(zj_date due_date, bool done, zj_date as_of, int *days_late)
{
    *days_late = 0;
    if (done)
        return DUTY_DONE;
    if (as_of > due_date) {
        *days_late = (int)(as_of - due_date);
        return DUTY_OVERDUE;
    }
    return DUTY_DUE;
}

static int db_error(sqlite3 *db, zj_diag *d)
{
    if (d && !d->message[0])
        zj_diag_set(d, "", "%s", sqlite3_errmsg(db));
    return ZJ_EDB;
}

static zj_date col_date(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    zj_date v;
    if (!s || strlen(s) < 10 || date_parse(s, 10, &v) != 0)
        return ZJ_DATE_NONE;
    return v;
}

static void add_date(strbuf *out, const char *key, zj_date v)
{
    char b[11];
    strbuf_addf(out, ",\"%s\":", key);
    if (v == ZJ_DATE_NONE)
        strbuf_adds(out, "null");
    else
        strbuf_add_json_str(out, date_format(v, b));
}

static void add_str(strbuf *out, const char *key, const char *v)
{
    strbuf_addf(out, ",\"%s\":", key);
    if (v)
        strbuf_add_json_str(out, v);
    else
        strbuf_adds(out, "null");
}

int duty_today_json(sqlite3 *db, const zj_scope *sc, const char *fac, zj_date as_of, strbuf *out,
                    zj_diag *d)
{
    if (!fac || !*fac) {
        zj_diag_set(d, "facility_id", "name the facility (facility=…)");
        return ZJ_EINVAL;
    }
    int src = scope_check(db, sc, fac, NULL, d);
    if (src)
        return src;
    if (as_of == ZJ_DATE_NONE) {
        zj_diag_set(d, "as_of", "as_of must be a date YYYY-MM-DD");
        return ZJ_EINVAL;
    }
    char asof[11];
    date_format(as_of, asof);
    int rc = ZJ_EDB;
    sqlite3_stmt *cal =
        store_prepare(db, "SELECT min(duty_date) FROM duty_records WHERE facility_id = ?1"
                          " AND duty_date <= ?2");
    sqlite3_stmt *items = store_prepare(
        db, "SELECT i.item_id, i.title, i.frequency, i.record_what,"
            " (SELECT max(r.duty_date) FROM duty_records r WHERE r.item_id = i.item_id"
            "  AND r.facility_id = ?1 AND r.duty_date <= ?2),"
            " (SELECT r.findings FROM duty_records r WHERE r.item_id = i.item_id"
            "  AND r.facility_id = ?1 AND r.duty_date <= ?2 ORDER BY r.duty_date DESC, r.record_id "
            "DESC LIMIT 1)"
            " FROM duty_items i WHERE i.active = 1 AND i.frequency IN ('daily','weekly','monthly')"
            " ORDER BY i.position");
    /* occurrences and rosters without a record, or recorded on as_of */
    sqlite3_stmt *once = store_prepare(
        db, "SELECT 'event', e.event_id, e.item_id, i.title, e.description, e.event_date,"
            " (SELECT max(r.duty_date) FROM duty_records r WHERE r.event_id = e.event_id AND "
            "r.duty_date <= ?2)"
            " FROM duty_events e JOIN duty_items i ON i.item_id = e.item_id"
            " WHERE e.facility_id = ?1 AND e.event_date <= ?2"
            " UNION ALL"
            " SELECT 'batch', p.batch_id, 'roster', (SELECT title FROM duty_items WHERE item_id = "
            "'roster'),"
            " '花名册 ' || coalesce(max(p.roster_no), '') || '（' || count(*) || ' 人）', "
            "max(p.proposal_date),"
            " (SELECT max(r.duty_date) FROM duty_records r WHERE r.roster_batch = p.batch_id"
            "  AND r.facility_id = ?1 AND r.duty_date <= ?2)"
            " FROM proposals p WHERE p.proposer_id = ?1 AND p.batch_id IS NOT NULL"
            " GROUP BY p.batch_id HAVING max(p.proposal_date) <= ?2"
            " ORDER BY 6, 2");
    if (!cal || !items || !once)
        goto cleanup;
    sqlite3_bind_text(cal, 1, fac, -1, SQLITE_STATIC);
    sqlite3_bind_text(cal, 2, asof, -1, SQLITE_STATIC);
    zj_date start = sqlite3_step(cal) == SQLITE_ROW ? col_date(cal, 0) : ZJ_DATE_NONE;
    int n_due = 0, n_overdue = 0;
    strbuf_adds(out, "{\"facility_id\":");
    strbuf_add_json_str(out, fac);
    add_date(out, "as_of", as_of);
    add_date(out, "calendar_start", start);
    strbuf_adds(out, ",\"items\":[");
    sqlite3_bind_text(items, 1, fac, -1, SQLITE_STATIC);
    sqlite3_bind_text(items, 2, asof, -1, SQLITE_STATIC);
    int s, n = 0;
    while ((s = sqlite3_step(items)) == SQLITE_ROW) {
        enum duty_frequency f =
            (enum duty_frequency)duty_frequency_parse((const char *)sqlite3_column_text(items, 2));
        zj_date last = col_date(items, 4), deadline, ps, pe;
        int late;
        enum duty_state st = duty_status(f, as_of, last, start, &deadline, &late);
        duty_period(f, as_of, &ps, &pe);
        n_due += st == DUTY_DUE;
        n_overdue += st == DUTY_OVERDUE;
        strbuf_adds(out, n++ ? ",{\"item_id\":" : "{\"item_id\":");
        strbuf_add_json_str(out, (const char *)sqlite3_column_text(items, 0));
        add_str(out, "title", (const char *)sqlite3_column_text(items, 1));
        add_str(out, "frequency", duty_frequency_id(f));
        add_str(out, "frequency_label", duty_frequency_label(f));
        add_str(out, "record_what", (const char *)sqlite3_column_text(items, 3));
        add_str(out, "state", duty_state_id(st));
        add_date(out, "deadline", deadline);
        strbuf_addf(out, ",\"days_late\":%d", late);
        add_date(out, "last_record", last);
        add_str(out, "last_findings", (const char *)sqlite3_column_text(items, 5));
        add_date(out, "period_start", ps);
        add_date(out, "period_end", pe);
        strbuf_addch(out, '}');
    }
    if (s != SQLITE_DONE)
        goto cleanup;
    strbuf_adds(out, "],\"once\":[");
    sqlite3_bind_text(once, 1, fac, -1, SQLITE_STATIC);
    sqlite3_bind_text(once, 2, asof, -1, SQLITE_STATIC);
    n = 0;
    while ((s = sqlite3_step(once)) == SQLITE_ROW) {
        bool batch = !strcmp((const char *)sqlite3_column_text(once, 0), "batch");
        zj_date day = col_date(once, 5), done = col_date(once, 6);
        if (done != ZJ_DATE_NONE && done != as_of)
            continue;
        zj_date due = batch ? day + DUTY_ROSTER_DAYS : day;
        int late;
        enum duty_state st = duty_once_status(due, done != ZJ_DATE_NONE, as_of, &late);
        n_due += st == DUTY_DUE;
        n_overdue += st == DUTY_OVERDUE;
        strbuf_adds(out, n++ ? ",{\"kind\":" : "{\"kind\":");
        strbuf_add_json_str(out, batch ? "batch" : "event");
        strbuf_addf(out, ",\"ref\":%lld", (long long)sqlite3_column_int64(once, 1));
        add_str(out, "item_id", (const char *)sqlite3_column_text(once, 2));
        add_str(out, "title", (const char *)sqlite3_column_text(once, 3));
        add_str(out, "description", (const char *)sqlite3_column_text(once, 4));
        add_date(out, batch ? "received" : "event_date", day);
        add_date(out, "due", due);
        add_str(out, "state", duty_state_id(st));
        strbuf_addf(out, ",\"days_late\":%d}", late);
    }
    if (s != SQLITE_DONE)
        goto cleanup;
    strbuf_addf(out, "],\"due\":%d,\"overdue\":%d}", n_due, n_overdue);
    rc = 0;
cleanup:
    if (rc)
        db_error(db, d);
    sqlite3_finalize(cal);
    sqlite3_finalize(items);
    sqlite3_finalize(once);
    return rc;
}

/* The item's frequency and family; ZJ_ENOTFOUND when unknown or inactive. */
static int item_of(sqlite3 *db, const char *item, int *freq, char *family, size_t n, zj_diag *d)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT frequency, coalesce(family, '') FROM duty_items"
                                         " WHERE item_id = ? AND active = 1");
    if (!st)
        return db_error(db, d);
    sqlite3_bind_text(st, 1, item ? item : "", -1, SQLITE_STATIC);
    int rc = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *freq = duty_frequency_parse((const char *)sqlite3_column_text(st, 0));
        snprintf(family, n, "%s", (const char *)sqlite3_column_text(st, 1));
    } else {
        zj_diag_set(d, "item_id", "unknown duty item '%s'", item ? item : "");
        rc = ZJ_ENOTFOUND;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Does the occurrence or roster exist at the facility for the item? */
static bool ref_exists(sqlite3 *db, int freq, const char *item, const char *fac, long ref)
{
    sqlite3_stmt *st = store_prepare(
        db,
        freq == DUTY_EVENT
            ? "SELECT 1 FROM duty_events WHERE event_id = ?1 AND facility_id = ?2 AND item_id = ?3"
            : "SELECT 1 FROM proposals WHERE batch_id = ?1 AND proposer_id = ?2 AND ?3 = 'roster' "
              "LIMIT 1");
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, ref);
    sqlite3_bind_text(st, 2, fac, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, item, -1, SQLITE_STATIC);
    bool ok = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return ok;
}

int duty_record_add(sqlite3 *db, const zj_scope *sc, const duty_record_spec *s, const char *actor,
                    long *record_id, long *lead_id, zj_diag *d)
{
    *record_id = 0;
    if (lead_id)
        *lead_id = 0;
    int freq = -1;
    char family[32];
    int rc = scope_check(db, sc, s->facility_id, s->person_id, d);
    if (rc || (rc = item_of(db, s->item_id, &freq, family, sizeof family, d)) != 0)
        return rc;
    if (s->day == ZJ_DATE_NONE) {
        zj_diag_set(d, "date", "a check needs its date");
        return ZJ_EINVAL;
    }
    long ev = freq == DUTY_EVENT ? s->event_id : 0,
         batch = freq == DUTY_BATCH ? s->roster_batch : 0;
    if ((freq == DUTY_EVENT && ev <= 0) || (freq == DUTY_BATCH && batch <= 0)) {
        zj_diag_set(d, freq == DUTY_EVENT ? "event_id" : "roster_batch",
                    "item '%s' is checked per %s: name the %s", s->item_id,
                    freq == DUTY_EVENT ? "occurrence" : "roster",
                    freq == DUTY_EVENT ? "occurrence (event_id)" : "roster (roster_batch)");
        return ZJ_EINVAL;
    }
    if ((ev || batch) && !ref_exists(db, freq, s->item_id, s->facility_id, ev ? ev : batch)) {
        zj_diag_set(d, ev ? "event_id" : "roster_batch", "no %s %ld of '%s' at facility '%s'",
                    ev ? "occurrence" : "roster", ev ? ev : batch, s->item_id, s->facility_id);
        return ZJ_ENOTFOUND;
    }
    bool lead = s->make_lead && s->findings && *s->findings;
    if (s->make_lead && !lead) {
        zj_diag_set(d, "findings", "a lead needs the findings");
        return ZJ_EINVAL;
    }
    bool own;
    if (audit_change_open(db, &own) != 0)
        return db_error(db, d);
    char now[21], day[11];
    office_stamp(now);
    date_format(s->day, day);
    rc = ZJ_EDB;
    sqlite3_stmt *ins = store_prepare(
        db, "INSERT INTO duty_records(item_id, facility_id, duty_date, findings, event_id,"
            " roster_batch, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    sqlite3_stmt *link =
        store_prepare(db, "UPDATE duty_records SET lead_id = ?2 WHERE record_id = ?1");
    if (!ins || !link)
        goto done;
    sqlite3_bind_text(ins, 1, s->item_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 2, s->facility_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 3, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 4, s->findings ? s->findings : "", -1, SQLITE_STATIC);
    if (ev)
        sqlite3_bind_int64(ins, 5, ev);
    if (batch)
        sqlite3_bind_int64(ins, 6, batch);
    sqlite3_bind_text(ins, 7, actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 8, now, -1, SQLITE_STATIC);
    if (sqlite3_step(ins) != SQLITE_DONE)
        goto done;
    *record_id = (long)sqlite3_last_insert_rowid(db);
    if (lead) {
        char subject[48];
        snprintf(subject, sizeof subject, "DUTY-%ld", *record_id);
        strbuf evj = STRBUF_INIT;
        strbuf_addf(&evj, "{\"duty_record_id\":%ld,\"item_id\":", *record_id);
        strbuf_add_json_str(&evj, s->item_id);
        strbuf_adds(&evj, ",\"duty_date\":");
        strbuf_add_json_str(&evj, day);
        strbuf_adds(&evj, ",\"finding\":");
        strbuf_add_json_str(&evj, s->findings);
        strbuf_adds(&evj, "}");
        office_lead_spec spec = {
            .model_id = "DUTY-CHECK",
            .subject = subject,
            .source = "resident",
            .person_id = s->person_id && *s->person_id ? s->person_id : NULL,
            .facility_id = s->facility_id,
            .family = family[0] ? family : NULL,
            .severity = s->severity,
            .summary = s->findings,
            .basis = "派驻检察日常检察发现（人民检察院监狱检察办法、看守所检察办法）",
            .evidence = evj.buf,
        };
        long lid = 0;
        rc = office_lead_add(db, &spec, actor, s->day, &lid, d);
        strbuf_release(&evj);
        if (rc)
            goto done;
        rc = ZJ_EDB;
        sqlite3_bind_int64(link, 1, *record_id);
        sqlite3_bind_int64(link, 2, lid);
        if (sqlite3_step(link) != SQLITE_DONE)
            goto done;
        if (lead_id)
            *lead_id = lid;
    }
    rc = 0;
done:
    if (rc == ZJ_EDB)
        db_error(db, d);
    sqlite3_finalize(ins);
    sqlite3_finalize(link);
    char obj[48];
    snprintf(obj, sizeof obj, "duty:%ld", *record_id);
    rc = audit_change_close(db, own, rc, actor, obj,
                            lead ? "派驻检察日常检察（发现问题转为线索）" : "派驻检察日常检察");
    if (rc) {
        *record_id = 0;
        if (lead_id)
            *lead_id = 0;
    }
    return rc;
}

int duty_event_add(sqlite3 *db, const zj_scope *sc, const char *item, const char *fac, zj_date day,
                   const char *description, const char *person_id, const char *actor,
                   long *event_id, zj_diag *d)
{
    int freq = -1;
    char family[32];
    *event_id = 0;
    int rc = scope_check(db, sc, fac, person_id, d);
    if (rc || (rc = item_of(db, item, &freq, family, sizeof family, d)) != 0)
        return rc;
    if (freq != DUTY_EVENT) {
        zj_diag_set(d, "item_id", "item '%s' is not checked at once (its frequency is %s)", item,
                    duty_frequency_id((enum duty_frequency)freq));
        return ZJ_EINVAL;
    }
    if (!description || !*description || day == ZJ_DATE_NONE) {
        zj_diag_set(d, "description", "an occurrence needs its date and a description");
        return ZJ_EINVAL;
    }
    if (person_id && *person_id && (rc = office_person_link_check(db, fac, person_id, d)) != 0)
        return rc;
    char now[21], b[11];
    office_stamp(now);
    bool own;
    if (audit_change_open(db, &own) != 0)
        return db_error(db, d);
    sqlite3_stmt *st = store_prepare(
        db, "INSERT INTO duty_events(item_id, facility_id, event_date, description, person_id,"
            " reported_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        return audit_change_close(db, own, db_error(db, d), actor, NULL, NULL);
    sqlite3_bind_text(st, 1, item, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, fac, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, date_format(day, b), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, description, -1, SQLITE_STATIC);
    store_bind_text_or_null(st, 5, person_id && *person_id ? person_id : NULL);
    sqlite3_bind_text(st, 6, actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, now, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(db, d);
    sqlite3_finalize(st);
    long id = rc == 0 ? (long)sqlite3_last_insert_rowid(db) : 0;
    char obj[48];
    snprintf(obj, sizeof obj, "duty-event:%ld", id);
    if ((rc = audit_change_close(db, own, rc, actor, obj, "派驻检察即时检察事项")) == 0)
        *event_id = id;
    return rc;
}

/* ------------------------------------------------------------------ roster screening */

struct proposal {
    char id[64], person[64], judgment[64], kind[24], grounds[32], new_penalty[32], leniency[32],
        exam[64];
    zj_date date;
    int red_m, red_d, new_term;
};

/* The model a violation of a proposal belongs to: the change's (chg_violation_model),
 * CHG-08 for property, "CHG" for another. */
static const char *violation_model(const char *kind, const struct law_violation *v)
{
    const char *m = chg_violation_model(!strcmp(kind, "parole"), v);
    return v->kind == LAW_VK_PROPERTY ? "CHG-08" : m ? m : "CHG";
}

typedef struct finding {
    char rule[16], kind[24], model[16], message[LAW_MESSAGE_MAX + 64];
} finding;

/* CHG-08 at the proposal date: a property judgment of the same judgment filed by then,
 * not found unable, not paid or terminated, with payments short of the amount due. */
static int property_findings(const zj_timeline *tl, const struct proposal *p, finding *out, int cap)
{
    int n = 0;
    if (strcmp(p->kind, "commutation") && strcmp(p->kind, "parole"))
        return 0;
    for (size_t i = 0; i < tl->n_prop && n < cap; i++) {
        const tl_property *e = &tl->prop[i];
        if (!e->judgment_id || strcmp(e->judgment_id, p->judgment) || e->unable == 1 ||
            e->filed_date > p->date)
            continue;
        if (e->status && e->status_date != ZJ_DATE_NONE && e->status_date <= p->date &&
            (!strcmp(e->status, "paid") || !strcmp(e->status, "terminated")))
            continue;
        int64_t paid = 0;
        for (size_t k = e->pay_first; k < e->pay_first + e->pay_count; k++)
            if (tl->pay[k].pay_date <= p->date)
                paid += tl->pay[k].amount_fen;
        if (paid >= e->amount_due_fen)
            continue;
        finding *f = &out[n++];
        snprintf(f->rule, sizeof f->rule, "P-03");
        snprintf(f->kind, sizeof f->kind, "property");
        snprintf(f->model, sizeof f->model, "CHG-08");
        snprintf(f->message, sizeof f->message,
                 "财产性判项未履行而提请%s：应执行 %.2f 元，至提请日已履行 %.2f "
                 "元，且未认定确无履行能力",
                 !strcmp(p->kind, "parole") ? "假释" : "减刑", e->amount_due_fen / 100.0,
                 paid / 100.0);
    }
    return n;
}

/* Check one proposal with the law core; fills out[0..*n). */
static int screen_one(sqlite3 *db, const struct proposal *p, finding *out, int cap, int *n,
                      zj_diag *d)
{
    *n = 0;
    zj_timeline tl;
    timeline_init(&tl);
    int rc = engine_person_load(db, p->person, p->date, &tl);
    if (rc) {
        engine_person_release(&tl);
        if (rc == ZJ_ENOTFOUND) {
            finding *f = &out[(*n)++];
            snprintf(f->rule, sizeof f->rule, "-");
            snprintf(f->kind, sizeof f->kind, "data");
            snprintf(f->model, sizeof f->model, "DATA");
            snprintf(f->message, sizeof f->message, "人员 %s 没有可核对的记录", p->person);
            return 0;
        }
        zj_diag_set(d, "person_id", "cannot load person '%s' for proposal '%s'", p->person, p->id);
        return rc;
    }
    int ji = timeline_judgment_index(&tl, p->judgment);
    if (ji < 0 || !tl.figs_ok[ji]) {
        finding *f = &out[(*n)++];
        snprintf(f->rule, sizeof f->rule, "-");
        snprintf(f->kind, sizeof f->kind, "data");
        snprintf(f->model, sizeof f->model, "DATA");
        snprintf(f->message, sizeof f->message, "判决 %s 无法计算刑期，未能审查（请核对判决信息）",
                 p->judgment);
        engine_person_release(&tl);
        return 0;
    }
    struct law_request lr;
    law_case_from_timeline(&tl, (size_t)ji, &lr);
    /* the proposal as the change it asks for, judged on its proposal date; the case's
     * change array has room for one more (law_bridge.c) */
    struct law_change *c = &lr.changes[lr.c.n_changes];
    memset(c, 0, sizeof *c);
    int k = law_change_kind_from_str(p->kind);
    c->kind = k > 0 ? k : LAW_CHG_NONE;
    c->proposal_date = c->decision_date = p->date;
    c->effective_date = ZJ_DATE_NONE;
    c->reduction_months = p->red_m;
    c->reduction_days = p->red_d;
    int g = law_grounds_from_str(p->grounds);
    c->grounds = g > 0 ? g : LAW_GROUNDS_NONE;
    int np = law_penalty_from_str(p->new_penalty);
    c->new_penalty = np < 0 ? LAW_PENALTY_NONE : np;
    c->new_term_months = p->new_term;
    int le = law_leniency_from_str(p->leniency);
    c->leniency = le > 0 ? le : LAW_LENIENCY_NONE;
    for (size_t i = 0; p->exam[0] && i < tl.n_med; i++)
        if (!strcmp(tl.med[i].exam_id, p->exam)) {
            c->diagnosis.present = true;
            c->diagnosis.exam_date = tl.med[i].exam_date;
            c->diagnosis.designated_hospital =
                tl.med[i].hospital && tl.med[i].hospital->designated == 1;
            c->diagnosis.severe_list_item = tl.med[i].severe_list_item != NULL;
        }
    int idx = (int)lr.c.n_changes;
    lr.c.n_changes++;
    lr.c.as_of = p->date;
    struct law_figures *fig = malloc(sizeof *fig);
    if (!fig || law_compute(NULL, &lr.c, fig) != 0) {
        finding *f = &out[(*n)++];
        snprintf(f->rule, sizeof f->rule, "-");
        snprintf(f->kind, sizeof f->kind, "data");
        snprintf(f->model, sizeof f->model, "DATA");
        snprintf(f->message, sizeof f->message, "判决 %s 无法计算刑期，未能审查", p->judgment);
    } else {
        for (size_t i = 0; i < fig->n_violations && *n < cap; i++) {
            const struct law_violation *v = &fig->violations[i];
            if (v->change_index != idx)
                continue;
            finding *f = &out[(*n)++];
            snprintf(f->rule, sizeof f->rule, "%s", law_rule_id(v->rule));
            snprintf(f->kind, sizeof f->kind, "%s", law_violation_kind_id(v->kind));
            snprintf(f->model, sizeof f->model, "%s", violation_model(p->kind, v));
            snprintf(f->message, sizeof f->message, "%s", v->message);
        }
        *n += property_findings(&tl, p, out + *n, cap - *n);
    }
    free(fig);
    law_request_release(&lr);
    engine_person_release(&tl);
    return 0;
}

static void copy_col(char *dst, size_t n, sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    snprintf(dst, n, "%s", s ? s : "");
}

/* The roster of facility fac (or of every facility, NULL) in scope sc: 0 or ZJ_EFORBIDDEN. */
static int roster_in_scope(sqlite3 *db, const zj_scope *sc, const char *fac, zj_diag *d)
{
    if (fac ? !scope_has_facility(db, sc, fac) : sc->kind != SCOPE_COUNTRY) {
        zj_diag_set(d, "facility_id", "facility '%s' is outside your scope", fac ? fac : "");
        return ZJ_EFORBIDDEN;
    }
    return 0;
}

int duty_roster_screen(sqlite3 *db, const zj_scope *sc, long batch, const char *fac,
                       const char *actor, long *n_checked, long *n_flagged, zj_diag *d)
{
    *n_checked = *n_flagged = 0;
    if (roster_in_scope(db, sc, fac, d))
        return ZJ_EFORBIDDEN;
    bool own;
    if (audit_change_open(db, &own) != 0)
        return db_error(db, d);
    sqlite3_stmt *sel = store_prepare(
        db,
        "SELECT proposal_id, person_id, judgment_id, kind, proposal_date, coalesce(grounds, ''),"
        " coalesce(reduction_months, 0), coalesce(reduction_days, 0), coalesce(new_penalty, ''),"
        " coalesce(new_term_months, 0), coalesce(leniency, ''), coalesce(exam_id, '')"
        " FROM proposals p WHERE (?2 IS NULL OR proposer_id = ?2) AND ((?1 > 0 AND batch_id = ?1)"
        " OR (?1 = 0 AND NOT EXISTS (SELECT 1 FROM proposal_checks c"
        " WHERE c.proposal_id = p.proposal_id)))"
        " ORDER BY proposal_id");
    sqlite3_stmt *del = store_prepare(db, "DELETE FROM proposal_checks WHERE proposal_id = ?");
    sqlite3_stmt *ins = store_prepare(db, "INSERT INTO proposal_checks VALUES (?, ?, ?, ?, ?, ?)");
    int rc = ZJ_EDB;
    if (!sel || !del || !ins)
        goto cleanup;
    sqlite3_bind_int64(sel, 1, batch);
    store_bind_text_or_null(sel, 2, fac);
    /* read the proposals first: the law core's loads use the same connection */
    struct proposal *ps = NULL;
    size_t np = 0, cap = 0;
    int s;
    while ((s = sqlite3_step(sel)) == SQLITE_ROW) {
        if (np == cap) {
            cap = cap ? cap * 2 : 64;
            struct proposal *nps = realloc(ps, cap * sizeof *ps);
            if (!nps)
                abort();
            ps = nps;
        }
        struct proposal *p = &ps[np++];
        memset(p, 0, sizeof *p);
        copy_col(p->id, sizeof p->id, sel, 0);
        copy_col(p->person, sizeof p->person, sel, 1);
        copy_col(p->judgment, sizeof p->judgment, sel, 2);
        copy_col(p->kind, sizeof p->kind, sel, 3);
        p->date = col_date(sel, 4);
        copy_col(p->grounds, sizeof p->grounds, sel, 5);
        p->red_m = sqlite3_column_int(sel, 6);
        p->red_d = sqlite3_column_int(sel, 7);
        copy_col(p->new_penalty, sizeof p->new_penalty, sel, 8);
        p->new_term = sqlite3_column_int(sel, 9);
        copy_col(p->leniency, sizeof p->leniency, sel, 10);
        copy_col(p->exam, sizeof p->exam, sel, 11);
    }
    if (s != SQLITE_DONE) {
        free(ps);
        goto cleanup;
    }
    char now[21];
    store_now(now);
    finding fs[16];
    rc = 0;
    for (size_t i = 0; i < np && rc == 0; i++) {
        int nf = 0;
        if (ps[i].date == ZJ_DATE_NONE)
            continue;
        if ((rc = screen_one(db, &ps[i], fs, 16, &nf, d)) != 0)
            break;
        sqlite3_reset(del);
        sqlite3_bind_text(del, 1, ps[i].id, -1, SQLITE_STATIC);
        if (sqlite3_step(del) != SQLITE_DONE) {
            rc = ZJ_EDB;
            break;
        }
        for (int k = 0; k < (nf ? nf : 1) && rc == 0; k++) {
            sqlite3_reset(ins);
            sqlite3_bind_text(ins, 1, ps[i].id, -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 2, nf ? fs[k].rule : "", -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 3, nf ? fs[k].kind : "", -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 4, nf ? fs[k].model : "", -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 5, nf ? fs[k].message : "", -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 6, now, -1, SQLITE_STATIC);
            if (sqlite3_step(ins) != SQLITE_DONE)
                rc = ZJ_EDB;
        }
        (*n_checked)++;
        *n_flagged += nf > 0;
    }
    free(ps);
cleanup:
    if (rc == ZJ_EDB)
        db_error(db, d);
    sqlite3_finalize(sel);
    sqlite3_finalize(del);
    sqlite3_finalize(ins);
    rc =
        audit_change_close(db, own, rc, actor, "duty-roster", "审查提请减刑假释暂予监外执行花名册");
    if (rc)
        *n_checked = *n_flagged = 0;
    return rc;
}

int duty_roster_json(sqlite3 *db, const zj_scope *sc, long batch, const char *fac, strbuf *out,
                     zj_diag *d)
{
    if (roster_in_scope(db, sc, fac, d))
        return ZJ_EFORBIDDEN;
    sqlite3_stmt *st = store_prepare(
        db, "SELECT p.proposal_id, p.person_id, n.name, p.kind, p.proposal_date, p.roster_no,"
            " p.reduction_months, p.reduction_days, p.batch_id, p.proposer_id,"
            " (SELECT count(*) FROM proposal_checks c WHERE c.proposal_id = p.proposal_id)"
            " FROM proposals p LEFT JOIN persons n ON n.person_id = p.person_id"
            " WHERE (?1 = 0 OR p.batch_id = ?1) AND (?2 IS NULL OR p.proposer_id = ?2)"
            " ORDER BY p.batch_id DESC, p.proposal_id");
    sqlite3_stmt *cs = store_prepare(db, "SELECT rule, kind, model_id, message FROM proposal_checks"
                                         " WHERE proposal_id = ? AND rule <> '' ORDER BY rowid");
    int rc = ZJ_EDB;
    if (!st || !cs)
        goto cleanup;
    sqlite3_bind_int64(st, 1, batch);
    store_bind_text_or_null(st, 2, fac);
    strbuf_addch(out, '[');
    int s, n = 0;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        strbuf_adds(out, n++ ? ",{\"proposal_id\":" : "{\"proposal_id\":");
        strbuf_add_json_str(out, (const char *)sqlite3_column_text(st, 0));
        add_str(out, "person_id", (const char *)sqlite3_column_text(st, 1));
        add_str(out, "person_name", (const char *)sqlite3_column_text(st, 2));
        add_str(out, "kind", (const char *)sqlite3_column_text(st, 3));
        add_str(out, "proposal_date", (const char *)sqlite3_column_text(st, 4));
        add_str(out, "roster_no", (const char *)sqlite3_column_text(st, 5));
        strbuf_addf(out, ",\"reduction_months\":%d,\"reduction_days\":%d,\"batch_id\":%lld",
                    sqlite3_column_int(st, 6), sqlite3_column_int(st, 7),
                    (long long)sqlite3_column_int64(st, 8));
        add_str(out, "proposer_id", (const char *)sqlite3_column_text(st, 9));
        strbuf_addf(out, ",\"checked\":%s,\"findings\":[",
                    sqlite3_column_int(st, 10) ? "true" : "false");
        sqlite3_reset(cs);
        sqlite3_bind_text(cs, 1, (const char *)sqlite3_column_text(st, 0), -1, SQLITE_TRANSIENT);
        int k = 0;
        while (sqlite3_step(cs) == SQLITE_ROW) {
            strbuf_adds(out, k++ ? ",{\"rule\":" : "{\"rule\":");
            strbuf_add_json_str(out, (const char *)sqlite3_column_text(cs, 0));
            add_str(out, "kind", (const char *)sqlite3_column_text(cs, 1));
            add_str(out, "model_id", (const char *)sqlite3_column_text(cs, 2));
            add_str(out, "message", (const char *)sqlite3_column_text(cs, 3));
            strbuf_addch(out, '}');
        }
        strbuf_adds(out, "]}");
    }
    if (s != SQLITE_DONE)
        goto cleanup;
    strbuf_addch(out, ']');
    rc = 0;
cleanup:
    if (rc)
        db_error(db, d);
    sqlite3_finalize(st);
    sqlite3_finalize(cs);
    return rc;
}

json_t *duty_items_json(sqlite3 *db)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT item_id, frequency, title, record_what"
                                         " FROM duty_items WHERE active = 1 ORDER BY position");
    if (!st)
        return NULL;
    json_t *arr = json_array();
    while (sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(arr,
                              json_pack("{s:s, s:s, s:s, s:s}", "item_id",
                                        (const char *)sqlite3_column_text(st, 0), "frequency",
                                        (const char *)sqlite3_column_text(st, 1), "title",
                                        (const char *)sqlite3_column_text(st, 2), "record_what",
                                        (const char *)sqlite3_column_text(st, 3)));
    sqlite3_finalize(st);
    return arr;
}
