/*
 * test_law_charges.c — every charge name of ../shared/law (law.md §8): each of the 483
 * names in force and each old name of charge-aliases.tsv is known, maps to the official
 * name the file gives, and has the categories of docs/law.md's table, checked here by the
 * table's own rules (chapter, section, article, and the names the law lists); the counts
 * per category are the figures docs/law.md gives. Then the parts and short forms of
 * selective charges, the normalisations, and the suggestions for an unknown name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "law/law.h"
#include "law/law_json.h"

static char *law_file(const char *name)
{
    static char path[1024];
    const char *shared = getenv("ZJ_SHARED");
    if (shared && *shared)
        snprintf(path, sizeof path, "%s/law/%s", shared, name);
    else
        snprintf(path, sizeof path, "%s/../shared/law/%s", ZJ_SOURCE_DIR, name);
    return path;
}

/* docs/law.md "Charge categories": the rules, written independently of the generator */
static const char *const violent[] = {"故意杀人罪", "强奸罪", "抢劫罪",        "绑架罪",
                                      "放火罪",     "爆炸罪", "投放危险物质罪"};
static const char *const negligent_articles[] = {
    /* articles all of whose crimes are negligent */
    "第115条第2款", "第119条第2款", "第124条第2款", "第131条",      "第132条",      "第133条",
    "第135条",      "第135条之一",  "第136条",      "第137条",      "第138条",      "第139条",
    "第167条",      "第229条第3款", "第233条",      "第235条",      "第324条第3款", "第334条第2款",
    "第335条",      "第369条第2款", "第370条第2款", "第400条第2款", "第406条",      "第408条",
    "第409条",      "第412条第2款", "第413条第2款", "第419条",      "第425条",      "第436条"};
static const char *const negligent_names[] = {
    /* negligent crimes sharing their article with an intentional one */
    "重大责任事故罪",    "强令、组织他人违章冒险作业罪", "国有公司、企业、事业单位人员失职罪",
    "玩忽职守罪",        "过失泄露国家秘密罪",           "执行判决、裁定失职罪",
    "过失泄露军事秘密罪"};

static int art_no(const char *a)
{
    return strncmp(a, "第", strlen("第")) ? 0 : atoi(a + strlen("第"));
}

static bool in(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(s, list[i]))
            return true;
    return false;
}
#define IN(s, list) in(s, list, sizeof list / sizeof list[0])

static unsigned expected_cats(const char *name, const char *ch, const char *sec, const char *art)
{
    unsigned c = 0;
    int a = art_no(art);
    if (!strncmp(ch, "第一章 ", strlen("第一章 ")))
        c |= LAW_CAT_NATIONAL_SECURITY;
    if (a == 120)
        c |= LAW_CAT_TERRORISM;
    if (!strncmp(ch, "第三章 ", strlen("第三章 ")) &&
        (!strncmp(sec, "第四节 ", strlen("第四节 ")) ||
         !strncmp(sec, "第五节 ", strlen("第五节 "))))
        c |= LAW_CAT_FINANCIAL;
    if (a == 294)
        c |= LAW_CAT_ORGANISED;
    if (a >= 315 && a <= 317)
        c |= LAW_CAT_CUSTODY;
    if (!strncmp(ch, "第六章 ", strlen("第六章 ")) && !strncmp(sec, "第七节 ", strlen("第七节 ")))
        c |= LAW_CAT_DRUG;
    if (!strncmp(ch, "第十章 ", strlen("第十章 ")))
        c |= LAW_CAT_MILITARY;
    if (!strncmp(ch, "第八章 ", strlen("第八章 ")) || !strncmp(ch, "第九章 ", strlen("第九章 ")) ||
        a == 247 || a == 248 || a == 254)
        c |= LAW_CAT_DUTY;
    if (IN(name, violent))
        c |= LAW_CAT_VIOLENT;
    if (IN(art, negligent_articles) || IN(name, negligent_names))
        c |= LAW_CAT_NEGLIGENT;
    return c;
}

struct official {
    char name[1024], ch[1024], sec[1024], art[1024];
};
static struct official off[600];
static size_t n_off;

static void chomp(char *s)
{
    s[strcspn(s, "\r\n")] = '\0';
}

static void read_official(void)
{
    FILE *f = fopen(law_file("charges-official.tsv"), "r");
    assert_non_null(f);
    char line[1024];
    n_off = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        chomp(line);
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL,
             *t3 = t2 ? strchr(t2 + 1, '\t') : NULL;
        assert_non_null(t3);
        *t1 = *t2 = *t3 = '\0';
        struct official *o = &off[n_off++];
        snprintf(o->name, sizeof o->name, "%s", line);
        snprintf(o->ch, sizeof o->ch, "%s", t1 + 1);
        snprintf(o->sec, sizeof o->sec, "%s", t2 + 1);
        snprintf(o->art, sizeof o->art, "%s", t3 + 1);
    }
    fclose(f);
}

static void test_every_official_name(void **state)
{
    (void)state;
    read_official();
    assert_int_equal(n_off, 483);
    size_t failures = 0, count[LAW_CAT_COUNT] = {0};
    for (size_t i = 0; i < n_off; i++) {
        struct law_charge_info ci;
        enum law_charge_match m = law_charge_lookup(off[i].name, &ci);
        unsigned want = expected_cats(off[i].name, off[i].ch, off[i].sec, off[i].art);
        if (m != LAW_CHARGE_OFFICIAL || strcmp(ci.official, off[i].name) || ci.cats != want ||
            strcmp(ci.article, off[i].art)) {
            printf("official %s: match %d cats 0x%x, expected 0x%x\n", off[i].name, (int)m, ci.cats,
                   want);
            failures++;
        }
        for (int b = 0; b < LAW_CAT_COUNT; b++)
            if (ci.cats & (1u << b))
                count[b]++;
    }
    assert_int_equal(failures, 0);
    /* the figures of docs/law.md's table */
    static const size_t docs[LAW_CAT_COUNT] = {7, 55, 38, 3, 12, 7, 12, 44, 6, 31};
    for (int b = 0; b < LAW_CAT_COUNT; b++) {
        if (count[b] != docs[b])
            printf("category %s: %zu names, docs/law.md says %zu\n", law_charge_cat_id(1u << b),
                   count[b], docs[b]);
        assert_int_equal(count[b], docs[b]);
    }
}

/* docs/law.md, as read by a newcomer: the lines of the category table and the bullets of
 * the negligent list. Each official name is listed there exactly when it has the category. */
static char *read_docs(void)
{
    static char buf[1 << 17];
    char path[1024];
    snprintf(path, sizeof path, "%s/docs/law.md", ZJ_SOURCE_DIR);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* Is name written in text[0..len) as a name of its own (not the tail of a longer one)? */
static bool names(const char *text, size_t len, const char *name)
{
    size_t nl = strlen(name);
    for (const char *p = text; p + nl <= text + len; p++) {
        if (strncmp(p, name, nl))
            continue;
        char before = p == text ? ' ' : p[-1], after = p[nl];
        if (strchr(" ,(:`*", before) && strchr(" ,.();`*\n", after))
            return true;
    }
    return false;
}

static void test_docs_lists(void **state)
{
    (void)state;
    read_official();
    const char *doc = read_docs();
    /* the negligent bullets: from "The negligent crimes" to "Left out on purpose" */
    const char *nb = strstr(doc, "The negligent crimes ("),
               *ne = nb ? strstr(nb, "Left out on purpose") : NULL;
    assert_non_null(nb);
    assert_non_null(ne);
    nb = strstr(nb, "\n- ");
    assert_true(nb && nb < ne);
    static const struct {
        const char *row;
        unsigned cat;
    } rows[] = {{"| `violent` |", LAW_CAT_VIOLENT}, {"| `custody` |", LAW_CAT_CUSTODY}};
    size_t failures = 0, listed = 0;
    for (size_t i = 0; i < n_off; i++) {
        struct law_charge_info ci;
        law_charge_lookup(off[i].name, &ci);
        bool in_list = names(nb, (size_t)(ne - nb), off[i].name);
        listed += in_list;
        if (in_list != !!(ci.cats & LAW_CAT_NEGLIGENT)) {
            printf("%s: negligent %d, docs/law.md's list %d\n", off[i].name,
                   !!(ci.cats & LAW_CAT_NEGLIGENT), in_list);
            failures++;
        }
        for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
            const char *line = strstr(doc, rows[r].row);
            assert_non_null(line);
            size_t len = strcspn(line, "\n");
            if (names(line, len, off[i].name) != !!(ci.cats & rows[r].cat)) {
                printf("%s: category 0x%x %d, docs/law.md's row %s\n", off[i].name, rows[r].cat,
                       !!(ci.cats & rows[r].cat), rows[r].row);
                failures++;
            }
        }
    }
    assert_int_equal(listed, 44);
    assert_int_equal(failures, 0);
}

static const struct official *find_off(const char *name)
{
    for (size_t i = 0; i < n_off; i++)
        if (!strcmp(off[i].name, name))
            return &off[i];
    return NULL;
}

/* the official name an alias row names: "A罪", "A罪/B罪" (first), "(取消，按A罪)",
 * "(2003)X ->(2021)A罪" */
static void alias_target(const char *cur, char *out, size_t cap)
{
    const char *s = cur, *arrow = strstr(cur, "->");
    if (arrow)
        s = arrow + 2;
    if (*s == '(') {
        const char *by = strstr(s, "按"), *close = strchr(s, ')');
        if (by && close && by < close) {
            by += strlen("按");
            snprintf(out, cap, "%.*s", (int)(close - by), by);
            return;
        }
        s = close ? close + 1 : s;
    }
    snprintf(out, cap, "%.*s", (int)strcspn(s, "/"), s);
}

static void test_every_old_name(void **state)
{
    (void)state;
    read_official();
    FILE *f = fopen(law_file("charge-aliases.tsv"), "r");
    assert_non_null(f);
    char line[1024];
    size_t n = 0, failures = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        chomp(line);
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        assert_non_null(t2);
        *t1 = *t2 = '\0';
        char target[256];
        alias_target(t1 + 1, target, sizeof target);
        const struct official *o = find_off(target);
        assert_non_null(o);
        struct law_charge_info ci;
        enum law_charge_match m = law_charge_lookup(line, &ci);
        unsigned want = expected_cats(o->name, o->ch, o->sec, o->art);
        if (strchr(t1 + 1, '/'))
            want &= ~(unsigned)LAW_CAT_NEGLIGENT; /* either alternative: negligent if both */
        if (!strcmp(line, "重大环境污染事故罪"))
            want = LAW_CAT_NEGLIGENT; /* 刑法第338条 before 修正案（八）: a negligent crime */
        if (m != LAW_CHARGE_OLD_NAME || strcmp(ci.official, target) ||
            ci.renamed_year != atoi(t2 + 1) || ci.cats != want ||
            (strchr(t1 + 1, '/') != NULL) != (ci.alternative != NULL)) {
            printf("old name %s: match %d official %s cats 0x%x, expected %s 0x%x\n", line, (int)m,
                   ci.official ? ci.official : "-", ci.cats, target, want);
            failures++;
        }
        n++;
    }
    fclose(f);
    assert_int_equal(n, 55);
    assert_int_equal(failures, 0);
    assert_int_equal(law_charge_table_size(), 483 + 55);
    size_t official = 0;
    for (size_t i = 0; i < law_charge_table_size(); i++)
        official += law_charge_table_official(i);
    assert_int_equal(official, 483);
}

static void expect(const char *name, enum law_charge_match m, const char *official, unsigned cats)
{
    struct law_charge_info ci;
    enum law_charge_match got = law_charge_lookup(name, &ci);
    if (got != m || (official && (!ci.official || strcmp(ci.official, official))) ||
        ci.cats != cats)
        printf("%s: match %d official %s cats 0x%x\n", name, (int)got,
               ci.official ? ci.official : "-", ci.cats);
    assert_int_equal(got, m);
    if (official)
        assert_string_equal(ci.official, official);
    else
        assert_null(ci.official);
    assert_int_equal(ci.cats, cats);
}

static void test_parts_and_forms(void **state)
{
    (void)state;
    const char *drug = "走私、贩卖、运输、制造毒品罪";
    expect("贩卖毒品罪", LAW_CHARGE_PART, drug, LAW_CAT_DRUG);
    expect("运输毒品罪", LAW_CHARGE_PART, drug, LAW_CAT_DRUG);
    expect("贩卖、运输毒品罪", LAW_CHARGE_PART, drug, LAW_CAT_DRUG);
    expect("走私、贩卖、运输、制造毒品罪", LAW_CHARGE_OFFICIAL, drug, LAW_CAT_DRUG);
    expect("掩饰、隐瞒犯罪所得罪", LAW_CHARGE_PART, "掩饰、隐瞒犯罪所得、犯罪所得收益罪", 0);
    expect("非法持有枪支罪", LAW_CHARGE_PART, "非法持有、私藏枪支、弹药罪", 0);
    expect("虚开增值税专用发票罪", LAW_CHARGE_PART,
           "虚开增值税专用发票、用于骗取出口退税、抵扣税款发票罪", 0);
    expect("容留卖淫罪", LAW_CHARGE_PART, "引诱、容留、介绍卖淫罪", 0);
    /* bare verbs are no part: their object is missing */
    expect("盗窃抢夺罪", LAW_CHARGE_UNKNOWN, NULL, 0);
    expect("贩卖罪", LAW_CHARGE_UNKNOWN, NULL, 0);
    /* blanks, ASCII parentheses, a missing 罪 */
    expect(" 受贿罪\t", LAW_CHARGE_OFFICIAL, "受贿罪", LAW_CAT_DUTY);
    expect("\xe3\x80\x80组织越狱罪\xe3\x80\x80", LAW_CHARGE_OFFICIAL, "组织越狱罪",
           LAW_CAT_CUSTODY);
    expect("偷越国(边)境罪", LAW_CHARGE_OFFICIAL, "偷越国（边）境罪", 0);
    expect("贪污", LAW_CHARGE_OFFICIAL, "贪污罪", LAW_CAT_DUTY);
    expect("", LAW_CHARGE_UNKNOWN, NULL, 0);
    expect(NULL, LAW_CHARGE_UNKNOWN, NULL, 0);
    /* the groups the issue names */
    expect("破坏监管秩序罪", LAW_CHARGE_OFFICIAL, "破坏监管秩序罪", LAW_CAT_CUSTODY);
    expect("暴动越狱罪", LAW_CHARGE_OFFICIAL, "暴动越狱罪", LAW_CAT_CUSTODY);
    expect("战时自伤罪", LAW_CHARGE_OFFICIAL, "战时自伤罪", LAW_CAT_MILITARY);
    expect("武器装备肇事罪", LAW_CHARGE_OFFICIAL, "武器装备肇事罪",
           LAW_CAT_MILITARY | LAW_CAT_NEGLIGENT);
    expect("医疗事故罪", LAW_CHARGE_OFFICIAL, "医疗事故罪", LAW_CAT_NEGLIGENT);
    expect("不报、谎报安全事故罪", LAW_CHARGE_OFFICIAL, "不报、谎报安全事故罪", 0);
    expect("嫖宿幼女罪", LAW_CHARGE_OLD_NAME, "强奸罪", LAW_CAT_VIOLENT);
    struct law_charge_info ci;
    law_charge_lookup("国家机关工作人员徇私舞弊罪", &ci);
    assert_string_equal(ci.official, "滥用职权罪");
    assert_string_equal(ci.alternative, "玩忽职守罪");
    law_charge_lookup("徇私舞弊造成破产、亏损罪", &ci);
    assert_string_equal(ci.alternative, "国有公司、企业、事业单位人员滥用职权罪");
    law_charge_lookup("非法采伐、毁坏珍贵树木罪", &ci);
    assert_string_equal(ci.official, "危害国家重点保护植物罪");
    /* a judgment list: selective parts count, negligent only when all are */
    int unknown;
    assert_int_equal(law_charges_category("贩卖毒品罪;盗窃罪", &unknown), LAW_CAT_DRUG);
    assert_int_equal(unknown, 0);
    assert_int_equal(law_charges_category("武器装备肇事罪;医疗事故罪", &unknown),
                     LAW_CAT_MILITARY | LAW_CAT_NEGLIGENT);
}

static void test_suggestions(void **state)
{
    (void)state;
    const char *near[3];
    size_t n = law_charge_suggest("非法吸收存款罪", near, 3);
    assert_int_equal(n, 3);
    assert_string_equal(near[0], "非法吸收公众存款罪");
    n = law_charge_suggest("抢劫杀人罪", near, 3);
    assert_int_equal(n, 3);
    assert_string_equal(near[0], "抢劫罪");
    assert_int_equal(law_charge_suggest(NULL, near, 3), 0);
    /* the calc response: no warning for known names, the closest names for an unknown one */
    const char *req = "{\"judgment\":{\"penalty\":\"fixed_term\",\"term_months\":36,"
                      "\"effective_date\":\"2020-01-01\",\"charges\":[%s]}}";
    char text[512];
    zj_diag d;
    struct law_request r;
    struct law_figures f;
    snprintf(text, sizeof text, req, "\"奸淫幼女罪\",\"贩卖毒品罪\"");
    assert_int_equal(law_request_parse(text, strlen(text), &r, &d), 0);
    assert_int_equal(r.unknown_charges, 0);
    assert_int_equal(r.c.judgment.charge_cats, LAW_CAT_VIOLENT | LAW_CAT_DRUG);
    law_request_release(&r);
    snprintf(text, sizeof text, req, "\"非法吸收存款罪\"");
    assert_int_equal(law_request_parse(text, strlen(text), &r, &d), 0);
    assert_int_equal(r.unknown_charges, 1);
    assert_int_equal(law_compute(NULL, &r.c, &f), 0);
    json_t *o = law_figures_to_json(&r, &f);
    json_t *w = json_object_get(o, "warnings");
    assert_int_equal(json_array_size(w), 1);
    assert_non_null(strstr(json_string_value(json_array_get(w, 0)), "closest: 非法吸收公众存款罪"));
    json_decref(o);
    law_request_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_official_name), cmocka_unit_test(test_docs_lists),
        cmocka_unit_test(test_every_old_name),      cmocka_unit_test(test_parts_and_forms),
        cmocka_unit_test(test_suggestions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
