/*
 * reason_zh.c — Chinese reasons of rejected rows (see reason_zh.h).
 *
 * A pattern is the English reason with '%' where a value stands; it matches when its
 * literal parts appear in order (each '%' takes the shortest text before the next
 * literal, the last one the rest). The Chinese template names the captures $1…$9; $c1
 * puts the Chinese label of a column name.
 */
#include "ingest/reason_zh.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *col, *zh;
} labels[] = {
    {"facility_id", "场所编号"},
    {"name", "名称/姓名"},
    {"kind", "类别"},
    {"region_code", "行政区划代码"},
    {"designated", "是否指定医院"},
    {"officer_id", "工作人员编号"},
    {"role", "职务"},
    {"person_id", "人员编号"},
    {"id_number", "身份证号"},
    {"gender", "性别"},
    {"birth_date", "出生日期"},
    {"judgment_id", "判决编号"},
    {"case_no", "案号"},
    {"court_id", "法院编号"},
    {"charges", "罪名"},
    {"offense_date", "犯罪日期"},
    {"judgment_date", "判决日期"},
    {"effective_date", "生效日期"},
    {"notice_date", "送达日期"},
    {"penalty", "刑种"},
    {"term_months", "刑期（月）"},
    {"term_days", "刑期（日）"},
    {"probation_months", "缓刑考验期（月）"},
    {"dpr_months", "剥夺政治权利（月）"},
    {"dpr_life", "剥夺政治权利终身"},
    {"recidivist", "累犯"},
    {"limited_commutation", "限制减刑"},
    {"flags", "情节"},
    {"term_start", "刑期起日"},
    {"term_end", "刑期止日"},
    {"event_id", "事件编号"},
    {"event_type", "事件类型"},
    {"event_date", "事件日期"},
    {"note", "备注"},
    {"exam_id", "诊断编号"},
    {"hospital_id", "医院编号"},
    {"exam_date", "诊断日期"},
    {"disease", "疾病"},
    {"change_id", "变动编号"},
    {"proposer_id", "提请机关"},
    {"proposal_date", "提请日期"},
    {"decider_id", "裁定机关"},
    {"decision_date", "裁定日期"},
    {"grounds", "理由"},
    {"reduction_months", "减刑幅度（月）"},
    {"reduction_days", "减刑幅度（日）"},
    {"new_penalty", "变更后刑种"},
    {"new_term_months", "变更后刑期（月）"},
    {"points", "考核分"},
    {"leniency", "从宽情形"},
    {"cc_id", "矫正编号"},
    {"agency_id", "机构编号"},
    {"basis", "矫正类别"},
    {"order_date", "决定生效日期"},
    {"report_date", "报到日期"},
    {"start_date", "起始日期"},
    {"end_date", "结束日期"},
    {"status", "状态"},
    {"status_date", "状态日期"},
    {"record_id", "记录编号"},
    {"reason", "原因"},
    {"enforcement_id", "执行案件编号"},
    {"amount_due", "应执行金额"},
    {"filed_date", "立案日期"},
    {"last_action_date", "最近执行日期"},
    {"investigated", "是否财产调查"},
    {"unable", "确无履行能力"},
    {"assignment_id", "分配编号"},
    {"cell_id", "监室"},
    {"month", "月份"},
    {"base_points", "基础分"},
    {"amount", "金额"},
};

const char *column_label_zh(const char *col)
{
    for (size_t i = 0; col && i < sizeof labels / sizeof labels[0]; i++)
        if (!strcmp(labels[i].col, col))
            return labels[i].zh;
    return col;
}

static const struct {
    const char *en, *zh;
} patterns[] = {
    {"required field '%' is empty", "必填项“$c1”为空"},
    {"missing required column '%':%", "缺少必填列“$c1”：整个文件未导入"},
    {"column '%' appears twice in the header", "表头中“$1”列出现了两次"},
    {"unreadable header row%", "表头行无法读取"},
    {"file is empty%", "文件为空（没有表头行）"},
    {"no header row found%", "找不到表头行$1"},
    {"unknown column%", "无法对应的列$1"},
    {"not a real date '%' (expected YYYY-MM-DD)", "日期“$1”不存在或格式不对（应为 年-月-日）"},
    {"date '%' is before the as-of date%", "日期“$1”早于截止日期$2"},
    {"date '%' is before %", "日期“$1”早于 $2"},
    {"date '%' is after the as-of date %", "日期“$1”晚于导入截止日期 $2"},
    {"date '%' is after %", "日期“$1”晚于 $2"},
    {"not a real month '%'%", "月份“$1”不存在或格式不对（应为 年-月）"},
    {"month '%' is before %", "月份“$1”早于 $2"},
    {"month '%' is after %", "月份“$1”晚于 $2"},
    {"not a whole number '%'", "“$1”不是整数"},
    {"not an amount in yuan '%'%", "金额“$1”格式不对（以元为单位，最多两位小数）"},
    {"not a boolean '%'%", "“$1”不是是/否值（应为 0 或 1）"},
    {"not a region code '%'%", "行政区划代码“$1”应为6位数字"},
    {"id_number '%' has % characters (expected 18)", "身份证号“$1”有$2位（应为18位）"},
    {"id_number '%' has a non-digit%", "身份证号“$1”前17位含非数字字符"},
    {"id_number '%' has a wrong check digit (GB 11643 gives '%')",
     "身份证号“$1”校验码不正确（按GB 11643应为“$2”）"},
    {"unknown % item '%' (expected items of: %)", "$c1中的“$2”无法识别（可选：$3）"},
    {"unknown % '%' (expected one of: %)", "$c1“$2”无法识别（可选：$3）"},
    {"unknown reference: % '%' is not in %",
     "引用不存在：$c1“$2”在$3中没有（待相关数据导入后可重试）"},
    {"duplicate key % '%':%", "主键重复：$c1“$2”在本文件中已出现（保留第一行）"},
    {"% '%' is a facility of kind '%', expected %", "$c1“$2”是“$3”类场所，应为 $4"},
    {"% '%' belongs to % '%', not to '%'", "$c1“$2”属于$c3“$4”，而不是“$5”"},
    {"% '%' is before % '%'", "$c1“$2”早于$c3“$4”"},
    {"% '%' is out of range (at least %)", "$c1“$2”超出范围（至少 $3）"},
    {"% '%' is out of range % %", "$c1“$2”超出范围 $3（$4）"},
    {"% '%' is out of range %", "$c1“$2”超出范围 $3"},
    {"% '%' must be more than 0", "$c1“$2”必须大于0"},
    {"% '%' is not allowed %", "$c1“$2”不允许（$3）"},
    {"% '%' is above 180 but only one charge is given%",
     "$c1“$2”超过180个月，但只有一个罪名（数罪并罚才可能）"},
    {"row has % fields but the header has %%", "该行有$1个字段，表头有$2个（请检查逗号和引号）"},
    {"a quoted field opened on this line is never closed%", "本行的引号没有闭合"},
    {"row longer than % bytes", "该行超过 $1 字节"},
    {"file holds only a byte order mark%", "文件只有一个字节顺序标记（BOM），没有表头行"},
    {"file is UTF-16 text%", "文件是UTF-16编码（如Excel的“Unicode文本”），不是UTF-"
                             "8或GB18030：请另存为“CSV UTF-8（逗号分隔）”后重新导入"},
    {"the header row is not valid UTF-8 text", "表头行不是有效的UTF-8文本"},
    {"row contains a NUL byte", "该行含有空字符（NUL）"},
    {"row is not valid UTF-8 (byte 0x% at byte % of the row)%",
     "该行不是有效的UTF-8编码（该行第$2字节为0x$1）；本文件其他行是UTF-8，因此未按GB18030读取"},
    {"field '%' is % bytes long (at most %)", "$c1长$2字节（最多$3字节）"},
    {"field '%' contains a byte order mark%",
     "$c1中含有字节顺序标记（BOM）：可能是两个文件拼接在一起"},
    {"file is not valid UTF-8%", "文件不是有效的UTF-8编码$1"},
    {"file is neither valid UTF-8%", "文件既不是有效的UTF-8也不是GB18030编码"},
    {"file is not valid GB18030%", "文件不是有效的GB18030编码"},
};

/* Match pattern p against s; captures into cap[] (start, length). Returns the count or -1. */
static int match(const char *p, const char *s, const char *cap[9], size_t clen[9])
{
    int n = 0;
    while (*p) {
        if (*p != '%') {
            if (*p != *s)
                return -1;
            p++, s++;
            continue;
        }
        p++;
        if (n == 9)
            return -1;
        const char *lit = p;
        size_t litlen = strcspn(p, "%");
        if (litlen == 0) { /* last capture, or two in a row: take the rest / one word */
            if (!*p) {
                cap[n] = s;
                clen[n++] = strlen(s);
                return n;
            }
            const char *sp = strchr(s, ' ');
            size_t k = sp ? (size_t)(sp - s) : strlen(s);
            cap[n] = s;
            clen[n++] = k;
            s += k;
            continue;
        }
        const char *hit = NULL;
        if (!lit[litlen]) { /* the pattern's last literal: it ends the text */
            size_t sl = strlen(s);
            if (sl > litlen && !strcmp(s + sl - litlen, lit))
                hit = s + sl - litlen;
        } else {
            for (const char *q = s; *q; q++) {
                if (!strncmp(q, lit, litlen)) {
                    hit = q;
                    break;
                }
            }
        }
        if (!hit || hit == s)
            return -1;
        cap[n] = s;
        clen[n++] = (size_t)(hit - s);
        s = hit;
    }
    return *s ? -1 : n;
}

static void put(char *out, size_t cap, size_t *o, const char *s, size_t n)
{
    if (*o + 1 >= cap)
        return;
    if (n > cap - 1 - *o)
        n = cap - 1 - *o;
    memcpy(out + *o, s, n);
    *o += n;
    out[*o] = '\0';
}

void reason_zh(const char *en, char *out, size_t cap)
{
    const char *c[9];
    size_t cl[9];
    if (!cap)
        return;
    out[0] = '\0';
    for (size_t i = 0; en && i < sizeof patterns / sizeof patterns[0]; i++) {
        int n = match(patterns[i].en, en, c, cl);
        if (n < 0)
            continue;
        size_t o = 0;
        for (const char *t = patterns[i].zh; *t;) {
            int lab = t[0] == '$' && t[1] == 'c' && t[2] >= '1' && t[2] <= '9';
            if (t[0] == '$' && ((t[1] >= '1' && t[1] <= '9') || lab)) {
                int k = (lab ? t[2] : t[1]) - '1';
                if (k < n) {
                    if (lab) {
                        char col[64];
                        snprintf(col, sizeof col, "%.*s", (int)cl[k], c[k]);
                        const char *z = column_label_zh(col);
                        put(out, cap, &o, z, strlen(z));
                    } else {
                        put(out, cap, &o, c[k], cl[k]);
                    }
                }
                t += lab ? 3 : 2;
            } else {
                put(out, cap, &o, t, 1);
                t++;
            }
        }
        return;
    }
    snprintf(out, cap, "数据不符合要求：%s", en ? en : "");
}

void reason_zh_where(char *out, size_t cap, const char *file, const char *sheet, long line,
                     const char *cell, const char *source_column, const char *column)
{
    int k = snprintf(out, cap, "文件 %s", file ? file : "");
    if (sheet && *sheet && k >= 0 && (size_t)k < cap)
        k += snprintf(out + k, cap - (size_t)k, "，工作表 %s", sheet);
    if (k >= 0 && (size_t)k < cap)
        k += snprintf(out + k, cap - (size_t)k, "，第 %ld 行", line);
    if (cell && *cell && k >= 0 && (size_t)k < cap) {
        size_t letters = strspn(cell, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        k += snprintf(out + k, cap - (size_t)k, "，%.*s 列", (int)letters, cell);
        if (source_column && *source_column && k >= 0 && (size_t)k < cap)
            k += snprintf(out + k, cap - (size_t)k, "（%s）", source_column);
    } else if (column && *column && k >= 0 && (size_t)k < cap) {
        k += snprintf(out + k, cap - (size_t)k, "，列 %s（%s）", column, column_label_zh(column));
    }
}
