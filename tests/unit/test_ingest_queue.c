/* test_ingest_queue.c — feed_store_changed_persons' memory of "every person queued": an
 * import remembers, at the connection's data_version, that every person is in
 * changed_persons and skips the look-up for the next files; a commit of another connection
 * (a screening taking persons off the queue) or a batch of the persons feed (new persons)
 * makes it look again and queue the batch's persons. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/feed_store.h"
#include "store/store.h"

#define PERSONS 1500 /* more than the 1,000 rows from which the look-up is made */

static void exec_ok(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK)
        fprintf(stderr, "%s: %s\n", sql, err ? err : "?");
    sqlite3_free(err);
    assert_int_equal(rc, SQLITE_OK);
}

static int count(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void test_all_queued_memory(void **state)
{
    (void)state;
    char tmp[] = "/tmp/zj_queueXXXXXX", path[64], cmd[96];
    assert_non_null(mkdtemp(tmp));
    snprintf(path, sizeof path, "%s/q.db", tmp);
    sqlite3 *db = NULL, *other = NULL;
    zj_diag d = {0};
    assert_int_equal(store_open(path, 0, &db, &d), 0);
    assert_int_equal(store_open(path, 0, &other, &d), 0);
    /* PERSONS persons, all queued; a feed table t naming each of them in batch 1 */
    exec_ok(db, "CREATE TABLE t(person_id TEXT, batch_id INTEGER);"
                "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1499)"
                " INSERT INTO persons(person_id, name, birth_date, batch_id)"
                " SELECT printf('P%04d', i), 'x', '1980-01-01', 0 FROM n;"
                "INSERT INTO t SELECT person_id, 1 FROM persons;"
                "INSERT INTO changed_persons SELECT person_id FROM persons;");

    long long aq = -1;
    assert_int_equal(feed_store_changed_persons(db, "t", FEED_PERSONS_ROW, 1, PERSONS, &aq), 0);
    assert_true(aq >= 0); /* found every person queued */
    /* remembered: the next batch does not look (a table that does not exist would fail) */
    assert_int_equal(feed_store_changed_persons(db, "no_such_table", FEED_PERSONS_ROW, 2, 5, &aq),
                     0);
    assert_true(aq >= 0);

    /* another connection takes a person off the queue (a screening): look again, queue */
    exec_ok(other, "DELETE FROM changed_persons WHERE person_id = 'P0007'");
    assert_int_equal(feed_store_changed_persons(db, "t", FEED_PERSONS_ROW, 1, PERSONS, &aq), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM changed_persons WHERE person_id = 'P0007'"),
                     1);
    assert_int_equal(count(db, "SELECT count(*) FROM changed_persons"), PERSONS);
    assert_int_equal(feed_store_changed_persons(db, "t", FEED_PERSONS_ROW, 1, PERSONS, &aq), 0);
    assert_true(aq >= 0);

    /* a persons batch with a new person: never skipped, nor remembered */
    exec_ok(db, "INSERT INTO persons(person_id, name, birth_date, batch_id)"
                " VALUES('P9999', 'y', '1990-01-01', 3)");
    assert_int_equal(feed_store_changed_persons(db, "persons", FEED_PERSONS_ROW, 3, 1, &aq), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM changed_persons WHERE person_id = 'P9999'"),
                     1);
    assert_true(aq < 0);

    store_close(other);
    store_close(db);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_all_queued_memory)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
