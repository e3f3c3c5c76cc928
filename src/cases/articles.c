/* articles.c — finding the cited articles in the law texts (see articles.h). */
#include "cases/articles.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longer short names first, so 减刑假释补充规定 is not read as 减刑假释规定. The SPC
 * provisions of 1997 and 2012 (law.md §16) share one title; docno tells them apart, and a
 * basis may already carry it ("1997年减刑假释规定（法释〔1997〕6号）"). No text of the 1997
 * provisions is held (file NULL). */
static const struct {
    const char *short_name, *title, *file, *docno;
} laws[] = {
    {"2012年减刑假释规定", "最高人民法院关于办理减刑、假释案件具体应用法律若干问题的规定",
     "spc-2012-commutation-parole-partial.md", "法释〔2012〕2号"},
    {"1997年减刑假释规定", "最高人民法院关于办理减刑、假释案件具体应用法律若干问题的规定", NULL,
     "法释〔1997〕6号"},
    {"减刑假释审理程序规定", "最高人民法院关于减刑、假释案件审理程序的规定",
     "spc-2014-commutation-procedure.md", NULL},
    {"减刑假释补充规定", "最高人民法院关于办理减刑、假释案件具体应用法律的补充规定",
     "spc-2019-commutation-supplement.md", NULL},
    {"减刑假释规定", "最高人民法院关于办理减刑、假释案件具体应用法律的规定",
     "spc-2016-commutation-parole.md", NULL},
    {"财产性判项规定", "最高人民法院关于办理减刑、假释案件审查财产性判项执行问题的规定",
     "spc-2024-property-judgments.md", NULL},
    {"刑诉法解释", "最高人民法院关于适用《中华人民共和国刑事诉讼法》的解释",
     "spc-2021-criminal-procedure-interpretation.md", NULL},
    {"刑事诉讼法", "中华人民共和国刑事诉讼法", "criminal-procedure-law.md", NULL},
    {"社区矫正法", "中华人民共和国社区矫正法", "community-correction-law.md", NULL},
    {"看守所条例", "中华人民共和国看守所条例", "detention-center-regulations.md", NULL},
    {"监狱法", "中华人民共和国监狱法", "prison-law.md", NULL},
    {"刑法", "中华人民共和国刑法", "criminal-law.md", NULL},
};
#define NLAWS (sizeof laws / sizeof laws[0])

const char *articles_full_title(const char *short_name, const char **file)
{
    for (size_t i = 0; i < NLAWS; i++)
        if (!strcmp(laws[i].short_name, short_name)) {
            if (file)
                *file = laws[i].file;
            return laws[i].title;
        }
    return NULL;
}

static void cn_number(int n, strbuf *sb)
{
    static const char *d[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    int h = n / 100, t = n / 10 % 10, u = n % 10;
    if (h)
        strbuf_addf(sb, "%s百", d[h]);
    if (t)
        strbuf_addf(sb, "%s十", h || t != 1 ? d[t] : "");
    else if (h && u)
        strbuf_adds(sb, "零");
    if (u)
        strbuf_adds(sb, d[u]);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    strbuf sb = STRBUF_INIT;
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        strbuf_add(&sb, buf, n);
    fclose(f);
    return strbuf_detach(&sb, NULL);
}

static bool is_cn_numeral_at(const char *p)
{
    static const char *nums[] = {"〇", "零", "一", "二", "三", "四", "五",
                                 "六", "七", "八", "九", "十", "百", "千"};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
        if (!strncmp(p, nums[i], strlen(nums[i])))
            return true;
    return false;
}

/* Does a new article ("第…条") or a heading start at line start p? */
static bool article_start(const char *p)
{
    if (*p == '#')
        return true;
    if (strncmp(p, "第", 3) != 0)
        return false;
    p += 3;
    int k = 0;
    while (is_cn_numeral_at(p) && k < 10) {
        p += 3;
        k++;
    }
    return k > 0 && !strncmp(p, "条", 3);
}

/* The text of article n in text (a copy), or NULL. */
static char *article_text(const char *text, int n)
{
    strbuf head = STRBUF_INIT;
    strbuf_adds(&head, "第");
    cn_number(n, &head);
    strbuf_adds(&head, "条");
    const char *p = text, *found = NULL;
    while ((p = strstr(p, head.buf)) != NULL) {
        const char *after = p + head.len;
        bool line_start = p == text || p[-1] == '\n';
        if (line_start && (*after == ' ' || !strncmp(after, "　", 3))) {
            found = p;
            break;
        }
        p = after;
    }
    strbuf_release(&head);
    if (!found)
        return NULL;
    const char *e = found;
    while ((e = strchr(e, '\n')) != NULL) {
        e++;
        if (article_start(e))
            break;
    }
    size_t len = e ? (size_t)(e - found) : strlen(found);
    while (len && (found[len - 1] == '\n' || found[len - 1] == ' '))
        len--;
    return xstrndup(found, len);
}

/* A number in Chinese numerals at *p ("五", "十一", "二十二", "一百零三"), advancing *p;
 * -1 if there is none. */
static int parse_cn_number(const char **p)
{
    static const char *const d[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    int total = 0, digit = -1, any = 0;
    for (;;) {
        const char *q = *p;
        int k;
        for (k = 0; k < 10 && strncmp(q, d[k], 3); k++)
            ;
        if (k < 10) {
            digit = k;
        } else if (!strncmp(q, "十", 3)) {
            total += (digit < 0 ? 1 : digit) * 10;
            digit = -1;
        } else if (!strncmp(q, "百", 3)) {
            total += (digit < 0 ? 1 : digit) * 100;
            digit = -1;
        } else {
            break;
        }
        *p += 3;
        any = 1;
    }
    return any ? total + (digit > 0 ? digit : 0) : -1;
}

/* Parse the article numbers after "第" at p: "6条", "4、5条", "264条第一款", and in
 * Chinese numerals "五条", "五、六条", "二十二条" (the 2012 provisions are cited so). */
static int parse_numbers(const char *p, int *out, int max)
{
    int n = 0;
    if (strncmp(p, "第", 3) != 0)
        return 0;
    p += 3;
    while (n < max) {
        int v = 0;
        if (isdigit((unsigned char)*p)) {
            while (isdigit((unsigned char)*p) && v < 10000)
                v = v * 10 + (*p++ - '0');
        } else if ((v = parse_cn_number(&p)) < 0) {
            break;
        }
        if (v > 0 && v < 1000)
            out[n++] = v;
        if (!strncmp(p, "、", 3) || *p == ',') {
            p += *p == ',' ? 1 : 3;
            if (!strncmp(p, "第", 3))
                p += 3;
            continue;
        }
        /* "刑法第401条、第397条": another article of the same law */
        if (!strncmp(p, "条、第", 9) && isdigit((unsigned char)p[9])) {
            p += 9;
            continue;
        }
        break;
    }
    return !strncmp(p, "条", 3) ? n : 0;
}

/* p past a "（法释〔…〕…号）" that repeats law i's document number. */
static const char *skip_docno(const char *p, size_t i)
{
    const char *d = laws[i].docno;
    size_t n = d ? strlen(d) : 0;
    if (n && !strncmp(p, "（", 3) && !strncmp(p + 3, d, n) && !strncmp(p + 3 + n, "）", 3))
        return p + 3 + n + 3;
    return p;
}

json_t *articles_lookup(const char *law_dir, const char *basis)
{
    json_t *a = json_array();
    if (!basis)
        return a;
    for (const char *p = basis; *p && json_array_size(a) < 12;) {
        size_t best = NLAWS;
        for (size_t i = 0; i < NLAWS; i++)
            if (!strncmp(p, laws[i].short_name, strlen(laws[i].short_name))) {
                best = i;
                break;
            }
        if (best == NLAWS) {
            p++;
            continue;
        }
        p += strlen(laws[best].short_name);
        p = skip_docno(p, best);
        int nums[8];
        int k = parse_numbers(p, nums, 8);
        if (!k && !laws[best].file) {
            /* a set of provisions cited as a whole, whose text is not held */
            char ref[160];
            snprintf(ref, sizeof ref, "%s（%s）", laws[best].short_name, laws[best].docno);
            json_array_append_new(
                a, json_pack("{s:s, s:s, s:n}", "ref", ref, "law", laws[best].title, "text"));
            continue;
        }
        char *text = NULL;
        if (k && law_dir && laws[best].file) {
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", law_dir, laws[best].file);
            text = read_file(path);
        }
        for (int i = 0; i < k && json_array_size(a) < 12; i++) {
            char ref[128];
            snprintf(ref, sizeof ref, "%s第%d条", laws[best].short_name, nums[i]);
            char *art = text ? article_text(text, nums[i]) : NULL;
            json_array_append_new(
                a, json_pack("{s:s, s:s, s:s?}", "ref", ref, "law", laws[best].title, "text", art));
            free(art);
        }
        free(text);
    }
    return a;
}

char *articles_basis_for_document(const char *basis)
{
    strbuf sb = STRBUF_INIT;
    const char *p = basis ? basis : "";
    while (*p) {
        /* a rule id: capitals, '-', digits, as a word of its own */
        const char *q = p;
        while (isupper((unsigned char)*q))
            q++;
        if (q > p && *q == '-' && isdigit((unsigned char)q[1]) &&
            (p == basis || !isalnum((unsigned char)p[-1]))) {
            q++;
            while (isalnum((unsigned char)*q))
                q++;
            while (*q == ' ')
                q++;
            p = q;
            continue;
        }
        size_t i;
        for (i = 0; i < NLAWS; i++)
            if (!strncmp(p, laws[i].short_name, strlen(laws[i].short_name)))
                break;
        if (i < NLAWS) {
            strbuf_addf(&sb, "《%s》", laws[i].title);
            if (laws[i].docno)
                strbuf_addf(&sb, "（%s）", laws[i].docno);
            p = skip_docno(p + strlen(laws[i].short_name), i);
            /* 第6、7条 → 第六、七条, as documents write article numbers */
            if (!strncmp(p, "第", 3) && isdigit((unsigned char)p[3])) {
                strbuf_adds(&sb, "第");
                p += 3;
                while (isdigit((unsigned char)*p)) {
                    int v = 0;
                    while (isdigit((unsigned char)*p) && v < 10000)
                        v = v * 10 + (*p++ - '0');
                    if (v > 0 && v < 1000)
                        cn_number(v, &sb);
                    else
                        strbuf_addf(&sb, "%d", v);
                    if (!strncmp(p, "、", 3) && isdigit((unsigned char)p[3])) {
                        strbuf_adds(&sb, "、");
                        p += 3;
                    }
                }
            }
            continue;
        }
        strbuf_addch(&sb, *p++);
    }
    /* tidy separators left by dropped rule ids */
    char *s = strbuf_detach(&sb, NULL);
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' ||
                 (n >= 3 && (!strcmp(s + n - 3, "；") || !strcmp(s + n - 3, "、"))))) {
        n -= s[n - 1] == ' ' ? 1 : 3;
        s[n] = 0;
    }
    char *start = s;
    while (*start == ' ' || !strncmp(start, "；", 3) || !strncmp(start, "、", 3))
        start += *start == ' ' ? 1 : 3;
    char *out = xstrdup(start);
    free(s);
    return out;
}
