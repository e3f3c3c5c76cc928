/*
 * workflow.c — the rows helpers that the workflow files share (workflow_int.h) and the
 * person's page. The workflow is split along its objects: workflow_leads.c (lists,
 * exports, the lead state machine), workflow_cases.c, workflow_measures.c and
 * workflow_overview.c. Every statement that returns persons, leads, cases or measures
 * binds the scope to ?1/?2 (scope.h).
 */
#include "cases/workflow.h"
#include "cases/workflow_int.h"
#include "law/law.h"
#include "store/stmt.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every column of the current row as a member named after the column. */
json_t *wf_row_object(sqlite3_stmt *st)
{
    json_t *o = json_object();
    int n = sqlite3_column_count(st);
    for (int i = 0; i < n; i++) {
        const char *name = sqlite3_column_name(st, i);
        json_t *v;
        switch (sqlite3_column_type(st, i)) {
        case SQLITE_INTEGER:
            v = json_integer(sqlite3_column_int64(st, i));
            break;
        case SQLITE_FLOAT:
            v = json_real(sqlite3_column_double(st, i));
            break;
        case SQLITE_NULL:
            v = json_null();
            break;
        default:
            v = json_string(store_col(st, i));
            if (!v) /* not valid UTF-8 */
                v = json_string("");
        }
        json_object_set_new(o, name, v);
    }
    return o;
}

/* All remaining rows of st as an array; resets st. */
json_t *wf_rows_array(sqlite3_stmt *st)
{
    json_t *a = json_array();
    while (sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(a, wf_row_object(st));
    store_stmt_done(st);
    return a;
}

void workflow_mask_id(const char *id, char *out, size_t n)
{
    size_t len = id ? strlen(id) : 0;
    if (len < 10) {
        snprintf(out, n, "%s", len ? "********" : "");
        return;
    }
    snprintf(out, n, "%.6s%.*s%s", id, (int)(len - 10), "********************", id + len - 4);
}

void wf_mask_member(json_t *o, const char *key, bool mask)
{
    json_t *v = json_object_get(o, key);
    if (!mask || !json_is_string(v))
        return;
    char buf[40];
    workflow_mask_id(json_string_value(v), buf, sizeof buf);
    json_object_set_new(o, key, json_string(buf));
}

/* Parse a JSON text member into a value (string kept when it is not JSON). */
void wf_parse_member(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v))
        return;
    json_t *p = json_loads(json_string_value(v), JSON_DECODE_ANY, NULL);
    if (p)
        json_object_set_new(o, key, p);
}

/* The row of a scoped statement whose ?3 is the id (NULL when none is in scope). */
json_t *wf_scoped_row(sqlite3 *db, const char *sql, const zj_scope *sc, long id)
{
    sqlite3_stmt *st = store_stmt(db, sql);
    if (!st)
        return NULL;
    scope_bind(st, sc);
    sqlite3_bind_int64(st, 3, id);
    json_t *o = NULL;
    if (sqlite3_step(st) == SQLITE_ROW)
        o = wf_row_object(st);
    store_stmt_done(st);
    return o;
}

json_t *wf_scoped_record(sqlite3 *db, const char *sql, const zj_scope *sc, long id, bool mask,
                         const char *history_sql)
{
    json_t *o = wf_scoped_row(db, sql, sc, id);
    if (!o)
        return NULL;
    wf_parse_member(o, "evidence");
    wf_mask_member(o, "id_number", mask);
    wf_id_rows_member(db, o, "history", history_sql, id);
    return o;
}

/* The rows of a statement whose ?1 is the id, as member key of o. */
void wf_id_rows_member(sqlite3 *db, json_t *o, const char *key, const char *sql, long id)
{
    sqlite3_stmt *st = store_stmt(db, sql);
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        json_object_set_new(o, key, wf_rows_array(st));
    }
}

int wf_step_done(sqlite3_stmt *st)
{
    int r = sqlite3_step(st);
    store_stmt_done(st);
    return r == SQLITE_DONE ? 0 : ZJ_EDB;
}

/* Append a history row: ?1 the lead or case id, ?2 now, then the texts from ?3 on (the
 * last one, the note, NULL when empty). */
int wf_history_insert(sqlite3 *db, const char *sql, long id, const char *const *texts, int n)
{
    char now[21];
    sqlite3_stmt *st = store_stmt(db, sql);
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, store_now(now), -1, SQLITE_TRANSIENT);
    for (int i = 0; i < n - 1; i++)
        sqlite3_bind_text(st, 3 + i, texts[i], -1, SQLITE_TRANSIENT);
    store_bind_text_or_null(st, 2 + n, texts[n - 1]);
    return wf_step_done(st);
}

int wf_case_history_add(sqlite3 *db, long case_id, const char *actor, const char *action,
                        const char *note)
{
    const char *v[] = {actor, action, note};
    return wf_history_insert(db,
                             "INSERT INTO case_history(case_id, at, actor, action, note)"
                             " VALUES (?,?,?,?,?)",
                             case_id, v, 3);
}

/* ---- persons ---- */

static json_t *person_rows(sqlite3 *db, const char *sql, const char *pid)
{
    sqlite3_stmt *st = store_stmt(db, sql);
    if (!st)
        return json_array();
    sqlite3_bind_text(st, 1, pid, -1, SQLITE_TRANSIENT);
    return wf_rows_array(st);
}

/* law.md §16 T-10: each commutation and parole gets the SPC provisions in force on its
 * decision date (its proposal date when undecided): `rule_set` ("SPC-2012") and
 * `rule_set_name` ("2012年减刑假释规定"; none before 1997-11-08). */
static void add_rule_sets(json_t *changes)
{
    size_t i;
    json_t *c;
    json_array_foreach(changes, i, c)
    {
        const char *kind = json_string_value(json_object_get(c, "kind"));
        if (!kind || (strcmp(kind, "commutation") && strcmp(kind, "parole")))
            continue;
        const char *d = json_string_value(json_object_get(c, "decision_date"));
        if (!d)
            d = json_string_value(json_object_get(c, "proposal_date"));
        zj_date day;
        if (!d || date_parse(d, strlen(d), &day) != 0)
            continue;
        enum law_rule_set rs = law_rule_set_at(day);
        json_object_set_new(c, "rule_set", json_string(law_rule_set_id(rs)));
        json_object_set_new(c, "rule_set_name", json_string(law_rule_set_applied(rs)));
    }
}

json_t *person_get(sqlite3 *db, const zj_scope *sc, const char *pid, bool mask)
{
    sqlite3_stmt *st = store_stmt(
        db, "SELECT person_id, id_number, name, gender, birth_date"
            " FROM persons p WHERE p.person_id = ?3 AND " SCOPE_PERSON_SQL("p.person_id"));
    if (!st)
        return NULL;
    scope_bind(st, sc);
    sqlite3_bind_text(st, 3, pid, -1, SQLITE_TRANSIENT);
    json_t *o = NULL;
    if (sqlite3_step(st) == SQLITE_ROW)
        o = wf_row_object(st);
    store_stmt_done(st);
    if (!o)
        return NULL;
    wf_mask_member(o, "id_number", mask);
    json_object_set_new(
        o, "judgments",
        person_rows(db,
                    "SELECT j.judgment_id, j.case_no, j.court_id, f.name AS court_name, j.charges,"
                    " j.offense_date, j.judgment_date, j.effective_date, j.penalty, j.term_months,"
                    " j.term_days, j.probation_months, j.dpr_months FROM judgments j"
                    " LEFT JOIN facilities f ON f.facility_id = j.court_id WHERE j.person_id = ?1"
                    " ORDER BY j.effective_date",
                    pid));
    json_object_set_new(
        o, "custody",
        person_rows(
            db,
            "SELECT c.event_id, c.facility_id, f.name AS facility_name, c.event_type, c.event_date,"
            " c.note FROM custody c LEFT JOIN facilities f ON f.facility_id = c.facility_id"
            " WHERE c.person_id = ?1 ORDER BY c.event_date",
            pid));
    json_object_set_new(
        o, "changes",
        person_rows(
            db,
            "SELECT s.change_id, s.kind, s.proposal_date, s.decision_date, s.effective_date,"
            " s.grounds, s.reduction_months, s.reduction_days, s.new_penalty, s.decider_id,"
            " f.name AS decider_name FROM sentence_changes s LEFT JOIN facilities f"
            " ON f.facility_id = s.decider_id WHERE s.person_id = ?1 ORDER BY s.decision_date",
            pid));
    add_rule_sets(json_object_get(o, "changes"));
    json_object_set_new(
        o, "corrections",
        person_rows(
            db,
            "SELECT cc_id, agency_id, basis, order_date, report_date, start_date, end_date, status"
            " FROM corrections WHERE person_id = ?1 ORDER BY order_date",
            pid));
    json_object_set_new(
        o, "incidents",
        person_rows(
            db,
            "SELECT i.incident_id, i.incident_date, i.kind, i.injury, i.item, i.source, i.cell_id,"
            " i.case_filed_date, i.transferred_date, i.facility_id, f.name AS facility_name, x.role"
            " FROM incident_persons x JOIN incidents i ON i.incident_id = x.incident_id"
            " LEFT JOIN facilities f ON f.facility_id = i.facility_id WHERE x.person_id = ?1"
            " ORDER BY i.incident_date, i.incident_id",
            pid));
    json_object_set_new(
        o, "labour",
        person_rows(db,
                    "SELECT record_id, facility_id, month, hours, rest_days FROM labour"
                    " WHERE person_id = ?1 ORDER BY month, record_id",
                    pid));
    json_object_set_new(
        o, "release_prep",
        person_rows(
            db,
            "SELECT record_id, facility_id, kind, event_date, receiver_region FROM release_prep"
            " WHERE person_id = ?1 ORDER BY event_date, record_id",
            pid));
    st = store_stmt(db,
                    "SELECT l.lead_id, l.model_id, l.subject, l.severity, l.status,"
                    " l.first_seen, l.summary FROM leads l WHERE l.person_id = ?3 AND " SCOPE_SQL(
                        "l.facility_id", "l.region_code") " ORDER BY l.first_seen");
    if (st) {
        scope_bind(st, sc);
        sqlite3_bind_text(st, 3, pid, -1, SQLITE_TRANSIENT);
        json_object_set_new(o, "leads", wf_rows_array(st));
    }
    return o;
}

json_t *wf_scoped_rows(sqlite3 *db, const char *sql, const zj_scope *sc, const char *p3)
{
    sqlite3_stmt *st = store_stmt(db, sql);
    if (!st)
        return json_array();
    scope_bind(st, sc);
    if (p3)
        sqlite3_bind_text(st, 3, p3, -1, SQLITE_TRANSIENT);
    return wf_rows_array(st);
}
