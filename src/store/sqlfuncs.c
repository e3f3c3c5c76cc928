/*
 * sqlfuncs.c — the law core (src/law/law.h, law.md §1-2, 5, 8, 10) registered as SQLite
 * functions, so that SQL models and reports compute dates exactly as the C code does.
 * All are deterministic and NULL-safe: a NULL or invalid argument (not a real YYYY-MM-DD
 * date, a non-integer count) gives NULL. Dates are TEXT 'YYYY-MM-DD'.
 *
 *   zj_add_months(d, n)            law.md §1 add_months (month-end clamping); n may be < 0
 *   zj_add_days(d, n)              d + n days
 *   zj_days(a, b)                  b - a in days
 *   zj_age(birth, on)              周岁 on the day (law.md §1)
 *   zj_under_age(birth, on, n)     1 if under n 周岁 on the day, else 0
 *   zj_term_end(start, m, k)       S-03: add_months(start, m) + k - 1
 *   zj_period_end(start, m)        add_months(start, m) - 1 (parole, dpr, probation)
 *   zj_commute_end(end, m, k)      S-04: sub_months(end, m) - k
 *   zj_parole_earliest(s, e)       P-01 fixed term: s + ceil(T/2), T = e - s + 1
 *   zj_min_actual_end(s, e)        C-09: s + ceil(T/2) - 1
 *   zj_dpr_end(term_end, m [, parole_date])  PR-01
 *   zj_charge_category(charges)    ';'-separated names → 'violent,duty,…' ('' if none)
 *   zj_charge_has(charges, cat)    1 if the charges have category cat ('violent', …)
 *   zj_rule_set(d)                 the SPC rule set in force on decision date d ('SPC-2012' …)
 *   zj_rule_article(rule_id)       'C-01' → '减刑假释规定第6条'
 *   zj_judgment_sealable(birth, offense_date, penalty, term_months, term_days)
 *                                  J-01: 1 if the judgment is sealable, else 0
 * and three aggregates over the judgments of one person (GROUP BY person_id), each taking
 * (birth, offense_date, effective_date, penalty, term_months, term_days), computed by
 * law_record_sealing (J-01, law.md §14):
 *   zj_sealed_from(...)            first day the record is sealed, NULL: never
 *   zj_sealed_until(...)           first day it is no longer sealed, NULL: still sealed
 *   zj_seal_end(...)               why the earliest unsealable judgment ends (or bars) the
 *                                  sealing: 'adult' or 'penalty'; NULL when there is none
 */
#include <stdlib.h>
#include <string.h>

#include "law/law.h"
#include "store/store.h"
#include "util/region.h"

static int arg_date(sqlite3_value *v, zj_date *out)
{
    if (sqlite3_value_type(v) != SQLITE_TEXT)
        return -1;
    const char *s = (const char *)sqlite3_value_text(v);
    int n = sqlite3_value_bytes(v);
    if (!s || n < 10)
        return -1;
    /* accept 'YYYY-MM-DD' optionally followed by a time ('YYYY-MM-DDTHH:MM:SSZ') */
    if (n > 10 && s[10] != 'T' && s[10] != ' ')
        return -1;
    return date_parse(s, 10, out);
}

static int arg_int(sqlite3_value *v, long lo, long hi, int *out)
{
    int t = sqlite3_value_type(v);
    if (t == SQLITE_INTEGER) {
        sqlite3_int64 x = sqlite3_value_int64(v);
        if (x < lo || x > hi)
            return -1;
        *out = (int)x;
        return 0;
    }
    if (t == SQLITE_TEXT) { /* numbers stored as text in loosely typed columns */
        const char *s = (const char *)sqlite3_value_text(v);
        char *end;
        long x = s ? strtol(s, &end, 10) : 0;
        if (!s || !*s || *end || x < lo || x > hi)
            return -1;
        *out = (int)x;
        return 0;
    }
    return -1;
}

static void result_date(sqlite3_context *ctx, zj_date d)
{
    char buf[11];
    if (d == ZJ_DATE_NONE || d < date_from_ymd(1, 1, 1) || d > date_from_ymd(9999, 12, 31)) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_text(ctx, date_format(d, buf), 10, SQLITE_TRANSIENT);
}

#define MONTHS_MAX 120000L
#define DAYS_MAX 3650000L

static void f_add_months(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    zj_date d;
    int n;
    if (arg_date(argv[0], &d) < 0 || arg_int(argv[1], -MONTHS_MAX, MONTHS_MAX, &n) < 0)
        return sqlite3_result_null(ctx);
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    long total = (long)y * 12 + n;
    if (total < 12 || total > 9999L * 12 + 11)
        return sqlite3_result_null(ctx);
    result_date(ctx, date_add_months(d, n));
}

static void f_add_days(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    zj_date d;
    int n;
    if (arg_date(argv[0], &d) < 0 || arg_int(argv[1], -DAYS_MAX, DAYS_MAX, &n) < 0)
        return sqlite3_result_null(ctx);
    result_date(ctx, d + n);
}

static void f_days(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    zj_date a, b;
    if (arg_date(argv[0], &a) < 0 || arg_date(argv[1], &b) < 0)
        return sqlite3_result_null(ctx);
    sqlite3_result_int64(ctx, (sqlite3_int64)b - a);
}

static void f_age(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    zj_date b, d;
    if (arg_date(argv[0], &b) < 0 || arg_date(argv[1], &d) < 0)
        return sqlite3_result_null(ctx);
    sqlite3_result_int(ctx, date_age(b, d));
}

static void f_under_age(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    zj_date b, d;
    int n;
    if (arg_date(argv[0], &b) < 0 || arg_date(argv[1], &d) < 0 || arg_int(argv[2], 0, 200, &n) < 0)
        return sqlite3_result_null(ctx);
    sqlite3_result_int(ctx, law_age_under(b, d, n) ? 1 : 0);
}

static void f_term_end(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    zj_date s;
    int m, k = 0;
    if (arg_date(argv[0], &s) < 0 || arg_int(argv[1], 0, 12000, &m) < 0 ||
        (argc > 2 && sqlite3_value_type(argv[2]) != SQLITE_NULL &&
         arg_int(argv[2], 0, DAYS_MAX, &k) < 0))
        return sqlite3_result_null(ctx);
    result_date(ctx, law_term_end(s, m, k));
}

static void f_period_end(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    zj_date s;
    int m;
    if (arg_date(argv[0], &s) < 0 || arg_int(argv[1], 0, 12000, &m) < 0)
        return sqlite3_result_null(ctx);
    result_date(ctx, law_period_end(s, m));
}

static void f_commute_end(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    zj_date e;
    int m, k = 0;
    if (arg_date(argv[0], &e) < 0 || arg_int(argv[1], 0, 12000, &m) < 0 ||
        (argc > 2 && sqlite3_value_type(argv[2]) != SQLITE_NULL &&
         arg_int(argv[2], 0, DAYS_MAX, &k) < 0))
        return sqlite3_result_null(ctx);
    result_date(ctx, law_commute_end(e, m, k));
}

static void f_parole_earliest(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    zj_date s, e;
    if (arg_date(argv[0], &s) < 0 || arg_date(argv[1], &e) < 0 || e < s)
        return sqlite3_result_null(ctx);
    result_date(ctx, law_parole_earliest(s, e));
}

static void f_min_actual_end(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    zj_date s, e;
    if (arg_date(argv[0], &s) < 0 || arg_date(argv[1], &e) < 0 || e < s)
        return sqlite3_result_null(ctx);
    result_date(ctx, law_min_actual_end(s, e));
}

static void f_dpr_end(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    zj_date e = ZJ_DATE_NONE, p = ZJ_DATE_NONE;
    int m;
    if (arg_int(argv[1], 0, 12000, &m) < 0)
        return sqlite3_result_null(ctx);
    if (argc > 2 && sqlite3_value_type(argv[2]) != SQLITE_NULL && arg_date(argv[2], &p) < 0)
        return sqlite3_result_null(ctx);
    if (p == ZJ_DATE_NONE && arg_date(argv[0], &e) < 0)
        return sqlite3_result_null(ctx);
    result_date(ctx, law_dpr_end(e, m, p));
}

static const unsigned cat_bits[] = {
    LAW_CAT_VIOLENT,           LAW_CAT_DUTY,      LAW_CAT_FINANCIAL, LAW_CAT_ORGANISED,
    LAW_CAT_NATIONAL_SECURITY, LAW_CAT_TERRORISM, LAW_CAT_DRUG,      LAW_CAT_NEGLIGENT,
    LAW_CAT_CUSTODY,           LAW_CAT_MILITARY};

static void f_charge_category(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) != SQLITE_TEXT)
        return sqlite3_result_null(ctx);
    unsigned cats = law_charges_category((const char *)sqlite3_value_text(argv[0]), NULL);
    char buf[160] = "";
    size_t n = 0;
    for (size_t i = 0; i < sizeof cat_bits / sizeof cat_bits[0]; i++) {
        if (!(cats & cat_bits[i]))
            continue;
        const char *id = law_charge_cat_id(cat_bits[i]);
        size_t l = strlen(id);
        if (n + l + 2 >= sizeof buf)
            break;
        if (n)
            buf[n++] = ',';
        memcpy(buf + n, id, l);
        n += l;
        buf[n] = '\0';
    }
    sqlite3_result_text(ctx, buf, (int)n, SQLITE_TRANSIENT);
}

static void f_charge_has(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) != SQLITE_TEXT || sqlite3_value_type(argv[1]) != SQLITE_TEXT)
        return sqlite3_result_null(ctx);
    const char *want = (const char *)sqlite3_value_text(argv[1]);
    unsigned cats = law_charges_category((const char *)sqlite3_value_text(argv[0]), NULL);
    for (size_t i = 0; i < sizeof cat_bits / sizeof cat_bits[0]; i++)
        if (!strcmp(law_charge_cat_id(cat_bits[i]), want))
            return sqlite3_result_int(ctx, (cats & cat_bits[i]) ? 1 : 0);
    sqlite3_result_null(ctx);
}

static void f_rule_set(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    zj_date d;
    if (arg_date(argv[0], &d) < 0)
        return sqlite3_result_null(ctx);
    sqlite3_result_text(ctx, law_rule_set_id(law_rule_set_at(d)), -1, SQLITE_STATIC);
}

static void f_rule_article(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) != SQLITE_TEXT)
        return sqlite3_result_null(ctx);
    enum law_rule r = law_rule_from_id((const char *)sqlite3_value_text(argv[0]));
    if (r == LAW_RULE_NONE)
        return sqlite3_result_null(ctx);
    sqlite3_result_text(ctx, law_rule_article(r), -1, SQLITE_STATIC);
}

/* zj_region_name(code): the region's full name, or the code with 旧代码 (util/region.h). */
static void f_region_name(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
        return sqlite3_result_null(ctx);
    char buf[256];
    region_label((const char *)sqlite3_value_text(argv[0]), buf, sizeof buf);
    sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

/* J-01: a judgment row of SQL as the law core's struct (the columns J-01 reads). */
static int arg_seal_judgment(sqlite3_value **argv, struct law_judgment *j)
{
    memset(j, 0, sizeof *j);
    j->offense_date = j->effective_date = ZJ_DATE_NONE;
    if (arg_date(argv[0], &j->offense_date) < 0)
        j->offense_date = ZJ_DATE_NONE;
    int pen = sqlite3_value_type(argv[1]) == SQLITE_TEXT
                  ? law_penalty_from_str((const char *)sqlite3_value_text(argv[1]))
                  : -1;
    j->penalty = pen > 0 ? (enum law_penalty)pen : LAW_PENALTY_NONE;
    if (arg_int(argv[2], 0, 10000, &j->term_months) < 0)
        j->term_months = 0;
    if (arg_int(argv[3], 0, 10000, &j->term_days) < 0)
        j->term_days = 0;
    return 0;
}

static void f_judgment_sealable(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    zj_date birth;
    struct law_judgment j;
    if (arg_date(argv[0], &birth) < 0 || sqlite3_value_type(argv[1]) != SQLITE_TEXT)
        return sqlite3_result_null(ctx);
    arg_seal_judgment(argv + 1, &j);
    sqlite3_result_int(ctx, law_judgment_sealable(&j, birth) ? 1 : 0);
}

/* The aggregates collect the person's judgments and hand them to law_record_sealing. */
struct seal_agg {
    struct law_judgment *j;
    size_t n, cap;
    zj_date birth;
    int oom;
};

static void seal_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    struct seal_agg *a = sqlite3_aggregate_context(ctx, sizeof *a);
    if (!a || a->oom)
        return;
    if (a->n == 0 && a->cap == 0 && arg_date(argv[0], &a->birth) < 0)
        a->birth = ZJ_DATE_NONE;
    struct law_judgment j;
    sqlite3_value *cols[4] = {argv[1], argv[3], argv[4], argv[5]};
    arg_seal_judgment(cols, &j);
    if (arg_date(argv[2], &j.effective_date) < 0)
        return; /* not effective: ignored */
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 8;
        struct law_judgment *p = sqlite3_realloc64(a->j, cap * sizeof *p);
        if (!p) {
            a->oom = 1;
            return;
        }
        a->j = p;
        a->cap = cap;
    }
    a->j[a->n++] = j;
}

enum seal_what { SEAL_FROM, SEAL_UNTIL, SEAL_END };

static void seal_final(sqlite3_context *ctx, enum seal_what what)
{
    struct seal_agg *a = sqlite3_aggregate_context(ctx, 0);
    if (!a || !a->n || a->oom) {
        if (a && a->oom)
            sqlite3_result_error_nomem(ctx);
        else
            sqlite3_result_null(ctx);
        if (a)
            sqlite3_free(a->j);
        return;
    }
    struct law_sealing s;
    law_record_sealing(a->j, a->n, a->birth, &s);
    sqlite3_free(a->j);
    a->j = NULL;
    if (what == SEAL_FROM)
        result_date(ctx, s.sealed_from);
    else if (what == SEAL_UNTIL)
        result_date(ctx, s.sealed_from == ZJ_DATE_NONE ? ZJ_DATE_NONE : s.sealed_until);
    else if (s.end == LAW_SEAL_END_NONE)
        sqlite3_result_null(ctx);
    else
        sqlite3_result_text(ctx, s.end == LAW_SEAL_END_ADULT ? "adult" : "penalty", -1,
                            SQLITE_STATIC);
}
static void seal_from_final(sqlite3_context *ctx)
{
    seal_final(ctx, SEAL_FROM);
}
static void seal_until_final(sqlite3_context *ctx)
{
    seal_final(ctx, SEAL_UNTIL);
}
static void seal_end_final(sqlite3_context *ctx)
{
    seal_final(ctx, SEAL_END);
}

static const struct {
    const char *name;
    void (*final)(sqlite3_context *);
} seal_aggs[] = {
    {"zj_sealed_from", seal_from_final},
    {"zj_sealed_until", seal_until_final},
    {"zj_seal_end", seal_end_final},
};

static const struct {
    const char *name;
    int nargs;
    void (*fn)(sqlite3_context *, int, sqlite3_value **);
} funcs[] = {
    {"zj_add_months", 2, f_add_months},
    {"zj_add_days", 2, f_add_days},
    {"zj_days", 2, f_days},
    {"zj_age", 2, f_age},
    {"zj_under_age", 3, f_under_age},
    {"zj_term_end", 2, f_term_end},
    {"zj_term_end", 3, f_term_end},
    {"zj_period_end", 2, f_period_end},
    {"zj_commute_end", 2, f_commute_end},
    {"zj_commute_end", 3, f_commute_end},
    {"zj_parole_earliest", 2, f_parole_earliest},
    {"zj_min_actual_end", 2, f_min_actual_end},
    {"zj_dpr_end", 2, f_dpr_end},
    {"zj_dpr_end", 3, f_dpr_end},
    {"zj_charge_category", 1, f_charge_category},
    {"zj_charge_has", 2, f_charge_has},
    {"zj_rule_set", 1, f_rule_set},
    {"zj_rule_article", 1, f_rule_article},
    {"zj_region_name", 1, f_region_name},
    {"zj_judgment_sealable", 5, f_judgment_sealable},
};

int zj_sql_functions_register(sqlite3 *db)
{
    for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++) {
        int rc = sqlite3_create_function_v2(db, funcs[i].name, funcs[i].nargs,
                                            SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, funcs[i].fn,
                                            NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            return ZJ_EDB;
    }
    for (size_t i = 0; i < sizeof seal_aggs / sizeof seal_aggs[0]; i++)
        if (sqlite3_create_function_v2(db, seal_aggs[i].name, 6, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                       NULL, NULL, seal_step, seal_aggs[i].final,
                                       NULL) != SQLITE_OK)
            return ZJ_EDB;
    return 0;
}
