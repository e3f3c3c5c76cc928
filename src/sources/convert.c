/*
 * convert.c — value converters for real sources (see convert.h).
 *
 * Texts are folded first (cv_fold) into a bounded stack buffer; the parsers then walk the
 * UTF-8 bytes, matching Chinese numerals and units as byte strings.
 */
#include "sources/convert.h"
#include "ingest/validate.h"
#include "law/law.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define CV_BUF 512

static int fail(struct cv_err *e, const char *s, size_t n, const char *en, const char *zh)
{
    if (e) {
        int k = ingest_clip(s, n, 80);
        snprintf(e->en, sizeof e->en, "%s '%.*s'", en, k, s);
        snprintf(e->zh, sizeof e->zh, "%s“%.*s”", zh, k, s);
    }
    return -1;
}

/* ---------- folding ---------- */

/* Decode one UTF-8 sequence at p (< end): the code point, its length in *len; invalid
 * bytes decode as themselves with length 1 (cp = 0xFFFFFFFF). */
static unsigned utf8_next(const unsigned char *p, const unsigned char *end, size_t *len)
{
    unsigned c = p[0];
    if (c < 0x80) {
        *len = 1;
        return c;
    }
    size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (!k || (size_t)(end - p) < k) {
        *len = 1;
        return 0xFFFFFFFFu;
    }
    unsigned cp = c & (0x7Fu >> k);
    for (size_t i = 1; i < k; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *len = 1;
            return 0xFFFFFFFFu;
        }
        cp = cp << 6 | (p[i] & 0x3Fu);
    }
    *len = k;
    return cp;
}

size_t cv_fold(const char *s, size_t n, char *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    size_t o = 0;
    if (!cap)
        return 0;
    while (p < end) {
        size_t len;
        unsigned cp = utf8_next(p, end, &len);
        char ascii = 0;
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            ascii = (char)(cp - 0xFEE0);
        else if (cp == 0x3000 || cp == 0xA0 || cp == '\t' || cp == '\r' || cp == '\n')
            ascii = ' ';
        if (ascii) {
            if (o + 1 >= cap)
                break;
            out[o++] = ascii;
        } else {
            if (o + len >= cap)
                break;
            memcpy(out + o, p, len);
            o += len;
        }
        p += len;
    }
    size_t a = 0;
    while (a < o && out[a] == ' ')
        a++;
    while (o > a && out[o - 1] == ' ')
        o--;
    memmove(out, out + a, o - a);
    o -= a;
    out[o] = '\0';
    return o;
}

/* Remove every ASCII blank from a NUL-terminated string. */
static size_t squeeze(char *s)
{
    size_t o = 0;
    for (size_t i = 0; s[i]; i++)
        if (s[i] != ' ')
            s[o++] = s[i];
    s[o] = '\0';
    return o;
}

static bool starts(const char *p, const char *end, const char *lit)
{
    size_t k = strlen(lit);
    return (size_t)(end - p) >= k && !memcmp(p, lit, k);
}

static bool ends_with(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && !memcmp(s + n - k, lit, k);
}

/* ---------- numbers ---------- */

static const struct {
    const char *t;
    int v; /* 0..9 digit; 10, 100, 1000, 10000, 100000000 unit */
} numerals[] = {
    {"〇", 0},     {"○", 0},          {"Ο", 0},    {"О", 0},    {"零", 0},    {"一", 1},
    {"二", 2},     {"两", 2},         {"三", 3},   {"四", 4},   {"五", 5},    {"六", 6},
    {"七", 7},     {"八", 8},         {"九", 9},   {"壹", 1},   {"贰", 2},    {"叁", 3},
    {"肆", 4},     {"伍", 5},         {"陆", 6},   {"柒", 7},   {"捌", 8},    {"玖", 9},
    {"十", 10},    {"拾", 10},        {"百", 100}, {"佰", 100}, {"千", 1000}, {"仟", 1000},
    {"万", 10000}, {"亿", 100000000},
};

/* The numeral at p: its value in *v and byte length, or 0 when p holds none. */
static size_t numeral_at(const char *p, const char *end, int *v)
{
    if (p < end && *p >= '0' && *p <= '9') {
        *v = *p - '0';
        return 1;
    }
    for (size_t i = 0; i < sizeof numerals / sizeof numerals[0]; i++) {
        if (starts(p, end, numerals[i].t)) {
            *v = numerals[i].v;
            return strlen(numerals[i].t);
        }
    }
    return 0;
}

/* Length of the run of numerals at p. */
static size_t numeral_run(const char *p, const char *end)
{
    const char *q = p;
    int v;
    size_t k;
    while (q < end && (k = numeral_at(q, end, &v)))
        q += k;
    return (size_t)(q - p);
}

int cv_cn_number(const char *s, size_t n, long long *out)
{
    const char *p = s, *end = s + n;
    int has_unit = 0, digits = 0;
    if (!n)
        return -1;
    while (p < end) {
        int v;
        size_t k = numeral_at(p, end, &v);
        if (!k)
            return -1;
        if (v >= 10)
            has_unit = 1;
        else
            digits++;
        p += k;
    }
    if (digits > 15)
        return -1;
    long long total = 0, wan = 0, section = 0, cur = 0;
    p = s;
    if (!has_unit) {
        while (p < end) {
            int v;
            p += numeral_at(p, end, &v);
            total = total * 10 + v;
        }
        *out = total;
        return 0;
    }
    int last = -1; /* the previous numeral */
    while (p < end) {
        int v;
        if (*p >= '0' && *p <= '9') { /* a run of ASCII digits is one number: 15万 */
            long long x = 0;
            for (int nd = 0; p < end && *p >= '0' && *p <= '9'; p++)
                if (++nd > 13)
                    return -1;
                else
                    x = x * 10 + (*p - '0');
            if (last > 0 && last < 10)
                return -1;
            cur = x;
            last = x ? 1 : 0;
            continue;
        }
        p += numeral_at(p, end, &v);
        if (v < 10) {
            if (v && last > 0 && last < 10)
                return -1; /* two digits in a row among units: 三四十 */
            cur = v;
        } else if (v < 10000) {
            section += (cur ? cur : 1) * v;
            cur = 0;
        } else if (v == 10000) {
            long long x = section + cur;
            wan = (x ? x : 1) * 10000;
            section = cur = 0;
        } else {
            long long x = wan + section + cur;
            if (total)
                return -1;
            total = (x ? x : 1) * 100000000LL;
            wan = section = cur = 0;
        }
        last = v;
    }
    *out = total + wan + section + cur;
    return 0;
}

int cv_int(const char *s, size_t n, long long *out, struct cv_err *e)
{
    char b[CV_BUF];
    size_t k = cv_fold(s, n, b, sizeof b);
    k = squeeze(b);
    if (!k || cv_cn_number(b, k, out) != 0)
        return fail(e, b, k, "not a whole number", "不是整数");
    return 0;
}

/* ---------- dates ---------- */

static int ymd(int y, int m, int d, zj_date *out)
{
    if (y < 1000 || y > 9999 || !date_is_valid_ymd(y, m, d))
        return -1;
    *out = date_from_ymd(y, m, d);
    return 0;
}

int cv_excel_serial(double serial, zj_date *out, struct cv_err *e)
{
    char txt[32];
    snprintf(txt, sizeof txt, "%.6g", serial);
    if (!(serial >= 1 && serial < 2958466) || (serial >= 60 && serial < 61))
        return fail(e, txt, strlen(txt), "not an Excel date serial", "不是有效的Excel日期序号");
    long day = (long)serial;
    /* 1900 system: 1 = 1900-01-01; Excel counts a 1900-02-29 (60) that never was */
    zj_date base = date_from_ymd(1899, 12, day < 60 ? 31 : 30);
    *out = base + (zj_date)day;
    return 0;
}

/* Parse digits (ASCII) of exactly the whole [p, end): value or -1. */
static long ascii_num(const char *p, const char *end)
{
    long v = 0;
    if (p >= end || end - p > 9)
        return -1;
    for (; p < end; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        v = v * 10 + (*p - '0');
    }
    return v;
}

int cv_date(const char *s, size_t n, zj_date *out, struct cv_err *e)
{
    char b[CV_BUF];
    size_t k = cv_fold(s, n, b, sizeof b);
    const char *bad_en = "not a date", *bad_zh = "无法识别的日期";
    /* a trailing time: "2024-03-05 00:00:00", "2024-03-05T08:00" */
    for (size_t i = 1; i < k; i++) {
        if ((b[i] == ' ' || b[i] == 'T') && i + 2 < k && b[i + 1] >= '0' && b[i + 1] <= '9' &&
            memchr(b + i, ':', k - i)) {
            k = i;
            b[k] = '\0';
            break;
        }
    }
    k = squeeze(b);
    if (!k)
        return fail(e, b, k, "empty date", "日期为空");
    const char *p = b, *end = b + k;
    /* all digits: YYYYMMDD or an Excel serial */
    size_t dots = 0, digs = 0, others = 0;
    for (size_t i = 0; i < k; i++) {
        if (b[i] >= '0' && b[i] <= '9')
            digs++;
        else if (b[i] == '.')
            dots++;
        else
            others++;
    }
    if (!others && dots <= 1) {
        const char *dot = memchr(b, '.', k);
        size_t ilen = dot ? (size_t)(dot - b) : k;
        if (!dots && k == 8) {
            long y = ascii_num(p, p + 4), m = ascii_num(p + 4, p + 6), d = ascii_num(p + 6, p + 8);
            if (ymd((int)y, (int)m, (int)d, out) == 0)
                return 0;
            return fail(e, b, k, "not a real date", "日期不存在");
        }
        if (ilen == 5 && (!dot || dot + 1 < end)) {
            long day = ascii_num(p, p + 5);
            return cv_excel_serial((double)day, out, e);
        }
        return fail(e, b, k, bad_en, bad_zh);
    }
    /* Y-M-D with one kind of separator: - / . */
    if (!strstr(b, "年")) {
        char sep = 0;
        const char *q1 = NULL, *q2 = NULL;
        for (const char *q = p; q < end; q++) {
            if (*q == '-' || *q == '/' || *q == '.') {
                if (sep && *q != sep)
                    return fail(e, b, k, bad_en, bad_zh);
                sep = *q;
                if (!q1)
                    q1 = q;
                else if (!q2)
                    q2 = q;
                else
                    return fail(e, b, k, bad_en, bad_zh);
            } else if (*q < '0' || *q > '9') {
                return fail(e, b, k, bad_en, bad_zh);
            }
        }
        if (!q2 || q1 - p != 4 || q2 - q1 < 2 || q2 - q1 > 3 || end - q2 < 2 || end - q2 > 3)
            return fail(e, b, k, bad_en, bad_zh);
        if (ymd((int)ascii_num(p, q1), (int)ascii_num(q1 + 1, q2), (int)ascii_num(q2 + 1, end),
                out) != 0)
            return fail(e, b, k, "not a real date", "日期不存在");
        return 0;
    }
    /* 2024年3月5日, 二〇一五年三月二日 */
    const char *y = strstr(b, "年");
    const char *m = y ? strstr(y + 3, "月") : NULL;
    if (!y || !m)
        return fail(e, b, k, bad_en, bad_zh);
    const char *dend = end;
    if (ends_with(b, k, "日") || ends_with(b, k, "号"))
        dend = end - 3;
    long long yy, mm, dd;
    if (cv_cn_number(p, (size_t)(y - p), &yy) || cv_cn_number(y + 3, (size_t)(m - y - 3), &mm) ||
        cv_cn_number(m + 3, (size_t)(dend - m - 3), &dd) || dend <= m + 3)
        return fail(e, b, k, bad_en, bad_zh);
    if (y - p < 4 || yy > 9999 || mm > 12 || dd > 31 || ymd((int)yy, (int)mm, (int)dd, out) != 0)
        return fail(e, b, k, "not a real date", "日期不存在");
    return 0;
}

/* ---------- terms and penalties ---------- */

/* A bare term in [p, end): 05_00_00, 3年6个月, 42个月, 一年零三个月, 六个月十五天, 二年.
 * Returns 0 with months and days, or -1. */
static int parse_term(const char *p, const char *end, int *months, int *days)
{
    long long y = 0, m = 0, d = 0;
    int any = 0, seen_m = 0, seen_d = 0, seen_y = 0;
    if (p >= end)
        return -1;
    /* years_months_days */
    if (memchr(p, '_', (size_t)(end - p))) {
        const char *a = memchr(p, '_', (size_t)(end - p));
        const char *b = a ? memchr(a + 1, '_', (size_t)(end - a - 1)) : NULL;
        if (!b)
            return -1;
        long yv = ascii_num(p, a), mv = ascii_num(a + 1, b), dv = ascii_num(b + 1, end);
        if (yv < 0 || mv < 0 || dv < 0 || yv > 99 || mv > 99 || dv > 99)
            return -1;
        *months = (int)(yv * 12 + mv);
        *days = (int)dv;
        return 0;
    }
    while (p < end) {
        if (starts(p, end, "零") && any) {
            p += 3;
            continue;
        }
        size_t k = numeral_run(p, end);
        if (!k)
            return -1;
        long long v;
        if (cv_cn_number(p, k, &v) != 0 || v > 10000)
            return -1;
        p += k;
        if (starts(p, end, "年") && !seen_y && !seen_m && !seen_d) {
            y = v;
            seen_y = 1;
            p += 3;
        } else if (starts(p, end, "个月") && !seen_m && !seen_d) {
            m = v;
            seen_m = 1;
            p += 6;
        } else if (starts(p, end, "月") && !seen_m && !seen_d) {
            m = v;
            seen_m = 1;
            p += 3;
        } else if ((starts(p, end, "日") || starts(p, end, "天")) && !seen_d) {
            d = v;
            seen_d = 1;
            p += 3;
        } else {
            return -1;
        }
        any = 1;
    }
    if (!any || y * 12 + m > 100000)
        return -1;
    *months = (int)(y * 12 + m);
    *days = (int)d;
    return 0;
}

static const struct {
    const char *t, *id;
} penalties[] = {
    {"死刑缓期二年执行", "death_suspended"},
    {"死刑缓期两年执行", "death_suspended"},
    {"死刑,缓期二年执行", "death_suspended"},
    {"死刑,缓期两年执行", "death_suspended"},
    {"死刑缓期执行", "death_suspended"},
    {"死缓", "death_suspended"},
    {"死刑立即执行", "death"},
    {"死刑", "death"},
    {"无期徒刑", "life"},
    {"无期", "life"},
    {"有期徒刑", "fixed_term"},
    {"有期", "fixed_term"},
    {"徒刑", "fixed_term"},
    {"拘役", "criminal_detention"},
    {"管制", "surveillance"},
    {"免予刑事处罚", "exempt"},
    {"免除刑事处罚", "exempt"},
    {"免予刑事处分", "exempt"},
    {"免刑", "exempt"},
    {"单处罚金", "fine_only"},
    {"罚金", "fine_only"},
    {"surveillance", "surveillance"},
    {"criminal_detention", "criminal_detention"},
    {"fixed_term", "fixed_term"},
    {"life", "life"},
    {"death_suspended", "death_suspended"},
    {"death", "death"},
    {"fine_only", "fine_only"},
    {"exempt", "exempt"},
};

int cv_penalty(const char *s, size_t n, const char **out, struct cv_err *e)
{
    char b[CV_BUF];
    size_t k = cv_fold(s, n, b, sizeof b);
    k = squeeze(b);
    for (size_t i = 0; i < sizeof penalties / sizeof penalties[0]; i++) {
        if (!strcmp(b, penalties[i].t)) {
            *out = penalties[i].id;
            return 0;
        }
    }
    return fail(e, b, k, "unknown penalty", "无法识别的刑种");
}

int cv_sentence(const char *s, size_t n, struct cv_sentence *out, struct cv_err *e)
{
    char b[CV_BUF];
    size_t k = cv_fold(s, n, b, sizeof b);
    k = squeeze(b);
    const char *p = b, *end = b + k;
    out->penalty = NULL;
    out->months = out->days = out->probation_months = -1;
    if (!k)
        return fail(e, b, k, "empty penalty", "刑罚为空");
    if (starts(p, end, "判处"))
        p += 6;
    /* the penalty word at the start */
    size_t best = 0;
    for (size_t i = 0; i < sizeof penalties / sizeof penalties[0]; i++) {
        size_t l = strlen(penalties[i].t);
        if (l > best && starts(p, end, penalties[i].t)) {
            best = l;
            out->penalty = penalties[i].id;
        }
    }
    p += best;
    /* the clauses: term [, 缓刑 term] [, 剥夺政治权利…] [, 并处…] */
    const char *clause_end = p;
    while (clause_end < end && *clause_end != ',' && *clause_end != ';' && *clause_end != '(' &&
           !starts(clause_end, end, "缓刑") && !starts(clause_end, end, "。"))
        clause_end++;
    int has_term = clause_end > p;
    if (out->penalty && (!strcmp(out->penalty, "life") || !strcmp(out->penalty, "death") ||
                         !strcmp(out->penalty, "death_suspended") ||
                         !strcmp(out->penalty, "exempt") || !strcmp(out->penalty, "fine_only"))) {
        if (has_term && strcmp(out->penalty, "fine_only"))
            return fail(e, b, k, "a term after a penalty that has none", "该刑种不应有刑期");
        has_term = 0;
        if (!strcmp(out->penalty, "fine_only"))
            clause_end = end; /* 单处罚金 with its amount */
    } else if (!has_term) {
        return fail(e, b, k, "penalty without its term", "缺少刑期");
    }
    if (has_term && parse_term(p, clause_end, &out->months, &out->days) != 0)
        return fail(e, b, k, "cannot read the term of", "无法识别的刑期");
    p = clause_end;
    while (p < end) {
        if (*p == ',' || *p == ';' || *p == '(' || *p == ')') {
            p++;
        } else if (starts(p, end, "。")) {
            p += 3;
        } else if (starts(p, end, "缓刑")) {
            p += 6;
            if (starts(p, end, "考验期"))
                p += 9;
            const char *q = p;
            while (q < end && *q != ',' && *q != ';' && *q != ')' && !starts(q, end, "。"))
                q++;
            int pm, pd;
            if (out->probation_months >= 0 || parse_term(p, q, &pm, &pd) != 0 || pd)
                return fail(e, b, k, "cannot read the probation of", "无法识别的缓刑考验期");
            out->probation_months = pm;
            p = q;
        } else if (starts(p, end, "剥夺政治权利") || starts(p, end, "并处")) {
            while (p < end && *p != ',' && *p != ';' && *p != ')' && !starts(p, end, "。"))
                p++;
        } else {
            return fail(e, b, k, "unexpected text in the penalty", "刑罚中有无法识别的内容");
        }
    }
    return 0;
}

int cv_months(const char *s, size_t n, int *months, int *days, struct cv_err *e)
{
    char b[CV_BUF];
    size_t k = cv_fold(s, n, b, sizeof b);
    k = squeeze(b);
    const char *p = b, *end = b + k;
    static const char *const prefix[] = {"减刑", "减去", "有期徒刑", "刑期", NULL};
    for (int again = 1; again;) {
        again = 0;
        for (const char *const *x = prefix; *x; x++) {
            if (starts(p, end, *x)) {
                p += strlen(*x);
                again = 1;
            }
        }
    }
    if (parse_term(p, end, months, days) != 0)
        return fail(e, b, k, "cannot read the term", "无法识别的期限");
    return 0;
}

/* ---------- persons ---------- */

int cv_id_number(const char *s, size_t n, char out[19], struct cv_err *e)
{
    char b[CV_BUF];
    size_t k = cv_fold(s, n, b, sizeof b);
    k = squeeze(b);
    if (k == 15) {
        for (size_t i = 0; i < 15; i++)
            if (b[i] < '0' || b[i] > '9')
                return fail(e, b, k, "15-digit id number with a non-digit",
                            "15位身份证号含非数字字符");
        char b17[18];
        memcpy(b17, b, 6);
        b17[6] = '1';
        b17[7] = '9';
        memcpy(b17 + 8, b + 6, 9);
        b17[17] = '\0';
        int y = 1900 + (b[6] - '0') * 10 + (b[7] - '0');
        int m = (b[8] - '0') * 10 + (b[9] - '0'), d = (b[10] - '0') * 10 + (b[11] - '0');
        if (!date_is_valid_ymd(y, m, d))
            return fail(e, b, k, "15-digit id number with an impossible birth date",
                        "15位身份证号中的出生日期不存在");
        memcpy(out, b17, 17);
        out[17] = ingest_id_check_char(b17);
        out[18] = '\0';
        return 0;
    }
    if (k != 18)
        return fail(e, b, k, "id number must have 18 characters (or 15 digits)",
                    "身份证号应为18位（或15位）");
    if (b[17] == 'x')
        b[17] = 'X';
    char msg[200];
    if (ingest_check_id_number(b, 18, msg, sizeof msg) != 0)
        return fail(e, b, k, "id number with a wrong check character", "身份证号校验码不正确");
    int y = (b[6] - '0') * 1000 + (b[7] - '0') * 100 + (b[8] - '0') * 10 + (b[9] - '0');
    int m = (b[10] - '0') * 10 + (b[11] - '0'), d = (b[12] - '0') * 10 + (b[13] - '0');
    if (!date_is_valid_ymd(y, m, d))
        return fail(e, b, k, "id number with an impossible birth date",
                    "身份证号中的出生日期不存在");
    memcpy(out, b, 18);
    out[18] = '\0';
    return 0;
}

int cv_gender(const char *s, size_t n, const char **out, struct cv_err *e)
{
    char b[CV_BUF];
    size_t k = cv_fold(s, n, b, sizeof b);
    static const char *const male[] = {"男", "男性", "M", "m", "1", "male", "Male", NULL};
    static const char *const female[] = {"女", "女性", "F", "f", "2", "female", "Female", NULL};
    for (const char *const *x = male; *x; x++)
        if (!strcmp(b, *x)) {
            *out = "M";
            return 0;
        }
    for (const char *const *x = female; *x; x++)
        if (!strcmp(b, *x)) {
            *out = "F";
            return 0;
        }
    return fail(e, b, k, "unknown gender (expected 男 or 女)", "无法识别的性别（应为男或女）");
}

int cv_bool(const char *s, size_t n, int *out, struct cv_err *e)
{
    char b[CV_BUF];
    size_t k = cv_fold(s, n, b, sizeof b);
    static const char *const yes[] = {"是", "有", "Y", "y", "1", "true", "√", NULL};
    static const char *const no[] = {"否", "无", "N", "n", "0", "false", "×", NULL};
    for (const char *const *x = yes; *x; x++)
        if (!strcmp(b, *x)) {
            *out = 1;
            return 0;
        }
    for (const char *const *x = no; *x; x++)
        if (!strcmp(b, *x)) {
            *out = 0;
            return 0;
        }
    return fail(e, b, k, "not a yes/no value (expected 是 or 否)",
                "无法识别的是否值（应为是或否）");
}

/* ---------- money ---------- */

int cv_money(const char *s, size_t n, long long *fen, struct cv_err *e)
{
    char b[CV_BUF];
    size_t k = cv_fold(s, n, b, sizeof b);
    k = squeeze(b);
    const char *p = b, *end = b + k;
    const char *en = "not an amount of money", *zh = "无法识别的金额";
    if (starts(p, end, "人民币"))
        p += 9;
    if (starts(p, end, "￥"))
        p += 3;
    else if (starts(p, end, "¥"))
        p += 2;
    if (ends_with(p, (size_t)(end - p), "元"))
        end -= 3;
    long long mult = 1;
    if (ends_with(p, (size_t)(end - p), "万")) {
        mult = 10000;
        end -= 3;
    } else if (ends_with(p, (size_t)(end - p), "亿")) {
        mult = 100000000;
        end -= 3;
    }
    if (p >= end)
        return fail(e, b, k, en, zh);
    if (*p >= '0' && *p <= '9') {
        long long ip = 0, fp = 0, fscale = 1;
        int frac = 0, idig = 0;
        for (const char *q = p; q < end; q++) {
            if (*q == ',' && !frac && idig) {
                continue;
            } else if (*q == '.' && !frac) {
                frac = 1;
            } else if (*q >= '0' && *q <= '9') {
                if (frac) {
                    if (fscale >= 100000000)
                        return fail(e, b, k, en, zh);
                    fp = fp * 10 + (*q - '0');
                    fscale *= 10;
                } else {
                    if (++idig > 13)
                        return fail(e, b, k, "amount too large", "金额过大");
                    ip = ip * 10 + (*q - '0');
                }
            } else {
                return fail(e, b, k, en, zh);
            }
        }
        if (!idig || (frac && fscale == 1))
            return fail(e, b, k, en, zh);
        if (ip > 999999999999LL / mult)
            return fail(e, b, k, "amount too large", "金额过大");
        long long num = fp * mult * 100;
        if (num % fscale)
            return fail(e, b, k, "amount with fractions of a fen", "金额精确到分以下");
        *fen = ip * mult * 100 + num / fscale;
        return 0;
    }
    long long v;
    if (cv_cn_number(p, (size_t)(end - p), &v) != 0 || v > 999999999999LL / mult)
        return fail(e, b, k, en, zh);
    *fen = v * mult * 100;
    return 0;
}

/* ---------- charges ---------- */

/* The name to store for a charge, or NULL when the table does not know it: a name in
 * force as the table writes it, an old name as the name it became (as written when
 * keep_old: the name a judgment of its time states), a part or short form of a selective
 * charge (贩卖毒品罪, 掩饰、隐瞒犯罪所得罪) as written, 罪 supplied (buf). */
static const char *charge_name(const char *name, char *buf, size_t cap, int keep_old)
{
    struct law_charge_info info;
    enum law_charge_match m = law_charge_lookup(name, &info);
    if (m == LAW_CHARGE_UNKNOWN || !info.official)
        return NULL;
    if (m == LAW_CHARGE_OFFICIAL || (m == LAW_CHARGE_OLD_NAME && !keep_old))
        return info.official;
    size_t n = strlen(name);
    snprintf(buf, cap, "%s%s", name, ends_with(name, n, "罪") ? "" : "罪");
    return buf;
}

/* Append name to out as the next ';'-separated item, once. */
static int put_name(char *out, size_t cap, size_t *o, const char *name)
{
    size_t len = strlen(name);
    for (const char *p = out; *o && p < out + *o;) {
        const char *e = strchr(p, ';');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == len && !memcmp(p, name, len))
            return 0;
        if (!e)
            break;
        p = e + 1;
    }
    size_t need = (*o ? 1 : 0) + len;
    if (*o + need + 1 > cap)
        return -1;
    if (*o)
        out[(*o)++] = ';';
    memcpy(out + *o, name, len);
    *o += len;
    out[*o] = '\0';
    return 0;
}

static int unknown_charge(struct cv_err *e, const char *s, size_t n)
{
    if (!e)
        return -1;
    char name[200];
    snprintf(name, sizeof name, "%.*s", ingest_clip(s, n, 120), s);
    const char *sug[3];
    size_t k = law_charge_suggest(name, sug, 3);
    snprintf(e->en, sizeof e->en, "unknown charge name '%s'", name);
    int w = snprintf(e->zh, sizeof e->zh, "无法识别的罪名“%s”", name);
    for (size_t i = 0; i < k && w > 0 && (size_t)w < sizeof e->zh; i++)
        w += snprintf(e->zh + w, sizeof e->zh - (size_t)w, "%s%s", i ? "、" : "（是否为：", sug[i]);
    if (k && w > 0 && (size_t)w < sizeof e->zh)
        snprintf(e->zh + w, sizeof e->zh - (size_t)w, "？）");
    return -1;
}

/* One segment (no hard separators) of pieces split by 、: the longest run of pieces that
 * names a charge (names in force contain 、) is taken first. */
static int charge_segment(const char *seg, size_t len, char *out, size_t cap, size_t *o,
                          int keep_old, struct cv_err *e)
{
    const char *piece[32];
    size_t plen[32], np = 0;
    const char *p = seg, *end = seg + len;
    if (starts(p, end, "犯"))
        p += 3;
    while (p < end) {
        const char *q = p;
        while (q < end && !starts(q, end, "、"))
            q++;
        if (np == 32)
            return fail(e, seg, len, "too many charge names", "罪名过多");
        if (q > p) {
            piece[np] = p;
            plen[np++] = (size_t)(q - p);
        }
        p = q < end ? q + 3 : q;
    }
    char cand[CV_BUF], named[CV_BUF + 4];
    for (size_t i = 0; i < np;) {
        const char *found = NULL;
        size_t j = np;
        while (j-- > i) {
            size_t cl = (size_t)(piece[j] + plen[j] - piece[i]);
            if (cl + 1 > sizeof cand)
                continue;
            memcpy(cand, piece[i], cl);
            cand[cl] = '\0';
            if ((found = charge_name(cand, named, sizeof named, keep_old)))
                break;
        }
        if (found) {
            if (put_name(out, cap, o, found) != 0)
                return fail(e, seg, len, "too many charge names", "罪名过多");
            i = j + 1;
            continue;
        }
        /* a name the table does not hold: kept as written when it is one (…罪); the rest of
         * the segment as one name when this piece is not (非法某某、某某罪) */
        size_t cl = ends_with(piece[i], plen[i], "罪") ? plen[i] : (size_t)(end - piece[i]);
        if (!ends_with(piece[i], cl, "罪") || cl + 1 > sizeof cand)
            return unknown_charge(e, piece[i], plen[i]);
        memcpy(cand, piece[i], cl);
        cand[cl] = '\0';
        if (put_name(out, cap, o, cand) != 0)
            return fail(e, seg, len, "too many charge names", "罪名过多");
        if (cl != plen[i])
            break;
        i++;
    }
    return 0;
}

int cv_charges_known(const char *list, struct cv_err *e)
{
    for (const char *p = list; p && *p;) {
        const char *q = strchr(p, ';');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        char name[CV_BUF];
        snprintf(name, sizeof name, "%.*s", (int)n, p);
        struct law_charge_info info;
        if (law_charge_lookup(name, &info) == LAW_CHARGE_UNKNOWN)
            return unknown_charge(e, name, strlen(name));
        p = q ? q + 1 : NULL;
    }
    return 0;
}

static int charges(const char *s, size_t n, char *out, size_t cap, int keep_old, struct cv_err *e)
{
    char b[CV_BUF];
    size_t k = cv_fold(s, n, b, sizeof b);
    size_t o = 0;
    if (cap)
        out[0] = '\0';
    const char *p = b, *end = b + k;
    while (p < end) {
        const char *q = p;
        while (q < end && *q != ';' && *q != ',' && *q != ' ' && *q != '/' && *q != '|' &&
               !starts(q, end, "。"))
            q++;
        if (q > p && charge_segment(p, (size_t)(q - p), out, cap, &o, keep_old, e) != 0)
            return -1;
        p = q < end ? q + (starts(q, end, "。") ? 3 : 1) : q;
    }
    if (!o)
        return fail(e, b, k, "no charge name in", "没有罪名");
    return 0;
}

int cv_charges(const char *s, size_t n, char *out, size_t cap, struct cv_err *e)
{
    return charges(s, n, out, cap, 0, e);
}

int cv_charges_as_written(const char *s, size_t n, char *out, size_t cap, struct cv_err *e)
{
    return charges(s, n, out, cap, 1, e);
}
