/* test_anonymise.c — the masking of the case library (cases/anonymise.h) and of sealed
 * persons (cases/sealed.h) on texts: known names and bodies replaced longest first, dates
 * kept to the month in their three forms, case numbers and id-like tokens by form, amounts
 * and rule ids kept; what anon_find still sees; the purposes a sealed read accepts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "cases/anonymise.h"
#include "cases/sealed.h"

static void check(const anon_map *m, const char *in, const char *want)
{
    char *got = anon_text(m, in);
    if (strcmp(got, want))
        fail_msg("anon_text(%s)\n  got  %s\n  want %s", in, got, want);
    free(got);
}

static void test_known_strings(void **state)
{
    (void)state;
    anon_map m = {0};
    anon_add(&m, "潘俊杰", "潘某", ANON_NAME);
    anon_add(&m, "欧阳明", "欧阳某", ANON_NAME);
    anon_add(&m, "浙江省第一监狱", "某监狱", ANON_BODY);
    anon_add(&m, "第一监狱", "某监狱（短）", ANON_BODY);
    anon_add(&m, "（2019）浙0102刑初1076号", "（××××）×号", ANON_CASE_NO);
    anon_add(&m, "X", "never", ANON_NAME); /* one character: ignored */
    check(&m, "罪犯潘俊杰在浙江省第一监狱服刑", "罪犯潘某在某监狱服刑");
    check(&m, "第一监狱", "某监狱（短）");
    check(&m, "欧阳明、潘俊杰", "欧阳某、潘某");
    check(&m, "X光", "X光");
    const char *what;
    assert_string_equal(anon_find(&m, "罪犯潘俊杰", &what), "姓名");
    assert_string_equal(what, "潘俊杰");
    assert_string_equal(anon_find(&m, "在浙江省第一监狱", &what), "单位名称");
    assert_null(anon_find(&m, "罪犯潘某在某监狱", &what));
    anon_free(&m);
}

static void test_forms(void **state)
{
    (void)state;
    anon_map m = {0};
    check(&m, "裁定2024-10-02，报请2024/9/1，判决2023年4月22日",
          "裁定2024年10月，报请2024年9月，判决2023年4月");
    check(&m, "2024年4月起", "2024年4月起"); /* already a month */
    check(&m, "依（2019）浙0102刑初1076号判决", "依（××××）×号判决");
    check(&m, "依(2020)苏01刑终12号裁定", "依（××××）×号裁定");
    check(&m, "减刑X0000029600（提请）", "减刑×××（提请）");
    check(&m, "在330102被定位", "在某地被定位");
    check(&m, "身份证330211200307316310", "身份证×××");
    check(&m, "应履行1234567元，已履行120000.50元", "应履行1234567元，已履行120000.50元");
    check(&m, "SPC-2016 第6条 C-01 CHG-12", "SPC-2016 第6条 C-01 CHG-12");
    check(&m, "超期5日，刑期96个月", "超期5日，刑期96个月");
    const char *what;
    assert_string_equal(anon_find(&m, "号码 33060219960425323X 。", &what), "身份证号码");
    assert_null(what);
    assert_string_equal(anon_find(&m, "（2019）浙0102刑初1076号", &what), "案号");
    assert_null(anon_find(&m, "（2019年）的规定第5号文件，共12号", &what));
    anon_free(&m);
}

static void test_surnames_and_bodies(void **state)
{
    (void)state;
    char s[16];
    anon_surname("张三", s, sizeof s);
    assert_string_equal(s, "张");
    anon_surname("司马光", s, sizeof s);
    assert_string_equal(s, "司马");
    anon_surname("司马", s, sizeof s); /* only the surname: the first character */
    assert_string_equal(s, "司");
    anon_surname("", s, sizeof s);
    assert_string_equal(s, "");
    assert_string_equal(anon_body_label("court", "浙江省高级人民法院"), "某高级人民法院");
    assert_string_equal(anon_body_label("court", "杭州市中级人民法院"), "某中级人民法院");
    assert_string_equal(anon_body_label("court", "西湖区人民法院"), "某人民法院");
    assert_string_equal(anon_body_label("detention_center", "x"), "某看守所");
    assert_string_equal(anon_body_label("unknown", "x"), "某单位");
}

static void test_sealed_text(void **state)
{
    (void)state;
    sealed_ident id = {"R900", "闵晓封", "320102200801011235", "320102********1235"};
    char *m = sealed_mask_text("罪犯闵晓封（320102200801011235，320102********1235）", &id);
    assert_string_equal(m, "罪犯×××（（已封存），（已封存））");
    free(m);
    zj_diag d = {0};
    assert_int_equal(sealed_purpose_ok("办案需要", &d), 0);
    assert_int_not_equal(sealed_purpose_ok("", &d), 0);
    assert_non_null(strstr(d.message, "封存"));
    assert_int_not_equal(sealed_purpose_ok("  \t", &d), 0);
    assert_int_not_equal(sealed_purpose_ok(NULL, &d), 0);
    assert_int_not_equal(sealed_purpose_ok("a\nb", &d), 0);
    assert_int_not_equal(sealed_purpose_ok("\xff\xfe", &d), 0);
    char big[SEALED_PURPOSE_MAX + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = 0;
    assert_int_not_equal(sealed_purpose_ok(big, &d), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_strings),
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_surnames_and_bodies),
        cmocka_unit_test(test_sealed_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
