/* test_date.c — date arithmetic of law.md §1: month ends, leap years, ages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "law/date.h"

#include "date_assert.h"

static void test_parse_format(void **state)
{
    (void)state;
    assert_int_equal(D("1970-01-01"), 0);
    assert_date(D("2024-02-29"), "2024-02-29");
    zj_date d;
    assert_int_equal(date_parse("2023-02-29", 10, &d), -1);
    assert_int_equal(date_parse("2023-13-01", 10, &d), -1);
    assert_int_equal(date_parse("2023-1-01", 9, &d), -1);
    assert_int_equal(date_parse("2023/01/01", 10, &d), -1);
    assert_int_equal(date_parse("1900-02-29", 10, &d), -1); /* 1900 is no leap year */
    assert_int_equal(date_parse("2000-02-29", 10, &d), 0);
}

static void test_add_months(void **state)
{
    (void)state;
    assert_date(date_add_months(D("2020-01-31"), 1), "2020-02-29"); /* law.md §1 example */
    assert_date(date_add_months(D("2021-01-31"), 1), "2021-02-28");
    assert_date(date_add_months(D("2020-03-15"), 36), "2023-03-15");
    assert_date(date_add_months(D("2020-12-31"), -10), "2020-02-29");
    assert_date(date_sub_months(D("2023-03-14"), 6), "2022-09-14");
    assert_date(date_add_months(D("2024-02-29"), 12), "2025-02-28");
    assert_date(date_add_months(D("2019-11-30"), 3), "2020-02-29");
}

static void test_age(void **state)
{
    (void)state;
    /* law.md §1: N years old from the day after the N-th birthday */
    assert_int_equal(date_age(D("2000-05-01"), D("2018-05-01")), 17);
    assert_int_equal(date_age(D("2000-05-01"), D("2018-05-02")), 18);
    assert_int_equal(date_age(D("2000-02-29"), D("2018-02-28")), 17);
    assert_int_equal(date_age(D("2000-02-29"), D("2018-03-01")), 18);
    assert_int_equal(date_age(D("1980-05-01"), D("2025-06-30")), 45);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_format),
        cmocka_unit_test(test_add_months),
        cmocka_unit_test(test_age),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
