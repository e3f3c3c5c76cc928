/*
 * date.h — calendar dates as day numbers, and the date arithmetic of law.md §1.
 *
 * A zj_date is the number of days since 1970-01-01 (proleptic Gregorian; negative before
 * 1970). ZJ_DATE_NONE marks an unknown or empty date. Valid range for parsing:
 * 0001-01-01 … 9999-12-31. Pure functions: no clock, no I/O, no allocation.
 * Algorithms: Howard Hinnant's days_from_civil / civil_from_days.
 */
#ifndef ZJ_DATE_H
#define ZJ_DATE_H
#include <stdbool.h>
#include <stdint.h>

typedef int32_t zj_date;
#define ZJ_DATE_NONE INT32_MIN

zj_date date_from_ymd(int y, int m, int d);
void date_to_ymd(zj_date dt, int *y, int *m, int *d);
bool date_is_valid_ymd(int y, int m, int d);
int date_days_in_month(int y, int m);

/* Parse exactly "YYYY-MM-DD" (n bytes, not NUL-terminated necessarily) into *out.
 * Returns 0, or -1 when the text is not a real calendar date. */
int date_parse(const char *s, unsigned n, zj_date *out);
/* Parse exactly "YYYY-MM" into year and month. Returns 0 or -1. */
int month_parse(const char *s, unsigned n, int *year, int *month);
/* Format as "YYYY-MM-DD" into buf (at least 11 bytes); ZJ_DATE_NONE gives "". Returns buf. */
char *date_format(zj_date dt, char buf[static 11]);

/* law.md §1: same day-of-month n months later (n may be negative), clamped to month end. */
zj_date date_add_months(zj_date dt, int n);
static inline zj_date date_sub_months(zj_date dt, int n)
{
    return date_add_months(dt, -n);
}
/* days(a, b) = b - a */
static inline int32_t date_days(zj_date a, zj_date b)
{
    return b - a;
}
/* Age in completed years (周岁) on day d, counted as law.md §1: a person is N years old
 * from the day after the N-th birthday. */
int date_age(zj_date birth, zj_date d);

#endif
