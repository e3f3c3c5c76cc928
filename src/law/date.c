/*
 * date.c — calendar arithmetic for law.md §1 (see date.h).
 * days_from_civil / civil_from_days after H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms"; exact for the proleptic Gregorian calendar.
 */
#include "law/date.h"

zj_date date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (zj_date)(era * 146097 + (int)doe - 719468);
}

void date_to_ymd(zj_date dt, int *y, int *m, int *d)
{
    int z = dt + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int yy = (int)yoe + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned dd = doy - (153 * mp + 2) / 5 + 1;
    const unsigned mm = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (mm <= 2);
    *m = (int)mm;
    *d = (int)dd;
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && is_leap(y))
        return 29;
    return days[m - 1];
}

bool date_is_valid_ymd(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int date_parse(const char *s, unsigned n, zj_date *out)
{
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 0 || m < 0 || d < 0 || !date_is_valid_ymd(y, m, d))
        return -1;
    *out = date_from_ymd(y, m, d);
    return 0;
}

int month_parse(const char *s, unsigned n, int *year, int *month)
{
    if (n != 7 || s[4] != '-')
        return -1;
    int y = digits(s, 4), m = digits(s + 5, 2);
    if (y < 1 || m < 1 || m > 12)
        return -1;
    *year = y;
    *month = m;
    return 0;
}

char *date_format(zj_date dt, char buf[static 11])
{
    if (dt == ZJ_DATE_NONE) {
        buf[0] = '\0';
        return buf;
    }
    int y, m, d;
    date_to_ymd(dt, &y, &m, &d);
    unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)d % 100u;
    buf[0] = (char)('0' + uy / 1000);
    buf[1] = (char)('0' + uy / 100 % 10);
    buf[2] = (char)('0' + uy / 10 % 10);
    buf[3] = (char)('0' + uy % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + um / 10);
    buf[6] = (char)('0' + um % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + ud / 10);
    buf[9] = (char)('0' + ud % 10);
    buf[10] = '\0';
    return buf;
}

zj_date date_add_months(zj_date dt, int n)
{
    int y, m, d;
    date_to_ymd(dt, &y, &m, &d);
    int total = y * 12 + (m - 1) + n;
    int ny = total / 12, nm = total % 12 + 1;
    if (total < 0) {
        ny = (total - 11) / 12;
        nm = total - ny * 12 + 1;
    }
    int dim = date_days_in_month(ny, nm);
    return date_from_ymd(ny, nm, d > dim ? dim : d);
}

int date_age(zj_date birth, zj_date d)
{
    int by, bm, bd, y, m, dd;
    date_to_ymd(birth, &by, &bm, &bd);
    date_to_ymd(d, &y, &m, &dd);
    int age = y - by;
    /* law.md §1: N years old from the day after the N-th birthday, i.e. d > add_months(birth, 12N).
     */
    if (age > 0 && d <= date_add_months(birth, 12 * age))
        age--;
    return age < 0 ? 0 : age;
}
