/*
 * test_store_query.c — store_query_int64 and store_query_int64_arg (src/store/store.c):
 * the first column of the first row, 0 for NULL or no row, and the SQLite error code of a
 * statement that fails to prepare or to step, *out 0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store/store.h"

static void test_query_int64(void **state)
{
    (void)state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db, "CREATE TABLE t(x INT); INSERT INTO t VALUES (3), (5);", NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_int64 v = -1;
    assert_int_equal(store_query_int64(db, "SELECT count(*) FROM t", &v), SQLITE_OK);
    assert_int_equal(v, 2);
    assert_int_equal(store_query_int64(db, "SELECT 9007199254740993", &v), SQLITE_OK);
    assert_true(v == 9007199254740993LL);
    v = -1;
    assert_int_equal(store_query_int64(db, "SELECT max(x) FROM t WHERE x > 9", &v), SQLITE_OK);
    assert_int_equal(v, 0); /* NULL */
    v = -1;
    assert_int_equal(store_query_int64(db, "SELECT x FROM t WHERE x > 9", &v), SQLITE_OK);
    assert_int_equal(v, 0); /* no row */
    assert_int_equal(store_query_int64_arg(db, "SELECT count(*) FROM t WHERE x > ?1", 4, &v),
                     SQLITE_OK);
    assert_int_equal(v, 1);
    /* errors: the prepare's, the step's */
    v = -1;
    assert_int_equal(store_query_int64(db, "SELECT count(*) FROM nowhere", &v), SQLITE_ERROR);
    assert_int_equal(v, 0);
    v = -1;
    assert_int_not_equal(store_query_int64(db, "SELECT abs(-9223372036854775807 - 1)", &v),
                         SQLITE_OK);
    assert_int_equal(v, 0);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_query_int64)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
