/* test_duty.c — the duty calendar (cases/duty.h): periods and due dates at the day before,
 * on and after each boundary (weeks and months across a new year, February), one-off
 * checks, the checklist of a facility on a day, and a finding that becomes a lead. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cases/duty.h"
#include "store/store.h"

static const zj_scope COUNTRY = {.kind = SCOPE_COUNTRY};

static zj_date D(const char *s)
{
    zj_date v;
    if (date_parse(s, (unsigned)strlen(s), &v) != 0)
        fail_msg("bad date %s", s);
    return v;
}

static void period_is(enum duty_frequency f, const char *day, const char *from, const char *to)
{
    zj_date s, e;
    duty_period(f, D(day), &s, &e);
    char a[11], b[11];
    assert_string_equal(date_format(s, a), from);
    assert_string_equal(date_format(e, b), to);
}

static void test_periods(void **state)
{
    (void)state;
    period_is(DUTY_DAILY, "2024-12-31", "2024-12-31", "2024-12-31");
    /* a week straddling the new year: Monday 2024-12-30 … Sunday 2025-01-05 */
    period_is(DUTY_WEEKLY, "2024-12-29", "2024-12-23", "2024-12-29"); /* Sunday */
    period_is(DUTY_WEEKLY, "2024-12-30", "2024-12-30", "2025-01-05"); /* Monday */
    period_is(DUTY_WEEKLY, "2025-01-01", "2024-12-30", "2025-01-05");
    period_is(DUTY_WEEKLY, "2025-01-05", "2024-12-30", "2025-01-05");
    period_is(DUTY_WEEKLY, "2025-01-06", "2025-01-06", "2025-01-12");
    period_is(DUTY_WEEKLY, "1970-01-01", "1969-12-29", "1970-01-04"); /* before day 0 */
    period_is(DUTY_MONTHLY, "2024-12-31", "2024-12-01", "2024-12-31");
    period_is(DUTY_MONTHLY, "2025-01-01", "2025-01-01", "2025-01-31");
    period_is(DUTY_MONTHLY, "2024-02-29", "2024-02-01", "2024-02-29");
    period_is(DUTY_MONTHLY, "2025-02-28", "2025-02-01", "2025-02-28");
}

/* state of a periodic item at `day` with the last record and the calendar start */
static const char *st(enum duty_frequency f, const char *day, const char *last, const char *start,
                      int *late, char deadline[11])
{
    zj_date dl;
    int l;
    enum duty_state s = duty_status(f, D(day), last ? D(last) : ZJ_DATE_NONE,
                                    start ? D(start) : ZJ_DATE_NONE, &dl, &l);
    if (late)
        *late = l;
    if (deadline)
        date_format(dl, deadline);
    return duty_state_id(s);
}

static void test_daily(void **state)
{
    (void)state;
    int late;
    char dl[11];
    /* recorded on the 10th: done that day, due the next, overdue the day after */
    assert_string_equal(st(DUTY_DAILY, "2025-03-10", "2025-03-10", "2025-03-01", &late, dl),
                        "done");
    assert_string_equal(st(DUTY_DAILY, "2025-03-11", "2025-03-10", "2025-03-01", &late, dl), "due");
    assert_string_equal(dl, "2025-03-11");
    assert_string_equal(st(DUTY_DAILY, "2025-03-12", "2025-03-10", "2025-03-01", &late, dl),
                        "overdue");
    assert_string_equal(dl, "2025-03-11");
    assert_int_equal(late, 1);
    assert_string_equal(st(DUTY_DAILY, "2025-03-20", "2025-03-10", "2025-03-01", &late, dl),
                        "overdue");
    assert_int_equal(late, 1); /* measured from the end of the period just missed */
    /* a record dated after the as-of day does not count */
    assert_string_equal(st(DUTY_DAILY, "2025-03-10", "2025-03-11", "2025-03-01", &late, dl),
                        "overdue");
    /* a calendar never used: due, never overdue */
    assert_string_equal(st(DUTY_DAILY, "2025-03-12", NULL, NULL, &late, dl), "due");
    /* the calendar started today: yesterday is not missed */
    assert_string_equal(st(DUTY_DAILY, "2025-03-12", NULL, "2025-03-12", &late, dl), "due");
    assert_string_equal(st(DUTY_DAILY, "2025-03-13", NULL, "2025-03-12", &late, dl), "overdue");
}

static void test_weekly_across_years(void **state)
{
    (void)state;
    int late;
    char dl[11];
    /* recorded Friday 2024-12-27 (week of 12-23) */
    assert_string_equal(st(DUTY_WEEKLY, "2024-12-29", "2024-12-27", "2024-12-01", &late, dl),
                        "done");
    assert_string_equal(st(DUTY_WEEKLY, "2024-12-30", "2024-12-27", "2024-12-01", &late, dl),
                        "due");
    assert_string_equal(dl, "2025-01-05");
    assert_string_equal(st(DUTY_WEEKLY, "2025-01-05", "2024-12-27", "2024-12-01", &late, dl),
                        "due");
    assert_string_equal(st(DUTY_WEEKLY, "2025-01-06", "2024-12-27", "2024-12-01", &late, dl),
                        "overdue");
    assert_string_equal(dl, "2025-01-05");
    assert_int_equal(late, 1);
    /* recorded on New Year's Day: the week 12-30 … 01-05 is done through its Sunday */
    assert_string_equal(st(DUTY_WEEKLY, "2025-01-05", "2025-01-01", "2024-12-01", &late, dl),
                        "done");
    assert_string_equal(st(DUTY_WEEKLY, "2025-01-06", "2025-01-01", "2024-12-01", &late, dl),
                        "due");
    assert_string_equal(st(DUTY_WEEKLY, "2025-01-12", "2025-01-01", "2024-12-01", &late, dl),
                        "due");
    assert_string_equal(st(DUTY_WEEKLY, "2025-01-13", "2025-01-01", "2024-12-01", &late, dl),
                        "overdue");
}

static void test_monthly_across_years(void **state)
{
    (void)state;
    int late;
    char dl[11];
    assert_string_equal(st(DUTY_MONTHLY, "2024-12-31", "2024-11-15", "2024-01-01", &late, dl),
                        "due");
    assert_string_equal(dl, "2024-12-31");
    assert_string_equal(st(DUTY_MONTHLY, "2025-01-01", "2024-11-15", "2024-01-01", &late, dl),
                        "overdue");
    assert_string_equal(dl, "2024-12-31");
    assert_int_equal(late, 1);
    assert_string_equal(st(DUTY_MONTHLY, "2025-01-01", "2024-12-31", "2024-01-01", &late, dl),
                        "due");
    assert_string_equal(dl, "2025-01-31");
    assert_string_equal(st(DUTY_MONTHLY, "2025-01-31", "2025-01-01", "2024-01-01", &late, dl),
                        "done");
    assert_string_equal(st(DUTY_MONTHLY, "2025-02-01", "2025-01-31", "2024-01-01", &late, dl),
                        "due");
    assert_string_equal(dl, "2025-02-28");
    assert_string_equal(st(DUTY_MONTHLY, "2024-02-29", "2024-01-10", "2024-01-01", &late, dl),
                        "due");
    assert_string_equal(dl, "2024-02-29");
    assert_string_equal(st(DUTY_MONTHLY, "2024-03-01", "2024-01-10", "2024-01-01", &late, dl),
                        "overdue");
    assert_string_equal(dl, "2024-02-29");
}

static void test_once(void **state)
{
    (void)state;
    int late;
    /* a roster received 2025-03-01 is due 10 days later */
    zj_date due = D("2025-03-01") + DUTY_ROSTER_DAYS;
    assert_int_equal(duty_once_status(due, false, D("2025-03-10"), &late), DUTY_DUE);
    assert_int_equal(duty_once_status(due, false, D("2025-03-11"), &late), DUTY_DUE);
    assert_int_equal(duty_once_status(due, false, D("2025-03-12"), &late), DUTY_OVERDUE);
    assert_int_equal(late, 1);
    assert_int_equal(duty_once_status(due, true, D("2025-04-01"), &late), DUTY_DONE);
    /* an occurrence is due on its day */
    assert_int_equal(duty_once_status(D("2025-03-05"), false, D("2025-03-05"), &late), DUTY_DUE);
    assert_int_equal(duty_once_status(D("2025-03-05"), false, D("2025-03-06"), &late),
                     DUTY_OVERDUE);
    assert_int_equal(duty_frequency_parse("weekly"), DUTY_WEEKLY);
    assert_int_equal(duty_frequency_parse("hourly"), -1);
    assert_string_equal(duty_frequency_label(DUTY_EVENT), "即时");
}

static sqlite3 *db;

static int setup(void **state)
{
    (void)state;
    zj_diag d = {0};
    if (store_open(":memory:", 0, &db, &d) != 0)
        return -1;
    return sqlite3_exec(
               db,
               "INSERT INTO facilities(facility_id, name, kind, region_code) VALUES"
               " ('P1', '某监狱', 'prison', '320100'), ('P2', '另一监狱', 'prison', '320200');"
               "INSERT INTO persons(person_id, name, birth_date) VALUES ('A', '甲', '1980-01-01'),"
               " ('B', '乙', '1980-01-01');"
               "INSERT INTO judgments(judgment_id, person_id, case_no, court_id, charges, "
               "offense_date,"
               " judgment_date, effective_date, penalty, term_months) VALUES"
               " ('JA', 'A', 'N1', 'P1', '盗窃罪', '2019-01-01', '2019-05-01', '2019-05-10', "
               "'fixed_term', 60),"
               " ('JB', 'B', 'N2', 'P1', '盗窃罪', '2019-01-01', '2019-05-01', '2019-05-10', "
               "'fixed_term', 60);"
               "INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date, "
               "judgment_id)"
               " VALUES ('E1', 'A', 'P1', 'admit', '2019-06-01', 'JA'), ('E2', 'B', 'P2', 'admit', "
               "'2019-06-01', 'JB');",
               NULL, NULL, NULL) == SQLITE_OK
               ? 0
               : -1;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

static json_t *today(const char *fac, const char *day)
{
    strbuf sb = STRBUF_INIT;
    zj_diag d = {0};
    assert_int_equal(duty_today_json(db, &COUNTRY, fac, D(day), &sb, &d), 0);
    json_t *j = json_loads(sb.buf, 0, NULL);
    assert_non_null(j);
    strbuf_release(&sb);
    return j;
}

static const char *item_state(json_t *j, const char *item)
{
    size_t i;
    json_t *it;
    json_array_foreach(
        json_object_get(j, "items"), i,
        it) if (!strcmp(json_string_value(json_object_get(it, "item_id")),
                        item)) return json_string_value(json_object_get(it, "state"));
    return NULL;
}

static void test_checklist_and_lead(void **state)
{
    (void)state;
    /* the seeded checklist: 17 items, 11 periodic */
    json_t *j = today("P1", "2025-03-12");
    assert_int_equal(json_array_size(json_object_get(j, "items")), 11);
    assert_int_equal(json_integer_value(json_object_get(j, "due")), 11);
    assert_int_equal(json_integer_value(json_object_get(j, "overdue")), 0);
    json_decref(j);

    zj_diag d = {0};
    long rid = 0, lid = 0;
    duty_record_spec s = {"video", "P1", D("2025-03-10"), "", 0, 0, false, NULL, NULL};
    assert_int_equal(duty_record_add(db, &COUNTRY, &s, "res", &rid, &lid, &d), 0);
    assert_true(rid > 0);
    duty_record_spec w = {"solitary", "P1", D("2025-03-10"), NULL, 0, 0, false, NULL, NULL};
    assert_int_equal(duty_record_add(db, &COUNTRY, &w, "res", &rid, &lid, &d), 0);
    /* each record carries its audit entry, whoever calls (the web or the command line) */
    sqlite3_stmt *a;
    char obj[32];
    snprintf(obj, sizeof obj, "duty:%ld", rid);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT count(*) FROM audit_log WHERE actor = 'res'"
                                        " AND action = 'change' AND object = ?",
                                        -1, &a, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(a, 1, obj, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(a), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(a, 0), 1);
    sqlite3_finalize(a);
    /* an account of another facility may not write at P1 */
    zj_scope p2 = {.kind = SCOPE_FACILITY, .value = "P2"};
    assert_int_equal(duty_record_add(db, &p2, &w, "res2", &rid, &lid, &d), ZJ_EFORBIDDEN);
    assert_string_equal(d.message, "facility 'P1' is outside your scope");
    assert_int_equal(rid, 0);
    /* nor read its calendar or its roster; a roster of every facility is the country's */
    strbuf sb = STRBUF_INIT;
    memset(&d, 0, sizeof d);
    assert_int_equal(duty_today_json(db, &p2, "P1", D("2025-03-12"), &sb, &d), ZJ_EFORBIDDEN);
    assert_string_equal(d.message, "facility 'P1' is outside your scope");
    assert_int_equal(duty_today_json(db, &p2, NULL, D("2025-03-12"), &sb, &d), ZJ_EINVAL);
    assert_int_equal(duty_today_json(db, &p2, "P2", ZJ_DATE_NONE, &sb, &d), ZJ_EINVAL);
    assert_int_equal(duty_roster_json(db, &p2, 0, "P1", &sb, &d), ZJ_EFORBIDDEN);
    assert_int_equal(duty_roster_json(db, &p2, 0, NULL, &sb, &d), ZJ_EFORBIDDEN);
    assert_int_equal(sb.len, 0);
    assert_int_equal(duty_roster_json(db, &p2, 0, "P2", &sb, &d), 0);
    assert_string_equal(sb.buf, "[]");
    strbuf_release(&sb);
    memset(&d, 0, sizeof d);
    j = today("P1", "2025-03-12");
    assert_string_equal(item_state(j, "video"), "overdue"); /* nothing on the 11th */
    assert_string_equal(item_state(j, "solitary"), "done"); /* this week */
    assert_string_equal(item_state(j, "visits"), "due");    /* the calendar began this month */
    assert_int_equal(json_integer_value(json_object_get(j, "overdue")), 1);
    json_decref(j);
    j = today("P2", "2025-03-12"); /* another facility's calendar is its own */
    assert_int_equal(json_integer_value(json_object_get(j, "overdue")), 0);
    json_decref(j);

    /* a finding becomes a lead of the item's family, with the person-link rule */
    duty_record_spec f = {"solitary", "P1", D("2025-03-12"), "禁闭超期 3 天未审批", 0, 0,
                          true,       "A",  "high"};
    assert_int_equal(duty_record_add(db, &COUNTRY, &f, "res", &rid, &lid, &d), 0);
    assert_true(lid > 0);
    sqlite3_stmt *q;
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "SELECT model_id, source, family, severity, person_id, facility_id,"
                           " region_code, summary FROM leads WHERE lead_id = ?",
                           -1, &q, NULL),
        SQLITE_OK);
    sqlite3_bind_int64(q, 1, lid);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "DUTY-CHECK");
    assert_string_equal((const char *)sqlite3_column_text(q, 1), "resident");
    assert_string_equal((const char *)sqlite3_column_text(q, 2), "custody");
    assert_string_equal((const char *)sqlite3_column_text(q, 3), "high");
    assert_string_equal((const char *)sqlite3_column_text(q, 6), "320100");
    assert_string_equal((const char *)sqlite3_column_text(q, 7), "禁闭超期 3 天未审批");
    sqlite3_finalize(q);
    /* person B is held at P2: a P1 record may not name B, and nothing is written */
    memset(&d, 0, sizeof d);
    duty_record_spec b = {"solitary", "P1", D("2025-03-12"), "禁闭", 0, 0, true, "B", NULL};
    assert_int_equal(duty_record_add(db, &COUNTRY, &b, "res", &rid, &lid, &d), ZJ_EFORBIDDEN);
    assert_int_equal(rid, 0);
    assert_int_equal(sqlite3_exec(db, "SELECT 1", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT count(*) FROM duty_records WHERE findings = '禁闭'",
                                        -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 0);
    sqlite3_finalize(q);
    /* bad input */
    duty_record_spec u = {"astrology", "P1", D("2025-03-12"), NULL, 0, 0, false, NULL, NULL};
    assert_int_equal(duty_record_add(db, &COUNTRY, &u, "res", &rid, &lid, &d), ZJ_ENOTFOUND);
    duty_record_spec nolead = {"video", "P1", D("2025-03-12"), "", 0, 0, true, NULL, NULL};
    assert_int_equal(duty_record_add(db, &COUNTRY, &nolead, "res", &rid, &lid, &d), ZJ_EINVAL);
    duty_record_spec noev = {"escape", "P1", D("2025-03-12"), "x", 0, 0, false, NULL, NULL};
    assert_int_equal(duty_record_add(db, &COUNTRY, &noev, "res", &rid, &lid, &d), ZJ_EINVAL);

    /* an occurrence: due on its day, overdue the next, done once recorded */
    long ev = 0;
    assert_int_equal(duty_event_add(db, &COUNTRY, "self_harm", "P1", D("2025-03-12"),
                                    "罪犯吞食异物", "A", "res", &ev, &d),
                     0);
    assert_int_equal(
        duty_event_add(db, &COUNTRY, "video", "P1", D("2025-03-12"), "x", NULL, "res", &ev, &d),
        ZJ_EINVAL);
    j = today("P1", "2025-03-13");
    json_t *o = json_array_get(json_object_get(j, "once"), 0);
    assert_string_equal(json_string_value(json_object_get(o, "state")), "overdue");
    assert_string_equal(json_string_value(json_object_get(o, "item_id")), "self_harm");
    long evid = (long)json_integer_value(json_object_get(o, "ref"));
    json_decref(j);
    duty_record_spec r = {"self_harm", "P1", D("2025-03-13"), "", evid, 0, false, NULL, NULL};
    assert_int_equal(duty_record_add(db, &COUNTRY, &r, "res", &rid, &lid, &d), 0);
    j = today("P1", "2025-03-13");
    o = json_array_get(json_object_get(j, "once"), 0);
    assert_string_equal(json_string_value(json_object_get(o, "state")), "done");
    json_decref(j);
    j = today("P1", "2025-03-14");
    assert_int_equal(json_array_size(json_object_get(j, "once")), 0);
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_periods),
        cmocka_unit_test(test_daily),
        cmocka_unit_test(test_weekly_across_years),
        cmocka_unit_test(test_monthly_across_years),
        cmocka_unit_test(test_once),
        cmocka_unit_test_setup_teardown(test_checklist_and_lead, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
