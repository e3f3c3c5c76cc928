/* test_region.c — region names from the embedded 2024 table (util/region.h, docs/regions.md)
 * and the SQL function zj_region_name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "store/store.h"
#include "util/region.h"

static const char *label(const char *code)
{
    static char buf[256];
    return region_label(code, buf, sizeof buf);
}

static void test_table(void **state)
{
    (void)state;
    const char *code, *name, *prev = "";
    enum region_level lv;
    size_t n = 0, prov = 0;
    while (region_at(n, &code, &name, &lv)) {
        assert_true(strcmp(prev, code) < 0); /* sorted, unique */
        assert_int_equal(strlen(code), 6);
        prov += lv == REGION_PROVINCE;
        prev = code;
        n++;
    }
    assert_int_equal(n, 3213); /* the data lines of regions.tsv */
    assert_int_equal(prov, 34);
}

static void test_labels(void **state)
{
    (void)state;
    assert_string_equal(label("110105"), "北京市朝阳区"); /* municipality: no prefecture */
    assert_string_equal(label("320205"), "江苏省无锡市锡山区");
    assert_string_equal(label("320200"), "江苏省无锡市");
    assert_string_equal(label("3202"), "江苏省无锡市"); /* a prefix */
    assert_string_equal(label("32"), "江苏省");
    assert_string_equal(label("320000"), "江苏省");
    assert_string_equal(label("429004"), "湖北省仙桃市");     /* directly under the province */
    assert_string_equal(label("320103"), "320103（旧代码）"); /* 白下区, merged in 2013 */
    assert_string_equal(label("1101"), "北京市（1101）");     /* no 110100 line */
    assert_string_equal(label("3299"), "江苏省（3299）");
    assert_string_equal(label("99"), "99（旧代码）");
    assert_string_equal(label("32x"), "32x");
    assert_string_equal(label("3201055"), "3201055");
    assert_string_equal(label(""), "");
    assert_string_equal(label(NULL), "");
    char b[64];
    assert_string_equal(region_short_label("320205", b, sizeof b), "锡山区");
    assert_string_equal(region_short_label("320103", b, sizeof b), "320103（旧代码）");
    assert_string_equal(region_own_name("3202"), "无锡市");
    assert_null(region_own_name("320103"));
    assert_int_equal(region_level_of("32"), REGION_PROVINCE);
    assert_int_equal(region_level_of("320200"), REGION_PREFECTURE);
    assert_int_equal(region_level_of("320205"), REGION_COUNTY);
    assert_int_equal(region_level_of("320103"), REGION_NONE);
    /* truncation keeps a valid string */
    char small[8];
    region_label("320205", small, sizeof small);
    assert_true(strlen(small) < sizeof small);
}

static void test_sql(void **state)
{
    (void)state;
    zj_diag d = {0};
    sqlite3 *db = NULL;
    assert_int_equal(store_open(":memory:", 0, &db, &d), 0);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT zj_region_name('320205'), zj_region_name('110199'),"
                                        " zj_region_name(NULL)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "江苏省无锡市锡山区");
    assert_string_equal((const char *)sqlite3_column_text(st, 1), "110199（旧代码）");
    assert_int_equal(sqlite3_column_type(st, 2), SQLITE_NULL);
    sqlite3_finalize(st);
    store_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_sql),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
