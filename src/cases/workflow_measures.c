/*
 * workflow_measures.c — the measures of a case: kinds, drafting the document, numbers,
 * issuing and sending, replies, escalation of an oral correction, and the deadlines.
 */
#include "cases/workflow.h"
#include "cases/workflow_int.h"
#include "cases/audit.h"
#include "cases/documents.h"
#include "cases/notice_text.h"
#include "cases/procuratorates.h"
#include "store/stmt.h"
#include "store/store.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *kind, *label;
} measure_kinds[] = {
    {"correction_notice", "纠正违法通知书"},
    {"suggestion", "检察建议书"},
    {"hearing", "检察听证"},
    {"transfer", "移送职务犯罪线索"},
    {"objection", "纠正意见（减刑假释裁定、暂予监外执行决定）"},
    {"oral_correction", "口头纠正"},
    {"investigation", "立案侦查"},
};

const char *measure_kind_label(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof measure_kinds / sizeof measure_kinds[0]; i++)
        if (!strcmp(measure_kinds[i].kind, kind))
            return measure_kinds[i].label;
    return NULL;
}

static bool date_ok(const char *s, zj_date *out)
{
    return s && date_parse(s, (unsigned)strlen(s), out) == 0;
}

/* Keep a version of a measure's document (measure_documents): the draft, each edit, the
 * issued text. */
static int document_version_add(sqlite3 *db, long measure_id, const char *actor, const char *action,
                                const char *text)
{
    char now[21];
    sqlite3_stmt *st = store_stmt(
        db, "INSERT INTO measure_documents(measure_id, version, at, actor, action, document)"
            " VALUES (?1, (SELECT coalesce(max(version), 0) + 1 FROM measure_documents"
            " WHERE measure_id = ?1), ?2, ?3, ?4, ?5)");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, measure_id);
    sqlite3_bind_text(st, 2, store_now(now), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, actor ? actor : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, action, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, text, -1, SQLITE_TRANSIENT);
    return wf_step_done(st);
}

/* 刑事诉讼法第十九条第二款: the 14 crimes of judicial staff the procuratorate investigates
 * itself (最高人民检察院《关于人民检察院立案侦查司法工作人员相关职务犯罪案件若干问题的规定》). */
static const char *const duty_crimes[] = {
    "非法拘禁罪",
    "非法搜查罪",
    "刑讯逼供罪",
    "暴力取证罪",
    "虐待被监管人罪",
    "滥用职权罪",
    "玩忽职守罪",
    "徇私枉法罪",
    "民事、行政枉法裁判罪",
    "执行判决、裁定失职罪",
    "执行判决、裁定滥用职权罪",
    "私放在押人员罪",
    "失职致使在押人员脱逃罪",
    "徇私舞弊减刑、假释、暂予监外执行罪",
};

const char *const *measure_duty_crimes(size_t *n)
{
    *n = sizeof duty_crimes / sizeof duty_crimes[0];
    return duty_crimes;
}

static bool duty_crime_ok(const char *charge)
{
    for (size_t i = 0; charge && i < sizeof duty_crimes / sizeof duty_crimes[0]; i++)
        if (!strcmp(duty_crimes[i], charge))
            return true;
    return false;
}

/* 抄送 of a suggestion: the sending procuratorate's superior and the recipient's. */
static char *copy_list(sqlite3 *db, const zj_procuratorate *sender, const char *recipient)
{
    strbuf cc = STRBUF_INIT;
    zj_procuratorate parent;
    if (sender->parent_id[0] && proc_get(db, sender->parent_id, &parent) == 0)
        strbuf_adds(&cc, parent.name);
    sqlite3_stmt *st = store_stmt(
        db,
        "SELECT s.name FROM facilities r JOIN facilities s ON"
        " (r.kind IN ('prison', 'juvenile_prison') AND s.kind = 'prison_admin'"
        "  AND substr(s.region_code, 1, 2) = substr(r.region_code, 1, 2))"
        " OR (r.kind = 'detention_center' AND s.kind = 'police' AND s.region_code = r.region_code)"
        " OR (r.kind = 'court' AND s.kind = 'court' AND s.facility_id <> r.facility_id"
        "  AND s.region_code = CASE WHEN substr(r.region_code, 5, 2) <> '00'"
        "   THEN substr(r.region_code, 1, 4) || '00' ELSE substr(r.region_code, 1, 2) || '0000' END"
        "  AND substr(r.region_code, 3, 4) <> '0000')"
        " WHERE r.facility_id = ? ORDER BY s.facility_id LIMIT 1");
    if (st && recipient) {
        sqlite3_bind_text(st, 1, recipient, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_ROW)
            strbuf_addf(&cc, "%s%s", cc.len ? "，" : "", store_col(st, 0));
    }
    store_stmt_done(st);
    return strbuf_detach(&cc, NULL);
}

int measure_create(sqlite3 *db, const zj_scope *sc, long case_id, const char *kind,
                   const char *recipient_id, const char *received, const char *actor, zj_date today,
                   long *measure_id, zj_diag *d)
{
    measure_input in = {.kind = kind, .recipient_id = recipient_id, .received = received};
    return measure_add(db, sc, case_id, &in, actor, today, measure_id, d);
}

int measure_add(sqlite3 *db, const zj_scope *sc, long case_id, const measure_input *in,
                const char *actor, zj_date today, long *measure_id, zj_diag *d)
{
    const char *kind = in->kind, *received = in->received, *recipient_id = in->recipient_id;
    if (!measure_kind_label(kind)) {
        zj_diag_set(d, "kind", "unknown measure kind '%s'", kind ? kind : "");
        return ZJ_EINVAL;
    }
    zj_date rd = 0;
    if (received && *received && !date_ok(received, &rd)) {
        zj_diag_set(d, "received_date", "invalid date '%s'", received);
        return ZJ_EINVAL;
    }
    if (!strcmp(kind, "objection") && !rd) {
        zj_diag_set(d, "received_date", "an objection needs the date the ruling was received");
        return ZJ_EINVAL;
    }
    if (!strcmp(kind, "investigation") && !duty_crime_ok(in->charge)) {
        zj_diag_set(d, "charge",
                    "an investigation needs one of the 14 duty crimes of 刑事诉讼法"
                    "第十九条第二款 (e.g. 虐待被监管人罪), not '%s'",
                    in->charge ? in->charge : "");
        return ZJ_EINVAL;
    }
    json_t *c = case_get(db, sc, case_id, false);
    if (!c)
        return ZJ_ENOTFOUND;
    json_t *facts = notice_facts_load(db, c);
    const char *decider = json_string_value(json_object_get(facts, "c.decider_id"));
    /* an objection goes to the body that ruled or decided; the rest to the lead's body */
    const char *recipient = recipient_id && *recipient_id ? recipient_id
                            : !strcmp(kind, "objection") && decider
                                ? decider
                                : json_string_value(json_object_get(c, "facility_id"));
    enum doc_situation sit = document_situation(kind, facts, recipient);
    zj_procuratorate sender;
    int rc =
        proc_for_document(db, actor, json_string_value(json_object_get(c, "region_code")), &sender);
    if (rc == ZJ_EDB)
        goto fail;
    rc = ZJ_EINVAL;
    if (!strcmp(kind, "objection") && sit == SIT_GENERAL) {
        zj_diag_set(d, "kind",
                    "a correction opinion (纠正意见书) is about a commutation, parole or "
                    "temporary-execution ruling; this case's lead has none");
        goto fail;
    }
    /* without procuratorates as data there is no level to compare (docs/documents.md) */
    if (sit == SIT_RULING && sender.id[0]) {
        char reason[600];
        const char *court = json_string_value(json_object_get(facts, "c.decider"));
        const char *court_region = json_string_value(json_object_get(facts, "c.decider_region"));
        if (!proc_same_level_as_court(&sender, court, court_region, reason, sizeof reason)) {
            zj_diag_set(d, "procuratorate", "%s", reason);
            rc = ZJ_EFORBIDDEN;
            goto fail;
        }
    }
    char due[11] = "";
    if (sit == SIT_RULING)
        /* 刑事诉讼法第274条: within 20 days of receiving the ruling; the day of receipt is
         * not counted (刑事诉讼法第105条), so the last day is received + 20. */
        date_format(rd + OBJECTION_DAYS, due);
    else if (sit == SIT_TEMP_DECISION && rd)
        date_format(date_add_months(rd, 1), due); /* 刑事诉讼法第267条: one month */
    else if (sit == SIT_PROPOSAL && rd)
        date_format(rd + PROPOSAL_DAYS, due); /* 规则第635条: ten days */
    else if (!strcmp(kind, "oral_correction"))
        date_format(today + ORAL_FOLLOW_UP_DAYS, due); /* 规则第624条: seven days */
    if (store_begin(db) != 0) {
        rc = ZJ_EDB;
        goto fail;
    }
    char now[21];
    long mid = 0;
    sqlite3_stmt *st = store_stmt(
        db, "INSERT INTO measures(case_id, kind, recipient_id, received_date, due_date, created_at,"
            " created_by, procuratorate_id, situation, charge, parent_measure_id)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    rc = ZJ_EDB;
    if (!st)
        goto out;
    sqlite3_bind_int64(st, 1, case_id);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_TRANSIENT);
    store_bind_text_or_null(st, 3, recipient);
    store_bind_text_or_null(st, 4, rd ? received : NULL);
    store_bind_text_or_null(st, 5, due[0] ? due : NULL);
    sqlite3_bind_text(st, 6, store_now(now), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 7, actor, -1, SQLITE_TRANSIENT);
    store_bind_text_or_null(st, 8, sender.id[0] ? sender.id : NULL);
    sqlite3_bind_text(st, 9, document_situation_name(sit), -1, SQLITE_STATIC);
    store_bind_text_or_null(st, 10, in->charge);
    if (in->parent_measure_id > 0)
        sqlite3_bind_int64(st, 11, in->parent_measure_id);
    if ((rc = wf_step_done(st)) != 0)
        goto out;
    mid = (long)sqlite3_last_insert_rowid(db);
    /* the recipient's name and kind for the document */
    char *rname = NULL, *rkind = NULL;
    st = store_stmt(db, "SELECT name, kind FROM facilities WHERE facility_id = ?");
    if (st && recipient) {
        sqlite3_bind_text(st, 1, recipient, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_ROW) {
            rname = xstrdup(store_col(st, 0));
            rkind = xstrdup(store_col(st, 1));
        }
    }
    store_stmt_done(st);
    char *cc = !strcmp(kind, "suggestion") ? copy_list(db, &sender, recipient) : NULL;
    doc_request rq = {.facts = facts,
                      .kind = kind,
                      .sender = &sender,
                      .recipient_name = rname ? rname : recipient,
                      .recipient_kind = rkind,
                      .situation = sit,
                      .cc = cc,
                      .charge = in->charge,
                      .parent_date = in->parent_date,
                      .today = today};
    json_t *doc = document_draft(&rq);
    free(rname);
    free(rkind);
    free(cc);
    char *text = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    st = store_stmt(db, "UPDATE measures SET document = ? WHERE measure_id = ?");
    if (!st) {
        free(text);
        rc = ZJ_EDB;
        goto out;
    }
    sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, mid);
    rc = wf_step_done(st);
    if (rc == 0)
        rc = document_version_add(db, mid, actor, "draft", text);
    free(text);
    if (rc != 0)
        goto out;
    char note[160], obj[32];
    snprintf(note, sizeof note, "新建%s（措施 %ld）", measure_kind_label(kind), mid);
    if ((rc = wf_case_history_add(db, case_id, actor, "measure", note)) != 0)
        goto out;
    snprintf(obj, sizeof obj, "measure:%ld", mid);
    rc = audit_append(db, actor, "change", obj, kind);
out:
    if ((rc = store_end(db, rc)) == 0)
        *measure_id = mid;
fail:
    json_decref(facts);
    json_decref(c);
    return rc;
}

int measure_escalate(sqlite3 *db, const zj_scope *sc, long id, const char *actor, zj_date today,
                     long *notice_id, zj_diag *d)
{
    json_t *m = measure_get(db, sc, id);
    if (!m)
        return ZJ_ENOTFOUND;
    int rc = ZJ_ECONFLICT;
    const char *kind = json_string_value(json_object_get(m, "kind"));
    if (strcmp(kind, "oral_correction") != 0) {
        zj_diag_set(d, "kind", "only an oral correction turns into a correction notice");
        goto done;
    }
    if (json_integer_value(json_object_get(m, "corrected")) == 1) {
        zj_diag_set(d, "corrected", "the oral correction was complied with");
        goto done;
    }
    sqlite3_stmt *st =
        store_stmt(db, "SELECT measure_id FROM measures WHERE parent_measure_id = ?");
    long child = 0;
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW)
            child = (long)sqlite3_column_int64(st, 0);
        store_stmt_done(st);
    }
    if (child) {
        zj_diag_set(d, "", "measure %ld already followed it", child);
        goto done;
    }
    char oral_date[11];
    snprintf(oral_date, sizeof oral_date, "%.10s",
             json_string_value(json_object_get(m, "created_at")));
    measure_input in = {.kind = "correction_notice",
                        .recipient_id = json_string_value(json_object_get(m, "recipient_id")),
                        .parent_measure_id = id,
                        .parent_date = oral_date};
    rc = measure_add(db, sc, (long)json_integer_value(json_object_get(m, "case_id")), &in, actor,
                     today, notice_id, d);
done:
    json_decref(m);
    return rc;
}

/* The deadlines of measure m that the law (or the procuratorate) sets, computed:
 * [{what, date, basis}]. */
static json_t *measure_deadlines(json_t *m)
{
    json_t *a = json_array();
    const char *sit = json_string_value(json_object_get(m, "situation"));
    const char *kind = json_string_value(json_object_get(m, "kind"));
    const char *due = json_string_value(json_object_get(m, "due_date"));
    const char *sent = json_string_value(json_object_get(m, "sent_date"));
    const char *reply = json_string_value(json_object_get(m, "reply_deadline"));
    if (!sit)
        sit = "";
    if (due && !strcmp(kind, "oral_correction"))
        json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "what",
                                           "口头纠正后跟踪：逾期未纠正的发出纠正违法通知书", "date",
                                           due, "basis", "人民检察院刑事诉讼规则第624条（七日）"));
    else if (due && !strcmp(sit, "ruling"))
        json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "what", "向人民法院提出书面纠正意见",
                                           "date", due, "basis",
                                           "刑事诉讼法第274条（收到裁定书副本后二十日以内）"));
    else if (due && !strcmp(sit, "temp_decision"))
        json_array_append_new(
            a, json_pack("{s:s, s:s, s:s}", "what", "将书面意见送交决定或者批准机关", "date", due,
                         "basis", "刑事诉讼法第267条、规则第632条（接到通知之日起一个月以内）"));
    else if (due && !strcmp(sit, "proposal"))
        json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "what",
                                           "向审理的人民法院提出书面检察意见", "date", due, "basis",
                                           "规则第635条（收到建议书副本后十日以内）"));
    zj_date sd;
    if (sent && !strcmp(sit, "ruling") && date_ok(sent, &sd)) {
        char d[11];
        date_format(date_add_months(sd, 1), d);
        json_array_append_new(
            a, json_pack("{s:s, s:s, s:s}", "what", "人民法院重新组成合议庭审理并作出最终裁定",
                         "date", d, "basis", "刑事诉讼法第274条（收到纠正意见后一个月以内）"));
    }
    if (reply)
        json_array_append_new(
            a, json_pack("{s:s, s:s, s:s}", "what", "被监督单位书面回复", "date", reply, "basis",
                         !strcmp(kind, "suggestion") ? "检察建议书：两个月"
                                                     : "本院设定的回复期限（地方做法，非法定）"));
    return a;
}

json_t *measure_get(sqlite3 *db, const zj_scope *sc, long id)
{
    json_t *o = wf_scoped_row(
        db,
        "SELECT m.measure_id, m.case_id, m.kind, m.recipient_id, f.name AS recipient_name,"
        " f.kind AS recipient_kind, m.received_date, m.due_date, m.sent_date, m.reply_deadline,"
        " m.reply_date, m.reply, m.corrected, m.document, m.created_at, m.created_by,"
        " m.procuratorate_id, pr.name AS procuratorate_name, m.issued_date, m.doc_year,"
        " m.doc_seq, m.parent_measure_id, m.situation, m.charge, l.title AS case_title, "
        "l.person_id,"
        " l.facility_id, l.lead_id,"
        " (SELECT n.measure_id FROM measures n WHERE n.parent_measure_id = m.measure_id"
        "  ORDER BY n.measure_id LIMIT 1) AS followed_by"
        " FROM measures m JOIN cases l ON l.case_id = m.case_id"
        " LEFT JOIN facilities f ON f.facility_id = m.recipient_id"
        " LEFT JOIN procuratorates pr ON pr.procuratorate_id = m.procuratorate_id"
        " WHERE m.measure_id = ?3 AND " SCOPE_SQL("l.facility_id", "l.region_code"),
        sc, id);
    if (o) {
        wf_parse_member(o, "document");
        json_object_set_new(o, "deadlines", measure_deadlines(o));
        json_object_set_new(
            o, "kind_label",
            json_string(measure_kind_label(json_string_value(json_object_get(o, "kind")))));
        wf_id_rows_member(db, o, "versions",
                          "SELECT version, at, actor, action FROM"
                          " measure_documents WHERE measure_id = ?"
                          " ORDER BY version",
                          id);
    }
    return o;
}

json_t *measure_document_version(sqlite3 *db, const zj_scope *sc, long id, int version)
{
    json_t *m = measure_get(db, sc, id);
    if (!m)
        return NULL;
    json_decref(m);
    sqlite3_stmt *st = store_stmt(db, "SELECT document FROM measure_documents"
                                      " WHERE measure_id = ? AND version = ?");
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, version);
    json_t *doc = NULL;
    if (sqlite3_step(st) == SQLITE_ROW)
        doc = json_loads(store_col(st, 0), 0, NULL);
    store_stmt_done(st);
    return doc;
}

static const char *opt_str(json_t *in, const char *key, bool *present)
{
    json_t *v = json_object_get(in, key);
    *present = v != NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Give the measure its number in the year of date and write number and date into doc
 * (inside the caller's transaction). */
static int measure_issue(sqlite3 *db, json_t *m, json_t *doc, zj_date date)
{
    const char *kind = json_string_value(json_object_get(m, "kind"));
    const char *nk = document_number_kind(kind);
    const char *pid = json_string_value(json_object_get(m, "procuratorate_id"));
    int y, mo, d;
    date_to_ymd(date, &y, &mo, &d);
    long seq = 0;
    zj_procuratorate p = {0};
    if (pid && proc_get(db, pid, &p) == ZJ_EDB)
        return ZJ_EDB;
    if (nk) {
        int rc = proc_number_take(db, pid ? pid : "", y, nk, &seq);
        if (rc)
            return rc;
        char number[160];
        proc_number_format(&p, nk, y, seq, number, sizeof number);
        json_object_set_new(doc, "number", json_string(number));
    }
    char cn[48], iso[11];
    snprintf(cn, sizeof cn, "%d年%d月%d日", y, mo, d);
    json_object_set_new(doc, "date", json_string(cn));
    sqlite3_stmt *st = store_stmt(db, "UPDATE measures SET issued_date = ?2, doc_year = ?3,"
                                      " doc_seq = ?4 WHERE measure_id = ?1");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, json_integer_value(json_object_get(m, "measure_id")));
    sqlite3_bind_text(st, 2, date_format(date, iso), -1, SQLITE_TRANSIENT);
    if (nk) {
        sqlite3_bind_int(st, 3, y);
        sqlite3_bind_int64(st, 4, seq);
    }
    return wf_step_done(st);
}

/* The reply deadline of a measure sent on sd into deadline ("" when none). */
static void reply_deadline(sqlite3 *db, json_t *m, zj_date sd, char deadline[11])
{
    const char *kind = json_string_value(json_object_get(m, "kind"));
    const char *pid = json_string_value(json_object_get(m, "procuratorate_id"));
    zj_procuratorate p = {.reply_days = MEASURE_REPLY_DAYS};
    if (pid)
        proc_get(db, pid, &p);
    deadline[0] = 0;
    if (!strcmp(kind, "correction_notice"))
        date_format(sd + (p.reply_days > 0 ? p.reply_days : MEASURE_REPLY_DAYS), deadline);
    else if (!strcmp(kind, "suggestion"))
        date_format(date_add_months(sd, SUGGESTION_REPLY_MONTHS), deadline);
}

int measure_update(sqlite3 *db, const zj_scope *sc, long id, json_t *in, const char *actor,
                   zj_diag *d)
{
    json_t *m = measure_get(db, sc, id);
    if (!m)
        return ZJ_ENOTFOUND;
    int rc = ZJ_EINVAL;
    bool has_doc, has_sent, has_rdate, has_reply, has_issue;
    json_t *doc = json_object_get(in, "document");
    has_doc = doc != NULL;
    const char *sent = opt_str(in, "sent_date", &has_sent);
    const char *rdate = opt_str(in, "reply_date", &has_rdate);
    const char *reply = opt_str(in, "reply", &has_reply);
    const char *issue = opt_str(in, "issue", &has_issue);
    json_t *corrected = json_object_get(in, "corrected");
    zj_date sd = 0, rpd = 0, isd = 0;
    char deadline[11] = "";
    char *doc_text = NULL;
    json_t *newdoc = NULL;
    bool was_sent = json_is_string(json_object_get(m, "sent_date"));
    bool was_issued = json_is_string(json_object_get(m, "issued_date"));
    if (has_doc) {
        if (!json_is_object(doc) || document_validate(doc, d) != 0)
            goto done;
        if (was_sent) {
            zj_diag_set(d, "document", "the document was sent on %s and cannot be changed",
                        json_string_value(json_object_get(m, "sent_date")));
            rc = ZJ_ECONFLICT;
            goto done;
        }
    }
    if (has_issue && !date_ok(issue, &isd)) {
        zj_diag_set(d, "issue", "invalid date '%s'", issue ? issue : "");
        goto done;
    }
    if (has_issue && was_issued) {
        zj_diag_set(d, "issue", "the document was issued on %s",
                    json_string_value(json_object_get(m, "issued_date")));
        rc = ZJ_ECONFLICT;
        goto done;
    }
    if (has_sent) {
        if (!date_ok(sent, &sd)) {
            zj_diag_set(d, "sent_date", "invalid date '%s'", sent ? sent : "");
            goto done;
        }
        reply_deadline(db, m, sd, deadline);
    }
    if (has_rdate && !date_ok(rdate, &rpd)) {
        zj_diag_set(d, "reply_date", "invalid date '%s'", rdate ? rdate : "");
        goto done;
    }
    if (corrected && !json_is_boolean(corrected) && !json_is_null(corrected)) {
        zj_diag_set(d, "corrected", "corrected must be true, false or null");
        goto done;
    }
    if (!has_doc && !has_sent && !has_rdate && !has_reply && !corrected && !has_issue) {
        zj_diag_set(d, "",
                    "nothing to change (document, issue, sent_date, reply_date, reply,"
                    " corrected)");
        goto done;
    }
    /* sending a document that was never issued issues it on the day it is sent */
    bool issuing = !was_issued && (has_issue || (has_sent && !was_sent));
    if (issuing && !has_issue)
        isd = sd;
    if (has_doc || issuing) {
        newdoc = json_deep_copy(has_doc ? doc : json_object_get(m, "document"));
        if (!json_is_object(newdoc)) {
            json_decref(newdoc);
            newdoc = json_object();
        }
        /* the number is the register's, never typed */
        json_t *old = json_object_get(json_object_get(m, "document"), "number");
        if (json_is_string(old))
            json_object_set(newdoc, "number", old);
    }
    if (store_begin(db) != 0) {
        rc = ZJ_EDB;
        goto done;
    }
    rc = 0;
    if (issuing)
        rc = measure_issue(db, m, newdoc, isd);
    if (rc == 0 && newdoc) {
        doc_text = json_dumps(newdoc, JSON_COMPACT);
        if (has_doc)
            rc = document_version_add(db, id, actor, "edit", doc_text);
        if (rc == 0 && issuing)
            rc = document_version_add(db, id, actor, "issue", doc_text);
    }
    sqlite3_stmt *st =
        rc ? NULL
           : store_stmt(
                 db,
                 "UPDATE measures SET document = CASE WHEN ?2 THEN ?3 ELSE document END,"
                 " sent_date = CASE WHEN ?4 THEN ?5 ELSE sent_date END,"
                 " reply_deadline = CASE WHEN ?4 THEN ?6 ELSE reply_deadline END,"
                 " reply_date = CASE WHEN ?7 THEN ?8 ELSE reply_date END,"
                 " reply = CASE WHEN ?9 THEN ?10 ELSE reply END,"
                 " corrected = CASE WHEN ?11 THEN ?12 ELSE corrected END WHERE measure_id = ?1");
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, doc_text != NULL);
        store_bind_text_or_null(st, 3, doc_text);
        sqlite3_bind_int(st, 4, has_sent);
        store_bind_text_or_null(st, 5, sent);
        store_bind_text_or_null(st, 6, deadline);
        sqlite3_bind_int(st, 7, has_rdate);
        store_bind_text_or_null(st, 8, rdate);
        sqlite3_bind_int(st, 9, has_reply);
        store_bind_text_or_null(st, 10, reply);
        sqlite3_bind_int(st, 11, corrected != NULL);
        if (json_is_boolean(corrected))
            sqlite3_bind_int(st, 12, json_is_true(corrected));
        rc = wf_step_done(st);
    } else if (rc == 0) {
        rc = ZJ_EDB;
    }
    char note[320], obj[32];
    snprintf(note, sizeof note, "措施 %ld：%s%s%s%s%s", id, has_doc ? "修改文书 " : "",
             issuing ? "签发编号 " : "", has_sent ? "送达 " : "",
             has_rdate || has_reply ? "回复 " : "", corrected ? "整改认定 " : "");
    if (issuing && json_is_string(json_object_get(newdoc, "number")))
        snprintf(note + strlen(note), sizeof note - strlen(note), "（%s）",
                 json_string_value(json_object_get(newdoc, "number")));
    if (rc == 0)
        rc = wf_case_history_add(db, (long)json_integer_value(json_object_get(m, "case_id")), actor,
                                 "measure", note);
    snprintf(obj, sizeof obj, "measure:%ld", id);
    if (rc == 0)
        rc = audit_append(db, actor, "change", obj, note);
    rc = store_end(db, rc);
done:
    free(doc_text);
    json_decref(newdoc);
    json_decref(m);
    return rc;
}

json_t *measures_due(sqlite3 *db, const zj_scope *sc, zj_date today, bool overdue_only)
{
    char td[11], warn[11];
    date_format(today, td);
    date_format(today + WARN_DAYS, warn);
    sqlite3_stmt *st = store_stmt(
        db,
        "SELECT * FROM (SELECT m.measure_id, m.case_id, l.title AS case_title, l.person_id, m.kind,"
        " m.recipient_id, f.name AS recipient_name, m.sent_date,"
        " CASE WHEN m.kind = 'oral_correction' THEN 'follow_up'"
        " WHEN m.sent_date IS NULL AND m.due_date IS NOT NULL THEN 'send' ELSE 'reply' END"
        " AS waiting,"
        " CASE WHEN m.sent_date IS NULL AND m.due_date IS NOT NULL THEN m.due_date"
        " ELSE m.reply_deadline END AS deadline"
        " FROM measures m JOIN cases l ON l.case_id = m.case_id"
        " LEFT JOIN facilities f ON f.facility_id = m.recipient_id"
        " WHERE " SCOPE_SQL(
            "l.facility_id",
            "l.region_code") " AND ((m.kind = 'oral_correction' AND m.corrected IS NOT 1 AND "
                             "m.due_date IS NOT NULL"
                             "  AND NOT EXISTS (SELECT 1 FROM measures n WHERE n.parent_measure_id "
                             "= m.measure_id))"
                             " OR (m.kind <> 'oral_correction' AND m.sent_date IS NULL AND "
                             "m.due_date IS NOT NULL)"
                             " OR (m.reply_deadline IS NOT NULL AND m.reply_date IS NULL)))"
                             " WHERE (?5 = 1 AND deadline < ?3) OR (?5 = 0 AND deadline <= ?4)"
                             " ORDER BY deadline LIMIT 500");
    if (!st)
        return json_array();
    scope_bind(st, sc);
    sqlite3_bind_text(st, 3, td, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, warn, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 5, overdue_only ? 1 : 0);
    json_t *a = wf_rows_array(st);
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v)
    {
        zj_date dl;
        const char *s = json_string_value(json_object_get(v, "deadline"));
        if (date_ok(s, &dl))
            json_object_set_new(v, "days_left", json_integer(dl - today));
        json_object_set_new(
            v, "kind_label",
            json_string(measure_kind_label(json_string_value(json_object_get(v, "kind")))));
    }
    return a;
}
