/* test_ingest_threads.c — two imports at once on two threads (the web server's import jobs
 * beside another import): each thread loads the good fixture and then a file of its own
 * into a database of its own, both released by one barrier, so the check hooks' columns
 * (feeds.c), the file scans' blocks (encoding.c), the CSV reader's table and the profile
 * names are first used by two threads at the same moment. Each database must then hold
 * exactly what one import alone gives: the same counts, the same rejects with column and
 * reason, and each file's SHA-256 as scanned alone afterwards. Run under ASan+UBSan by the
 * suite (TSan is not part of it); a race that hands one import another's column or block
 * shows as a wrong reject, a missing one or a wrong digest. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "ingest/encoding.h"
#include "ingest/feeds.h"
#include "ingest/ingest.h"
#include "sources/import.h"
#include "sources/profile.h"
#include "store/store.h"

#define THREADS 2
#define ROUNDS 3
#define ROWS 300      /* judgments and seizures per file */
#define PERSONS 20000 /* the first file: large enough that the two scans overlap */

#define JH                                                                                         \
    "judgment_id,person_id,case_no,court_id,charges,offense_date,judgment_date,effective_date,"    \
    "notice_date,penalty,term_months,term_days,probation_months,dpr_months,dpr_life,recidivist,"   \
    "limited_commutation,flags,term_start,term_end"
#define SZH                                                                                        \
    "seizure_id,agency_id,case_ref,measure,owner_kind,owner_name,owner_code,owner_region,party,"   \
    "seized_date,value,amount_involved,local_assist,unrelated_date,case_closed_date,released_"     \
    "date,disposition"

struct job {
    int t;
    char dir[600], big[600], good[600], db[700];
    pthread_barrier_t *go;
    int rc_open, rc_big, rc_good, rc_own;
    struct ingest_summary s_big, s_good, s_own;
    const char *const *names;
};

static const char *source_dir(void)
{
    const char *s = getenv("ZJ_SOURCE_DIR");
    return s ? s : ZJ_SOURCE_DIR;
}

/* The thread's own files: ROWS judgments (every third loads; the others break a probation
 * rule judgments_check tests) and ROWS seizures (every other one has a wrong owner_code,
 * seizures_check), the ids naming the thread so the two files differ. */
static void write_own(const struct job *j)
{
    char path[800];
    snprintf(path, sizeof path, "%s/花名册.csv", j->big);
    FILE *p = fopen(path, "w");
    assert_non_null(p);
    fprintf(p, "罪犯编号,罪犯姓名,性别,出生日期\n");
    for (int i = 0; i < PERSONS; i++)
        fprintf(p, "T%dP%d,张三李四%d,%s,19%02d-01-%02d\n", j->t, i, i, i % 2 ? "女" : "男",
                50 + i % 40, 1 + i % 28);
    fclose(p);
    snprintf(path, sizeof path, "%s/judgments.csv", j->dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "%s\n", JH);
    for (int i = 0; i < ROWS; i++) {
        const char *term = i % 3 == 2 ? "37" : "36", *prob = i % 3 == 0   ? "24"
                                                             : i % 3 == 1 ? "36"
                                                                          : "48";
        fprintf(f,
                "T%dJ%d,P1,（2024）京0105刑初%d号,CT1,盗窃罪,2024-01-01,2024-03-01,2024-03-12,,"
                "fixed_term,%s,,%s,,,,,,,\n",
                j->t, i, 1000 * j->t + i, term, prob);
    }
    fclose(f);
    snprintf(path, sizeof path, "%s/seizures.csv", j->dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "%s\n", SZH);
    for (int i = 0; i < ROWS; i++)
        fprintf(f,
                "T%dS%d,CT1,（2025）京0105刑初%d号,freeze,enterprise,某科技有限公司,%s,350100,0,"
                "2025-01-10,1000000.00,800000,0,,,,\n",
                j->t, i, 1000 * j->t + i, i % 2 ? "91350100M000100Y44" : "91350100M000100Y43");
    fclose(f);
}

static void *run(void *arg)
{
    struct job *j = arg;
    sqlite3 *db = NULL;
    zj_diag d = {0};
    j->rc_open = store_open(j->db, 0, &db, &d);
    FILE *log = tmpfile();
    struct ingest_options o = {.as_of = date_from_ymd(2025, 6, 30), .log = log};
    pthread_barrier_wait(j->go);
    if (j->rc_open == 0) {
        j->names = profile_builtin_names();
        struct profile *pr = NULL;
        char err[300], path[800];
        snprintf(path, sizeof path, "%s/花名册.csv", j->big);
        j->rc_big = profile_load("prison_roster", &pr, err, sizeof err);
        if (j->rc_big == 0)
            j->rc_big = sources_import(db, path, NULL, pr, &o, &j->s_big);
        profile_free(pr);
        j->rc_good = ingest_dir(db, j->good, &o, &j->s_good);
        j->rc_own = ingest_dir(db, j->dir, &o, &j->s_own);
    }
    if (log)
        fclose(log);
    store_close(db);
    return NULL;
}

static long count(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* What the thread's database holds: exactly the rows and rejects of its own files. */
static void check(const struct job *j, const struct ingest_summary *alone)
{
    assert_int_equal(j->rc_open, 0);
    assert_int_equal(j->rc_big, 0);
    assert_int_equal(j->s_big.rejected, 0);
    assert_int_equal(j->s_big.feed[ingest_feed_find("persons") - ingest_feeds].loaded, PERSONS);
    assert_int_equal(j->rc_good, 0);
    assert_int_equal(j->rc_own, 0);
    assert_ptr_equal(j->names, profile_builtin_names());
    assert_int_equal(j->s_good.rejected, 0);
    for (size_t k = 0; k < ingest_feed_count; k++) {
        assert_int_equal(j->s_good.feed[k].read, alone->feed[k].read);
        assert_int_equal(j->s_good.feed[k].loaded, alone->feed[k].loaded);
    }
    const struct ingest_feed *jf = ingest_feed_find("judgments"),
                             *sf = ingest_feed_find("seizures");
    const struct ingest_counts *jc = &j->s_own.feed[jf - ingest_feeds],
                               *sc = &j->s_own.feed[sf - ingest_feeds];
    assert_int_equal(jc->read, ROWS);
    assert_int_equal(jc->loaded, ROWS / 3);
    assert_int_equal(jc->rejected, ROWS - ROWS / 3);
    assert_int_equal(sc->read, ROWS);
    assert_int_equal(sc->loaded, ROWS / 2);
    assert_int_equal(sc->rejected, ROWS / 2);

    sqlite3 *db = NULL;
    zj_diag d = {0};
    assert_int_equal(store_open(j->db, STORE_NO_MIGRATE, &db, &d), 0);
    /* each reject: the row's line, the column and the reason the rule gives */
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT feed, line, column_name, reason FROM rejects "
                                        "ORDER BY feed, line",
                                        -1, &st, NULL),
                     SQLITE_OK);
    long n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *feed = (const char *)sqlite3_column_text(st, 0);
        long line = (long)sqlite3_column_int64(st, 1), i = line - 2;
        const char *col = (const char *)sqlite3_column_text(st, 2);
        const char *why = (const char *)sqlite3_column_text(st, 3);
        assert_non_null(col);
        if (!strcmp(feed, "judgments")) {
            assert_true(i % 3 != 1);
            assert_string_equal(col, "probation_months");
            assert_non_null(strstr(why, i % 3 == 0 ? "shorter than the term" : "up to 36 months"));
        } else {
            assert_string_equal(feed, "seizures");
            assert_true(i % 2 == 1);
            assert_string_equal(col, "owner_code");
            assert_non_null(strstr(why, "wrong check character"));
        }
        n++;
    }
    sqlite3_finalize(st);
    assert_int_equal(n, ROWS - ROWS / 3 + ROWS / 2);
    char sql[200];
    /* the roster read as UTF-8 (a scan that saw the other thread's bytes would take it for
     * GB18030 and garble every name) */
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM persons WHERE person_id LIKE 'T%dP%%' "
             "AND name = '张三李四' || substr(person_id, 4)",
             j->t);
    assert_int_equal(count(db, sql), PERSONS);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM judgments WHERE judgment_id LIKE 'T%dJ%%'",
             j->t);
    assert_int_equal(count(db, sql), ROWS / 3);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM seizures WHERE seizure_id LIKE 'T%dS%%'", j->t);
    assert_int_equal(count(db, sql), ROWS / 2);
    /* each file's digest as one scan alone gives it */
    assert_int_equal(
        sqlite3_prepare_v2(db, "SELECT coalesce(dir, ''), file, sha256 FROM import_batches", -1,
                           &st, NULL),
        SQLITE_OK);
    n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *dir = (const char *)sqlite3_column_text(st, 0);
        const char *file = (const char *)sqlite3_column_text(st, 1);
        const char *sha = (const char *)sqlite3_column_text(st, 2);
        char path[1400], hex[65];
        int ok;
        long bad;
        if (!sha) /* a workbook's stream records none */
            continue;
        if (file[0] == '/')
            snprintf(path, sizeof path, "%s", file);
        else
            snprintf(path, sizeof path, "%s/%s", dir, file);
        assert_int_equal(ingest_file_scan(path, hex, &ok, &bad), 0);
        assert_true(ok);
        if (strcmp(sha, hex))
            fail_msg("thread %d: %s recorded with sha256 %s, scanned alone %s", j->t, file, sha,
                     hex);
        n++;
    }
    sqlite3_finalize(st);
    assert_true(n >= 3);
    store_close(db);
}

static void test_two_imports_at_once(void **state)
{
    (void)state;
    char tmp[] = "/tmp/zj_threadsXXXXXX";
    assert_non_null(mkdtemp(tmp));
    char good[600];
    snprintf(good, sizeof good, "%s/tests/fixtures/import/good", source_dir());

    /* the good fixture imported alone, for comparison */
    struct ingest_summary alone;
    {
        char path[700];
        snprintf(path, sizeof path, "%s/alone.db", tmp);
        sqlite3 *db = NULL;
        zj_diag d = {0};
        FILE *log = tmpfile();
        struct ingest_options o = {.as_of = date_from_ymd(2025, 6, 30), .log = log};
        assert_int_equal(store_open(path, 0, &db, &d), 0);
        assert_int_equal(ingest_dir(db, good, &o, &alone), 0);
        store_close(db);
        fclose(log);
    }

    for (int r = 0; r < ROUNDS; r++) {
        pthread_barrier_t go;
        assert_int_equal(pthread_barrier_init(&go, NULL, THREADS), 0);
        struct job jobs[THREADS];
        pthread_t th[THREADS];
        memset(jobs, 0, sizeof jobs);
        for (int t = 0; t < THREADS; t++) {
            struct job *j = &jobs[t];
            j->t = t;
            j->go = &go;
            snprintf(j->good, sizeof j->good, "%s", good);
            snprintf(j->dir, sizeof j->dir, "%s/r%dt%d", tmp, r, t);
            assert_int_equal(mkdir(j->dir, 0700), 0);
            snprintf(j->big, sizeof j->big, "%s/r%dt%dbig", tmp, r, t);
            assert_int_equal(mkdir(j->big, 0700), 0);
            snprintf(j->db, sizeof j->db, "%s/r%dt%d.db", tmp, r, t);
            write_own(j);
        }
        for (int t = 0; t < THREADS; t++)
            assert_int_equal(pthread_create(&th[t], NULL, run, &jobs[t]), 0);
        for (int t = 0; t < THREADS; t++)
            pthread_join(th[t], NULL);
        pthread_barrier_destroy(&go);
        for (int t = 0; t < THREADS; t++)
            check(&jobs[t], &alone);
    }
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_two_imports_at_once)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
