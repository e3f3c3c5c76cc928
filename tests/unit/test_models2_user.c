/* test_models2_user.c — user model files (spec/models.md "User-defined models"): the two
 * shipped examples (models/) load and fire on their fixtures and not on near misses;
 * malformed files are reported with file and line and skipped while the others load. */
#include "models2_harness.h"
#include "models/user_models.h"

#include <sys/stat.h>

#define AS_OF "2025-06-30"

static const model_def *find_def(const model_def *defs, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(defs[i].id, id))
            return &defs[i];
    fail_msg("user model '%s' not loaded", id);
    return NULL;
}

/* Run one loaded user model into a family-like array for h_expect. */
static void expect_user(sqlite3 *db, const model_def *m, const char *const *want)
{
    model_def fam[2] = {*m, {0}};
    h_expect(db, fam, m->id, AS_OF, want);
}

/* The leads m raises on db, one "subject summary evidence" line each, in the model's order. */
static char *user_leads_text(sqlite3 *db, const model_def *m)
{
    model_ctx ctx = {.db = db, .params = NULL};
    assert_int_equal(date_parse(AS_OF, 10, &ctx.as_of), 0);
    lead_sink s = {0};
    assert_true(m->run_set(&ctx, &s) >= 0);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    for (int i = 0; i < s.n; i++)
        fprintf(f, "%s %s %s\n", s.subject[i], s.summary[i], s.evidence[i]);
    fclose(f);
    h_sink_release(&s);
    return text;
}

/* Whether the query plan of sql reads one of the indexes model files declare. */
static bool plan_reads_user_index(sqlite3 *db, const char *sql)
{
    char *q = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&q, &len);
    fprintf(f, "EXPLAIN QUERY PLAN %s", sql);
    fclose(f);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
    bool yes = false;
    while (sqlite3_step(st) == SQLITE_ROW)
        yes |= strstr((const char *)sqlite3_column_text(st, 3), "INDEX zj_user_") != NULL;
    sqlite3_finalize(st);
    free(q);
    return yes;
}

static void test_shipped_examples(void **state)
{
    (void)state;
    const char *src = getenv("ZJ_SOURCE_DIR");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/models", src ? src : ZJ_SOURCE_DIR);
    model_def *defs = NULL;
    size_t n = 0;
    assert_int_equal(user_models_load(dir, &defs, &n, stderr), 0);
    assert_true(n >= 2);
    const model_def *drive = find_def(defs, n, "U-DRIVE-01");
    const model_def *score = find_def(defs, n, "U-SCORE-01");
    assert_string_equal(drive->family, "community");
    /* they read feeds only: they run beside the per-person pass, scoped when incremental */
    assert_int_equal(drive->flags, MODEL_SCOPED);
    assert_int_equal(score->flags, MODEL_SCOPED);
    assert_non_null(user_models_source("U-DRIVE-01"));

    sqlite3 *db = h_open();
    h_person(db, "V1", "1980-01-01");
    h_person(db, "V2", "1980-01-01");
    h_person(db, "V3", "1980-01-01");
    h_person(db, "B1", "1980-01-01");
    h_person(db, "B2", "1980-01-01");
    for (int i = 4; i <= 9; i++) {
        char v[16];
        snprintf(v, sizeof v, "V%d", i);
        h_person(db, v, "1980-01-01");
    }
    /* the window of U-DRIVE-01 is the correction after the revocation: plants on its first
     * and last days, near misses one day outside each end */
    h_exec(
        db,
        "INSERT INTO corrections(cc_id,person_id,agency_id,basis,order_date,report_date,"
        "end_date,status,status_date) VALUES"
        " ('CCV1','V1','A1','probation','2024-01-01','2024-01-05','2026-01-01','active',NULL),"
        " ('CCV2','V2','A1','probation','2024-01-01','2024-01-05','2026-01-01','active',NULL),"
        " ('CCV3','V3','A1','probation','2024-01-01','2024-01-05','2026-01-01','active',NULL),"
        " ('CCV4','V4','A1','probation','2025-03-20','2025-04-01','2026-01-01','active',NULL),"
        " ('CCV5','V5','A1','probation','2025-03-20','2025-04-01','2026-01-01','active',NULL),"
        " ('CCV6','V6','A1','parole','2024-01-01','2024-01-05','2025-05-31','ended','2025-05-31'),"
        " ('CCV7','V7','A1','parole','2024-01-01','2024-01-05','2025-05-31','ended','2025-05-31'),"
        " ('CCV8','V8','A1','probation','2024-01-01','2024-01-05','2026-01-01','active',NULL),"
        " ('CCV9','V9','A1','probation','2024-01-01','2024-01-05','2026-01-01','active',NULL);"
        "INSERT INTO cc_events(event_id,cc_id,event_date,kind,detail) VALUES"
        " ('EV1','CCV1','2025-03-01','violation','醉酒驾驶，机动车驾驶证被吊销'),"
        " ('EV2','CCV2','2025-03-01','violation','醉酒驾驶，机动车驾驶证被吊销'),"
        " ('EV3','CCV3','2025-03-01','violation','夜不归宿'),"
        " ('EV4','CCV4','2025-03-01','violation','醉酒驾驶，机动车驾驶证被吊销'),"
        " ('EV5','CCV5','2025-03-01','violation','醉酒驾驶，机动车驾驶证被吊销'),"
        " ('EV6','CCV6','2025-03-01','violation','醉酒驾驶，机动车驾驶证被吊销'),"
        " ('EV7','CCV7','2025-03-01','violation','醉酒驾驶，机动车驾驶证被吊销'),"
        " ('EV8','CCV8','2025-03-01','violation','醉酒驾驶，机动车驾驶证被吊销'),"
        " ('EV9','CCV9','2025-03-01','violation','醉酒驾驶，机动车驾驶证被吊销');"
        "INSERT INTO deaths(person_id,facility_id,death_date,cause) VALUES"
        " ('V8','A1','2025-05-31','illness'), ('V9','A1','2025-05-31','illness');"
        "INSERT INTO activities(record_id,id_number,activity_date,kind,region_code) VALUES"
        " ('AC1','IDV1','2025-04-01','vehicle','110105'),"
        " ('AC2','IDV2','2025-03-01','vehicle','110105')," /* the day of the revocation */
        " ('AC3','IDV2','2025-07-01','vehicle','110105')," /* after the as-of date */
        " ('AC4','IDV3','2025-04-01','vehicle','110105'),"
        " ('AC5','IDV4','2025-03-31','vehicle','110105'),"    /* the day before the start */
        " ('AC6','IDV5','2025-04-01','vehicle','110105'),"    /* the start (plant) */
        " ('AC7','IDV6','2025-06-01','vehicle','110105'),"    /* the day after the end */
        " ('AC8','IDV7','2025-05-31','vehicle','110105'),"    /* the last day (plant) */
        " ('AC9','IDV8','2025-06-01','vehicle','110105'),"    /* the day after the death */
        " ('AC10','IDV9','2025-05-31','vehicle','110105');"); /* the death day (plant) */
    expect_user(db, drive, WANT("CCV1", "CCV5", "CCV7", "CCV9"));

    /* B1: 12 consecutive months by O1 (2024-06 … 2025-05); near misses one month short at
     * each end: B2 11 months, then another officer; B3 a first month without bonus, then 11;
     * B4 12 months of which the last (2025-07) is after the as-of month; B6 12 months up to
     * the as-of month (plant) */
    h_person(db, "B3", "1980-01-01");
    h_person(db, "B4", "1980-01-01");
    h_person(db, "B6", "1980-01-01");
    h_exec(db, "INSERT INTO staff(officer_id,name,facility_id) VALUES "
               "('O1','王一','P1'),('O2','王二','P1');"
               "WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < 11)"
               " INSERT INTO "
               "scores(score_id,person_id,facility_id,month,base_points,bonus_points,officer_id)"
               " SELECT 'SB1-' || i, 'B1', 'P1', strftime('%Y-%m', date('2024-06-01', '+' || i || "
               "' months')),"
               "  80, 10, 'O1' FROM m"
               " UNION ALL SELECT 'SB2-' || i, 'B2', 'P1', strftime('%Y-%m', date('2024-06-01', "
               "'+' || i || ' months')),"
               "  80, 10, CASE WHEN i = 11 THEN 'O2' ELSE 'O1' END FROM m"
               " UNION ALL SELECT 'SB3-' || i, 'B3', 'P1', strftime('%Y-%m', date('2024-06-01', "
               "'+' || i || ' months')),"
               "  80, CASE WHEN i = 0 THEN 0 ELSE 10 END, 'O1' FROM m"
               " UNION ALL SELECT 'SB4-' || i, 'B4', 'P1', strftime('%Y-%m', date('2024-08-01', "
               "'+' || i || ' months')),"
               "  80, 10, 'O1' FROM m"
               " UNION ALL SELECT 'SB6-' || i, 'B6', 'P1', strftime('%Y-%m', date('2024-07-01', "
               "'+' || i || ' months')),"
               "  80, 10, 'O1' FROM m;");
    expect_user(db, score, WANT("B1", "B6"));

    /* the indexes the two files declare: created once, read by their plans, the same leads */
    char *drive_before = user_leads_text(db, drive), *score_before = user_leads_text(db, score);
    assert_false(plan_reads_user_index(db, user_models_sql("U-DRIVE-01")));
    assert_int_equal(user_models_ensure_indexes(db, stderr), 2);
    assert_int_equal(user_models_ensure_indexes(db, stderr), 0);
    assert_true(plan_reads_user_index(db, user_models_sql("U-DRIVE-01")));
    assert_true(plan_reads_user_index(db, user_models_sql("U-SCORE-01")));
    char *drive_after = user_leads_text(db, drive), *score_after = user_leads_text(db, score);
    assert_string_equal(drive_after, drive_before);
    assert_string_equal(score_after, score_before);
    free(drive_before);
    free(drive_after);
    free(score_before);
    free(score_after);
    h_close(db);
    user_models_free(defs, n);
    assert_null(user_models_source("U-DRIVE-01"));
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

#define GOOD_SQL                                                                                   \
    "SELECT p.person_id AS subject, p.person_id, NULL AS facility_id, NULL AS region_code,"        \
    " '测试线索：' || p.name AS summary, json_object('person_id', p.person_id) AS evidence"   \
    " FROM persons p WHERE p.birth_date < :born_before AND :as_of IS NOT NULL\n"

static void test_malformed_files(void **state)
{
    (void)state;
    char dir[] = "/tmp/zj_user_models_XXXXXX";
    assert_non_null(mkdtemp(dir));
    write_file(dir, "a_good.sql",
               "-- id: U-TEST-01\n-- name: 测试模型\n-- basis: 测试\n"
               "-- parameters: {\"born_before\": \"1990-01-01\"}\n" GOOD_SQL);
    write_file(dir, "b_severity.sql",
               "-- id: U-TEST-02\n-- name: 测试\n-- severity: urgent\n-- basis: 测试\n" GOOD_SQL);
    write_file(dir, "c_syntax.sql",
               "-- id: U-TEST-03\n-- name: 测试\n-- basis: 测试\nSELECT person_id AS subject,\n"
               "  FROM WHERE persons;\n");
    write_file(dir, "d_writes.sql",
               "-- id: U-TEST-04\n-- name: 测试\n-- basis: 测试\n\nDELETE FROM leads;\n");
    write_file(dir, "e_columns.sql",
               "-- id: U-TEST-05\n-- name: 测试\n-- basis: 测试\n\n\n"
               "SELECT person_id AS subject, name AS summary FROM persons;\n");
    write_file(dir, "f_noid.sql", "-- name: 测试\n-- basis: 测试\n" GOOD_SQL);
    write_file(dir, "g_table.sql",
               "-- id: U-TEST-07\n-- name: 测试\n-- basis: 测试\n"
               "SELECT x AS subject, x AS summary, x AS evidence FROM no_such_table;\n");
    write_file(dir, "h_two.sql",
               "-- id: U-TEST-08\n-- name: 测试\n-- basis: 测试\n" GOOD_SQL ";\nSELECT 1;\n");
    write_file(dir, "i_index.sql",
               "-- id: U-TEST-09\n-- name: 测试\n-- basis: 测试\n"
               "-- index: persons(no_such_column)\n" GOOD_SQL);
    write_file(dir, "j_index.sql",
               "-- id: U-TEST-10\n-- name: 测试\n-- basis: 测试\n-- index: persons(name)\n"
               "-- index: persons(birth_date); DROP TABLE persons\n" GOOD_SQL);
    write_file(dir, "notes.txt", "not a model");

    char *text = NULL;
    size_t len = 0;
    FILE *err = open_memstream(&text, &len);
    model_def *defs = NULL;
    size_t n = 0;
    assert_int_equal(user_models_load(dir, &defs, &n, err), 9);
    fclose(err);
    assert_int_equal(n, 1);
    assert_string_equal(defs[0].id, "U-TEST-01");
    assert_string_equal(defs[0].family, "user");
    assert_string_equal(defs[0].severity, "medium");
    char want[600];
#define HAS(fmt)                                                                                   \
    do {                                                                                           \
        snprintf(want, sizeof want, fmt, dir);                                                     \
        if (!strstr(text, want))                                                                   \
            fail_msg("missing '%s' in:\n%s", want, text);                                          \
    } while (0)
    HAS("%s/b_severity.sql:3: unknown severity 'urgent'");
    HAS("%s/c_syntax.sql:5: sql error");
    HAS("%s/d_writes.sql:5: only read-only SELECT statements are allowed");
    HAS("%s/e_columns.sql:6: missing result column 'evidence'");
    HAS("%s/f_noid.sql:1: missing header '-- id");
    HAS("%s/g_table.sql:4: sql error: no such table: no_such_table");
    HAS("%s/h_two.sql:5: only one statement");
    HAS("%s/i_index.sql:4: index: no such column: no_such_column");
    HAS("%s/j_index.sql:5: index: one index per line");
    free(text);

    /* the good one runs, with its parameter bound by name */
    sqlite3 *db = h_open();
    h_person(db, "G1", "1980-01-01");
    h_person(db, "G2", "1995-01-01");
    expect_user(db, &defs[0], WANT("G1"));
    h_close(db);
    user_models_free(defs, n);

    const char *names[] = {"a_good.sql",    "b_severity.sql", "c_syntax.sql", "d_writes.sql",
                           "e_columns.sql", "f_noid.sql",     "g_table.sql",  "h_two.sql",
                           "i_index.sql",   "j_index.sql",    "notes.txt"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
}

/* A model that reads a table the screening writes (the leads, through a CTE or a
 * subquery) runs after the per-person models' leads are stored; one that reads the feeds
 * only does not wait for them. */
static void test_reads_leads(void **state)
{
    (void)state;
    char dir[] = "/tmp/zj_user_models_XXXXXX";
    assert_non_null(mkdtemp(dir));
    write_file(dir, "a_feeds.sql",
               "-- id: U-TEST-11\n-- name: 测试\n-- basis: 测试\n"
               "-- parameters: {\"born_before\": \"1990-01-01\"}\n" GOOD_SQL);
    write_file(dir, "b_cte.sql",
               "-- id: U-TEST-12\n-- name: 测试\n-- basis: 测试\n"
               "WITH l AS (SELECT person_id FROM leads WHERE status = 'open')\n"
               "SELECT p.person_id AS subject, p.person_id, NULL AS facility_id,"
               " NULL AS region_code, p.name AS summary, '{}' AS evidence"
               " FROM persons p JOIN l ON l.person_id = p.person_id\n");
    write_file(dir, "c_subquery.sql",
               "-- id: U-TEST-13\n-- name: 测试\n-- basis: 测试\n"
               "SELECT p.person_id AS subject, p.person_id, NULL AS facility_id,"
               " NULL AS region_code, p.name AS summary, '{}' AS evidence FROM persons p"
               " WHERE EXISTS (SELECT 1 FROM lead_history h WHERE h.note = p.person_id)\n");
    model_def *defs = NULL;
    size_t n = 0;
    assert_int_equal(user_models_load(dir, &defs, &n, stderr), 0);
    assert_int_equal(n, 3);
    assert_int_equal(find_def(defs, n, "U-TEST-11")->flags & MODEL_READS_LEADS, 0);
    assert_int_equal(find_def(defs, n, "U-TEST-12")->flags & MODEL_READS_LEADS, MODEL_READS_LEADS);
    assert_int_equal(find_def(defs, n, "U-TEST-13")->flags & MODEL_READS_LEADS, MODEL_READS_LEADS);
    user_models_free(defs, n);
    const char *names[] = {"a_feeds.sql", "b_cte.sql", "c_subquery.sql"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
}

static void test_missing_dir(void **state)
{
    (void)state;
    model_def *defs = NULL;
    size_t n = 5;
    assert_int_equal(user_models_load("/nonexistent/zj/models", &defs, &n, stderr), 0);
    assert_int_equal(n, 0);
    free(defs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_examples),
        cmocka_unit_test(test_malformed_files),
        cmocka_unit_test(test_reads_leads),
        cmocka_unit_test(test_missing_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
