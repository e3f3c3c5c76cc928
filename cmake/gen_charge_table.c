/*
 * gen_charge_table.c — build-time generator of the law core's charge table (law.md §8).
 *
 *   gen_charge_table charges-official.tsv charge-aliases.tsv out.c
 *
 * Reads the 483 charge names in force (name, chapter, section, article of 刑法) and the
 * old names (old name, current name, year) of ../shared/law, assigns each official name
 * its categories by chapter, section and article where the law defines the group, and by
 * name where the law names the crimes (刑法第81条第2款; the negligent crimes), resolves
 * every old name to the official name(s) it became, and writes a C file with one row per
 * name sorted by strcmp (src/law/charge_table.h). Any name it cannot place fails the build.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the bits of enum law_charge_cat (src/law/law.h) */
#define V (1u << 0) /* violent */
#define D (1u << 1) /* duty */
#define F (1u << 2) /* financial */
#define O (1u << 3) /* organised */
#define N (1u << 4) /* national security */
#define T (1u << 5) /* terrorism */
#define G (1u << 6) /* drug */
#define L (1u << 7) /* negligent */
#define C (1u << 8) /* custody */
#define M (1u << 9) /* military */

/* Groups the law defines by place in 刑法: chapter (prefix of the chapter column), section
 * (prefix of the section column), or a range of article numbers (any 之N, any 款). */
static const struct {
    unsigned cat;
    const char *chapter, *section;
    int art_lo, art_hi;
} by_place[] = {
    {N, "第一章 ", NULL, 0, 0},       /* 危害国家安全罪: 减刑假释规定第7条; 刑法第66条 */
    {T, NULL, NULL, 120, 120},        /* 恐怖活动犯罪 刑法第120条至第120条之六 */
    {F, "第三章 ", "第四节 ", 0, 0},  /* 破坏金融管理秩序罪 */
    {F, "第三章 ", "第五节 ", 0, 0},  /* 金融诈骗罪 */
    {O, NULL, NULL, 294, 294},        /* 黑社会性质组织犯罪 刑法第294条 */
    {C, NULL, NULL, 315, 317},        /* 破坏监管秩序、脱逃、越狱、劫狱 刑法第315-317条 */
    {G, "第六章 ", "第七节 ", 0, 0},  /* 走私、贩卖、运输、制造毒品罪 */
    {M, "第十章 ", NULL, 0, 0},       /* 军人违反职责罪 */
    {D, "第八章 ", NULL, 0, 0},       /* 贪污贿赂罪 */
    {D, "第九章 ", NULL, 0, 0},       /* 渎职罪 */
    /* 国家机关工作人员利用职权侵犯公民权利 (刑诉法第19条第2款's judicial-staff crimes whose
     * subject can only be a state functionary): 刑讯逼供、暴力取证 (第247条), 虐待被监管人
     * (第248条), 报复陷害 (第254条) */
    {D, NULL, NULL, 247, 248},
    {D, NULL, NULL, 254, 254},
};

/* Crimes the law names. */
static const struct {
    unsigned cat;
    const char *name;
} by_name[] = {
    /* 刑法第81条第2款 */
    {V, "故意杀人罪"}, {V, "强奸罪"}, {V, "抢劫罪"}, {V, "绑架罪"}, {V, "放火罪"},
    {V, "爆炸罪"}, {V, "投放危险物质罪"},
    /* 过失犯罪 (刑法第15条): the crimes whose fault is negligence, excluded from 累犯 by
     * 刑法第65条. Intentional crimes of the same articles stay out (滥用职权罪, 故意泄露国家秘密罪,
     * 不报、谎报安全事故罪, 危险作业罪). */
    {L, "失火罪"}, {L, "过失决水罪"}, {L, "过失爆炸罪"}, {L, "过失投放危险物质罪"},
    {L, "过失以危险方法危害公共安全罪"}, {L, "过失损坏交通工具罪"}, {L, "过失损坏交通设施罪"},
    {L, "过失损坏电力设备罪"}, {L, "过失损坏易燃易爆设备罪"},
    {L, "过失损坏广播电视设施、公用电信设施罪"}, {L, "重大飞行事故罪"},
    {L, "铁路运营安全事故罪"}, {L, "交通肇事罪"}, {L, "重大责任事故罪"},
    {L, "强令、组织他人违章冒险作业罪"}, {L, "重大劳动安全事故罪"},
    {L, "大型群众性活动重大安全事故罪"}, {L, "危险物品肇事罪"}, {L, "工程重大安全事故罪"},
    {L, "教育设施重大安全事故罪"}, {L, "消防责任事故罪"}, {L, "签订、履行合同失职被骗罪"},
    {L, "国有公司、企业、事业单位人员失职罪"}, {L, "出具证明文件重大失实罪"},
    {L, "过失致人死亡罪"}, {L, "过失致人重伤罪"}, {L, "过失损毁文物罪"},
    {L, "采集、供应血液、制作、供应血液制品事故罪"}, {L, "医疗事故罪"},
    {L, "过失损坏武器装备、军事设施、军事通信罪"}, {L, "过失提供不合格武器装备、军事设施罪"},
    {L, "玩忽职守罪"}, {L, "过失泄露国家秘密罪"}, {L, "执行判决、裁定失职罪"},
    {L, "失职致使在押人员脱逃罪"}, {L, "国家机关工作人员签订、履行合同失职被骗罪"},
    {L, "环境监管失职罪"}, {L, "传染病防治失职罪"}, {L, "商检失职罪"},
    {L, "动植物检疫失职罪"}, {L, "失职造成珍贵文物损毁、流失罪"},
    {L, "擅离、玩忽军事职守罪"}, {L, "过失泄露军事秘密罪"}, {L, "武器装备肇事罪"},
};

/* Old names whose own fault differs from the name they became: 重大环境污染事故罪 (刑法第338条
 * before 修正案（八）) was a negligent crime; 污染环境罪 is intentional. */
static const struct {
    const char *name;
    unsigned cats;
} old_own[] = {
    {"重大环境污染事故罪", L},
};

#define MAXROWS 1024
struct row {
    char *name, *chapter, *section, *article;
    unsigned cats;
    int official, alt; /* indices into rows; alt -1 */
    int year;
};
static struct row rows[MAXROWS];
static int n_rows, n_official;

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "gen_charge_table: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static char *xstrdup(const char *s)
{
    char *p = strdup(s);
    if (!p)
        die("out of memory", NULL);
    return p;
}

/* split a line in place into up to max tab-separated fields; returns the count */
static int fields(char *line, char **f, int max)
{
    int n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    char *p = line;
    while (n < max) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t)
            break;
        *t = '\0';
        p = t + 1;
    }
    return n;
}

static int find(const char *name)
{
    for (int i = 0; i < n_rows; i++)
        if (!strcmp(rows[i].name, name))
            return i;
    return -1;
}

static int article_no(const char *a)
{
    const char *p = strstr(a, "第");
    return p ? atoi(p + strlen("第")) : 0;
}

static int starts(const char *s, const char *prefix)
{
    return prefix && !strncmp(s, prefix, strlen(prefix));
}

static unsigned categorise(const struct row *r)
{
    unsigned cats = 0;
    int art = article_no(r->article);
    for (size_t i = 0; i < sizeof by_place / sizeof by_place[0]; i++) {
        if (by_place[i].chapter && !starts(r->chapter, by_place[i].chapter))
            continue;
        if (by_place[i].section && !starts(r->section, by_place[i].section))
            continue;
        if (by_place[i].art_lo && (art < by_place[i].art_lo || art > by_place[i].art_hi))
            continue;
        /* an article number belongs to 刑法 only (not to a 决定's article) */
        if (by_place[i].art_lo && strncmp(r->article, "第", strlen("第")))
            continue;
        cats |= by_place[i].cat;
    }
    for (size_t i = 0; i < sizeof by_name / sizeof by_name[0]; i++)
        if (!strcmp(r->name, by_name[i].name))
            cats |= by_name[i].cat;
    return cats;
}

/* the official name an alias target names ("A罪" or "(2003)X ->(2021)Y" or "(取消，按Y)") */
static int resolve_one(const char *target, const char *near)
{
    int i = find(target);
    int best = -1, best_len = -1;
    size_t tl = strlen(target);
    /* "X罪/Y罪" abbreviates Y to its distinguishing tail: pick the official name ending in Y
     * that shares the longest head with the first alternative */
    for (int k = 0; k < n_official; k++) {
        size_t nl = strlen(rows[k].name);
        if (nl < tl || strcmp(rows[k].name + nl - tl, target))
            continue;
        int common = 0;
        while (near && near[common] && near[common] == rows[k].name[common])
            common++;
        if (common > best_len) {
            best = k;
            best_len = common;
        }
    }
    return near && best >= 0 ? best : i;
}

static void resolve_alias(char *cur, int *official, int *alt)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", cur);
    char *s = buf;
    const char *arrow = strstr(s, "->");
    if (arrow)
        s = (char *)arrow + 2;
    if (*s == '(') {
        char *close = strchr(s, ')');
        const char *by = strstr(s, "按");
        if (by && close && by < close) {
            *close = '\0';
            s = (char *)by + strlen("按");
        } else if (close) {
            s = close + 1;
        }
    }
    char *slash = strchr(s, '/');
    *alt = -1;
    if (slash) {
        *slash = '\0';
        *official = resolve_one(s, NULL);
        *alt = resolve_one(slash + 1, s);
        if (*alt < 0)
            die("alias alternative not an official name", slash + 1);
    } else {
        *official = resolve_one(s, NULL);
    }
    if (*official < 0)
        die("alias target not an official name", cur);
}

static int cmp_rows(const void *a, const void *b)
{
    return strcmp(((const struct row *)a)->name, ((const struct row *)b)->name);
}

static void cstr(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

int main(int argc, char **argv)
{
    if (argc != 4)
        die("usage: gen_charge_table charges-official.tsv charge-aliases.tsv out.c", NULL);
    char line[2048], *f[8];
    FILE *in = fopen(argv[1], "r");
    if (!in)
        die("cannot read", argv[1]);
    while (fgets(line, sizeof line, in)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (fields(line, f, 8) < 4)
            die("official: expected name, chapter, section, article", line);
        if (find(f[0]) >= 0)
            die("duplicate official name", f[0]);
        if (n_rows >= MAXROWS)
            die("too many names", NULL);
        struct row *r = &rows[n_rows];
        r->name = xstrdup(f[0]);
        r->chapter = xstrdup(f[1]);
        r->section = xstrdup(f[2]);
        r->article = xstrdup(f[3]);
        r->official = n_rows;
        r->alt = -1;
        r->cats = categorise(r);
        n_rows++;
    }
    fclose(in);
    n_official = n_rows;
    for (size_t i = 0; i < sizeof by_name / sizeof by_name[0]; i++)
        if (find(by_name[i].name) < 0)
            die("a name of the category lists is not an official name", by_name[i].name);

    in = fopen(argv[2], "r");
    if (!in)
        die("cannot read", argv[2]);
    while (fgets(line, sizeof line, in)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (fields(line, f, 8) < 3)
            die("aliases: expected old name, current name, year", line);
        if (find(f[0]) >= 0)
            die("old name is also an official name", f[0]);
        if (n_rows >= MAXROWS)
            die("too many names", NULL);
        struct row *r = &rows[n_rows];
        int off, alt;
        resolve_alias(f[1], &off, &alt);
        r->name = xstrdup(f[0]);
        r->chapter = rows[off].chapter;
        r->section = rows[off].section;
        r->article = rows[off].article;
        r->official = off;
        r->alt = alt;
        r->year = atoi(f[2]);
        /* either alternative: the union of the categories, negligent only if both are */
        r->cats = rows[off].cats;
        if (alt >= 0)
            r->cats = ((rows[off].cats | rows[alt].cats) & ~L) |
                      (rows[off].cats & rows[alt].cats & L);
        for (size_t k = 0; k < sizeof old_own / sizeof old_own[0]; k++)
            if (!strcmp(r->name, old_own[k].name))
                r->cats = old_own[k].cats;
        n_rows++;
    }
    fclose(in);

    /* sort by name, then renumber the official/alt references */
    char *off_name[MAXROWS], *alt_name[MAXROWS];
    for (int i = 0; i < n_rows; i++) {
        off_name[i] = rows[rows[i].official].name;
        alt_name[i] = rows[i].alt >= 0 ? rows[rows[i].alt].name : NULL;
    }
    struct {
        char *off, *alt;
    } refs[MAXROWS];
    for (int i = 0; i < n_rows; i++) {
        refs[i].off = off_name[i];
        refs[i].alt = alt_name[i];
        rows[i].official = i; /* carry the row index through the sort */
    }
    qsort(rows, (size_t)n_rows, sizeof rows[0], cmp_rows);

    FILE *out = fopen(argv[3], "w");
    if (!out)
        die("cannot write", argv[3]);
    fprintf(out, "/* generated by cmake/gen_charge_table.c from %s and %s: do not edit */\n",
            strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1],
            strrchr(argv[2], '/') ? strrchr(argv[2], '/') + 1 : argv[2]);
    fprintf(out, "#include \"law/charge_table.h\"\n\n");
    fprintf(out, "const struct law_charge_row law_charge_rows[] = {\n");
    for (int i = 0; i < n_rows; i++) {
        int was = rows[i].official;
        int off = find(refs[was].off);
        int alt = refs[was].alt ? find(refs[was].alt) : -1;
        fprintf(out, "    {");
        cstr(out, rows[i].name);
        fprintf(out, ", ");
        cstr(out, rows[i].chapter);
        fprintf(out, ", ");
        cstr(out, rows[i].section);
        fprintf(out, ", ");
        cstr(out, rows[i].article);
        fprintf(out, ", 0x%03xu, %d, %d, %d},\n", rows[i].cats, off, alt, rows[i].year);
    }
    fprintf(out, "};\n");
    fprintf(out, "const size_t law_charge_n_rows = %d;\n", n_rows);
    fprintf(out, "const size_t law_charge_n_official = %d;\n", n_official);
    if (fclose(out))
        die("cannot write", argv[3]);
    return 0;
}
