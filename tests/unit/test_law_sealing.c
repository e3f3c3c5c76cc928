/*
 * test_law_sealing.c — J-01 (law.md §14, 刑诉法第286条): the golden table of
 * tests/golden/sealing_cases.h through the law core (law_record_sealing, law_record_sealed_on)
 * and through the SQL aggregates (zj_sealed_from/_until, zj_seal_end); then person_sealing
 * kept by the importer: a juvenile judgment seals, a second juvenile judgment keeps it
 * sealed, a later adult judgment lifts it from its effective date, a re-import of the
 * persons feed with another birth date recomputes it (store_person_sealed on each side of
 * each limit).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "ingest/ingest.h"
#include "law/law.h"
#include "models/timeline.h"
#include "store/sealing.h"
#include "store/store.h"

#include "../golden/sealing_cases.h"

#define N_CASES (sizeof seal_golden_cases / sizeof seal_golden_cases[0])

static zj_date D(const char *s)
{
    zj_date d = ZJ_DATE_NONE;
    if (s)
        assert_int_equal(date_parse(s, 10, &d), 0);
    return d;
}

static const char *end_id(enum law_seal_end e)
{
    return e == LAW_SEAL_END_ADULT ? "adult" : e == LAW_SEAL_END_PENALTY ? "penalty" : "";
}

static void to_judgments(const struct seal_golden_case *c, struct law_judgment *j)
{
    for (int i = 0; i < c->n; i++) {
        memset(&j[i], 0, sizeof j[i]);
        j[i].offense_date = D(c->j[i].offense);
        j[i].effective_date = D(c->j[i].effective);
        j[i].penalty = (enum law_penalty)law_penalty_from_str(c->j[i].penalty);
        j[i].term_months = c->j[i].months;
        j[i].term_days = c->j[i].days;
        j[i].probation_months = c->j[i].probation;
    }
}

static void test_golden_core(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t k = 0; k < N_CASES; k++) {
        const struct seal_golden_case *c = &seal_golden_cases[k];
        struct law_judgment j[4];
        to_judgments(c, j);
        struct law_sealing s;
        law_record_sealing(j, (size_t)c->n, D(c->birth), &s);
        char f[11], u[11];
        date_format(s.sealed_from, f);
        date_format(s.sealed_until, u);
        if (strcmp(f, c->from ? c->from : "") || strcmp(u, c->until ? c->until : "") ||
            strcmp(end_id(s.end), c->end)) {
            printf("FAIL %s (%s): [%s, %s) %s, expected [%s, %s) %s\n", c->name, c->article, f, u,
                   end_id(s.end), c->from ? c->from : "", c->until ? c->until : "", c->end);
            failures++;
        }
        for (int i = 0; i < c->np; i++) {
            bool got = law_record_sealed_on(j, (size_t)c->n, D(c->birth), D(c->p[i].date));
            if (got != (c->p[i].sealed != 0) || law_sealing_on(&s, D(c->p[i].date)) != got) {
                printf("FAIL %s (%s): sealed on %s = %d, expected %d\n", c->name, c->article,
                       c->p[i].date, got, c->p[i].sealed);
                failures++;
            }
        }
    }
    printf("%zu golden cases of J-01\n", N_CASES);
    assert_int_equal(failures, 0);
}

static void test_golden_sql(void **state)
{
    (void)state;
    sqlite3 *db;
    zj_diag d = {0};
    assert_int_equal(store_open(":memory:", 0, &db, &d), 0);
    assert_int_equal(store_exec(db,
                                "CREATE TEMP TABLE j(c INTEGER, birth TEXT, off TEXT, eff TEXT,"
                                " pen TEXT, m INTEGER, k INTEGER)",
                                &d),
                     0);
    sqlite3_stmt *ins, *q;
    assert_int_equal(
        sqlite3_prepare_v2(db, "INSERT INTO j VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &ins, NULL),
        SQLITE_OK);
    for (size_t k = 0; k < N_CASES; k++) {
        const struct seal_golden_case *c = &seal_golden_cases[k];
        for (int i = 0; i < c->n; i++) {
            sqlite3_reset(ins);
            sqlite3_bind_int(ins, 1, (int)k);
            sqlite3_bind_text(ins, 2, c->birth, -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 3, c->j[i].offense, -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 4, c->j[i].effective, -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 5, c->j[i].penalty, -1, SQLITE_STATIC);
            sqlite3_bind_int(ins, 6, c->j[i].months);
            sqlite3_bind_int(ins, 7, c->j[i].days);
            assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
        }
    }
    sqlite3_finalize(ins);
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "SELECT c, coalesce(zj_sealed_from(birth, off, eff, pen, m, k), ''),"
                           " coalesce(zj_sealed_until(birth, off, eff, pen, m, k), ''),"
                           " coalesce(zj_seal_end(birth, off, eff, pen, m, k), '')"
                           " FROM j GROUP BY c ORDER BY c",
                           -1, &q, NULL),
        SQLITE_OK);
    int rows = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        const struct seal_golden_case *c = &seal_golden_cases[sqlite3_column_int(q, 0)];
        rows++;
        assert_string_equal((const char *)sqlite3_column_text(q, 1), c->from ? c->from : "");
        assert_string_equal((const char *)sqlite3_column_text(q, 2), c->until ? c->until : "");
        assert_string_equal((const char *)sqlite3_column_text(q, 3), c->end);
    }
    sqlite3_finalize(q);
    assert_int_equal(rows, (int)N_CASES - 1); /* the case without judgments has no group */
    /* the scalar: the 18th birthday is still under 18, the day after is not */
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT zj_judgment_sealable('2004-06-15', '2022-06-15', "
                                        "'fixed_term', 60, 0), zj_judgment_sealable('2004-06-15',"
                                        " '2022-06-16', 'fine_only', NULL, NULL),"
                                        " zj_judgment_sealable('2004-06-15', '2021-01-01', "
                                        "'有期徒刑', 61, 0), zj_judgment_sealable(NULL, "
                                        "'2021-01-01', 'exempt', NULL, NULL)",
                                        -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 1);
    assert_int_equal(sqlite3_column_int(q, 1), 0);
    assert_int_equal(sqlite3_column_int(q, 2), 0);
    assert_int_equal(sqlite3_column_type(q, 3), SQLITE_NULL);
    sqlite3_finalize(q);
    store_close(db);
}

/* the per-person timeline helper of the models agrees with the golden table */
static void test_golden_timeline(void **state)
{
    (void)state;
    for (size_t k = 0; k < N_CASES; k++) {
        const struct seal_golden_case *c = &seal_golden_cases[k];
        tl_judgment j[4];
        memset(j, 0, sizeof j);
        for (int i = 0; i < c->n; i++) {
            j[i].penalty_s = c->j[i].penalty;
            j[i].offense_date = D(c->j[i].offense);
            j[i].effective_date = D(c->j[i].effective);
            j[i].term_months = c->j[i].months;
            j[i].term_days = c->j[i].days;
            j[i].probation_months = c->j[i].probation ? c->j[i].probation : -1;
        }
        zj_timeline tl;
        memset(&tl, 0, sizeof tl);
        tl.birth_date = D(c->birth);
        tl.jud = j;
        tl.n_jud = (size_t)c->n;
        for (int i = 0; i < c->np; i++)
            assert_int_equal(timeline_sealed_on(&tl, D(c->p[i].date)), c->p[i].sealed);
    }
}

/* ---- person_sealing kept by the importer */

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void import(sqlite3 *db, const char *dir)
{
    FILE *log = tmpfile();
    struct ingest_options o = {.as_of = date_from_ymd(2026, 6, 30), .log = log};
    struct ingest_summary s;
    assert_int_equal(ingest_dir(db, dir, &o, &s), 0);
    assert_int_equal(s.rejected, 0);
    fclose(log);
}

static int sealed(sqlite3 *db, const char *person, const char *on)
{
    struct store_sealing s;
    int rc = store_person_sealed(db, person, D(on), &s);
    assert_true(rc >= 0);
    assert_int_equal(rc, s.sealed ? 1 : 0);
    return rc;
}

#define JH                                                                                         \
    "judgment_id,person_id,case_no,court_id,charges,offense_date,judgment_date,"                   \
    "effective_date,penalty,term_months,probation_months\n"

/* person_sealing as text, and what the SQL aggregates of sqlfuncs.c give for it */
static void seal_text(sqlite3 *db, const char *sql, char *out, size_t cap)
{
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    const char *t = (const char *)sqlite3_column_text(q, 0);
    snprintf(out, cap, "%s", t ? t : "");
    sqlite3_finalize(q);
}

static void seal_table(sqlite3 *db, char *out, size_t cap)
{
    seal_text(db,
              "SELECT group_concat(x, '|') FROM (SELECT person_id || ',' || sealed_from || ','"
              " || ifnull(sealed_until, '') || ',' || ifnull(ended_by, '') AS x"
              " FROM person_sealing ORDER BY person_id)",
              out, cap);
}

static void seal_sql_form(sqlite3 *db, char *out, size_t cap)
{
#define SEAL_A                                                                                     \
    "p.birth_date, j.offense_date, j.effective_date, j.penalty, j.term_months, j.term_days"
    seal_text(db,
              "SELECT group_concat(x, '|') FROM (SELECT person_id || ',' || f || ','"
              " || ifnull(u, '') || ',' || ifnull((SELECT j.judgment_id FROM judgments j"
              "  JOIN persons p ON p.person_id = j.person_id WHERE j.person_id = s.person_id"
              "  AND j.effective_date = s.u AND zj_judgment_sealable(p.birth_date,"
              "  j.offense_date, j.penalty, j.term_months, j.term_days) = 0"
              "  ORDER BY j.judgment_id LIMIT 1), '') AS x"
              " FROM (SELECT j.person_id, zj_sealed_from(" SEAL_A ") AS f, zj_sealed_until(" SEAL_A
              ") AS u FROM judgments j JOIN persons p ON p.person_id = j.person_id"
              " GROUP BY j.person_id) s WHERE f IS NOT NULL ORDER BY person_id)",
              out, cap);
#undef SEAL_A
}

static void test_person_sealing_import(void **state)
{
    (void)state;
    char tmp[] = "/tmp/zj_sealXXXXXX";
    assert_non_null(mkdtemp(tmp));
    char dbpath[600], d1[600], d2[600], d3[600];
    snprintf(dbpath, sizeof dbpath, "%s/t.db", tmp);
    snprintf(d1, sizeof d1, "%s/a", tmp);
    snprintf(d2, sizeof d2, "%s/b", tmp);
    snprintf(d3, sizeof d3, "%s/c", tmp);
    assert_int_equal(mkdir(d1, 0700), 0);
    assert_int_equal(mkdir(d2, 0700), 0);
    assert_int_equal(mkdir(d3, 0700), 0);
    write_file(d1, "facilities.csv",
               "facility_id,name,kind,region_code\n"
               "CT1,某区人民法院,court,110105\n");
    /* P1: one juvenile judgment; P2: two juvenile judgments; P3: juvenile then adult;
     * P4: adult only; P5: juvenile, 6 years */
    write_file(d1, "persons.csv",
               "person_id,name,gender,birth_date\n"
               "P1,甲,M,2004-06-15\nP2,乙,M,2004-06-15\n"
               "P3,丙,F,2004-06-15\nP4,丁,M,1990-01-01\n"
               "P5,戊,M,2004-06-15\n");
    write_file(
        d1, "judgments.csv",
        JH
        "J1,P1,（2020）京0105刑初1号,CT1,盗窃罪,2020-03-01,2020-09-01,2020-09-10,fixed_term,36,\n"
        "J2,P2,（2019）京0105刑初2号,CT1,盗窃罪,2019-05-01,2020-01-20,2020-02-01,fixed_term,24,36\n"
        "J3,P2,（2022）京0105刑初3号,CT1,盗窃罪,2022-06-15,2022-12-20,2023-01-10,criminal_"
        "detention,4,\n"
        "J4,P3,（2019）京0105刑初4号,CT1,盗窃罪,2019-05-01,2020-01-20,2020-02-01,fixed_term,24,\n"
        "J6,P4,（2020）京0105刑初6号,CT1,盗窃罪,2020-03-01,2020-09-01,2020-09-10,fixed_term,12,\n"
        "J7,P5,（2020）京0105刑初7号,CT1,抢劫罪,2020-03-01,2020-09-01,2020-09-10,fixed_term,72,\n");
    sqlite3 *db;
    zj_diag dg = {0};
    assert_int_equal(store_open(dbpath, 0, &db, &dg), 0);
    import(db, d1);
    assert_int_equal(sealed(db, "P1", "2020-09-09"), 0);
    assert_int_equal(sealed(db, "P1", "2020-09-10"), 1);
    assert_int_equal(sealed(db, "P1", "2026-06-30"), 1);
    assert_int_equal(sealed(db, "P2", "2023-01-10"), 1); /* second juvenile judgment */
    assert_int_equal(sealed(db, "P3", "2026-06-30"), 1);
    assert_int_equal(sealed(db, "P4", "2026-06-30"), 0);
    assert_int_equal(sealed(db, "P5", "2026-06-30"), 0);
    assert_int_equal(sealed(db, "NOBODY", "2026-06-30"), 0);

    /* a later adult judgment of P3 lifts the sealing from its effective date */
    write_file(
        d2, "judgments.csv",
        JH
        "J5,P3,（2024）京0105刑初5号,CT1,诈骗罪,2024-03-01,2024-10-10,2024-10-20,fixed_term,12,\n");
    import(db, d2);
    assert_int_equal(sealed(db, "P3", "2024-10-19"), 1);
    assert_int_equal(sealed(db, "P3", "2024-10-20"), 0);
    struct store_sealing s;
    assert_int_equal(store_person_sealed(db, "P3", D("2025-01-01"), &s), 0);
    assert_true(s.ever);
    assert_string_equal(s.ended_by, "J5");
    assert_int_equal(s.sealed_until, D("2024-10-20"));

    /* P1's birth date corrected: the offense was at 18, the record is no longer sealed */
    write_file(d3, "persons.csv", "person_id,name,gender,birth_date\nP1,甲,M,2001-06-15\n");
    import(db, d3);
    assert_int_equal(sealed(db, "P1", "2026-06-30"), 0);

    /* the SQL form of docs/sealing.md agrees */
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT group_concat(person_id, ',') FROM (SELECT"
                                        " p.person_id FROM persons p WHERE " STORE_SEALED_SQL(
                                            "p.person_id", "?1") " ORDER BY 1)",
                                        -1, &q, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(q, 1, "2024-10-19", -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "P2,P3");
    sqlite3_finalize(q);

    /* the one pass over the judgments (store/sealing.c) writes what the law core's SQL
     * aggregates give, person by person (a small batch) and over every judgment (a batch
     * about as large as the persons table) */
    char want[512], got[512];
    seal_sql_form(db, want, sizeof want);
    assert_string_equal(want, "P2,2020-02-01,,|P3,2020-02-01,2024-10-20,J5");
    seal_table(db, got, sizeof got);
    assert_string_equal(got, want);
    /* the first judgments batch (every person) and the second (P3 alone: the others
     * are left as they are) */
    for (int first = 1; first >= 0; first--) {
        sqlite3_int64 jb = 0;
        assert_int_equal(store_query_int64(db,
                                           first ? "SELECT min(batch_id) FROM import_batches"
                                                   " WHERE feed = 'judgments'"
                                                 : "SELECT max(batch_id) FROM import_batches"
                                                   " WHERE feed = 'judgments'",
                                           &jb),
                         SQLITE_OK);
        for (long written = 1; written <= 1000; written *= 1000) {
            assert_int_equal(store_sealing_refresh_batch(db, "judgments", jb, written), 0);
            seal_table(db, got, sizeof got);
            assert_string_equal(got, want);
        }
    }

    /* a full recomputation gives the same table */
    assert_int_equal(store_sealing_refresh_all(db), 0);
    seal_table(db, got, sizeof got);
    assert_string_equal(got, want);
    assert_int_equal(sealed(db, "P3", "2024-10-19"), 1);
    assert_int_equal(sealed(db, "P3", "2024-10-20"), 0);
    assert_int_equal(sealed(db, "P2", "2026-06-30"), 1);
    store_close(db);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_core),
        cmocka_unit_test(test_golden_sql),
        cmocka_unit_test(test_golden_timeline),
        cmocka_unit_test(test_person_sealing_import),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
