/*
 * test_cases_workflow.c — the cases layer of the web application: scope parsing and
 * enforcement in the storage queries, id_number masking, the lead workflow, measure
 * deadlines (刑事诉讼法第274条: objection within 20 days of receipt; correction notice
 * reply within 15 days; suggestion reply within 2 months, month-end clamped), the audit
 * chain, accounts (Argon2id, throttling, sessions) and documents (HTML escaping, .docx
 * package, law titles).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "cases/accounts.h"
#include "cases/articles.h"
#include "cases/audit.h"
#include "cases/documents.h"
#include "cases/workflow.h"
#include "store/leads.h"
#include "store/stmt.h"
#include "store/store.h"

static sqlite3 *open_seeded(void)
{
    sqlite3 *db = NULL;
    zj_diag d = {0};
    assert_int_equal(store_open(":memory:", 0, &db, &d), 0);
    assert_int_equal(
        store_exec(
            db,
            "INSERT INTO facilities(facility_id, name, kind, region_code) VALUES"
            " ('P1', '甲监狱', 'prison', '320100'), ('P2', '乙监狱', 'prison', '320500'),"
            " ('P3', '丙监狱', 'prison', '110100'), ('C1', '甲市中级人民法院', 'court', '320100');"
            "INSERT INTO persons(person_id, id_number, name, birth_date) VALUES"
            " ('R1', '110105198001011234', '张三', '1980-01-01'),"
            " ('R2', '320102198505052345', '李四', '1985-05-05');"
            "INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date) VALUES"
            " ('E1', 'R1', 'P1', 'admit', '2023-01-01'), ('E2', 'R2', 'P2', 'admit', '2023-01-01');"
            "INSERT INTO judgments(judgment_id, person_id, case_no, court_id, charges, "
            "offense_date,"
            " judgment_date, effective_date, penalty, term_months) VALUES ('J1', 'R1', "
            "'（2022）苏01刑初1号',"
            " 'C1', '盗窃罪', '2022-01-01', '2022-06-01', '2022-06-12', 'fixed_term', 60);"
            "INSERT INTO sentence_changes(change_id, person_id, judgment_id, kind, proposer_id,"
            " proposal_date, decider_id, decision_date, reduction_months) VALUES ('S1', 'R1', 'J1',"
            " 'commutation', 'P1', '2025-01-10', 'C1', '2025-03-01', 8);"
            "INSERT INTO leads(lead_id, model_id, subject, person_id, facility_id, region_code,"
            " family, severity, first_seen, last_seen, summary, evidence, evidence_hash, basis) "
            "VALUES"
            " (1, 'CHG-03', 'S1', 'R1', 'P1', '320100', 'changes', 'high', '2025-06-30',"
            "  '2025-06-30', '减刑幅度超限', "
            "'{\"change_id\":\"S1\",\"judgment_id\":\"J1\",\"decision_date\":\"2025-03-01\"}', "
            "'h', 'C-04 减刑假释规定第6条'),"
            " (2, 'DEL-01', 'J2', 'R2', 'P2', '320500', 'delivery', 'low', '2025-06-30',"
            "  '2025-06-30', '未交付执行', '{}', 'h', 'D-01 刑事诉讼法第264条');",
            &d),
        0);
    return db;
}

static void test_scope_parse(void **state)
{
    (void)state;
    zj_scope s;
    assert_int_equal(scope_parse("country", &s), 0);
    assert_int_equal(s.kind, SCOPE_COUNTRY);
    assert_int_equal(scope_parse("32", &s), 0);
    assert_int_equal(s.kind, SCOPE_REGION);
    assert_string_equal(s.value, "32");
    assert_int_equal(scope_parse("region:3201", &s), 0);
    assert_string_equal(s.value, "3201");
    assert_int_equal(scope_parse("P3201", &s), 0);
    assert_int_equal(s.kind, SCOPE_FACILITY);
    assert_int_equal(scope_parse("facility:320100", &s), 0);
    assert_int_equal(s.kind, SCOPE_FACILITY);
    assert_int_equal(scope_parse("3", &s), ZJ_EINVAL); /* a prefix is 2..6 digits */
    assert_int_equal(scope_parse("1234567", &s), ZJ_EINVAL);
    assert_int_equal(scope_parse("region:3%", &s), ZJ_EINVAL); /* no LIKE wildcards */
    assert_int_equal(scope_parse("a b", &s), ZJ_EINVAL);
    assert_int_equal(scope_parse("", &s), ZJ_EINVAL);
    char buf[80];
    scope_parse("32", &s);
    scope_format(&s, buf, sizeof buf);
    assert_string_equal(buf, "region:32");
}

static void test_mask(void **state)
{
    (void)state;
    char buf[40];
    workflow_mask_id("110105198001011234", buf, sizeof buf);
    assert_string_equal(buf, "110105********1234");
    workflow_mask_id("12345", buf, sizeof buf);
    assert_string_equal(buf, "********");
    workflow_mask_id("", buf, sizeof buf);
    assert_string_equal(buf, "");
}

static void test_scope_in_queries(void **state)
{
    (void)state;
    sqlite3 *db = open_seeded();
    zj_scope p1, p2, r32, r11, all;
    scope_parse("P1", &p1);
    scope_parse("P2", &p2);
    scope_parse("32", &r32);
    scope_parse("11", &r11);
    scope_parse("country", &all);
    lead_filter f = {.per = 50};
    json_t *page = leads_page(db, &p1, &f);
    assert_int_equal(json_integer_value(json_object_get(page, "total")), 1);
    json_decref(page);
    page = leads_page(db, &r32, &f);
    assert_int_equal(json_integer_value(json_object_get(page, "total")), 2);
    json_decref(page);
    page = leads_page(db, &r11, &f);
    assert_int_equal(json_integer_value(json_object_get(page, "total")), 0);
    json_decref(page);
    json_t *l = lead_get(db, &p2, 1, false);
    assert_null(l);
    l = lead_get(db, &p1, 1, true);
    assert_non_null(l);
    assert_string_equal(json_string_value(json_object_get(l, "id_number")), "110105********1234");
    json_decref(l);
    assert_null(person_get(db, &p1, "R2", false));
    assert_null(person_get(db, &r11, "R1", false));
    json_t *p = person_get(db, &all, "R2", false);
    assert_non_null(p);
    json_decref(p);
    strbuf sb = STRBUF_INIT;
    assert_int_equal(leads_export_csv(db, &p2, &f, &sb), 1);
    assert_null(strstr(sb.buf, "CHG-03"));
    strbuf_release(&sb);
    long case_id = 0;
    assert_int_equal(lead_change(db, &p2, 1, "x", "case", NULL, &case_id), ZJ_ENOTFOUND);
    store_close(db);
}

/* The lead state machine: the open states (store/leads.h) take every action, the others
 * none; an analyst may take none; an unknown action is invalid. */
static void test_lead_transitions(void **state)
{
    (void)state;
    static const char *const states[] = {"open", "assigned", "verifying", "dismissed",
                                         "case", "resolved", ""};
    static const char *const actions[] = {"assign", "verify", "dismiss", "case"};
    static const char *const to[] = {"assigned", "verifying", "dismissed", "case"};
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
        for (size_t a = 0; a < 4; a++) {
            int rc = -1;
            const char *t = lead_transition(states[i], actions[a], NULL, &rc);
            if (lead_status_open(states[i])) {
                assert_string_equal(t, to[a]);
                assert_int_equal(rc, 0);
                assert_string_equal(lead_transition(states[i], actions[a], "resident", &rc), to[a]);
                assert_null(lead_transition(states[i], actions[a], "analyst", &rc));
                assert_int_equal(rc, ZJ_EFORBIDDEN);
            } else {
                assert_null(t);
                assert_int_equal(rc, ZJ_ECONFLICT);
            }
        }
    int rc = 0;
    assert_null(lead_transition("open", "reopen", NULL, &rc));
    assert_int_equal(rc, ZJ_EINVAL);
    sqlite3 *db = open_seeded();
    zj_scope p1;
    scope_parse("P1", &p1);
    assert_int_equal(lead_change_as(db, &p1, 1, "ana", "analyst", "verify", "x", NULL),
                     ZJ_EFORBIDDEN);
    assert_int_equal(lead_change_as(db, &p1, 1, "res", "resident", "assign", NULL, NULL), 0);
    store_close(db);
}

static void test_workflow_and_deadlines(void **state)
{
    (void)state;
    sqlite3 *db = open_seeded();
    zj_scope p1, p2;
    scope_parse("P1", &p1);
    scope_parse("P2", &p2);
    long case_id = 0, m = 0;
    assert_int_equal(lead_change(db, &p1, 1, "res", "dismiss", "", NULL), ZJ_EINVAL);
    assert_int_equal(lead_change(db, &p1, 1, "res", "verify", "核实", NULL), 0);
    assert_int_equal(lead_change(db, &p1, 1, "res", "case", NULL, &case_id), 0);
    assert_true(case_id > 0);
    assert_int_equal(lead_change(db, &p1, 1, "res", "dismiss", "x", NULL), ZJ_ECONFLICT);
    zj_diag d = {0};
    zj_date today = date_from_ymd(2025, 2, 16);
    /* objection: ruling received 2025-01-31 → last day 2025-02-20 */
    assert_int_equal(
        measure_create(db, &p1, case_id, "objection", NULL, NULL, "res", today, &m, &d), ZJ_EINVAL);
    assert_int_equal(
        measure_create(db, &p1, case_id, "objection", NULL, "2025-01-31", "res", today, &m, &d), 0);
    json_t *mj = measure_get(db, &p1, m);
    assert_string_equal(json_string_value(json_object_get(mj, "due_date")), "2025-02-20");
    json_decref(mj);
    assert_null(measure_get(db, &p2, m));
    json_t *due = measures_due(db, &p1, today, false); /* 4 days left: within the warning */
    assert_int_equal(json_array_size(due), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(due, 0), "days_left")), 4);
    json_decref(due);
    due = measures_due(db, &p2, today, false);
    assert_int_equal(json_array_size(due), 0);
    json_decref(due);
    due = measures_due(db, &p1, date_from_ymd(2025, 2, 14), false); /* 6 days: not yet */
    assert_int_equal(json_array_size(due), 0);
    json_decref(due);
    due = measures_due(db, &p1, date_from_ymd(2025, 2, 21), true); /* the day after: overdue */
    assert_int_equal(json_array_size(due), 1);
    json_decref(due);
    due = measures_due(db, &p1, date_from_ymd(2025, 2, 20), true); /* the last day: not overdue */
    assert_int_equal(json_array_size(due), 0);
    json_decref(due);
    /* correction notice: sent 2025-02-20 → reply by 2025-03-07 */
    assert_int_equal(
        measure_create(db, &p1, case_id, "correction_notice", NULL, NULL, "res", today, &m, &d), 0);
    json_t *in = json_pack("{s:s}", "sent_date", "2025-02-20");
    assert_int_equal(measure_update(db, &p1, m, in, "res", &d), 0);
    assert_int_equal(measure_update(db, &p2, m, in, "res", &d), ZJ_ENOTFOUND);
    json_decref(in);
    mj = measure_get(db, &p1, m);
    assert_string_equal(json_string_value(json_object_get(mj, "reply_deadline")), "2025-03-07");
    json_t *doc = json_object_get(mj, "document");
    assert_string_equal(json_string_value(json_object_get(doc, "title")), "纠正违法通知书");
    assert_string_equal(json_string_value(json_object_get(doc, "recipient")), "甲监狱");
    assert_non_null(strstr(json_string_value(json_object_get(doc, "body")), "2025年3月1日"));
    json_decref(mj);
    /* suggestion: sent 2024-12-31 → two months → 2025-02-28 (month end) */
    assert_int_equal(
        measure_create(db, &p1, case_id, "suggestion", NULL, NULL, "res", today, &m, &d), 0);
    in = json_pack("{s:s}", "sent_date", "2024-12-31");
    assert_int_equal(measure_update(db, &p1, m, in, "res", &d), 0);
    json_decref(in);
    mj = measure_get(db, &p1, m);
    assert_string_equal(json_string_value(json_object_get(mj, "reply_deadline")), "2025-02-28");
    json_decref(mj);
    /* every change is in the audit log, and the chain holds */
    long count = 0, bad = 0;
    char why[200];
    assert_int_equal(audit_verify(db, &count, &bad, why, sizeof why), 0);
    assert_int_equal(count, 7);
    store_close(db);
}

static void test_audit_chain(void **state)
{
    (void)state;
    sqlite3 *db = open_seeded();
    for (int i = 0; i < 4; i++)
        assert_int_equal(audit_append(db, "a", "login", "account", ""), 0);
    long count = 0, bad = 0;
    char why[200] = "";
    assert_int_equal(audit_verify(db, &count, &bad, why, sizeof why), 0);
    assert_int_equal(count, 4);
    zj_diag d = {0};
    assert_int_equal(store_exec(db, "UPDATE audit_log SET actor = 'b' WHERE seq = 2", &d), ZJ_EDB);
    assert_int_equal(store_exec(db,
                                "DROP TRIGGER audit_log_no_update;"
                                " UPDATE audit_log SET actor = 'b' WHERE seq = 3",
                                &d),
                     0);
    assert_int_equal(audit_verify(db, &count, &bad, why, sizeof why), ZJ_ETAMPER);
    assert_int_equal(bad, 3);
    store_close(db);
}

static void test_accounts(void **state)
{
    (void)state;
    sqlite3 *db = open_seeded();
    zj_diag d = {0};
    assert_int_equal(account_add(db, "res", "resident", "P1", "password1", &d), 0);
    assert_int_equal(account_add(db, "res", "resident", "P1", "password1", &d), ZJ_EEXIST);
    assert_int_equal(account_add(db, "x", "king", "P1", "password1", &d), ZJ_EINVAL);
    assert_int_equal(account_add(db, "y", "admin", "P1", "short", &d), ZJ_EINVAL);
    zj_account a;
    long now = 1000000;
    assert_int_equal(account_login(db, "res", "password1", now, &a), 0);
    assert_string_equal(a.role, "resident");
    assert_int_equal(a.scope.kind, SCOPE_FACILITY);
    assert_int_equal(account_login(db, "nobody", "password1", now, &a), ZJ_EAUTH);
    char token[65], csrf[65], csrf2[65];
    assert_int_equal(session_create(db, a.id, now, token, csrf), 0);
    zj_account b;
    assert_int_equal(session_lookup(db, token, now + 10, &b, csrf2), 0);
    assert_string_equal(csrf, csrf2);
    assert_int_equal(session_lookup(db, token, now + SESSION_TTL_SECONDS + 1, &b, csrf2), ZJ_EAUTH);
    for (int i = 0; i < ACCOUNT_MAX_FAILURES; i++)
        assert_int_equal(account_login(db, "res", "wrong-pass", now, &a), ZJ_EAUTH);
    assert_int_equal(account_login(db, "res", "password1", now + 1, &a), ZJ_ETHROTTLE);
    assert_int_equal(account_login(db, "res", "password1", now + ACCOUNT_LOCK_SECONDS + 1, &a), 0);
    store_close(db);
}

static void test_documents(void **state)
{
    (void)state;
    char *b = articles_basis_for_document("D-02 监狱法第15条、刑事诉讼法第264条；D-04");
    assert_string_equal(
        b, "《中华人民共和国监狱法》第十五条、《中华人民共和国刑事诉讼法》第二百六十四条");
    free(b);
    b = articles_basis_for_document("C-03 减刑假释规定第4、5条");
    assert_string_equal(b, "《最高人民法院关于办理减刑、假释案件具体应用法律的规定》第四、五条");
    free(b);
    /* law.md §16: the provisions of 2012 and 1997, cited with their document numbers */
    b = articles_basis_for_document(
        "C-02 2012年减刑假释规定第五条；P-04 2012年减刑假释规定第二十二条");
    assert_string_equal(b, "《最高人民法院关于办理减刑、假释案件具体应用法律若干问题的规定》（法释"
                           "〔2012〕2号）第五条；"
                           "《最高人民法院关于办理减刑、假释案件具体应用法律若干问题的规定》（法释"
                           "〔2012〕2号）第二十二条");
    free(b);
    b = articles_basis_for_document("C-06 1997年减刑假释规定（法释〔1997〕6号）");
    assert_string_equal(
        b, "《最高人民法院关于办理减刑、假释案件具体应用法律若干问题的规定》（法释〔1997〕6号）");
    free(b);
    char law_dir[1024];
    snprintf(law_dir, sizeof law_dir, "%s/law",
             getenv("ZJ_SHARED") && *getenv("ZJ_SHARED") ? getenv("ZJ_SHARED")
                                                         : ZJ_SOURCE_DIR "/../shared");
    json_t *arts = articles_lookup(
        law_dir, "C-02 2012年减刑假释规定第五条；P-04 2012年减刑假释规定第二十二条；"
                 "C-06 1997年减刑假释规定（法释〔1997〕6号）");
    assert_int_equal(json_array_size(arts), 3);
    assert_string_equal(json_string_value(json_object_get(json_array_get(arts, 0), "ref")),
                        "2012年减刑假释规定第5条");
    const char *t5 = json_string_value(json_object_get(json_array_get(arts, 0), "text"));
    assert_non_null(t5);
    assert_non_null(strstr(t5, "一次减刑一般不超过一年有期徒刑"));
    assert_string_equal(json_string_value(json_object_get(json_array_get(arts, 1), "ref")),
                        "2012年减刑假释规定第22条");
    assert_string_equal(json_string_value(json_object_get(json_array_get(arts, 2), "ref")),
                        "1997年减刑假释规定（法释〔1997〕6号）");
    assert_true(json_is_null(json_object_get(json_array_get(arts, 2), "text")));
    json_decref(arts);
    arts = articles_lookup(NULL, "K-02 社区矫正法第30条、社区矫正法实施办法");
    assert_int_equal(json_array_size(arts), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(arts, 0), "ref")),
                        "社区矫正法第30条");
    json_decref(arts);
    arts = articles_lookup(NULL, "DUTY-01 刑法第401条、第397条; 人民检察院刑事诉讼规则");
    assert_int_equal(json_array_size(arts), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(arts, 1), "ref")),
                        "刑法第397条");
    json_decref(arts);
    json_t *doc =
        json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "org", "某院", "title", "纠正违法通知书",
                  "number", "检〔2025〕1号", "recipient", "甲监狱", "body", "第一段<b>&\n第二段",
                  "date", "2025年7月1日", "seal", "（院印）");
    strbuf sb = STRBUF_INIT;
    document_html(doc, &sb);
    assert_non_null(strstr(sb.buf, "第一段&lt;b&gt;&amp;</p>"));
    assert_null(strstr(sb.buf, "<b>"));
    strbuf_release(&sb);
    unsigned char *data = NULL;
    size_t len = 0;
    assert_int_equal(document_docx(doc, &data, &len), 0);
    assert_true(len > 100);
    assert_memory_equal(data, "PK", 2);
    assert_non_null(memmem(data, len, "word/document.xml", 17));
    assert_non_null(memmem(data, len, "[Content_Types].xml", 19));
    free(data);
    zj_diag d = {0};
    assert_int_equal(document_validate(doc, &d), 0);
    json_object_set_new(doc, "script", json_string("x"));
    assert_int_equal(document_validate(doc, &d), ZJ_EINVAL);
    json_decref(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scope_parse),
        cmocka_unit_test(test_mask),
        cmocka_unit_test(test_scope_in_queries),
        cmocka_unit_test(test_lead_transitions),
        cmocka_unit_test(test_workflow_and_deadlines),
        cmocka_unit_test(test_audit_chain),
        cmocka_unit_test(test_accounts),
        cmocka_unit_test(test_documents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
