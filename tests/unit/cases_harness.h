/*
 * cases_harness.h — shared by the tests of the resident office and the circuit inspections
 * (test_office_*.c, test_inspect_*.c): the test's database `db`, and helpers to run SQL on
 * it, read one number back and parse a date, each failing the test on error.
 */
#ifndef CASES_HARNESS_H
#define CASES_HARNESS_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "law/date.h"
#include "store/store.h"

static sqlite3 *db;

/* Run sql on db; fails the test with the SQLite message. */
static inline void exec(const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("sql failed: %s\n%s", err ? err : "", sql);
}

/* The first column of the one row of sql. */
static inline long query_long(const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The number of audit entries ('change') of actor with object obj. */
static inline long audited(const char *actor, const char *obj)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT count(*) FROM audit_log WHERE action = 'change'"
                                        " AND actor = ? AND object = ?",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, obj, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The date "YYYY-MM-DD" s, which must be valid. */
static inline zj_date D(const char *s)
{
    zj_date d;
    assert_int_equal(date_parse(s, (unsigned)strlen(s), &d), 0);
    return d;
}

#endif
