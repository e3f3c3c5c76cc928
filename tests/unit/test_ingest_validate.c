/* test_ingest_validate.c — the value checks of feeds.md (src/ingest/validate.h): dates and
 * their bounds, months, whole numbers, money to fen, booleans, region codes, the GB 11643
 * check digit of id_number, enums by English id or Chinese label. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "ingest/feeds.h"
#include "ingest/validate.h"

static char msg[600];
#define LEN(s) (s), strlen(s)

static zj_date D(const char *s)
{
    zj_date d;
    assert_int_equal(date_parse(s, (unsigned)strlen(s), &d), 0);
    return d;
}

static void test_dates(void **state)
{
    (void)state;
    zj_date lo = D("1949-10-01"), hi = D("2025-06-30"), out = 0;
    /* table: text, expected result, expected message fragment */
    static const struct {
        const char *s;
        int ok;
        const char *frag;
    } cases[] = {
        {"2024-02-29", 0, NULL}, /* leap day */
        {"2023-02-29", -1, "not a real date '2023-02-29'"},
        {"2023-04-31", -1, "not a real date"},
        {"2023-13-01", -1, "not a real date"},
        {"2023-1-01", -1, "not a real date"},
        {"2023/01/01", -1, "not a real date"},
        {"20230101", -1, "not a real date"},
        {"", -1, "not a real date"},
        {"1949-10-01", 0, NULL}, /* the first allowed event date */
        {"1949-09-30", -1, "is before 1949-10-01"},
        {"2025-06-30", 0, NULL}, /* the as-of date itself */
        {"2025-07-01", -1, "is after the as-of date"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        msg[0] = '\0';
        int rc = ingest_check_date(LEN(cases[i].s), lo, hi, "1949-10-01", "the as-of date", &out,
                                   msg, sizeof msg);
        assert_int_equal(rc, cases[i].ok);
        if (cases[i].frag)
            assert_non_null(strstr(msg, cases[i].frag));
    }
    assert_int_equal(ingest_check_date(LEN("2024-02-29"), lo, hi, "a", "b", &out, msg, sizeof msg),
                     0);
    assert_int_equal(out, D("2024-02-29"));
    /* birth dates from 1900-01-01; scheduled dates up to 2199-12-31 */
    zj_date b = D("1900-01-01"), s = D("2199-12-31");
    assert_int_equal(
        ingest_check_date(LEN("1900-01-01"), b, hi, "1900-01-01", "x", NULL, msg, sizeof msg), 0);
    assert_int_equal(
        ingest_check_date(LEN("1899-12-31"), b, hi, "1900-01-01", "x", NULL, msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "before 1900-01-01"));
    assert_int_equal(
        ingest_check_date(LEN("2199-12-31"), lo, s, "x", "2199-12-31", NULL, msg, sizeof msg), 0);
    assert_int_equal(
        ingest_check_date(LEN("2200-01-01"), lo, s, "x", "2199-12-31", NULL, msg, sizeof msg), -1);
}

static void test_months(void **state)
{
    (void)state;
    zj_date lo = D("1949-10-01"), hi = D("2025-06-30");
    assert_int_equal(
        ingest_check_month(LEN("2025-06"), lo, hi, "1949-10", "as-of", msg, sizeof msg), 0);
    assert_int_equal(
        ingest_check_month(LEN("2025-07"), lo, hi, "1949-10", "as-of", msg, sizeof msg), -1);
    assert_int_equal(
        ingest_check_month(LEN("1949-10"), lo, hi, "1949-10", "as-of", msg, sizeof msg), 0);
    assert_int_equal(
        ingest_check_month(LEN("1949-09"), lo, hi, "1949-10", "as-of", msg, sizeof msg), -1);
    assert_int_equal(
        ingest_check_month(LEN("2024-13"), lo, hi, "1949-10", "as-of", msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "not a real month '2024-13'"));
    assert_int_equal(ingest_check_month(LEN("2024-1"), lo, hi, "1949-10", "as-of", msg, sizeof msg),
                     -1);
}

static void test_ints(void **state)
{
    (void)state;
    long long v;
    assert_int_equal(ingest_parse_int(LEN("36"), &v, msg, sizeof msg), 0);
    assert_int_equal(v, 36);
    assert_int_equal(ingest_parse_int(LEN("-5"), &v, msg, sizeof msg), 0);
    assert_int_equal(v, -5);
    assert_int_equal(ingest_parse_int(LEN("0"), &v, msg, sizeof msg), 0);
    assert_int_equal(ingest_parse_int(LEN("3.5"), &v, msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "not a whole number '3.5'"));
    assert_int_equal(ingest_parse_int(LEN("十二"), &v, msg, sizeof msg), -1);
    assert_int_equal(ingest_parse_int(LEN("-"), &v, msg, sizeof msg), -1);
    assert_int_equal(ingest_parse_int(LEN(" 3"), &v, msg, sizeof msg), -1);
    assert_int_equal(ingest_parse_int(LEN("1234567890123456"), &v, msg, sizeof msg), -1);
}

static void test_money(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        long long fen; /* -1: invalid */
    } cases[] = {
        {"5000", 500000}, {"1000.5", 100050}, {"123456.78", 12345678},
        {"0.01", 1},      {"0", 0},           {"12.345", -1},
        {"-3", -1},       {"1,000", -1},      {"12.", -1},
        {".5", -1},       {"¥12", -1},        {"", -1},
        {"1e3", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        long long fen = -7;
        int rc = ingest_parse_money(LEN(cases[i].s), &fen, msg, sizeof msg);
        if (cases[i].fen < 0) {
            assert_int_equal(rc, -1);
            assert_non_null(strstr(msg, "not an amount in yuan"));
        } else {
            assert_int_equal(rc, 0);
            assert_int_equal(fen, cases[i].fen);
        }
    }
}

static void test_bool_region(void **state)
{
    (void)state;
    int b;
    assert_int_equal(ingest_parse_bool(LEN("1"), &b, msg, sizeof msg), 0);
    assert_int_equal(b, 1);
    assert_int_equal(ingest_parse_bool(LEN("0"), &b, msg, sizeof msg), 0);
    assert_int_equal(b, 0);
    assert_int_equal(ingest_parse_bool(LEN("yes"), &b, msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "expected 0 or 1"));
    assert_int_equal(ingest_parse_bool(LEN("2"), &b, msg, sizeof msg), -1);
    assert_int_equal(ingest_check_region(LEN("110105"), msg, sizeof msg), 0);
    assert_int_equal(ingest_check_region(LEN("11010"), msg, sizeof msg), -1);
    assert_int_equal(ingest_check_region(LEN("11010a"), msg, sizeof msg), -1);
    assert_int_equal(ingest_check_region(LEN("1101051"), msg, sizeof msg), -1);
}

static void test_id_number(void **state)
{
    (void)state;
    /* GB 11643: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum mod 11 -> "10X98765432" */
    assert_int_equal(ingest_id_check_char("11010519800501123"), '5');
    assert_int_equal(ingest_id_check_char("31010419850707566"), 'X');
    assert_int_equal(ingest_check_id_number(LEN("110105198005011235"), msg, sizeof msg), 0);
    assert_int_equal(ingest_check_id_number(LEN("31010419850707566X"), msg, sizeof msg), 0);
    assert_int_equal(ingest_check_id_number(LEN("31010419850707566x"), msg, sizeof msg), 0);
    assert_int_equal(ingest_check_id_number(LEN("110105198005011234"), msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "wrong check digit"));
    assert_non_null(strstr(msg, "gives '5'"));
    assert_int_equal(ingest_check_id_number(LEN("11010519800501123"), msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "has 17 characters"));
    assert_int_equal(ingest_check_id_number(LEN("1101051980050112355"), msg, sizeof msg), -1);
    assert_int_equal(ingest_check_id_number(LEN("11010519800501A235"), msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "non-digit"));
}

/* GB 32100-2015: codes of registered enterprises (the standard's own example and public
 * business-licence codes) pass; every single-character change is caught. */
static void test_uscc(void **state)
{
    (void)state;
    static const char *const valid[] = {"91350100M000100Y43", "914403001922038216",
                                        "9144030071526726XG", "91330100716105852F"};
    for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
        assert_int_equal(ingest_check_uscc(valid[i], 18, msg, sizeof msg), 0);
        assert_int_equal(ingest_uscc_check_char(valid[i]), valid[i][17]);
        char bad[19];
        for (int pos = 0; pos < 18; pos++) {
            memcpy(bad, valid[i], 19);
            bad[pos] = bad[pos] == '1' ? '2' : '1';
            assert_int_equal(ingest_check_uscc(bad, 18, msg, sizeof msg), -1);
        }
    }
    assert_int_equal(ingest_uscc_check_char("91350100M000100Y4"), '3');
    assert_int_equal(ingest_check_uscc(LEN("91350100M000100Y44"), msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "gives '3'"));
    assert_int_equal(ingest_check_uscc(LEN("91350100M000100Y4"), msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "has 17 characters"));
    assert_int_equal(ingest_check_uscc(LEN("91350100I000100Y43"), msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "'I' at position 9"));
    assert_int_equal(ingest_check_uscc(LEN("91350100m000100Y43"), msg, sizeof msg), -1);
    assert_int_equal(ingest_check_uscc(LEN("913A0100M000100Y43"), msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "region code"));
    assert_int_equal(ingest_uscc_check_char("9135010OM000100Y4"), 0);
}

static void test_enums(void **state)
{
    (void)state;
    const struct ingest_feed *j = ingest_feed_find("judgments");
    assert_non_null(j);
    const struct ingest_column *pen = &j->cols[ingest_feed_column(j, "penalty")];
    assert_string_equal(ingest_enum_lookup(pen->values, LEN("fixed_term")), "fixed_term");
    assert_string_equal(ingest_enum_lookup(pen->values, LEN("有期徒刑")), "fixed_term");
    assert_string_equal(ingest_enum_lookup(pen->values, LEN("死缓")), "death_suspended");
    assert_null(ingest_enum_lookup(pen->values, LEN("Fixed_term")));
    assert_null(ingest_enum_lookup(pen->values, LEN("有期")));
    assert_null(ingest_enum_lookup(pen->values, LEN("")));
    const struct ingest_feed *p = ingest_feed_find("persons");
    const struct ingest_column *g = &p->cols[ingest_feed_column(p, "gender")];
    assert_string_equal(ingest_enum_lookup(g->values, LEN("女")), "F");
    char list[300];
    ingest_enum_describe(g->values, list, sizeof list);
    assert_string_equal(list, "M (男), F (女)");
    /* aliases of one id are listed together */
    const struct ingest_column *pen2 = &j->cols[ingest_feed_column(j, "penalty")];
    ingest_enum_describe(pen2->values, list, sizeof list);
    assert_non_null(strstr(list, "death_suspended (死刑缓期二年执行、死缓), death (死刑)"));
    /* the subsets of law.h's lists: a change's new penalty, a proposal's kind */
    const struct ingest_feed *sc = ingest_feed_find("sentence_changes");
    ingest_enum_describe(sc->cols[ingest_feed_column(sc, "new_penalty")].values, list, sizeof list);
    assert_string_equal(list, "life (无期徒刑), fixed_term (有期徒刑)");
    const struct ingest_feed *pr = ingest_feed_find("proposals");
    ingest_enum_describe(pr->cols[ingest_feed_column(pr, "kind")].values, list, sizeof list);
    assert_string_equal(list, "commutation (减刑), parole (假释), temp_outside (暂予监外执行)");
    ingest_enum_describe(pr->cols[ingest_feed_column(pr, "new_penalty")].values, list, sizeof list);
    assert_string_equal(list, "life (无期徒刑), fixed_term (有期徒刑)");
    /* every enum column of every feed has values, and every label maps to its id */
    for (size_t f = 0; f < ingest_feed_count; f++) {
        for (size_t c = 0; c < ingest_feeds[f].ncols; c++) {
            const struct ingest_column *col = &ingest_feeds[f].cols[c];
            if (col->type != IT_ENUM && col->type != IT_FLAGS)
                continue;
            assert_non_null(col->values);
            for (const struct ingest_enum_value *v = col->values; v->id; v++)
                if (v->label)
                    assert_ptr_equal(ingest_enum_lookup(col->values, LEN(v->label)) != NULL, 1);
        }
    }
}

static void test_tables(void **state)
{
    (void)state;
    /* the feeds in the load order of feeds.md (version 1, then version 2); the key is the
     * first column, required */
    static const char *const order[] = {"facilities",
                                        "staff",
                                        "persons",
                                        "judgments",
                                        "custody",
                                        "medical",
                                        "sentence_changes",
                                        "scores",
                                        "merits",
                                        "corrections",
                                        "cc_events",
                                        "voters",
                                        "property",
                                        "payments",
                                        "cells",
                                        "restraints",
                                        "deaths",
                                        "activities",
                                        "incidents",
                                        "incident_persons",
                                        "labour",
                                        "release_prep",
                                        "proposals"};
    size_t n = sizeof order / sizeof *order;
    assert_true(ingest_feed_count >= n);
    for (size_t i = 0; i < ingest_feed_count; i++) {
        if (i < n)
            assert_string_equal(ingest_feeds[i].name, order[i]);
        assert_true(ingest_feeds[i].cols[0].flags & COL_KEY);
        assert_true(ingest_feeds[i].cols[0].flags & COL_REQUIRED);
        assert_true(ingest_feeds[i].ncols <= 32);
        /* rules name existing columns */
        for (size_t r = 0; r < ingest_feeds[i].nrules; r++) {
            const struct ingest_rule *u = &ingest_feeds[i].rules[r];
            assert_true(ingest_feed_column(&ingest_feeds[i], u->col) >= 0);
            if (u->when_col)
                assert_true(ingest_feed_column(&ingest_feeds[i], u->when_col) >= 0);
            if (u->other)
                assert_true(ingest_feed_column(&ingest_feeds[i], u->other) >= 0);
        }
    }
    assert_null(ingest_feed_find("nope"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),       cmocka_unit_test(test_months),
        cmocka_unit_test(test_ints),        cmocka_unit_test(test_money),
        cmocka_unit_test(test_bool_region), cmocka_unit_test(test_id_number),
        cmocka_unit_test(test_uscc),        cmocka_unit_test(test_enums),
        cmocka_unit_test(test_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
