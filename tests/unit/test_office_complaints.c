/* test_office_complaints.c — the resident office and complaints (office.h): intake with its
 * deadlines (7 days, 3 months), routing, outcome and the append-only history; letters that
 * become a complaint or a lead; and the complaint → law core path on fixture persons: a
 * recorded term end 10 days late and a wrong recidivist flag are shown beside the computed
 * figures (cli.md example: 36 months, detained 2020-03-15 → 2023-03-14), a correct record
 * shows no difference. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cases/office.h"
#include "cases_harness.h"
#include "store/store.h"

static const zj_scope COUNTRY = {.kind = SCOPE_COUNTRY};

static int setup(void **state)
{
    (void)state;
    zj_diag d = {0};
    if (store_open(":memory:", 0, &db, &d))
        return -1;
    exec(
        "INSERT INTO facilities VALUES ('P1','第一监狱','prison','320102',NULL,NULL,NULL),"
        " ('C1','中级法院','court','320100',NULL,NULL,NULL);"
        "INSERT INTO persons(person_id, name, birth_date) VALUES ('p1','张三','1980-05-01'),"
        " ('p2','李四','1980-05-01');"
        /* p1: recorded term end 10 days late, recidivist flag without priors */
        "INSERT INTO judgments(judgment_id, person_id, case_no, court_id, charges, offense_date,"
        " judgment_date, effective_date, penalty, term_months, term_days, recidivist, term_start,"
        " term_end) VALUES ('j1','p1','(2020)苏01刑初1号','C1','盗窃罪','2020-03-01','2020-05-20',"
        " '2020-06-01','fixed_term',36,0,1,'2020-03-15','2023-03-24'),"
        /* p2: the same sentence recorded correctly */
        " ('j2','p2','(2020)苏01刑初2号','C1','盗窃罪','2020-03-01','2020-05-20',"
        " '2020-06-01','fixed_term',36,0,0,'2020-03-15','2023-03-14');"
        "INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date, judgment_id)"
        " VALUES ('e1','p1','P1','detain','2020-03-15',NULL), "
        "('e2','p1','P1','admit','2020-07-01','j1'),"
        " ('e3','p2','P1','detain','2020-03-15',NULL), ('e4','p2','P1','admit','2020-07-01','j2');"
        "INSERT INTO sentence_changes(change_id, person_id, judgment_id, kind, proposal_date,"
        " decider_id, decision_date, effective_date, grounds, reduction_months, reduction_days)"
        " VALUES ('s1','p1','j1','commutation','2021-08-01','C1','2021-08-25','2021-09-01',"
        " 'repentance',6,0);");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db);
    return 0;
}

static long add_complaint(const char *kind, const char *topic, const char *person,
                          const char *received)
{
    office_complaint c = {.kind = kind,
                          .channel = "visit",
                          .topic = topic,
                          .person_id = person,
                          .complainant = "近亲属",
                          .content = "反映刑期计算有误",
                          .received = D(received)};
    long id;
    zj_diag d = {0};
    if (office_complaint_add(db, &COUNTRY, &c, "resident1", &id, &d))
        fail_msg("complaint_add: %s", d.message);
    return id;
}

static void test_intake_route_close(void **state)
{
    (void)state;
    long id = add_complaint("petition", "sentence_length", "p1", "2025-11-30");
    char sql[256];
    /* deadlines: 7 days for the procedural reply, 3 months (month-end clamped) for the result;
     * region from the person's latest custody facility */
    snprintf(
        sql, sizeof sql,
        "SELECT ack_due = '2025-12-07' AND deadline = '2026-02-28' AND"
        " region_code = '320102' AND status = 'received' FROM complaints WHERE complaint_id = %ld",
        id);
    assert_int_equal(query_long(sql), 1);
    zj_diag d = {0};
    assert_int_equal(office_complaint_route(db, &COUNTRY, id, "procurator2", "chief", &d), 0);
    assert_int_equal(office_complaint_close(db, &COUNTRY, id, "经审查刑期计算有误，已发出纠正意见",
                                            true, D("2025-12-20"), "procurator2", &d),
                     0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM complaint_history WHERE complaint_id = %ld",
             id);
    assert_int_equal(query_long(sql), 3);
    snprintf(sql, sizeof sql,
             "SELECT corrected = 1 AND outcome_date = '2025-12-20' AND"
             " assignee = 'procurator2' FROM complaints WHERE complaint_id = %ld",
             id);
    assert_int_equal(query_long(sql), 1);
    /* a closed complaint cannot be routed or closed again */
    assert_int_equal(office_complaint_route(db, &COUNTRY, id, "x", "chief", &d), ZJ_ECONFLICT);
    assert_int_equal(
        office_complaint_close(db, &COUNTRY, id, "again", false, D("2025-12-21"), "x", &d),
        ZJ_ECONFLICT);
    assert_int_equal(office_complaint_route(db, &COUNTRY, 999, "x", "chief", &d), ZJ_ENOTFOUND);
    /* history is append-only */
    assert_int_not_equal(
        sqlite3_exec(db, "UPDATE complaint_history SET note = 'x'", NULL, NULL, NULL), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "DELETE FROM complaint_history", NULL, NULL, NULL),
                         SQLITE_OK);
    /* bad intake */
    office_complaint bad = {
        .kind = "rumour", .channel = "visit", .content = "x", .received = D("2025-01-01")};
    long bid;
    assert_int_equal(office_complaint_add(db, &COUNTRY, &bad, "x", &bid, &d), ZJ_EINVAL);
    bad.kind = "report";
    bad.topic = "weather";
    assert_int_equal(office_complaint_add(db, &COUNTRY, &bad, "x", &bid, &d), ZJ_EINVAL);
    /* the listing flags overdue ones */
    long late = add_complaint("report", "custody", "p2", "2025-01-01");
    strbuf sb = STRBUF_INIT;
    assert_int_equal(office_complaints_json(db, &COUNTRY, "32", NULL, D("2025-06-01"), &sb, &d), 0);
    json_t *arr = json_loads(sb.buf, 0, NULL);
    assert_non_null(arr);
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *o = json_array_get(arr, i);
        long cid = (long)json_integer_value(json_object_get(o, "complaint_id"));
        assert_int_equal(json_integer_value(json_object_get(o, "overdue")), cid == late ? 1 : 0);
    }
    json_decref(arr);
    strbuf_reset(&sb);
    assert_int_equal(office_complaint_json(db, &COUNTRY, id, &sb, &d), 0);
    arr = json_loads(sb.buf, 0, NULL);
    assert_int_equal(json_array_size(json_object_get(arr, "history")), 3);
    json_decref(arr);
    strbuf_release(&sb);
}

static void test_letters_talks_to_complaint_or_lead(void **state)
{
    (void)state;
    zj_diag d = {0};
    long l1, l2, cid, lead, t, m, g;
    assert_int_equal(office_letter_add(db, &COUNTRY, "P1", "p1", D("2025-10-01"),
                                       "反映刑期计算有误，要求核查", "resident1", &l1, &d),
                     0);
    assert_int_equal(office_letter_add(db, &COUNTRY, "P1", "p2", D("2025-10-02"),
                                       "反映监区民警体罚", "resident1", &l2, &d),
                     0);
    assert_int_equal(office_letter_to_complaint(db, &COUNTRY, l1, "petition", "sentence_length",
                                                "resident1", &cid, &d),
                     0);
    assert_int_equal(
        office_letter_to_lead(db, &COUNTRY, l2, "resident1", D("2025-10-03"), &lead, &d), 0);
    char sql[256];
    snprintf(
        sql, sizeof sql,
        "SELECT status = 'complaint' AND complaint_id = %ld FROM letters WHERE letter_id = %ld",
        cid, l1);
    assert_int_equal(query_long(sql), 1);
    snprintf(sql, sizeof sql,
             "SELECT channel = 'letter' AND letter_id = %ld AND received_date = '2025-10-01'"
             " FROM complaints WHERE complaint_id = %ld",
             l1, cid);
    assert_int_equal(query_long(sql), 1);
    snprintf(sql, sizeof sql,
             "SELECT source = 'letter' AND status = 'open' AND person_id = 'p2' AND"
             " region_code = '320102' AND first_seen = '2025-10-03' FROM leads WHERE lead_id = %ld",
             lead);
    assert_int_equal(query_long(sql), 1);
    /* a letter is handled once */
    assert_int_equal(
        office_letter_to_lead(db, &COUNTRY, l1, "resident1", D("2025-10-03"), &lead, &d),
        ZJ_ECONFLICT);
    long none = 1;
    assert_int_equal(
        office_letter_to_complaint(db, &COUNTRY, 999, "petition", NULL, "x", &none, &d),
        ZJ_ENOTFOUND);
    assert_int_equal(none, 0);
    /* a complaint becomes a lead once */
    long lead2, lead3;
    assert_int_equal(
        office_complaint_to_lead(db, &COUNTRY, cid, "resident1", D("2025-10-05"), &lead2, &d), 0);
    assert_int_equal(
        office_complaint_to_lead(db, &COUNTRY, cid, "resident1", D("2025-10-06"), &lead3, &d), 0);
    assert_int_equal(lead2, lead3);
    /* talks, meetings, the log; the journal lists them */
    assert_int_equal(office_talk_add(db, &COUNTRY, "P1", "p1", D("2025-10-04"), "admission",
                                     "resident1", "入监谈话", &t, &d),
                     0);
    assert_int_equal(office_meeting_add(db, &COUNTRY, "P1", "p2", D("2025-10-05"), D("2025-10-06"),
                                        "resident1", "约见", &m, &d),
                     0);
    assert_int_equal(
        office_log_add(db, &COUNTRY, "P1", D("2025-10-06"), "resident1", "巡视监区", &g, &d), 0);
    assert_int_equal(office_log_add(db, &COUNTRY, "P1", D("2025-10-06"), "resident1", "", &g, &d),
                     ZJ_EINVAL);
    strbuf sb = STRBUF_INIT;
    assert_int_equal(office_journal_json(db, &COUNTRY, "P1", &sb, &d), 0);
    json_t *j = json_loads(sb.buf, 0, NULL);
    assert_non_null(j);
    assert_int_equal(json_array_size(json_object_get(j, "letters")), 2);
    assert_int_equal(json_array_size(json_object_get(j, "talks")), 1);
    assert_int_equal(json_array_size(json_object_get(j, "meetings")), 1);
    assert_int_equal(json_array_size(json_object_get(j, "log")), 1);
    json_decref(j);
    strbuf_release(&sb);
}

static json_t *calc(long id, const char *as_of)
{
    strbuf sb = STRBUF_INIT;
    zj_diag d = {0};
    int rc = office_complaint_calc_json(db, &COUNTRY, id, D(as_of), &sb, &d);
    if (rc)
        fail_msg("calc: %s (%s)", d.message, d.field);
    json_t *j = json_loads(sb.buf, 0, NULL);
    assert_non_null(j);
    strbuf_release(&sb);
    return j;
}

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static void test_complaint_runs_law_core(void **state)
{
    (void)state;
    long id = add_complaint("petition", "sentence_length", "p1", "2022-01-10");
    json_t *j = calc(id, "2022-01-10");
    json_t *rec = json_object_get(j, "recorded"), *com = json_object_get(j, "computed");
    assert_string_equal(str(j, "judgment_id"), "j1");
    assert_string_equal(str(rec, "term_end"), "2023-03-24");
    assert_string_equal(str(com, "term_start"), "2020-03-15");
    assert_string_equal(str(com, "term_end_original"), "2023-03-14");
    assert_string_equal(str(com, "term_end"), "2022-09-14"); /* after the 6-month commutation */
    json_t *diffs = json_object_get(j, "differences");
    assert_int_equal(json_array_size(diffs), 2);
    json_t *d0 = json_array_get(diffs, 0);
    assert_string_equal(str(d0, "field"), "term_end");
    assert_int_equal(json_integer_value(json_object_get(d0, "days")), 10);
    json_t *d1 = json_array_get(diffs, 1);
    assert_string_equal(str(d1, "field"), "recidivist");
    assert_true(json_is_true(json_object_get(d1, "recorded")));
    assert_true(json_is_false(json_object_get(d1, "computed")));
    json_decref(j);

    /* near miss: the correct record shows no difference */
    long ok = add_complaint("petition", "recidivism", "p2", "2022-01-10");
    j = calc(ok, "2022-01-10");
    assert_int_equal(json_array_size(json_object_get(j, "differences")), 0);
    assert_string_equal(str(json_object_get(j, "computed"), "term_end"), "2023-03-14");
    json_decref(j);

    /* a complaint without a person, or a person without a judgment */
    strbuf sb = STRBUF_INIT;
    zj_diag d = {0};
    long none = add_complaint("report", "other", NULL, "2022-01-10");
    assert_int_equal(office_complaint_calc_json(db, &COUNTRY, none, D("2022-01-10"), &sb, &d),
                     ZJ_EINVAL);
    long early = add_complaint("petition", "sentence_length", "p1", "2019-01-10");
    assert_int_equal(office_complaint_calc_json(db, &COUNTRY, early, D("2019-01-10"), &sb, &d),
                     ZJ_ENOTFOUND);
    assert_int_equal(office_complaint_calc_json(db, &COUNTRY, 999, D("2019-01-10"), &sb, &d),
                     ZJ_ENOTFOUND);
    strbuf_release(&sb);
}

/* Scope and audit are src/cases', whoever calls: an account of P2 (another province) can
 * neither read nor change P1's complaints, letters and journal, nor file a record at P1 or
 * naming a person held there; each write is audited with its actor, a refused one not. */
static void test_scope_and_audit(void **state)
{
    (void)state;
    exec("INSERT INTO facilities VALUES ('P2','第二监狱','prison','330102',NULL,NULL,NULL);");
    const zj_scope p2 = {.kind = SCOPE_FACILITY, .value = "P2"};
    const zj_scope r32 = {.kind = SCOPE_REGION, .value = "32"};
    zj_diag d = {0};
    char obj[64], msg[64];
    long id = add_complaint("petition", "sentence_length", "p1", "2025-11-30");
    snprintf(obj, sizeof obj, "complaint:%ld", id);
    assert_int_equal(audited("resident1", obj), 1);
    long entries = query_long("SELECT count(*) FROM audit_log");

    /* reads of another facility's complaint: as if it did not exist */
    strbuf sb = STRBUF_INIT;
    char pid[64];
    assert_int_equal(office_complaint_json(db, &p2, id, &sb, &d), ZJ_ENOTFOUND);
    snprintf(msg, sizeof msg, "no complaint '%ld'", id);
    assert_string_equal(d.message, msg);
    assert_int_equal(office_complaint_calc_json(db, &p2, id, D("2025-12-01"), &sb, &d),
                     ZJ_ENOTFOUND);
    assert_false(office_complaint_person(db, &p2, id, pid, sizeof pid));
    assert_true(office_complaint_person(db, &r32, id, pid, sizeof pid));
    assert_int_equal(office_complaints_json(db, &p2, NULL, "P1", D("2025-12-01"), &sb, &d),
                     ZJ_EFORBIDDEN);
    assert_int_equal(sb.len, 0);
    assert_int_equal(office_complaints_json(db, &p2, NULL, NULL, D("2025-12-01"), &sb, &d), 0);
    assert_string_equal(sb.buf, "[]");
    strbuf_reset(&sb);
    assert_int_equal(office_complaints_json(db, &r32, NULL, NULL, D("2025-12-01"), &sb, &d), 0);
    json_t *j = json_loads(sb.buf, 0, NULL);
    assert_int_equal(json_array_size(j), 1);
    json_decref(j);
    strbuf_reset(&sb);
    assert_int_equal(office_journal_json(db, &p2, "P1", &sb, &d), ZJ_EFORBIDDEN);
    assert_int_equal(sb.len, 0);

    /* writes: refused, nothing stored, nothing audited */
    long lead = 0, nid = 0;
    assert_int_equal(office_complaint_route(db, &p2, id, "res2", "res2", &d), ZJ_ENOTFOUND);
    assert_int_equal(office_complaint_close(db, &p2, id, "x", false, D("2025-12-01"), "res2", &d),
                     ZJ_ENOTFOUND);
    assert_int_equal(office_complaint_to_lead(db, &p2, id, "res2", D("2025-12-01"), &lead, &d),
                     ZJ_ENOTFOUND);
    office_complaint c = {.kind = "report",
                          .channel = "visit",
                          .content = "x",
                          .facility_id = "P1",
                          .received = D("2025-12-01")};
    assert_int_equal(office_complaint_add(db, &p2, &c, "res2", &nid, &d), ZJ_EFORBIDDEN);
    assert_string_equal(d.message, "a complaint needs a facility in your scope");
    c.facility_id = NULL;
    c.person_id = "p1"; /* held at P1 */
    assert_int_equal(office_complaint_add(db, &p2, &c, "res2", &nid, &d), ZJ_EFORBIDDEN);
    assert_string_equal(d.message, "person 'p1' is outside your scope");
    c.person_id = NULL;
    assert_int_equal(office_complaint_add(db, &r32, &c, "lead", &nid, &d), ZJ_EFORBIDDEN);
    long l1 = 0;
    assert_int_equal(
        office_letter_add(db, &COUNTRY, "P1", "p1", D("2025-12-01"), "来信", "resident1", &l1, &d),
        0);
    entries++;
    assert_int_equal(office_letter_to_complaint(db, &p2, l1, "petition", NULL, "res2", &nid, &d),
                     ZJ_ENOTFOUND);
    assert_int_equal(office_letter_to_lead(db, &p2, l1, "res2", D("2025-12-01"), &lead, &d),
                     ZJ_ENOTFOUND);
    assert_int_equal(office_log_add(db, &p2, "P1", D("2025-12-01"), "res2", "x", &nid, &d),
                     ZJ_EFORBIDDEN);
    assert_int_equal(office_letter_add(db, &p2, "P1", NULL, D("2025-12-01"), "x", "res2", &nid, &d),
                     ZJ_EFORBIDDEN);
    assert_int_equal(
        office_talk_add(db, &p2, "P2", "p1", D("2025-12-01"), "routine", "res2", "x", &nid, &d),
        ZJ_EFORBIDDEN);
    assert_string_equal(d.message, "person 'p1' is outside your scope");
    assert_int_equal(office_meeting_add(db, &p2, "P1", NULL, D("2025-12-01"), D("2025-12-02"),
                                        "res2", "x", &nid, &d),
                     ZJ_EFORBIDDEN);
    assert_int_equal(nid, 0);
    assert_int_equal(lead, 0);
    assert_int_equal(query_long("SELECT count(*) FROM audit_log"), entries);
    assert_int_equal(query_long("SELECT count(*) FROM complaint_history"), 1);
    assert_int_equal(query_long("SELECT count(*) FROM office_log"), 0);
    assert_int_equal(query_long("SELECT count(*) FROM leads"), 0);

    /* the account's own facility: a complaint without a facility is filed at it; audited */
    assert_int_equal(office_complaint_add(db, &p2, &c, "res2", &nid, &d), 0);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT facility_id = 'P2' FROM complaints WHERE complaint_id = %ld",
             nid);
    assert_int_equal(query_long(sql), 1);
    snprintf(obj, sizeof obj, "complaint:%ld", nid);
    assert_int_equal(audited("res2", obj), 1);
    assert_int_equal(office_complaint_route(db, &p2, nid, "res2", "res2", &d), 0);
    assert_int_equal(audited("res2", obj), 2);
    assert_int_equal(office_log_add(db, &p2, "P2", D("2025-12-01"), "res2", "巡视", &nid, &d), 0);
    snprintf(obj, sizeof obj, "office:log:%ld", nid);
    assert_int_equal(audited("res2", obj), 1);
    assert_int_equal(office_journal_json(db, &p2, "P2", &sb, &d), 0);
    strbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_intake_route_close, setup, teardown),
        cmocka_unit_test_setup_teardown(test_letters_talks_to_complaint_or_lead, setup, teardown),
        cmocka_unit_test_setup_teardown(test_complaint_runs_law_core, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scope_and_audit, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
