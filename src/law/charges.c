/*
 * charges.c — charge names (罪名) and their categories, law.md §8. The table itself is
 * generated at build time (cmake/gen_charge_table.c → charge_table.c) from
 * ../shared/law/charges-official.tsv and charge-aliases.tsv; this file looks names up in
 * it: exactly (binary search), then as a part or short form of a selective charge
 * (选择性罪名: "贩卖毒品罪" is 走私、贩卖、运输、制造毒品罪), and suggests the closest names
 * for an unknown one. The categories and the reasoning behind them: docs/law.md.
 */
#include "law/law.h"

#include <stdlib.h>
#include <string.h>

#include "law/charge_table.h"

#define NAME_MAX_BYTES 384
#define ZUI "\xe7\xbd\xaa"      /* 罪 */
#define DUN "\xe3\x80\x81"      /* 、 */
#define FW_SPACE "\xe3\x80\x80" /* full-width space */

static int cmp_name(const void *key, const void *row)
{
    return strcmp((const char *)key, ((const struct law_charge_row *)row)->name);
}

static const struct law_charge_row *find_exact(const char *name)
{
    return bsearch(name, law_charge_rows, law_charge_n_rows, sizeof law_charge_rows[0], cmp_name);
}

static bool ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && !memcmp(s + n - k, suffix, k);
}

/* name → buf: trimmed, ASCII parentheses as full-width, final 罪 supplied. false if it does
 * not fit or is empty. */
static bool normalise(const char *name, char *buf, size_t cap)
{
    const char *e;
    for (;;) {
        if (*name == ' ' || *name == '\t' || *name == '\r' || *name == '\n')
            name++;
        else if (!strncmp(name, FW_SPACE, 3))
            name += 3;
        else
            break;
    }
    e = name + strlen(name);
    for (;;) {
        if (e > name && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
            e--;
        else if (e - name >= 3 && !memcmp(e - 3, FW_SPACE, 3))
            e -= 3;
        else
            break;
    }
    if (e == name)
        return false;
    size_t n = 0;
    for (const char *p = name; p < e; p++) {
        const char *rep = *p == '(' ? "\xef\xbc\x88" : *p == ')' ? "\xef\xbc\x89" : NULL;
        size_t k = rep ? 3 : 1;
        if (n + k + 4 > cap)
            return false;
        memcpy(buf + n, rep ? rep : p, k);
        n += k;
    }
    if (!ends_with(buf, n, ZUI)) {
        memcpy(buf + n, ZUI, 3);
        n += 3;
    }
    buf[n] = '\0';
    return true;
}

static size_t utf8_len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* The items of a selective name without its final 罪: "走私、贩卖、运输、制造毒品". */
#define MAX_ITEMS 12
struct items {
    const char *s[MAX_ITEMS];
    size_t n[MAX_ITEMS];
    size_t count;
};

static bool split_items(const char *name, struct items *it)
{
    size_t len = strlen(name) - 3; /* without 罪 */
    it->count = 0;
    const char *p = name, *end = name + len;
    while (p < end) {
        const char *d = strstr(p, DUN);
        const char *q = d && d < end ? d : end;
        if (it->count == MAX_ITEMS)
            return false;
        it->s[it->count] = p;
        it->n[it->count++] = (size_t)(q - p);
        p = q < end ? q + 3 : end;
    }
    return it->count >= 2;
}

/* Can x[0..xn) be written as pieces of items i.. in order (each item: nothing, the whole
 * item, a prefix or a suffix)? pieces counts the pieces used; whole_long tells whether a
 * single piece is a whole item of at least 4 characters; open, that the last piece was a
 * proper prefix or a whole item of one or two characters, a bare verb whose object is
 * missing ("盗窃、抢夺" is no part of 盗窃、抢夺、毁灭国家机关公文、证件、印章罪). */
static bool match_items(const struct items *it, size_t i, const char *x, size_t xn, int pieces,
                        bool whole_long, bool open)
{
    if (xn == 0)
        return !open && (pieces >= 2 || (pieces == 1 && whole_long));
    if (i == it->count)
        return false;
    const char *s = it->s[i];
    size_t n = it->n[i];
    /* whole item */
    if (n <= xn && !memcmp(x, s, n) &&
        match_items(it, i + 1, x + n, xn - n, pieces + 1, n >= 12, n < 9))
        return true;
    /* proper prefixes and suffixes, at character boundaries */
    for (size_t k = utf8_len((unsigned char)s[0]); k < n; k += utf8_len((unsigned char)s[k])) {
        if (k <= xn && !memcmp(x, s, k) &&
            match_items(it, i + 1, x + k, xn - k, pieces + 1, false, true))
            return true;
        size_t m = n - k; /* suffix s[k..n) */
        if (m <= xn && !memcmp(x, s + k, m) &&
            match_items(it, i + 1, x + m, xn - m, pieces + 1, false, false))
            return true;
    }
    /* skip the item */
    return match_items(it, i + 1, x, xn, pieces, whole_long, open);
}

/* a part or short form of a selective official name: the one leaving the least unused */
static const struct law_charge_row *find_part(const char *name)
{
    char x[NAME_MAX_BYTES];
    size_t xn = 0;
    size_t len = strlen(name) - 3;
    for (size_t i = 0; i < len;) {
        if (!memcmp(name + i, DUN, 3) && i + 3 <= len) {
            i += 3;
            continue;
        }
        x[xn++] = name[i++];
    }
    const struct law_charge_row *best = NULL;
    size_t best_unused = (size_t)-1;
    for (size_t r = 0; r < law_charge_n_rows; r++) {
        const struct law_charge_row *row = &law_charge_rows[r];
        struct items it;
        if (row->official != (int)r || !strstr(row->name, DUN) || !split_items(row->name, &it))
            continue;
        size_t total = 0;
        for (size_t k = 0; k < it.count; k++)
            total += it.n[k];
        if (total <= xn || total - xn >= best_unused)
            continue;
        if (match_items(&it, 0, x, xn, 0, false, false)) {
            best = row;
            best_unused = total - xn;
        }
    }
    return best;
}

enum law_charge_match law_charge_lookup(const char *name, struct law_charge_info *out)
{
    char buf[NAME_MAX_BYTES];
    const struct law_charge_row *row = NULL;
    enum law_charge_match m = LAW_CHARGE_UNKNOWN;
    if (out)
        *out = (struct law_charge_info){LAW_CHARGE_UNKNOWN, NULL, NULL, 0, "", "", "", 0};
    if (!name || !normalise(name, buf, sizeof buf))
        return m;
    if ((row = find_exact(buf)) != NULL)
        m = row->official == (int)(row - law_charge_rows) ? LAW_CHARGE_OFFICIAL
                                                          : LAW_CHARGE_OLD_NAME;
    else if ((row = find_part(buf)) != NULL)
        m = LAW_CHARGE_PART;
    else
        return m;
    if (out) {
        out->match = m;
        out->official = law_charge_rows[row->official].name;
        out->alternative = row->alt >= 0 ? law_charge_rows[row->alt].name : NULL;
        out->cats = row->cats;
        out->chapter = row->chapter;
        out->section = row->section;
        out->article = row->article;
        out->renamed_year = row->year;
    }
    return m;
}

#define SUGGEST_CHARS 64
static size_t decode(const char *s, unsigned *cp, size_t cap)
{
    size_t n = 0;
    while (*s && n < cap) {
        size_t k = utf8_len((unsigned char)*s);
        unsigned c = (unsigned char)*s;
        for (size_t i = 1; i < k && s[i]; i++)
            c = (c << 8) | (unsigned char)s[i];
        cp[n++] = c;
        for (size_t i = 0; i < k && *s; i++)
            s++;
    }
    return n;
}

static size_t edit_distance(const unsigned *a, size_t na, const unsigned *b, size_t nb)
{
    size_t row[SUGGEST_CHARS + 1];
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

size_t law_charge_suggest(const char *name, const char **out, size_t cap)
{
    unsigned a[SUGGEST_CHARS], b[SUGGEST_CHARS];
    size_t dist[16];
    if (!name || !out || !cap)
        return 0;
    if (cap > 16)
        cap = 16;
    size_t na = decode(name, a, SUGGEST_CHARS), n = 0;
    for (size_t r = 0; r < law_charge_n_rows; r++) {
        if (law_charge_rows[r].official != (int)r)
            continue;
        size_t nb = decode(law_charge_rows[r].name, b, SUGGEST_CHARS);
        size_t d = edit_distance(a, na, b, nb);
        size_t pos = n < cap ? n : cap;
        while (pos > 0 && dist[pos - 1] > d)
            pos--;
        if (pos >= cap)
            continue;
        size_t last = n < cap ? n : cap - 1;
        for (size_t k = last; k > pos; k--) {
            dist[k] = dist[k - 1];
            out[k] = out[k - 1];
        }
        dist[pos] = d;
        out[pos] = law_charge_rows[r].name;
        if (n < cap)
            n++;
    }
    return n;
}

unsigned law_charge_category(const char *name, bool *known)
{
    struct law_charge_info ci;
    enum law_charge_match m = law_charge_lookup(name, &ci);
    if (known)
        *known = m != LAW_CHARGE_UNKNOWN;
    return ci.cats;
}

unsigned law_charges_category(const char *list, int *unknown)
{
    unsigned cats = 0, all = ~0u;
    int n_items = 0;
    char item[256];
    if (unknown)
        *unknown = 0;
    if (!list)
        return 0;
    const char *p = list;
    for (;;) {
        const char *e = strchr(p, ';');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n >= sizeof item)
            n = sizeof item - 1;
        memcpy(item, p, n);
        item[n] = '\0';
        const char *s = item;
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s) {
            bool known;
            unsigned c = law_charge_category(s, &known);
            cats |= c;
            all &= c;
            n_items++;
            if (!known && unknown)
                (*unknown)++;
        }
        if (!e)
            break;
        p = e + 1;
    }
    /* negligent only when every charge is (刑法第65条: a judgment with an intentional
     * charge is an intentional crime for recidivism) */
    if (!n_items || !(all & LAW_CAT_NEGLIGENT))
        cats &= ~(unsigned)LAW_CAT_NEGLIGENT;
    return cats;
}

static const struct {
    unsigned bit;
    const char *id, *label;
} cat_names[] = {
    {LAW_CAT_VIOLENT, "violent", "暴力性犯罪"},
    {LAW_CAT_DUTY, "duty", "职务犯罪"},
    {LAW_CAT_FINANCIAL, "financial", "破坏金融管理秩序和金融诈骗犯罪"},
    {LAW_CAT_ORGANISED, "organised", "黑社会性质组织犯罪"},
    {LAW_CAT_NATIONAL_SECURITY, "national_security", "危害国家安全犯罪"},
    {LAW_CAT_TERRORISM, "terrorism", "恐怖活动犯罪"},
    {LAW_CAT_DRUG, "drug", "毒品犯罪"},
    {LAW_CAT_NEGLIGENT, "negligent", "过失犯罪"},
    {LAW_CAT_CUSTODY, "custody", "破坏监管秩序和脱逃、越狱犯罪"},
    {LAW_CAT_MILITARY, "military", "军人违反职责罪"},
};

const char *law_charge_cat_id(unsigned bit)
{
    for (size_t i = 0; i < sizeof cat_names / sizeof cat_names[0]; i++)
        if (cat_names[i].bit == bit)
            return cat_names[i].id;
    return "";
}

const char *law_charge_cat_label(unsigned bit)
{
    for (size_t i = 0; i < sizeof cat_names / sizeof cat_names[0]; i++)
        if (cat_names[i].bit == bit)
            return cat_names[i].label;
    return "";
}

size_t law_charge_table_size(void)
{
    return law_charge_n_rows;
}

const char *law_charge_table_name(size_t i, unsigned *cats)
{
    if (i >= law_charge_n_rows)
        return NULL;
    if (cats)
        *cats = law_charge_rows[i].cats;
    return law_charge_rows[i].name;
}

bool law_charge_table_official(size_t i)
{
    return i < law_charge_n_rows && law_charge_rows[i].official == (int)i;
}
