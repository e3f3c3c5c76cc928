/* test_util_csv.c — CSV cells (util/strbuf.h): quoting, and formula-like cells written as
 * text so that a spreadsheet does not evaluate them (issue 13): each of = + - @, a tab and a
 * CR prefix, their full-width forms, while plain numbers (-12, +3.5) stay numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "util/strbuf.h"

static void expect_cell(const char *in, const char *out)
{
    strbuf sb = STRBUF_INIT;
    strbuf_add_csv(&sb, in);
    assert_string_equal(sb.buf ? sb.buf : "", out);
    strbuf_release(&sb);
}

static void test_formula_cells(void **state)
{
    (void)state;
    expect_cell("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    expect_cell("+1+1", "\"'+1+1\"");
    expect_cell("-2+3", "\"'-2+3\"");
    expect_cell("@SUM(A1)", "\"'@SUM(A1)\"");
    expect_cell("\t=1", "\"'\t=1\"");
    expect_cell("\r=1", "\"'\r=1\"");
    expect_cell("＝1+1", "\"'＝1+1\"");
    expect_cell("＠x", "\"'＠x\"");
    expect_cell("-", "\"'-\"");
}

static void test_plain_cells(void **state)
{
    (void)state;
    expect_cell("-12", "-12");
    expect_cell("+3.5", "+3.5");
    expect_cell("2025-06-30", "2025-06-30");
    expect_cell("a=b", "a=b");
    expect_cell("张三, 李四", "\"张三, 李四\"");
    expect_cell("say \"hi\"", "\"say \"\"hi\"\"\"");
    expect_cell("", "");
    assert_false(cell_formula_like("-1.5"));
    assert_false(cell_formula_like(NULL));
    assert_true(cell_formula_like("-1.5e3"));
    assert_true(cell_formula_like("-.5"));
    /* CSV read back by a program is only quoted */
    strbuf sb = STRBUF_INIT;
    strbuf_add_csv_field(&sb, "=1+1");
    strbuf_addch(&sb, ',');
    strbuf_add_csv_field(&sb, "-x,y");
    assert_string_equal(sb.buf, "=1+1,\"-x,y\"");
    strbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formula_cells),
        cmocka_unit_test(test_plain_cells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
