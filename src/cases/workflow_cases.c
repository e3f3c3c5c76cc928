/*
 * workflow_cases.c — cases under an account's scope: the list, one case with its lead,
 * history and measures, and closing a case.
 */
#include "cases/workflow.h"
#include "cases/workflow_int.h"
#include "cases/audit.h"
#include "store/stmt.h"
#include "store/store.h"

#include <stdio.h>

json_t *cases_list(sqlite3 *db, const zj_scope *sc, const char *status, int page, int per)
{
    per = per < 1 ? 50 : per > 200 ? 200 : per;
    page = page < 1 ? 1 : page;
    sqlite3_stmt *st = store_stmt(
        db,
        "SELECT l.case_id, l.lead_id, l.title, l.person_id, p.name AS person_name, l.facility_id,"
        " f.name AS facility_name, l.family, l.status, l.opened_at, l.opened_by, l.closed_at,"
        " (SELECT count(*) FROM measures m WHERE m.case_id = l.case_id) AS measures,"
        " (SELECT count(*) FROM measures m WHERE m.case_id = l.case_id AND m.sent_date IS NOT NULL"
        " AND m.reply_date IS NULL) AS awaiting_reply"
        " FROM cases l LEFT JOIN persons p ON p.person_id = l.person_id"
        " LEFT JOIN facilities f ON f.facility_id = l.facility_id"
        " WHERE " SCOPE_SQL("l.facility_id",
                            "l.region_code") " AND (?3 IS NULL OR l.status = ?3)"
                                             " ORDER BY l.case_id DESC LIMIT ?4 OFFSET ?5");
    if (!st)
        return NULL;
    scope_bind(st, sc);
    store_bind_text_or_null(st, 3, status);
    sqlite3_bind_int(st, 4, per + 1);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)(page - 1) * per);
    json_t *items = wf_rows_array(st);
    bool more = json_array_size(items) > (size_t)per;
    if (more)
        json_array_remove(items, (size_t)per);
    return json_pack("{s:o, s:i, s:i, s:b}", "items", items, "page", page, "per", per, "more",
                     more);
}

json_t *case_get(sqlite3 *db, const zj_scope *sc, long id, bool mask)
{
    json_t *o = wf_scoped_record(
        db,
        "SELECT l.case_id, l.lead_id, l.title, l.person_id, p.name AS person_name,"
        " p.id_number, l.facility_id, f.name AS facility_name, l.region_code, l.family,"
        " l.status, l.opened_at, l.opened_by, l.closed_at, l.note,"
        " d.model_id, d.summary, d.basis, d.evidence, d.severity, d.last_seen, d.source"
        " FROM cases l LEFT JOIN persons p ON p.person_id = l.person_id"
        " LEFT JOIN facilities f ON f.facility_id = l.facility_id"
        " LEFT JOIN leads d ON d.lead_id = l.lead_id"
        " WHERE l.case_id = ?3 AND " SCOPE_SQL("l.facility_id", "l.region_code"),
        sc, id, mask,
        "SELECT at, actor, action, note FROM case_history WHERE case_id = ? ORDER BY id");
    if (!o)
        return NULL;
    wf_id_rows_member(db, o, "measures",
                      "SELECT m.measure_id, m.kind, m.recipient_id, f.name AS recipient_name,"
                      " m.received_date, m.due_date, m.sent_date, m.reply_deadline,"
                      " m.reply_date, m.reply, m.corrected, m.created_at, m.created_by"
                      " FROM measures m LEFT JOIN facilities f ON f.facility_id = m.recipient_id"
                      " WHERE m.case_id = ? ORDER BY m.measure_id",
                      id);
    return o;
}

int case_close(sqlite3 *db, const zj_scope *sc, long id, const char *actor, const char *note)
{
    if (store_begin(db) != 0)
        return ZJ_EDB;
    int rc = ZJ_EDB;
    char now[21];
    sqlite3_stmt *st =
        store_stmt(db, "UPDATE cases AS l SET status = 'closed', closed_at = ?4,"
                       " note = coalesce(?5, note) WHERE l.case_id = ?3"
                       " AND l.status = 'open' AND " SCOPE_SQL("l.facility_id", "l.region_code"));
    if (!st)
        goto out;
    scope_bind(st, sc);
    sqlite3_bind_int64(st, 3, id);
    sqlite3_bind_text(st, 4, store_now(now), -1, SQLITE_TRANSIENT);
    store_bind_text_or_null(st, 5, note);
    if ((rc = wf_step_done(st)) != 0)
        goto out;
    if (sqlite3_changes(db) == 0) {
        rc = ZJ_ENOTFOUND;
        goto out;
    }
    if ((rc = wf_case_history_add(db, id, actor, "close", note)) != 0)
        goto out;
    char obj[32];
    snprintf(obj, sizeof obj, "case:%ld", id);
    rc = audit_append(db, actor, "change", obj, "close");
out:
    rc = store_end(db, rc);
    return rc;
}
