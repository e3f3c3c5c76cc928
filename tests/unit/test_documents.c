/*
 * test_documents.c — the documents a procurator signs (docs/documents.md): procuratorates
 * as data and seeded from the facilities feed, the sending procuratorate named at the head
 * and the foot, numbers per procuratorate, per year and per kind without gaps (a rolled
 * back issue gives its number back), the reply period per procuratorate, the history of
 * the document's versions, and no edit after sending.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/accounts.h"
#include "cases/documents.h"
#include "cases/notice_text.h"
#include "cases/procuratorates.h"
#include "store/stmt.h"
#include "cases/workflow.h"
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
            " ('P1', '南京监狱', 'prison', '320100'), ('K1', '南京市玄武区看守所',"
            " 'detention_center', '320102'), ('J1', '南京市玄武区社区矫正管理局',"
            " 'community_corrections', '320102'),"
            " ('C320100', '南京市中级人民法院', 'court', '320100'),"
            " ('Y320000', '江苏省人民检察院', 'procuratorate', '320000'),"
            " ('Y320100', '南京市人民检察院', 'procuratorate', '320100'),"
            " ('Y320102', '南京市玄武区人民检察院', 'procuratorate', '320102'),"
            " ('Y320500', '苏州市人民检察院', 'procuratorate', '320500');"
            "INSERT INTO persons(person_id, id_number, name, birth_date) VALUES"
            " ('R1', '110105198001011234', '张三', '1980-01-01');"
            "INSERT INTO leads(lead_id, model_id, subject, person_id, facility_id, region_code,"
            " family, severity, first_seen, last_seen, summary, evidence, evidence_hash, basis) "
            "VALUES"
            " (1, 'DEL-02', 'J1', 'R1', 'K1', '320102', 'delivery', 'medium', '2024-06-30',"
            "  '2024-06-30', '超期留所服刑', '{}', 'h', 'D-02 监狱法第15条'),"
            " (2, 'CUS-03', 'X1', 'R1', 'P1', '320100', 'conditions', 'high', '2024-06-30',"
            "  '2024-06-30', '禁闭超期', '{}', 'h', 'H-02');",
            &d),
        0);
    return db;
}

static void test_levels(void **state)
{
    (void)state;
    assert_int_equal(proc_level_of_region("320000"), PROC_PROVINCIAL);
    assert_int_equal(proc_level_of_region("320100"), PROC_MUNICIPAL);
    assert_int_equal(proc_level_of_region("320102"), PROC_BASIC);
    assert_int_equal(proc_level_of_region("3201"), PROC_LEVEL_NONE);
    assert_int_equal(proc_court_level("江苏省高级人民法院", "320000"), PROC_PROVINCIAL);
    assert_int_equal(proc_court_level("南京市中级人民法院", "320100"), PROC_MUNICIPAL);
    assert_int_equal(proc_court_level("南京市玄武区人民法院", "320102"), PROC_BASIC);
    assert_int_equal(proc_court_level("最高人民法院", "100000"), PROC_SUPREME);
}

static void test_seed(void **state)
{
    (void)state;
    sqlite3 *db = open_seeded();
    assert_int_equal(proc_seed_from_facilities(db), 4);
    assert_int_equal(proc_seed_from_facilities(db), 0); /* once */
    zj_procuratorate p;
    assert_int_equal(proc_get(db, "Y320102", &p), 0);
    assert_string_equal(p.name, "江苏省南京市玄武区人民检察院");
    assert_string_equal(p.short_name, "南玄检");
    assert_int_equal(p.level, PROC_BASIC);
    assert_string_equal(p.parent_id, "Y320100");
    assert_int_equal(p.reply_days, 15);
    assert_int_equal(proc_get(db, "Y320100", &p), 0);
    assert_string_equal(p.name, "江苏省南京市人民检察院");
    assert_string_equal(p.short_name, "苏南检");
    assert_string_equal(p.parent_id, "Y320000");
    assert_int_equal(proc_get(db, "Y320000", &p), 0);
    assert_string_equal(p.short_name, "苏检");
    assert_string_equal(p.parent_id, "");
    json_t *in = json_pack("{s:s, s:i}", "short_name", "宁玄检", "reply_days", 10);
    zj_diag d = {0};
    assert_int_equal(proc_update(db, "Y320102", in, &d), 0);
    json_decref(in);
    in = json_pack("{s:s}", "level", "county");
    assert_int_equal(proc_update(db, "Y320102", in, &d), ZJ_EINVAL);
    json_decref(in);
    assert_int_equal(proc_get(db, "Y320102", &p), 0);
    assert_string_equal(p.short_name, "宁玄检");
    assert_int_equal(p.reply_days, 10);
    zj_procuratorate dup = p;
    assert_int_equal(proc_add(db, &dup, &d), ZJ_EEXIST);
    json_t *a = proc_list(db);
    assert_int_equal(json_array_size(a), 4);
    json_decref(a);
    store_close(db);
}

static void test_sender(void **state)
{
    (void)state;
    sqlite3 *db = open_seeded();
    assert_int_equal(proc_seed_from_facilities(db), 4);
    zj_diag d = {0};
    assert_int_equal(account_add(db, "res", "resident", "P1", "password1", &d), 0);
    zj_procuratorate p;
    /* no account: the most specific procuratorate of the region */
    assert_int_equal(proc_for_document(db, "nobody", "320102", &p), 0);
    assert_string_equal(p.id, "Y320102");
    assert_int_equal(proc_for_document(db, "nobody", "320105", &p), 0);
    assert_string_equal(p.id, "Y320100");
    assert_int_equal(proc_for_document(db, "nobody", "110105", &p), ZJ_ENOTFOUND);
    assert_string_equal(p.name, "人民检察院");
    /* the account's procuratorate wins */
    assert_int_equal(proc_assign_account(db, "RES", "Y320500"), 0);
    assert_int_equal(proc_for_document(db, "res", "320102", &p), 0);
    assert_string_equal(p.id, "Y320500");
    assert_int_equal(proc_assign_account(db, "res", "Y999"), ZJ_ENOTFOUND);
    assert_int_equal(proc_assign_account(db, "ghost", "Y320500"), ZJ_ENOTFOUND);
    store_close(db);
}

/* The number of measure id (document.number). */
static char *number_of(sqlite3 *db, const zj_scope *sc, long id)
{
    json_t *m = measure_get(db, sc, id);
    assert_non_null(m);
    char *s = strdup(json_string_value(json_object_get(json_object_get(m, "document"), "number")));
    json_decref(m);
    return s;
}

static long new_notice(sqlite3 *db, const zj_scope *sc, long case_id, const char *actor)
{
    long m = 0;
    zj_diag d = {0};
    assert_int_equal(measure_create(db, sc, case_id, "correction_notice", NULL, NULL, actor,
                                    date_from_ymd(2024, 12, 20), &m, &d),
                     0);
    return m;
}

static void send_on(sqlite3 *db, const zj_scope *sc, long m, const char *date)
{
    json_t *in = json_pack("{s:s}", "sent_date", date);
    zj_diag d = {0};
    assert_int_equal(measure_update(db, sc, m, in, "res", &d), 0);
    json_decref(in);
}

static void test_numbering(void **state)
{
    (void)state;
    sqlite3 *db = open_seeded();
    assert_int_equal(proc_seed_from_facilities(db), 4);
    zj_diag d = {0};
    json_t *in = json_pack("{s:s}", "short_name", "宁玄检");
    assert_int_equal(proc_update(db, "Y320102", in, &d), 0);
    json_decref(in);
    in = json_pack("{s:s}", "short_name", "宁检");
    assert_int_equal(proc_update(db, "Y320100", in, &d), 0);
    json_decref(in);
    zj_scope all;
    scope_parse("country", &all);
    long c1 = 0, c2 = 0;
    assert_int_equal(lead_change(db, &all, 1, "res", "case", NULL, &c1), 0);
    assert_int_equal(lead_change(db, &all, 2, "res", "case", NULL, &c2), 0);

    /* a draft names its procuratorate at the head and the foot, its number left blank */
    long a1 = new_notice(db, &all, c1, "x");
    json_t *m = measure_get(db, &all, a1);
    json_t *doc = json_object_get(m, "document");
    assert_string_equal(json_string_value(json_object_get(doc, "org")),
                        "江苏省南京市玄武区人民检察院");
    assert_string_equal(json_string_value(json_object_get(doc, "signer")),
                        "江苏省南京市玄武区人民检察院");
    assert_string_equal(json_string_value(json_object_get(doc, "number")),
                        "宁玄检刑执纠违〔2024〕　号");
    assert_string_equal(json_string_value(json_object_get(m, "procuratorate_id")), "Y320102");
    json_decref(m);

    /* two procuratorates count on their own; drafts take no number until issued */
    long b1 = new_notice(db, &all, c2, "x");
    long a2 = new_notice(db, &all, c1, "x");
    long a3 = new_notice(db, &all, c1, "x");
    send_on(db, &all, a2, "2024-12-28");
    send_on(db, &all, b1, "2024-12-29");
    send_on(db, &all, a1, "2024-12-30");
    char *s = number_of(db, &all, a2);
    assert_string_equal(s, "宁玄检刑执纠违〔2024〕1号");
    free(s);
    s = number_of(db, &all, a1);
    assert_string_equal(s, "宁玄检刑执纠违〔2024〕2号");
    free(s);
    s = number_of(db, &all, b1);
    assert_string_equal(s, "宁检刑执纠违〔2024〕1号");
    free(s);
    /* a new year starts at 1; the document's date is the issue date */
    in = json_pack("{s:s}", "issue", "2025-01-02");
    assert_int_equal(measure_update(db, &all, a3, in, "res", &d), 0);
    assert_int_equal(measure_update(db, &all, a3, in, "res", &d), ZJ_ECONFLICT);
    json_decref(in);
    m = measure_get(db, &all, a3);
    doc = json_object_get(m, "document");
    assert_string_equal(json_string_value(json_object_get(doc, "number")),
                        "宁玄检刑执纠违〔2025〕1号");
    assert_string_equal(json_string_value(json_object_get(doc, "date")), "2025年1月2日");
    assert_string_equal(json_string_value(json_object_get(m, "issued_date")), "2025-01-02");
    assert_null(json_string_value(json_object_get(m, "sent_date")));
    json_decref(m);
    /* another kind has its own count */
    long sg = 0;
    assert_int_equal(measure_create(db, &all, c1, "suggestion", NULL, NULL, "x",
                                    date_from_ymd(2025, 1, 3), &sg, &d),
                     0);
    send_on(db, &all, sg, "2025-01-03");
    s = number_of(db, &all, sg);
    assert_string_equal(s, "宁玄检刑执检建〔2025〕1号");
    free(s);
    store_close(db);
}

static void test_no_gap_on_rollback(void **state)
{
    (void)state;
    sqlite3 *db = open_seeded();
    assert_int_equal(proc_seed_from_facilities(db), 4);
    assert_int_equal(store_begin(db), 0);
    long seq = 0;
    assert_int_equal(proc_number_take(db, "Y320102", 2024, "纠违", &seq), 0);
    assert_int_equal(seq, 1);
    assert_int_equal(proc_number_take(db, "Y320102", 2024, "纠违", &seq), 0);
    assert_int_equal(seq, 2);
    store_rollback(db);
    assert_int_equal(store_begin(db), 0);
    assert_int_equal(proc_number_take(db, "Y320102", 2024, "纠违", &seq), 0);
    assert_int_equal(seq, 1);
    assert_int_equal(proc_number_take(db, "", 2024, "纠违", &seq), 0);
    assert_int_equal(seq, 1);
    assert_int_equal(store_commit(db), 0);
    char buf[128];
    zj_procuratorate p;
    assert_int_equal(proc_get(db, "Y320102", &p), 0);
    proc_number_format(&p, "纠违", 2024, 3, buf, sizeof buf);
    assert_string_equal(buf, "南玄检刑执纠违〔2024〕3号");
    proc_number_format(NULL, "纠违", 2024, 3, buf, sizeof buf);
    assert_string_equal(buf, "检刑执纠违〔2024〕3号");
    store_close(db);
}

static void test_reply_period_history_and_lock(void **state)
{
    (void)state;
    sqlite3 *db = open_seeded();
    assert_int_equal(proc_seed_from_facilities(db), 4);
    zj_diag d = {0};
    json_t *in = json_pack("{s:i}", "reply_days", 10);
    assert_int_equal(proc_update(db, "Y320102", in, &d), 0);
    json_decref(in);
    zj_scope all;
    scope_parse("country", &all);
    long c1 = 0;
    assert_int_equal(lead_change(db, &all, 1, "res", "case", NULL, &c1), 0);
    long m = new_notice(db, &all, c1, "x");
    json_t *got = measure_get(db, &all, m);
    json_t *doc = json_deep_copy(json_object_get(got, "document"));
    json_decref(got);
    json_object_set_new(doc, "body", json_string("改过的正文"));
    json_object_set_new(doc, "number", json_string("伪造〔2024〕99号"));
    in = json_pack("{s:O}", "document", doc);
    assert_int_equal(measure_update(db, &all, m, in, "res", &d), 0);
    send_on(db, &all, m, "2024-12-30");
    /* once sent, the text is what was sent */
    assert_int_equal(measure_update(db, &all, m, in, "res", &d), ZJ_ECONFLICT);
    json_decref(in);
    json_decref(doc);
    got = measure_get(db, &all, m);
    assert_string_equal(json_string_value(json_object_get(got, "reply_deadline")), "2025-01-09");
    doc = json_object_get(got, "document");
    assert_string_equal(json_string_value(json_object_get(doc, "body")), "改过的正文");
    assert_string_equal(json_string_value(json_object_get(doc, "number")),
                        "南玄检刑执纠违〔2024〕1号");
    json_t *versions = json_object_get(got, "versions");
    assert_int_equal(json_array_size(versions), 3);
    assert_string_equal(json_string_value(json_object_get(json_array_get(versions, 0), "action")),
                        "draft");
    assert_string_equal(json_string_value(json_object_get(json_array_get(versions, 1), "action")),
                        "edit");
    assert_string_equal(json_string_value(json_object_get(json_array_get(versions, 2), "action")),
                        "issue");
    json_decref(got);
    json_t *v1 = measure_document_version(db, &all, m, 1);
    assert_non_null(v1);
    assert_string_not_equal(json_string_value(json_object_get(v1, "body")), "改过的正文");
    json_decref(v1);
    zj_scope other;
    scope_parse("P1", &other);
    assert_null(measure_document_version(db, &other, m, 1));
    store_close(db);
}

/* The 14 crimes of 刑事诉讼法第十九条第二款 are charge names in force (罪名补充规定（八）). */
static void test_duty_crimes_are_official(void **state)
{
    (void)state;
    const char *shared = getenv("ZJ_SHARED");
    assert_non_null(shared);
    char path[1024];
    snprintf(path, sizeof path, "%s/law/charges-official.tsv", shared);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    static char text[1 << 18];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    size_t count;
    const char *const *crimes = measure_duty_crimes(&count);
    assert_int_equal(count, 14);
    for (size_t i = 0; i < count; i++) {
        char line[160];
        snprintf(line, sizeof line, "\n%s\t", crimes[i]);
        if (!strstr(text, line))
            fail_msg("'%s' is not an official charge name", crimes[i]);
    }
}

static void test_patterns(void **state)
{
    (void)state;
    json_t *f = json_pack("{s:s, s:i, s:s, s:i, s:s}", "d", "2024-03-05", "n", 26, "m", "2026-04",
                          "amount_fen", 5000050, "empty", "");
    strbuf sb = STRBUF_INIT;
    assert_int_equal(notice_expand("于{d}，超期{n}日[，月份{m}][，缺{missing}]。", f, &sb), 0);
    assert_string_equal(sb.buf, "于2024年3月5日，超期26日，月份2026年4月。");
    strbuf_reset(&sb);
    assert_int_equal(notice_expand("{missing}||{empty}||共{amount_fen}", f, &sb), 0);
    assert_string_equal(sb.buf, "共50000.50元");
    strbuf_reset(&sb);
    assert_int_equal(notice_expand("{missing}", f, &sb), -1);
    assert_int_equal(sb.len, 0);
    /* region codes are written as their names (item 5), old codes with their note */
    json_t *g = json_pack("{s:s, s:s, s:s}", "region_code", "330106", "agency_region", "110105",
                          "activity_region", "320103");
    assert_int_equal(
        notice_expand("在{region_code}被定位，离开{agency_region}，地点{activity_region}", g, &sb),
        0);
    assert_string_equal(sb.buf,
                        "在浙江省杭州市西湖区被定位，离开北京市朝阳区，地点320103（旧代码）");
    json_decref(g);
    strbuf_reset(&sb);
    notice_add_dates(&sb, "提请2025-09-11，裁定2025-10-01。2025-1-1");
    assert_string_equal(sb.buf, "提请2025年9月11日，裁定2025年10月1日。2025-1-1");
    strbuf_release(&sb);
    json_decref(f);
    char buf[16];
    notice_cn_number(8, buf, sizeof buf);
    assert_string_equal(buf, "八");
    notice_cn_number(12, buf, sizeof buf);
    assert_string_equal(buf, "十二");
    notice_cn_number(20, buf, sizeof buf);
    assert_string_equal(buf, "二十");
    notice_cn_number(35, buf, sizeof buf);
    assert_string_equal(buf, "三十五");
}

/* A notice to a community-correction agency cites 社区矫正法第62条; the same lead to a
 * prison 监狱法第6条, to a detention centre 看守所条例第8条. */
static void test_basis_by_recipient(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"community_corrections", "《中华人民共和国社区矫正法》第六十二条"},
        {"prison", "《中华人民共和国监狱法》第六条"},
        {"detention_center", "《看守所条例》第八条"},
        {"court", "《中华人民共和国人民检察院组织法》第二十一条"},
    };
    zj_procuratorate p = {.name = "江苏省南京市人民检察院",
                          .short_name = "宁检",
                          .level = PROC_MUNICIPAL,
                          .reply_days = 10};
    for (size_t i = 0; i < 4; i++) {
        json_t *facts =
            json_pack("{s:s, s:s, s:s, s:s}", "model_id", "X-01", "family", "other", "summary",
                      "某事于2024-03-05发生", "lead_basis", "X 监狱法第15条");
        doc_request rq = {.facts = facts,
                          .kind = "correction_notice",
                          .sender = &p,
                          .recipient_name = "某单位",
                          .recipient_kind = cases[i][0],
                          .today = date_from_ymd(2024, 3, 20)};
        json_t *doc = document_draft(&rq);
        const char *body = json_string_value(json_object_get(doc, "body"));
        if (!strstr(body, cases[i][1]))
            fail_msg("%s: %s", cases[i][0], body);
        assert_non_null(strstr(body, "2024年3月5日"));
        assert_non_null(strstr(body, "收到本通知书后10日以内"));
        assert_non_null(strstr(body, "本院认为"));
        assert_int_equal(!!strstr(body, "没有采纳的，应当说明理由"), i == 0);
        assert_string_equal(json_string_value(json_object_get(doc, "number")),
                            "宁检刑执纠违〔2024〕　号");
        json_decref(doc);
        json_decref(facts);
    }
}

/* law.md §16 T-13: a lead judged by the 2012 provisions is answered with their title, document
 * number and article, not the 2016 provisions'. */
static void test_basis_of_old_rule_set(void **state)
{
    (void)state;
    zj_procuratorate p = {.name = "浙江省嘉兴市人民检察院",
                          .short_name = "嘉检",
                          .level = PROC_MUNICIPAL,
                          .reply_days = 15};
    json_t *facts = json_pack("{s:s, s:s, s:s, s:s}", "model_id", "CHG-03", "family", "changes",
                              "summary", "减刑X1（提请2014-04-24，裁定2014-05-14）：减刑幅度超限",
                              "lead_basis", "C-02 2012年减刑假释规定第五条");
    doc_request rq = {.facts = facts,
                      .kind = "correction_notice",
                      .sender = &p,
                      .recipient_name = "某中级人民法院",
                      .recipient_kind = "court",
                      .today = date_from_ymd(2025, 3, 20)};
    json_t *doc = document_draft(&rq);
    const char *body = json_string_value(json_object_get(doc, "body"));
    if (!strstr(body, "《最高人民法院关于办理减刑、假释案件具体应用法律若干问题的规定》（法释〔2012"
                      "〕2号）第五条"))
        fail_msg("%s", body);
    assert_null(strstr(body, "2012年《"));
    json_decref(doc);
    json_decref(facts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_seed),
        cmocka_unit_test(test_sender),
        cmocka_unit_test(test_numbering),
        cmocka_unit_test(test_no_gap_on_rollback),
        cmocka_unit_test(test_reply_period_history_and_lock),
        cmocka_unit_test(test_duty_crimes_are_official),
        cmocka_unit_test(test_patterns),
        cmocka_unit_test(test_basis_by_recipient),
        cmocka_unit_test(test_basis_of_old_rule_set),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
