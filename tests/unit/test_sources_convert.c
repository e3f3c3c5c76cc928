/* test_sources_convert.c — the converters of real sources (src/sources/convert.h): dates
 * in every written form (Chinese numerals with each zero, dots, compact, Excel serials),
 * penalties and terms, 15→18-digit id numbers, gender, money, charge names, and the
 * reasons given (English and Chinese) for what is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "sources/convert.h"

#define LEN(s) (s), strlen(s)

static const char *fmt(zj_date d)
{
    static char buf[11];
    return date_format(d, buf);
}

static void test_dates(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } ok[] = {
        {"2025-01-15", "2025-01-15"},
        {"2025/1/15", "2025-01-15"},
        {"2018.01.01", "2018-01-01"},
        {"2018.1.1", "2018-01-01"},
        {"20240305", "2024-03-05"},
        {"2024年3月5日", "2024-03-05"},
        {"2024年03月05号", "2024-03-05"},
        {"二〇一五年三月二日", "2015-03-02"},
        {"二○一五年十二月三十一日", "2015-12-31"},
        {"二Ο一五年十月二十日", "2015-10-20"},
        {"二零一七年一月十日", "2017-01-10"},
        {"2015年三月二日", "2015-03-02"},
        {"２０２４年３月５日", "2024-03-05"},
        {"　2024-03-05　", "2024-03-05"},
        {"2024-03-05 00:00:00", "2024-03-05"},
        {"42064", "2015-03-01"},
        {"45672", "2025-01-15"},
        {"45672.5", "2025-01-15"},
        {"2024 年 3 月 5 日", "2024-03-05"},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        zj_date d = 0;
        struct cv_err e;
        if (cv_date(LEN(ok[i].in), &d, &e) != 0)
            fail_msg("'%s' refused: %s", ok[i].in, e.en);
        assert_string_equal(fmt(d), ok[i].out);
    }
    static const struct {
        const char *in, *zh;
    } bad[] = {
        {"2023-02-29", "日期不存在"},
        {"2023年2月30日", "日期不存在"},
        {"20231301", "日期不存在"},
        {"2023-1", "无法识别的日期"},
        {"昨天", "无法识别的日期"},
        {"2023-01/02", "无法识别的日期"},
        {"2015", "无法识别的日期"},
        {"", "日期为空"},
        {"二〇一五年三四月二日", "日期不存在"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        zj_date d;
        struct cv_err e;
        if (cv_date(LEN(bad[i].in), &d, &e) != -1 || !strstr(e.zh, bad[i].zh))
            fail_msg("'%s': %s", bad[i].in, e.zh);
        assert_true(strlen(e.en) > 0);
    }
    zj_date d;
    struct cv_err e;
    assert_int_equal(cv_excel_serial(1, &d, &e), 0);
    assert_string_equal(fmt(d), "1900-01-01");
    assert_int_equal(cv_excel_serial(59, &d, &e), 0);
    assert_string_equal(fmt(d), "1900-02-28");
    assert_int_equal(cv_excel_serial(60, &d, &e), -1);
    assert_int_equal(cv_excel_serial(61, &d, &e), 0);
    assert_string_equal(fmt(d), "1900-03-01");
    assert_int_equal(cv_excel_serial(0, &d, &e), -1);
}

static void test_numbers(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        long long v;
    } ok[] = {
        {"0", 0},          {"42", 42},          {"二〇一五", 2015}, {"十", 10},
        {"十二", 12},      {"二十", 20},        {"三十一", 31},     {"一百零五", 105},
        {"两千", 2000},    {"一万五千", 15000}, {"15万", 150000},   {"一亿二千万", 120000000},
        {"壹佰贰拾", 120}, {"九", 9},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        long long v = -1;
        if (cv_cn_number(LEN(ok[i].in), &v) != 0)
            fail_msg("'%s' refused", ok[i].in);
        assert_int_equal(v, ok[i].v);
    }
    long long v;
    assert_int_equal(cv_cn_number(LEN("三四十"), &v), -1);
    assert_int_equal(cv_cn_number(LEN("四十x"), &v), -1);
    assert_int_equal(cv_cn_number(LEN(""), &v), -1);
    struct cv_err e;
    assert_int_equal(cv_int(LEN("４２"), &v, &e), 0);
    assert_int_equal(v, 42);
    assert_int_equal(cv_int(LEN("四十二"), &v, &e), 0);
    assert_int_equal(v, 42);
    assert_int_equal(cv_int(LEN("4.2"), &v, &e), -1);
    assert_non_null(strstr(e.zh, "不是整数"));
}

static void test_sentences(void **state)
{
    (void)state;
    static const struct {
        const char *in, *penalty;
        int months, days, probation;
    } ok[] = {
        {"有期徒刑五年六个月", "fixed_term", 66, 0, -1},
        {"有期徒刑3年6个月", "fixed_term", 42, 0, -1},
        {"判处有期徒刑十五年", "fixed_term", 180, 0, -1},
        {"有期徒刑三年，缓刑五年", "fixed_term", 36, 0, 60},
        {"有期徒刑二年,缓刑考验期三年", "fixed_term", 24, 0, 36},
        {"拘役三个月，缓刑六个月", "criminal_detention", 3, 0, 6},
        {"有期徒刑十年，剥夺政治权利三年", "fixed_term", 120, 0, -1},
        {"有期徒刑十年，并处罚金人民币五万元", "fixed_term", 120, 0, -1},
        {"无期徒刑", "life", -1, -1, -1},
        {"无期", "life", -1, -1, -1},
        {"无期徒刑，剥夺政治权利终身", "life", -1, -1, -1},
        {"死刑缓期二年执行", "death_suspended", -1, -1, -1},
        {"死缓", "death_suspended", -1, -1, -1},
        {"拘役三个月", "criminal_detention", 3, 0, -1},
        {"管制一年", "surveillance", 12, 0, -1},
        {"免予刑事处罚", "exempt", -1, -1, -1},
        {"单处罚金", "fine_only", -1, -1, -1},
        {"05_00_00", NULL, 60, 0, -1},
        {"03_06_15", NULL, 42, 15, -1},
        {"3年6个月", NULL, 42, 0, -1},
        {"42个月", NULL, 42, 0, -1},
        {"一年零三个月", NULL, 15, 0, -1},
        {"一年三个月十五天", NULL, 15, 15, -1},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        struct cv_sentence s;
        struct cv_err e;
        if (cv_sentence(LEN(ok[i].in), &s, &e) != 0)
            fail_msg("'%s' refused: %s", ok[i].in, e.en);
        if (ok[i].penalty)
            assert_string_equal(s.penalty, ok[i].penalty);
        else
            assert_null(s.penalty);
        assert_int_equal(s.months, ok[i].months);
        assert_int_equal(s.days, ok[i].days);
        assert_int_equal(s.probation_months, ok[i].probation);
    }
    static const char *const bad[] = {
        "有期徒刑", "有期徒刑五", "无期徒刑十年", "三年三年",         "有期徒刑三年，另有说明",
        "abc",      "",           "05_00",        "有期徒刑（３年）",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct cv_sentence s;
        struct cv_err e;
        if (cv_sentence(LEN(bad[i]), &s, &e) != -1)
            fail_msg("'%s' accepted", bad[i]);
        assert_true(strlen(e.zh) > 0);
    }
    int m, d;
    struct cv_err e;
    assert_int_equal(cv_months(LEN("减刑6个月"), &m, &d, &e), 0);
    assert_int_equal(m, 6);
    assert_int_equal(cv_months(LEN("减去有期徒刑八个月"), &m, &d, &e), 0);
    assert_int_equal(m, 8);
    assert_int_equal(cv_months(LEN("一年"), &m, &d, &e), 0);
    assert_int_equal(m, 12);
    assert_int_equal(cv_months(LEN("很多"), &m, &d, &e), -1);
    const char *p;
    assert_int_equal(cv_penalty(LEN("有期徒刑"), &p, &e), 0);
    assert_string_equal(p, "fixed_term");
    assert_int_equal(cv_penalty(LEN("无期"), &p, &e), 0);
    assert_string_equal(p, "life");
    assert_int_equal(cv_penalty(LEN("death_suspended"), &p, &e), 0);
    assert_string_equal(p, "death_suspended");
    assert_int_equal(cv_penalty(LEN("劳动教养"), &p, &e), -1);
    assert_non_null(strstr(e.zh, "劳动教养"));
}

static void test_persons(void **state)
{
    (void)state;
    char id[19];
    struct cv_err e;
    assert_int_equal(cv_id_number(LEN("11010519491231002x"), id, &e), 0);
    assert_string_equal(id, "11010519491231002X");
    assert_int_equal(cv_id_number(LEN("１３０１０２１９８００３１５１２３９"), id, &e), 0);
    assert_string_equal(id, "130102198003151239");
    assert_int_equal(cv_id_number(LEN("130102800315123"), id, &e), 0); /* 15 digits */
    assert_string_equal(id, "130102198003151239");
    assert_int_equal(cv_id_number(LEN("320583650703441"), id, &e), 0);
    assert_string_equal(id, "320583196507034411");
    assert_int_equal(cv_id_number(LEN("130102198003151238"), id, &e), -1);
    assert_non_null(strstr(e.zh, "校验码"));
    assert_int_equal(cv_id_number(LEN("130102801315123"), id, &e), -1);
    assert_non_null(strstr(e.zh, "出生日期"));
    assert_int_equal(cv_id_number(LEN("1301021980"), id, &e), -1);
    assert_non_null(strstr(e.zh, "18位"));
    const char *g;
    assert_int_equal(cv_gender(LEN("男"), &g, &e), 0);
    assert_string_equal(g, "M");
    assert_int_equal(cv_gender(LEN("女性"), &g, &e), 0);
    assert_string_equal(g, "F");
    assert_int_equal(cv_gender(LEN(" F "), &g, &e), 0);
    assert_string_equal(g, "F");
    assert_int_equal(cv_gender(LEN("未知"), &g, &e), -1);
    assert_non_null(strstr(e.zh, "性别"));
    int b;
    assert_int_equal(cv_bool(LEN("是"), &b, &e), 0);
    assert_int_equal(b, 1);
    assert_int_equal(cv_bool(LEN("否"), &b, &e), 0);
    assert_int_equal(b, 0);
    assert_int_equal(cv_bool(LEN("也许"), &b, &e), -1);
}

static void test_money(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        long long fen;
    } ok[] = {
        {"1.5万元", 1500000}, {"15000元", 1500000},    {"15,000.00", 1500000},
        {"￥1500", 150000},   {"一万五千元", 1500000}, {"人民币五万元", 5000000},
        {"0.01", 1},          {"12.3", 1230},          {"2亿", 20000000000LL},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        long long f = -1;
        struct cv_err e;
        if (cv_money(LEN(ok[i].in), &f, &e) != 0)
            fail_msg("'%s' refused: %s", ok[i].in, e.en);
        assert_int_equal(f, ok[i].fen);
    }
    static const char *const bad[] = {"0.001", "1.2.3", "元", "-5", "abc", "1.", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        long long f;
        struct cv_err e;
        if (cv_money(LEN(bad[i]), &f, &e) != -1)
            fail_msg("'%s' accepted", bad[i]);
    }
}

static void test_charges(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } ok[] = {
        {"盗窃罪", "盗窃罪"},
        {"盗窃、抢劫", "盗窃罪;抢劫罪"},
        {"盗窃罪、抢劫罪", "盗窃罪;抢劫罪"},
        {"盗窃罪；诈骗罪", "盗窃罪;诈骗罪"},
        {"故意伤害;盗窃", "故意伤害罪;盗窃罪"},
        {"犯受贿罪", "受贿罪"},
        {"非法制造、买卖、运输、储存危险物质罪", "非法制造、买卖、运输、储存危险物质罪"},
        {"盗窃、非法制造、买卖、运输、储存危险物质罪",
         "盗窃罪;非法制造、买卖、运输、储存危险物质罪"},
        {"投毒罪", "投放危险物质罪"},                    /* an old name */
        {"贩卖毒品、运输毒品", "贩卖毒品罪;运输毒品罪"}, /* parts of a selective charge */
        {"盗窃罪；盗窃", "盗窃罪"},                      /* once */
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        char out[256];
        struct cv_err e;
        if (cv_charges(LEN(ok[i].in), out, sizeof out, &e) != 0)
            fail_msg("'%s' refused: %s", ok[i].in, e.en);
        assert_string_equal(out, ok[i].out);
    }
    char out[256];
    struct cv_err e;
    assert_int_equal(cv_charges(LEN("打架"), out, sizeof out, &e), -1);
    assert_non_null(strstr(e.zh, "罪名"));
    assert_int_equal(cv_charges(LEN("盗切罪；某某、另某罪"), out, sizeof out, &e), 0);
    assert_string_equal(out, "盗切罪;某某、另某罪"); /* kept as written */
    assert_int_equal(cv_charges_known(out, &e), -1);
    assert_non_null(strstr(e.zh, "无法识别的罪名“盗切罪”（是否为："));
    assert_non_null(strstr(e.zh, "盗窃罪"));
    assert_int_equal(cv_charges_known("盗窃罪;贩卖毒品罪", &e), 0);
    assert_int_equal(cv_charges(LEN("；、"), out, sizeof out, &e), -1);
    char tiny[8];
    assert_int_equal(cv_charges(LEN("盗窃罪；诈骗罪"), tiny, sizeof tiny, &e), -1);
}

static void test_fold(void **state)
{
    (void)state;
    char b[64];
    assert_int_equal(cv_fold(LEN("　ＡＢ１２（３）　"), b, sizeof b), 7);
    assert_string_equal(b, "AB12(3)");
    char small[4];
    assert_int_equal(cv_fold(LEN("盗窃罪"), small, sizeof small), 3);
    assert_string_equal(small, "盗");
    assert_int_equal(cv_fold(LEN("\xff\xfe"), b, sizeof b), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),     cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_sentences), cmocka_unit_test(test_persons),
        cmocka_unit_test(test_money),     cmocka_unit_test(test_charges),
        cmocka_unit_test(test_fold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
