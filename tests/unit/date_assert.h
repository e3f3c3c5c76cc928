/* date_assert.h — cmocka helpers for dates in the unit tests (src/law/date.h): D()
 * parses a YYYY-MM-DD literal and fails the test when it is not one; assert_date()
 * compares a date with its YYYY-MM-DD text. Include after <cmocka.h>. */
#ifndef ZJ_TEST_DATE_ASSERT_H
#define ZJ_TEST_DATE_ASSERT_H
#include <string.h>

#include "law/date.h"

static inline zj_date D(const char *s)
{
    zj_date d = ZJ_DATE_NONE;
    assert_int_equal(date_parse(s, (unsigned)strlen(s), &d), 0);
    return d;
}

static inline void assert_date(zj_date d, const char *want)
{
    char buf[11];
    assert_string_equal(date_format(d, buf), want);
}

#endif
