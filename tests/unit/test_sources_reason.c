/* test_sources_reason.c — the Chinese reasons of rejected rows (src/ingest/reason_zh.h):
 * the messages of the value checks (made here by the checks themselves, so a changed
 * English text shows up) and of the loader, each translated with its values and the
 * column's Chinese label; an unknown reason keeps its English after a Chinese lead; the
 * place of a row in a workbook and in a CSV file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "ingest/validate.h"
#include "ingest/reason_zh.h"

static void expect(const char *en, const char *zh)
{
    char out[600];
    reason_zh(en, out, sizeof out);
    if (strcmp(out, zh))
        fail_msg("'%s'\n  gave '%s'\n  want '%s'", en, out, zh);
}

static void test_checks(void **state)
{
    (void)state;
    char m[400];
    zj_date lo = date_from_ymd(1949, 10, 1), hi = date_from_ymd(2025, 6, 30), d;
    assert_int_equal(ingest_check_date("2023-02-30", 10, lo, hi, "1949-10-01",
                                       "the as-of date 2025-06-30", &d, m, sizeof m),
                     -1);
    expect(m, "日期“2023-02-30”不存在或格式不对（应为 年-月-日）");
    assert_int_equal(ingest_check_date("2026-01-01", 10, lo, hi, "1949-10-01",
                                       "the as-of date 2025-06-30", &d, m, sizeof m),
                     -1);
    expect(m, "日期“2026-01-01”晚于导入截止日期 2025-06-30");
    assert_int_equal(
        ingest_check_date("1900-01-01", 10, lo, hi, "1949-10-01", "x", &d, m, sizeof m), -1);
    expect(m, "日期“1900-01-01”早于 1949-10-01");
    long long x;
    assert_int_equal(ingest_parse_int("4x", 2, &x, m, sizeof m), -1);
    expect(m, "“4x”不是整数");
    assert_int_equal(ingest_parse_money("1.234", 5, &x, m, sizeof m), -1);
    expect(m, "金额“1.234”格式不对（以元为单位，最多两位小数）");
    int b;
    assert_int_equal(ingest_parse_bool("是", 3, &b, m, sizeof m), -1);
    expect(m, "“是”不是是/否值（应为 0 或 1）");
    assert_int_equal(ingest_check_region("12345", 5, m, sizeof m), -1);
    expect(m, "行政区划代码“12345”应为6位数字");
    assert_int_equal(ingest_check_id_number("130102198003151238", 18, m, sizeof m), -1);
    expect(m, "身份证号“130102198003151238”校验码不正确（按GB 11643应为“9”）");
    assert_int_equal(ingest_check_id_number("1301021980", 10, m, sizeof m), -1);
    expect(m, "身份证号“1301021980”有10位（应为18位）");
}

static void test_loader(void **state)
{
    (void)state;
    expect("required field 'birth_date' is empty", "必填项“出生日期”为空");
    expect("missing required column 'disease': the whole file is refused, nothing of it was loaded",
           "缺少必填列“疾病”：整个文件未导入");
    expect("unknown kind 'jail' (expected one of: prison (监狱), court (法院))",
           "类别“jail”无法识别（可选：prison (监狱), court (法院)）");
    expect("unknown reference: court_id 'C9' is not in facilities",
           "引用不存在：法院编号“C9”在facilities中没有（待相关数据导入后可重试）");
    expect("duplicate key person_id 'P1': an earlier row of this file has the same key (the first "
           "one is kept)",
           "主键重复：人员编号“P1”在本文件中已出现（保留第一行）");
    expect("effective_date '2021-01-01' is before judgment_date '2021-02-01'",
           "生效日期“2021-01-01”早于判决日期“2021-02-01”");
    expect("term_months '400' is out of range 6–300 for fixed_term (有期徒刑)",
           "刑期（月）“400”超出范围 6–300（for fixed_term (有期徒刑)）");
    expect("row has 3 fields but the header has 5 (check commas and quotes)",
           "该行有3个字段，表头有5个（请检查逗号和引号）");
    /* the file and row refusals of hostile feeds (issue 13) */
    expect("file holds only a byte order mark (no header row)",
           "文件只有一个字节顺序标记（BOM），没有表头行");
    expect("the header row is not valid UTF-8 text", "表头行不是有效的UTF-8文本");
    expect("file is UTF-16 text, not UTF-8 or GB18030: save it as CSV (UTF-8, comma-separated) "
           "and import again",
           "文件是UTF-16编码（如Excel的“Unicode文本”），不是UTF-8或GB18030：请另存为“CSV "
           "UTF-8（逗号分隔）”后重新导入");
    expect("row contains a NUL byte", "该行含有空字符（NUL）");
    expect(
        "row is not valid UTF-8 (byte 0xB8 at byte 11 of the row); the file's other rows are "
        "UTF-8, so it was not read as GB18030",
        "该行不是有效的UTF-8编码（该行第11字节为0xB8）；本文件其他行是UTF-8，因此未按GB18030读取");
    expect("field 'name' is 2000000 bytes long (at most 4096)",
           "名称/姓名长2000000字节（最多4096字节）");
    expect("field 'person_id' contains a byte order mark (U+FEFF): two files joined together?",
           "人员编号中含有字节顺序标记（BOM）：可能是两个文件拼接在一起");
    expect("something nobody wrote a pattern for",
           "数据不符合要求：something nobody wrote a pattern for");
    char out[8];
    reason_zh("required field 'birth_date' is empty", out, sizeof out);
    assert_true(strlen(out) < sizeof out);
}

static void test_where(void **state)
{
    (void)state;
    char out[300];
    reason_zh_where(out, sizeof out, "a.xlsx", "花名册", 12, "D12", "出生日期", "birth_date");
    assert_string_equal(out, "文件 a.xlsx，工作表 花名册，第 12 行，D 列（出生日期）");
    reason_zh_where(out, sizeof out, "persons.csv", NULL, 3, NULL, NULL, "birth_date");
    assert_string_equal(out, "文件 persons.csv，第 3 行，列 birth_date（出生日期）");
    reason_zh_where(out, sizeof out, "persons.csv", NULL, 3, NULL, NULL, NULL);
    assert_string_equal(out, "文件 persons.csv，第 3 行");
    assert_string_equal(column_label_zh("nosuch"), "nosuch");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checks),
        cmocka_unit_test(test_loader),
        cmocka_unit_test(test_where),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
