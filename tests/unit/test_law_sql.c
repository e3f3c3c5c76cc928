/*
 * test_law_sql.c — the law core's SQL functions (src/store/sqlfuncs.c) through SQLite:
 * each function on a month end / 29 February row, and NULL for NULL or invalid input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store/store.h"

static const struct {
    const char *sql, *want; /* want NULL: SQL NULL */
} rows[] = {
    {"SELECT zj_add_months('2020-01-31', 1)", "2020-02-29"},
    {"SELECT zj_add_months('2020-03-31', -1)", "2020-02-29"},
    {"SELECT zj_add_months('2019-01-31', 1)", "2019-02-28"},
    {"SELECT zj_add_months('2020-02-29', 12)", "2021-02-28"},
    {"SELECT zj_add_months('2020-02-29', '48')", "2024-02-29"},
    {"SELECT zj_add_days('2020-02-28', 1)", "2020-02-29"},
    {"SELECT zj_days('2020-03-15', '2023-03-14')", "1094"},
    {"SELECT zj_days('2023-03-14', '2020-03-15')", "-1094"},
    {"SELECT zj_age('2002-07-01', '2020-07-01')", "17"},
    {"SELECT zj_age('2002-07-01', '2020-07-02')", "18"},
    {"SELECT zj_under_age('2002-07-01', '2020-07-01', 18)", "1"},
    {"SELECT zj_under_age('2002-07-01', '2020-07-02', 18)", "0"},
    {"SELECT zj_term_end('2020-03-15', 36)", "2023-03-14"},
    {"SELECT zj_term_end('2020-03-15', 36, 0)", "2023-03-14"},
    {"SELECT zj_term_end('2021-03-10', 6, 15)", "2021-09-24"},
    {"SELECT zj_term_end('2020-02-29', 12, NULL)", "2021-02-27"},
    {"SELECT zj_period_end('2022-01-31', 1)", "2022-02-27"},
    {"SELECT zj_commute_end('2023-03-31', 1)", "2023-02-28"},
    {"SELECT zj_commute_end('2023-03-14', 6, 10)", "2022-09-04"},
    {"SELECT zj_parole_earliest('2020-03-15', '2023-03-14')", "2021-09-14"},
    {"SELECT zj_min_actual_end('2020-03-15', '2023-03-14')", "2021-09-13"},
    {"SELECT zj_dpr_end('2024-02-09', 24)", "2026-02-09"},
    {"SELECT zj_dpr_end('2024-02-09', 24, '2022-05-10')", "2024-05-09"},
    {"SELECT zj_dpr_end(NULL, 24, '2022-05-10')", "2024-05-09"},
    {"SELECT zj_charge_category('故意杀人罪;受贿罪')", "violent,duty"},
    {"SELECT zj_charge_category('盗窃罪')", ""},
    {"SELECT zj_charge_category('交通肇事罪')", "negligent"},
    {"SELECT zj_charge_has('盗窃罪;抢劫罪', 'violent')", "1"},
    {"SELECT zj_charge_has('盗窃罪', 'violent')", "0"},
    {"SELECT zj_rule_article('C-01')", "减刑假释规定第6条"},
    {"SELECT zj_rule_set('1997-11-07')", "none"},
    {"SELECT zj_rule_set('1997-11-08')", "SPC-1997"},
    {"SELECT zj_rule_set('2012-06-30')", "SPC-1997"},
    {"SELECT zj_rule_set('2012-07-01')", "SPC-2012"},
    {"SELECT zj_rule_set('2016-12-31')", "SPC-2012"},
    {"SELECT zj_rule_set('2017-01-01')", "SPC-2016"},
    {"SELECT zj_rule_set('x')", NULL},
    {"SELECT zj_charge_category('贩卖毒品罪;组织越狱罪')", "drug,custody"},
    {"SELECT zj_add_months('2020-01-31T10:00:00Z', 1)", "2020-02-29"},
    /* NULL-safe and invalid input */
    {"SELECT zj_add_months(NULL, 1)", NULL},
    {"SELECT zj_add_months('2020-02-30', 1)", NULL},
    {"SELECT zj_add_months('2020-01-31', NULL)", NULL},
    {"SELECT zj_add_months('2020-01-31', 'x')", NULL},
    {"SELECT zj_add_months('2020-01-31', 99999999999)", NULL},
    {"SELECT zj_add_months('9999-12-31', 1)", NULL},
    {"SELECT zj_add_days('0001-01-01', -1)", NULL},
    {"SELECT zj_days('2020-01-01', NULL)", NULL},
    {"SELECT zj_days(20200101, '2020-01-02')", NULL},
    {"SELECT zj_age('', '2020-01-01')", NULL},
    {"SELECT zj_term_end('2020-01-01', -1)", NULL},
    {"SELECT zj_parole_earliest('2023-01-01', '2020-01-01')", NULL},
    {"SELECT zj_charge_category(NULL)", NULL},
    {"SELECT zj_charge_has('盗窃罪', 'nope')", NULL},
    {"SELECT zj_rule_article('Z-9')", NULL},
};

static void test_sql_functions(void **state)
{
    (void)state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(zj_sql_functions_register(db), 0);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db, rows[i].sql, -1, &st, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        const char *got = (const char *)sqlite3_column_text(st, 0);
        if ((got == NULL) != (rows[i].want == NULL) || (got && strcmp(got, rows[i].want)))
            printf("%s → %s, expected %s\n", rows[i].sql, got ? got : "NULL",
                   rows[i].want ? rows[i].want : "NULL");
        if (rows[i].want)
            assert_string_equal(got ? got : "NULL", rows[i].want);
        else
            assert_null(got);
        sqlite3_finalize(st);
    }
    /* deterministic: usable in an index expression */
    assert_int_equal(sqlite3_exec(db,
                                  "CREATE TABLE t(s TEXT, m INT);"
                                  "CREATE INDEX t_end ON t(zj_term_end(s, m));"
                                  "INSERT INTO t VALUES('2020-03-15', 36);",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_sql_functions)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
