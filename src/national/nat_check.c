/*
 * nat_check.c — `zhijian national check-functions` (nat.h): the law functions ported to
 * PostgreSQL (nat_funcs.sql) give what the program's own give (its SQLite functions,
 * src/store/sqlfuncs.c, over the law core) on random inputs: dates 1900…2100 with month
 * ends and 29 February weighted up, month and day counts of both signs, invalid dates,
 * NULLs, and charge lists drawn from the charge table.
 */
#include "national/nat.h"
#include "national/pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "law/law.h"
#include "store/store.h"
#include "util/xalloc.h"

struct rng {
    unsigned long long s;
};
static unsigned long long next(struct rng *r)
{
    unsigned long long z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static long uni(struct rng *r, long lo, long hi)
{
    return lo + (long)(next(r) % (unsigned long long)(hi - lo + 1));
}

/* kinds of argument */
enum { A_DATE, A_MONTHS, A_DAYS, A_AGE, A_CHARGES, A_CAT };

static char *arg(struct rng *r, int kind)
{
    char buf[256];
    if (uni(r, 0, 49) == 0)
        return NULL;
    switch (kind) {
    case A_DATE: {
        int y = (int)uni(r, 1900, 2100), m = (int)uni(r, 1, 12);
        int dim = date_days_in_month(y, m);
        int d = uni(r, 0, 3) == 0 ? dim : (int)uni(r, 1, dim);
        if (uni(r, 0, 9) == 0) {
            y = (int)uni(r, 0, 50) * 4 + 1904;
            m = 2;
            d = 29;
        }
        if (uni(r, 0, 99) == 0)
            d = dim + 1; /* invalid */
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        break;
    }
    case A_MONTHS:
        snprintf(buf, sizeof buf, "%ld", uni(r, -1300, 1300));
        break;
    case A_DAYS:
        snprintf(buf, sizeof buf, "%ld", uni(r, -40000, 40000));
        break;
    case A_AGE:
        snprintf(buf, sizeof buf, "%ld", uni(r, 0, 80));
        break;
    case A_CHARGES: {
        size_t n = law_charge_table_size(), l = 0;
        int k = (int)uni(r, 1, 3);
        buf[0] = 0;
        for (int i = 0; i < k; i++) {
            unsigned cats;
            const char *name = law_charge_table_name((size_t)uni(r, 0, (long)n - 1), &cats);
            l += (size_t)snprintf(buf + l, sizeof buf - l, "%s%s", i ? ";" : "", name);
            if (l >= sizeof buf)
                break;
        }
        break;
    }
    default: {
        unsigned bit = 1u << uni(r, 0, 8); /* 1 << 8: not a category */
        const char *id = bit <= LAW_CAT_NEGLIGENT ? law_charge_cat_id(bit) : "nonsense";
        snprintf(buf, sizeof buf, "%s", id);
        break;
    }
    }
    return xstrdup(buf);
}

struct fn {
    const char *name;
    int n;
    int kinds[3];
    const char *pgtypes[3];
};

static const struct fn fns[] = {
    {"zj_add_months", 2, {A_DATE, A_MONTHS}, {"text", "bigint"}},
    {"zj_add_days", 2, {A_DATE, A_DAYS}, {"text", "bigint"}},
    {"zj_days", 2, {A_DATE, A_DATE}, {"text", "text"}},
    {"zj_age", 2, {A_DATE, A_DATE}, {"text", "text"}},
    {"zj_under_age", 3, {A_DATE, A_DATE, A_AGE}, {"text", "text", "bigint"}},
    {"zj_dpr_end", 2, {A_DATE, A_MONTHS}, {"text", "bigint"}},
    {"zj_dpr_end", 3, {A_DATE, A_MONTHS, A_DATE}, {"text", "bigint", "text"}},
    {"zj_charge_has", 2, {A_CHARGES, A_CAT}, {"text", "text"}},
};

static void array_add(strbuf *sb, const char *v, bool first)
{
    if (!first)
        strbuf_addch(sb, ',');
    if (!v) {
        strbuf_adds(sb, "NULL");
        return;
    }
    strbuf_addch(sb, '"');
    strbuf_adds(sb, v);
    strbuf_addch(sb, '"');
}

int nat_check_functions(PGconn *c, long n, unsigned long long seed)
{
    sqlite3 *lite = NULL;
    zj_diag d = {0};
    if (store_open(":memory:", STORE_NO_MIGRATE, &lite, &d)) {
        fprintf(stderr, "zhijian national: %s\n", d.message);
        return -1;
    }
    struct rng r = {seed};
    long bad = 0, total = 0;
    int rc = 0;
    for (size_t f = 0; rc == 0 && f < sizeof fns / sizeof fns[0]; f++) {
        const struct fn *fn = &fns[f];
        char ***args = xcalloc((size_t)n, sizeof *args);
        strbuf arr[3] = {STRBUF_INIT, STRBUF_INIT, STRBUF_INIT};
        for (int k = 0; k < fn->n; k++)
            strbuf_addch(&arr[k], '{');
        for (long i = 0; i < n; i++) {
            args[i] = xcalloc(3, sizeof **args);
            for (int k = 0; k < fn->n; k++) {
                args[i][k] = arg(&r, fn->kinds[k]);
                array_add(&arr[k], args[i][k], i == 0);
            }
        }
        strbuf sql = STRBUF_INIT, lsql = STRBUF_INIT;
        strbuf_addf(&sql, "SELECT nat.%s(", fn->name);
        strbuf_addf(&lsql, "SELECT %s(", fn->name);
        for (int k = 0; k < fn->n; k++) {
            strbuf_addch(&arr[k], '}');
            strbuf_addf(&sql, "%su.a%d", k ? ", " : "", k);
            strbuf_addf(&lsql, "%s?%d", k ? ", " : "", k + 1);
        }
        strbuf_adds(&sql, ") FROM unnest(");
        for (int k = 0; k < fn->n; k++)
            strbuf_addf(&sql, "%s$%d::%s[]", k ? ", " : "", k + 1, fn->pgtypes[k]);
        strbuf_adds(&sql, ") WITH ORDINALITY AS u(");
        for (int k = 0; k < fn->n; k++)
            strbuf_addf(&sql, "a%d, ", k);
        strbuf_adds(&sql, "i) ORDER BY u.i");
        strbuf_adds(&lsql, ")");
        const char *params[3] = {arr[0].buf, arr[1].buf, arr[2].buf};
        PGresult *res = pg_query(c, sql.buf, fn->n, params);
        sqlite3_stmt *st = NULL;
        if (!res || PQntuples(res) != n ||
            sqlite3_prepare_v2(lite, lsql.buf, -1, &st, NULL) != SQLITE_OK) {
            rc = -1;
        }
        for (long i = 0; rc == 0 && i < n; i++) {
            sqlite3_reset(st);
            for (int k = 0; k < fn->n; k++) {
                const char *v = args[i][k];
                if (!v)
                    sqlite3_bind_null(st, k + 1);
                else if (!strcmp(fn->pgtypes[k], "bigint"))
                    sqlite3_bind_int64(st, k + 1, atoll(v));
                else
                    sqlite3_bind_text(st, k + 1, v, -1, SQLITE_STATIC);
            }
            const char *want = NULL;
            if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
                want = (const char *)sqlite3_column_text(st, 0);
            const char *got = PQgetisnull(res, (int)i, 0) ? NULL : PQgetvalue(res, (int)i, 0);
            total++;
            if ((want == NULL) != (got == NULL) || (want && strcmp(want, got))) {
                if (bad++ < 20) {
                    printf("mismatch %s(", fn->name);
                    for (int k = 0; k < fn->n; k++)
                        printf("%s%s", k ? ", " : "", args[i][k] ? args[i][k] : "NULL");
                    printf("): program %s, postgresql %s\n", want ? want : "NULL",
                           got ? got : "NULL");
                }
            }
        }
        sqlite3_finalize(st);
        PQclear(res);
        for (long i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++)
                free(args[i][k]);
            free(args[i]);
        }
        free(args);
        for (int k = 0; k < 3; k++)
            strbuf_release(&arr[k]);
        strbuf_release(&sql);
        strbuf_release(&lsql);
    }
    store_close(lite);
    if (rc)
        return -1;
    printf("%ld calls of %zu functions compared: %ld mismatches\n", total,
           sizeof fns / sizeof fns[0], bad);
    return bad ? 1 : 0;
}
