/* test_office_simulate.c — office_simulate_year (simulate.h): deterministic for a seed,
 * every record dated inside the simulated year, the lead workflow complete in the history
 * (open → assigned → verifying → case | dismissed), cross-inspection teams respecting the
 * province rule, and the report then has content. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "cases/simulate.h"
#include "report/report.h"
#include "store/store.h"

static long q(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("sql: %s\n%s", sqlite3_errmsg(db), sql);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static sqlite3 *fixture(void)
{
    sqlite3 *db;
    zj_diag d = {0};
    assert_int_equal(store_open(":memory:", 0, &db, &d), 0);
    char sql[512];
    assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    for (int f = 0; f < 6; f++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO facilities VALUES ('F%d','场所%d','%s','%s',NULL,NULL,NULL)", f, f,
                 f % 2 ? "detention_center" : "prison", f < 3 ? "320102" : "330106");
        assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    }
    for (int p = 0; p < 120; p++) {
        snprintf(
            sql, sizeof sql,
            "INSERT INTO persons(person_id, name, birth_date) VALUES ('p%03d','某','1980-01-01');"
            "INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date)"
            " VALUES ('e%03d','p%03d','F%d','admit','2020-01-01');"
            "INSERT INTO leads(model_id, subject, person_id, facility_id, region_code, severity,"
            " first_seen, last_seen, summary, evidence, evidence_hash, basis) VALUES"
            " ('%s','s%03d','p%03d','F%d','%s','high','2025-12-31','2025-12-31','摘要','{}','h','b'"
            ");",
            p, p, p, p % 6,
            p % 4 == 0   ? "CHG-01"
            : p % 4 == 1 ? "PR-01"
            : p % 4 == 2 ? "DUTY-01"
                         : "CC-02",
            p, p, p % 6, p % 6 < 3 ? "320102" : "330106");
        assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    }
    assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    return db;
}

static const char *const counts[] = {
    "SELECT count(*) FROM cases",
    "SELECT count(*) FROM measures",
    "SELECT count(*) FROM inspections",
    "SELECT count(*) FROM inspection_members",
    "SELECT count(*) FROM complaints",
    "SELECT count(*) FROM letters",
    "SELECT count(*) FROM talks",
    "SELECT count(*) FROM leads WHERE status = 'dismissed'",
    "SELECT total(corrected) FROM measures",
};

static void test_deterministic_and_in_year(void **state)
{
    (void)state;
    zj_date as_of;
    assert_int_equal(date_parse("2025-12-31", 10, &as_of), 0);
    sqlite3 *a = fixture(), *b = fixture(), *c = fixture();
    int na = office_simulate_year(a, as_of, 42), nb = office_simulate_year(b, as_of, 42),
        nc = office_simulate_year(c, as_of, 43);
    assert_true(na > 0);
    assert_int_equal(na, nb);
    bool differs = nc != na;
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        assert_int_equal(q(a, counts[i]), q(b, counts[i]));
        differs = differs || q(a, counts[i]) != q(c, counts[i]);
    }
    assert_true(differs); /* another seed, another year */
    /* once per database */
    long cases = q(a, "SELECT count(*) FROM cases");
    assert_int_equal(office_simulate_year(a, as_of, 42), 0);
    assert_int_equal(q(a, "SELECT count(*) FROM cases"), cases);
    assert_true(q(a, "SELECT count(*) FROM cases") > 20);
    assert_true(q(a, "SELECT count(*) FROM measures WHERE kind = 'transfer'") > 0);

    /* every record dated inside the year 2025-01-01 .. 2025-12-31 */
    static const char *const outside[] = {
        "SELECT count(*) FROM cases WHERE substr(opened_at,1,10) NOT BETWEEN '2025-01-01' AND "
        "'2025-12-31'",
        "SELECT count(*) FROM measures WHERE sent_date NOT BETWEEN '2025-01-01' AND '2025-12-31'"
        " OR reply_date > '2025-12-31'",
        "SELECT count(*) FROM lead_history WHERE substr(at,1,10) NOT BETWEEN '2025-01-01' AND "
        "'2025-12-31'"
        " AND actor = 'simulation'",
        "SELECT count(*) FROM complaint_history WHERE substr(at,1,10) NOT BETWEEN '2025-01-01' AND "
        "'2025-12-31'",
        "SELECT count(*) FROM inspections WHERE substr(created_at,1,10) NOT BETWEEN '2024-12-01' "
        "AND '2025-12-31'",
        "SELECT count(*) FROM letters WHERE substr(created_at,1,10) <> received_date",
        "SELECT count(*) FROM leads WHERE first_seen NOT BETWEEN '2025-01-01' AND '2025-12-31'",
        "SELECT count(*) FROM complaints WHERE received_date NOT BETWEEN '2025-01-01' AND "
        "'2025-12-31'"
        " OR outcome_date > '2025-12-31'",
        "SELECT count(*) FROM talks WHERE talk_date NOT BETWEEN '2025-01-01' AND '2025-12-31'",
        "SELECT count(*) FROM office_log WHERE log_date NOT BETWEEN '2025-01-01' AND '2025-12-31'",
        /* a lead is cased no earlier than it was found */
        "SELECT count(*) FROM cases k JOIN leads l ON l.lead_id = k.lead_id"
        " WHERE substr(k.opened_at,1,10) < l.first_seen",
    };
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++)
        if (q(a, outside[i]) != 0)
            fail_msg("outside the year: %s", outside[i]);
    /* the workflow of every case or dismissal is complete in the history */
    assert_int_equal(
        q(a, "SELECT count(*) FROM leads l WHERE status IN ('case','dismissed') AND"
             " (SELECT group_concat(to_status, '>') FROM (SELECT to_status FROM lead_history h"
             "  WHERE h.lead_id = l.lead_id ORDER BY id)) NOT IN"
             " ('assigned>verifying>case', 'assigned>verifying>dismissed')"),
        0);
    /* cross teams: nobody from the facility's province */
    assert_int_equal(
        q(a, "SELECT count(*) FROM inspections x JOIN inspection_members m USING (inspection_id)"
             " JOIN inspectors i USING (inspector_id) WHERE x.kind = 'cross'"
             " AND substr(i.home_region,1,2) = substr(x.region_code,1,2)"),
        0);
    /* and the report has content */
    report r;
    report_params p = {.from = as_of - 364,
                       .to = as_of,
                       .base_from = ZJ_DATE_NONE,
                       .base_to = ZJ_DATE_NONE,
                       .region = ""};
    zj_diag d = {0};
    assert_int_equal(report_compute(a, &p, &r, &d), 0);
    assert_true(report_total(&r, "notices_total") > 0);
    assert_true(report_total(&r, "political_corrected") > 0);
    assert_true(report_total(&r, "inspections_by_kind") >= 6);
    assert_true(report_total(&r, "complaints_received") > 0);
    assert_int_equal(report_total(&r, "cases_by_model"), q(a, "SELECT count(*) FROM cases"));
    report_release(&r);
    store_close(a);
    store_close(b);
    store_close(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deterministic_and_in_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
