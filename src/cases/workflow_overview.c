/*
 * workflow_overview.c — the overview page (open leads by family, severity and facility,
 * the 12-month trend, totals, deadlines) and the lists of facilities and models in scope.
 */
#include "cases/workflow.h"
#include "cases/workflow_int.h"
#include "store/leads.h"
#include "store/stmt.h"

#include <stdio.h>

json_t *workflow_overview(sqlite3 *db, const zj_scope *sc, zj_date today)
{
    char from[11], td[11];
    date_format(today, td);
    /* first day of the month 11 months back: 12 months with the current one */
    int y, m, d;
    date_to_ymd(date_add_months(today, -11), &y, &m, &d);
    date_format(date_from_ymd(y, m, 1), from);
    json_t *o = json_object();
    json_object_set_new(o, "as_of", json_string(td));
    json_object_set_new(
        o, "by_family",
        wf_scoped_rows(db,
                       "SELECT coalesce(l.family, '') AS family, count(*) AS n FROM leads l WHERE "
                       "l.status IN " LEAD_OPEN_STATUSES " AND " SCOPE_SQL(
                           "l.facility_id", "l.region_code") " GROUP BY l.family ORDER BY n DESC",
                       sc, NULL));
    json_object_set_new(
        o, "by_severity",
        wf_scoped_rows(
            db,
            "SELECT l.severity, count(*) AS n FROM leads l WHERE l.status IN " LEAD_OPEN_STATUSES
            " AND " SCOPE_SQL("l.facility_id", "l.region_code") " GROUP BY l.severity",
            sc, NULL));
    json_object_set_new(
        o, "by_facility",
        wf_scoped_rows(db,
                       "SELECT l.facility_id, f.name AS facility_name, count(*) AS n,"
                       " sum(l.severity = 'high') AS high FROM leads l"
                       " LEFT JOIN facilities f ON f.facility_id = l.facility_id WHERE l.status "
                       "IN " LEAD_OPEN_STATUSES " AND " SCOPE_SQL(
                           "l.facility_id",
                           "l.region_code") " GROUP BY l.facility_id ORDER BY n DESC LIMIT 15",
                       sc, NULL));
    json_object_set_new(
        o, "trend",
        wf_scoped_rows(
            db,
            "SELECT substr(l.first_seen, 1, 7) AS month, count(*) AS raised,"
            " sum(l.status = 'case') AS cases FROM leads l WHERE l.first_seen >= ?3 AND " SCOPE_SQL(
                "l.facility_id", "l.region_code") " GROUP BY month ORDER BY month",
            sc, from));
    json_t *tot = wf_scoped_rows(
        db,
        "SELECT (SELECT count(*) FROM leads l WHERE l.status IN " LEAD_OPEN_STATUSES
        " AND " SCOPE_SQL(
            "l.facility_id",
            "l.region_code") ") AS open_leads,"
                             " (SELECT count(*) FROM cases l WHERE l.status = 'open' "
                             "AND " SCOPE_SQL(
                                 "l.facility_id",
                                 "l.region_code") ") AS open_cases,"
                                                  " (SELECT count(*) FROM measures m JOIN cases l "
                                                  "ON l.case_id = m.case_id"
                                                  " WHERE m.sent_date IS NOT NULL AND m.reply_date "
                                                  "IS NULL AND " SCOPE_SQL(
                                                      "l.facility_id",
                                                      "l.region_code") ") AS awaiting_reply",
        sc, NULL);
    json_object_set_new(o, "totals", json_incref(json_array_get(tot, 0)));
    json_decref(tot);
    json_object_set_new(o, "deadlines", measures_due(db, sc, today, false));
    return o;
}

json_t *facilities_list(sqlite3 *db, const zj_scope *sc)
{
    return wf_scoped_rows(
        db,
        "SELECT f.facility_id, f.name, f.kind, f.region_code FROM facilities f"
        " WHERE f.kind NOT IN ('hospital', 'procuratorate')"
        " AND " SCOPE_SQL("f.facility_id",
                          "f.region_code") " ORDER BY f.region_code, f.facility_id",
        sc, NULL);
}

json_t *lead_models(sqlite3 *db, const zj_scope *sc)
{
    return wf_scoped_rows(
        db,
        "SELECT l.model_id, coalesce(l.family, '') AS family, count(*) AS n"
        " FROM leads l WHERE " SCOPE_SQL(
            "l.facility_id", "l.region_code") " GROUP BY l.model_id ORDER BY l.model_id",
        sc, NULL);
}
