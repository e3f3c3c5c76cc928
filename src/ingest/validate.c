/*
 * validate.c — value checks of feeds.md (see validate.h). The ID check digit is
 * GB 11643-1999: weights 2^(17-i) mod 11 over the first 17 digits, sum mod 11 indexes
 * "10X98765432".
 */
#include "ingest/validate.h"

#include <stdio.h>
#include <string.h>

int ingest_clip(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return (int)n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return (int)max;
}
#define VAL_MAX 120
#define QV(s, n) ingest_clip((s), (n), VAL_MAX), (s)

int ingest_check_date(const char *s, size_t n, zj_date lo, zj_date hi, const char *lo_why,
                      const char *hi_why, zj_date *out, char *msg, size_t msz)
{
    zj_date d;
    if (n != 10 || date_parse(s, 10, &d) != 0) {
        snprintf(msg, msz, "not a real date '%.*s' (expected YYYY-MM-DD)", QV(s, n));
        return -1;
    }
    if (d < lo) {
        snprintf(msg, msz, "date '%.*s' is before %s", QV(s, n), lo_why);
        return -1;
    }
    if (d > hi) {
        snprintf(msg, msz, "date '%.*s' is after %s", QV(s, n), hi_why);
        return -1;
    }
    if (out)
        *out = d;
    return 0;
}

int ingest_check_month(const char *s, size_t n, zj_date lo, zj_date hi, const char *lo_why,
                       const char *hi_why, char *msg, size_t msz)
{
    int y, m, ly, lm, ld, hy, hm, hd;
    if (n != 7 || month_parse(s, 7, &y, &m) != 0) {
        snprintf(msg, msz, "not a real month '%.*s' (expected YYYY-MM)", QV(s, n));
        return -1;
    }
    date_to_ymd(lo, &ly, &lm, &ld);
    date_to_ymd(hi, &hy, &hm, &hd);
    if (y * 12 + m < ly * 12 + lm) {
        snprintf(msg, msz, "month '%.*s' is before %s", QV(s, n), lo_why);
        return -1;
    }
    if (y * 12 + m > hy * 12 + hm) {
        snprintf(msg, msz, "month '%.*s' is after %s", QV(s, n), hi_why);
        return -1;
    }
    return 0;
}

int ingest_parse_int(const char *s, size_t n, long long *out, char *msg, size_t msz)
{
    size_t i = 0;
    int neg = 0;
    long long v = 0;
    if (n > 0 && s[0] == '-') {
        neg = 1;
        i = 1;
    }
    if (i == n || n - i > 15)
        goto bad;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            goto bad;
        v = v * 10 + (s[i] - '0');
    }
    *out = neg ? -v : v;
    return 0;
bad:
    snprintf(msg, msz, "not a whole number '%.*s'", QV(s, n));
    return -1;
}

int ingest_parse_money(const char *s, size_t n, long long *fen, char *msg, size_t msz)
{
    size_t i = 0, digits = 0, decimals = 0;
    long long yuan = 0, cents = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
        if (digits >= 13)
            goto bad;
        yuan = yuan * 10 + (s[i] - '0');
    }
    if (digits == 0)
        goto bad;
    if (i < n && s[i] == '.') {
        i++;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, decimals++) {
            if (decimals >= 2)
                goto bad;
            cents = cents * 10 + (s[i] - '0');
        }
        if (decimals == 0)
            goto bad;
        if (decimals == 1)
            cents *= 10;
    }
    if (i != n)
        goto bad;
    *fen = yuan * 100 + cents;
    return 0;
bad:
    snprintf(msg, msz,
             "not an amount in yuan '%.*s' (expected digits with at most 2 decimals, "
             "e.g. 1234.50)",
             QV(s, n));
    return -1;
}

int ingest_parse_bool(const char *s, size_t n, int *out, char *msg, size_t msz)
{
    if (n == 1 && (s[0] == '0' || s[0] == '1')) {
        *out = s[0] - '0';
        return 0;
    }
    snprintf(msg, msz, "not a boolean '%.*s' (expected 0 or 1)", QV(s, n));
    return -1;
}

int ingest_check_region(const char *s, size_t n, char *msg, size_t msz)
{
    int ok = n == 6;
    for (size_t i = 0; ok && i < n; i++)
        ok = s[i] >= '0' && s[i] <= '9';
    if (ok)
        return 0;
    snprintf(msg, msz, "not a region code '%.*s' (expected 6 digits)", QV(s, n));
    return -1;
}

char ingest_id_check_char(const char *first17)
{
    static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char check[] = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (first17[i] - '0') * weight[i];
    return check[sum % 11];
}

int ingest_check_id_number(const char *s, size_t n, char *msg, size_t msz)
{
    if (n != 18) {
        snprintf(msg, msz, "id_number '%.*s' has %zu characters (expected 18)", QV(s, n), n);
        return -1;
    }
    for (int i = 0; i < 17; i++) {
        if (s[i] < '0' || s[i] > '9') {
            snprintf(msg, msz, "id_number '%.*s' has a non-digit in its first 17 characters",
                     QV(s, n));
            return -1;
        }
    }
    char want = ingest_id_check_char(s);
    char got = s[17] == 'x' ? 'X' : s[17];
    if (got != want) {
        snprintf(msg, msz, "id_number '%.*s' has a wrong check digit (GB 11643 gives '%c')",
                 QV(s, n), want);
        return -1;
    }
    return 0;
}

/* GB 32100-2015 §4: the 31 characters of a code (no I, O, S, V, Z) and the weights of
 * positions 1–17; check = 31 − (Σ value × weight mod 31), 31 written as '0'. */
static const char uscc_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int uscc_weights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                     29, 25, 13, 8,  24, 10, 30, 28};

static int uscc_value(char c)
{
    const char *p = c ? strchr(uscc_chars, c) : NULL;
    return p ? (int)(p - uscc_chars) : -1;
}

char ingest_uscc_check_char(const char *first17)
{
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        int v = uscc_value(first17[i]);
        if (v < 0)
            return 0;
        sum += v * uscc_weights[i];
    }
    return uscc_chars[(31 - sum % 31) % 31];
}

int ingest_check_uscc(const char *s, size_t n, char *msg, size_t msz)
{
    if (n != 18) {
        snprintf(msg, msz, "unified social credit code '%.*s' has %zu characters (expected 18)",
                 QV(s, n), n);
        return -1;
    }
    for (int i = 0; i < 18; i++) {
        if (uscc_value(s[i]) < 0) {
            snprintf(msg, msz,
                     "unified social credit code '%.*s' has '%c' at position %d (GB 32100 "
                     "allows 0-9 and capitals other than I, O, S, V, Z)",
                     QV(s, n), s[i], i + 1);
            return -1;
        }
    }
    for (int i = 2; i < 8; i++) {
        if (s[i] < '0' || s[i] > '9') {
            snprintf(msg, msz,
                     "unified social credit code '%.*s': positions 3–8 are the region code "
                     "(6 digits)",
                     QV(s, n));
            return -1;
        }
    }
    char want = ingest_uscc_check_char(s);
    if (s[17] != want) {
        snprintf(msg, msz,
                 "unified social credit code '%.*s' has a wrong check character (GB 32100 "
                 "gives '%c')",
                 QV(s, n), want);
        return -1;
    }
    return 0;
}

const char *ingest_enum_lookup(const struct ingest_enum_value *values, const char *s, size_t n)
{
    for (const struct ingest_enum_value *v = values; v->id; v++) {
        if (strlen(v->id) == n && !memcmp(v->id, s, n))
            return v->id;
        if (v->label && strlen(v->label) == n && !memcmp(v->label, s, n))
            return v->id;
    }
    return NULL;
}

void ingest_enum_describe(const struct ingest_enum_value *values, char *buf, size_t sz)
{
    size_t len = 0;
    buf[0] = '\0';
    for (const struct ingest_enum_value *v = values; v->id && len < sz; v++) {
        int w;
        /* the same id again with another label: add the label to the parenthesis */
        int alias = v != values && v->label && v[-1].label && !strcmp(v[-1].id, v->id);
        if (alias)
            len = len ? len - 1 : 0; /* reopen the parenthesis */
        if (alias)
            w = snprintf(buf + len, sz - len, "、%s)", v->label);
        else if (v->label)
            w = snprintf(buf + len, sz - len, "%s%s (%s)", len ? ", " : "", v->id, v->label);
        else
            w = snprintf(buf + len, sz - len, "%s%s", len ? ", " : "", v->id);
        if (w < 0)
            break;
        len += (size_t)w;
    }
    if (len >= sz && sz > 4)
        memcpy(buf + sz - 4, "...", 4);
}
