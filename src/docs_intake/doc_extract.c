/*
 * doc_extract.c — facts of a court document from its text (see doc_extract.h).
 *
 * The text is flattened first (no whitespace at all, so line breaks anywhere or nowhere
 * read the same); then the parts of the document are found by their fixed phrases: the
 * issuer and title (…人民法院 刑事裁定书), the case number, the persons' introductions
 * (被告人/罪犯 NAME，男，…出生), the original judgment (…于DATE作出CASE刑事判决，以被告人
 * NAME犯X罪，判处…), the term (刑期自…起至…止), the proposal (…于DATE提出减刑建议), the
 * operative part (判决如下 / 裁定如下 / 决定…) and the date above 书记员. Values go
 * through the converters of src/sources/convert.h.
 */
#include "docs_intake/doc_extract.h"
#include "law/law.h"
#include "sources/convert.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SRC_MAX 360 /* bytes of a source sentence */

struct dx {
    const char *t, *end; /* the flat text */
    json_t *root, *sources, *conf;
    char issuer[200];
    const char *ops;     /* the operative part (判决如下/裁定如下/决定…), or end */
    const char *ops_end; /* where it ends (如不服/本裁定送达后…), or end */
};

/* ---------- text helpers ---------- */

static const char *find(const char *p, const char *end, const char *lit)
{
    size_t k = strlen(lit);
    if (p >= end || (size_t)(end - p) < k)
        return NULL;
    return memmem(p, (size_t)(end - p), lit, k);
}

static bool at(const char *p, const char *end, const char *lit)
{
    size_t k = strlen(lit);
    return p && p <= end && (size_t)(end - p) >= k && !memcmp(p, lit, k);
}

/* The first of several literals after p: its position and (in *which) index. */
static const char *find_any(const char *p, const char *end, const char *const *lits, int *which)
{
    const char *best = NULL;
    for (int i = 0; lits[i]; i++) {
        const char *lim = end;
        if (best && (size_t)(end - best) > strlen(lits[i]))
            lim = best + strlen(lits[i]);
        const char *q = find(p, lim, lits[i]);
        if (q && (!best || q < best)) {
            best = q;
            if (which)
                *which = i;
        }
    }
    return best;
}

static const char *prev_cp(const char *start, const char *p)
{
    if (p <= start)
        return start;
    p--;
    while (p > start && ((unsigned char)*p & 0xC0) == 0x80)
        p--;
    return p;
}

static size_t cp_len(const char *p, const char *end)
{
    unsigned char c = (unsigned char)*p;
    size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return (size_t)(end - p) < k ? (size_t)(end - p) : k;
}

/* CJK unified ideograph (U+4E00..U+9FFF) at p. */
static bool is_han(const char *p, const char *end)
{
    const unsigned char *u = (const unsigned char *)p;
    if (end - p < 3 || (u[0] & 0xF0) != 0xE0)
        return false;
    unsigned cp = (unsigned)(u[0] & 0x0F) << 12 | (unsigned)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
    return cp >= 0x4E00 && cp <= 0x9FFF;
}

/* Clause separators: ，,；;。：: and brackets. */
static size_t sep_at(const char *p, const char *end)
{
    static const char *const seps[] = {"，", "；", "。", "：", "（", "）", "、", NULL};
    if (p >= end)
        return 0;
    if (*p == ',' || *p == ';' || *p == ':' || *p == '(' || *p == ')')
        return 1;
    for (int i = 0; seps[i]; i++)
        if (at(p, end, seps[i]))
            return strlen(seps[i]);
    return 0;
}

/* End of the clause at p: the next ，；。 or bracket (not 、). */
static const char *clause_end(const char *p, const char *end)
{
    while (p < end) {
        size_t k = sep_at(p, end);
        if (k && !at(p, end, "、"))
            return p;
        p += cp_len(p, end);
    }
    return end;
}

/* End of the sentence at p: after the next 。 (or end). */
static const char *sentence_end(const char *p, const char *end)
{
    const char *q = find(p, end, "。");
    return q ? q + 3 : end;
}

static const char *sentence_start(const char *start, const char *p)
{
    const char *q = p;
    while (q > start) {
        const char *r = prev_cp(start, q);
        if (at(r, p, "。"))
            return q;
        q = r;
    }
    return start;
}

/* ---------- results ---------- */

static void put(struct dx *x, json_t *obj, const char *key, json_t *v, const char *path,
                const char *src, size_t src_len, double conf)
{
    json_object_set_new(obj, key, v);
    /* the sentence around the source */
    const char *s = sentence_start(x->t, src), *e = sentence_end(src + src_len, x->end);
    if (src - s > SRC_MAX / 2) {
        s = src - SRC_MAX / 2;
        while (s < src && ((unsigned char)*s & 0xC0) == 0x80)
            s++;
    }
    if (e - s > SRC_MAX) {
        e = s + SRC_MAX;
        if (e < src + src_len)
            e = src + src_len;
        while (e > s && e < x->end && ((unsigned char)*e & 0xC0) == 0x80)
            e--;
    }
    json_object_set_new(x->sources, path, json_stringn(s, (size_t)(e - s)));
    json_object_set_new(x->conf, path, json_real(v && !json_is_null(v) ? conf : 0.0));
}

static void path_of(char *buf, size_t cap, const char *prefix, const char *key)
{
    snprintf(buf, cap, "%s%s%s", prefix, prefix[0] ? "." : "", key);
}

static void put_str(struct dx *x, json_t *obj, const char *prefix, const char *key, const char *val,
                    size_t n, const char *src, size_t src_len, double conf)
{
    char path[96];
    path_of(path, sizeof path, prefix, key);
    put(x, obj, key, json_stringn(val, n), path, src, src_len, conf);
}

static void put_date(struct dx *x, json_t *obj, const char *prefix, const char *key, int ok,
                     zj_date d, const char *src, size_t src_len, double conf)
{
    char path[96], buf[11];
    path_of(path, sizeof path, prefix, key);
    if (ok) {
        date_format(d, buf);
        put(x, obj, key, json_string(buf), path, src, src_len, conf);
    } else {
        put(x, obj, key, json_null(), path, src, src_len, 0);
    }
}

static void put_int(struct dx *x, json_t *obj, const char *prefix, const char *key, long v,
                    const char *src, size_t src_len, double conf)
{
    char path[96];
    path_of(path, sizeof path, prefix, key);
    put(x, obj, key, json_integer(v), path, src, src_len, conf);
}

static void put_json(struct dx *x, json_t *obj, const char *prefix, const char *key, json_t *v,
                     const char *src, size_t src_len, double conf)
{
    char path[96];
    path_of(path, sizeof path, prefix, key);
    put(x, obj, key, v, path, src, src_len, conf);
}

/* ---------- dates ---------- */

/* A numeral of a date at p: its byte length or 0. */
static size_t numeral(const char *p, const char *end)
{
    static const char *const n[] = {"〇", "○",  "Ο",  "О",  "零", "一", "二", "两", "三",
                                    "四", "五", "六", "七", "八", "九", "十", NULL};
    if (p < end && *p >= '0' && *p <= '9')
        return 1;
    for (int i = 0; n[i]; i++)
        if (at(p, end, n[i]))
            return strlen(n[i]);
    return 0;
}

/* Skip at most max numerals at p; *count receives how many. */
static const char *numerals(const char *p, const char *end, int max, int *count)
{
    int c = 0;
    size_t k;
    while (c < max && (k = numeral(p, end))) {
        p += k;
        c++;
    }
    *count = c;
    return p;
}

/* A full date starting exactly at p (Y年M月D日 or 号): 0 with *d (or *bad when it does not
 * exist) and its end. */
static int date_here(const char *p, const char *end, zj_date *d, int *bad, const char **dend)
{
    int c;
    const char *q = numerals(p, end, 4, &c);
    if (c < 4 || !at(q, end, "年"))
        return -1;
    q = numerals(q + 3, end, 3, &c);
    if (c < 1 || !at(q, end, "月"))
        return -1;
    q = numerals(q + 3, end, 3, &c);
    if (c < 1 || !(at(q, end, "日") || at(q, end, "号")))
        return -1;
    q += 3;
    *bad = cv_date(p, (size_t)(q - p), d, NULL) != 0;
    *dend = q;
    return 0;
}

struct date_hit {
    const char *s, *e;
    zj_date d;
    int bad;
};

/* The first full date in [p, end). */
static int find_date(const char *p, const char *end, struct date_hit *h)
{
    const char *y = p;
    while ((y = find(y, end, "年"))) {
        /* back over the year's numerals */
        const char *s = y;
        for (int i = 0; i < 4; i++) {
            const char *r = prev_cp(p, s);
            if (r == s || !numeral(r, y))
                break;
            s = r;
        }
        if (s < y && date_here(s, end, &h->d, &h->bad, &h->e) == 0) {
            h->s = s;
            return 0;
        }
        y += 3;
    }
    return -1;
}

/* The last full date in [p, end) not part of 自…起至…止. */
static int last_free_date(const char *p, const char *end, struct date_hit *out)
{
    struct date_hit h;
    int found = -1;
    while (p < end && find_date(p, end, &h) == 0) {
        bool range = at(h.e, end, "起") || at(h.e, end, "止") || at(h.e, end, "至") ||
                     at(prev_cp(p, h.s), h.s, "至");
        if (!range) {
            *out = h;
            found = 0;
        }
        p = h.e;
    }
    return found;
}

/* 自DATE起至DATE止 (or 自DATE至DATE) in [p, end). */
static int find_range(const char *p, const char *end, struct date_hit *a, struct date_hit *b)
{
    while (p < end) {
        const char *z = find(p, end, "自");
        if (!z)
            return -1;
        if (find_date(z + 3, end, a) == 0 && a->s == z + 3) {
            const char *q = a->e;
            if (at(q, end, "起"))
                q += 3;
            if (at(q, end, "至") && find_date(q + 3, end, b) == 0 && b->s == q + 3)
                return 0;
        }
        p = z + 3;
    }
    return -1;
}

/* ---------- case numbers ---------- */

/* A case number ending at the 号 at h: its start, or NULL. （2017）辽02刑更392号,
 * (2015)承刑执字第1179号, 郑刑执字第2107号. */
static const char *case_no_start(const char *start, const char *h)
{
    const char *q = h;
    int digits = 0;
    while (q > start && q[-1] >= '0' && q[-1] <= '9') {
        q--;
        digits++;
    }
    if (!digits)
        return NULL;
    bool di = false;
    if (q - start >= 3 && at(q - 3, q, "第")) {
        q -= 3;
        di = true;
    }
    /* the court's code: han characters and digits */
    int n = 0;
    const char *lastz = NULL;
    while (q > start && n < 12) {
        const char *r = prev_cp(start, q);
        if (at(r, q, ")") || at(r, q, "）")) {
            /* (YYYY) */
            const char *y = r;
            int yd = 0;
            while (y > start && y[-1] >= '0' && y[-1] <= '9' && yd < 4) {
                y--;
                yd++;
            }
            const char *o = prev_cp(start, y);
            if (yd == 4 && n > 0 && (at(o, y, "(") || at(o, y, "（")))
                return o;
            return NULL;
        }
        if (!(is_han(r, q) || (*r >= '0' && *r <= '9')) || at(r, q, "书") || at(r, q, "以") ||
            at(r, q, "出") || at(r, q, "经"))
            break;
        if (at(r, q, "字"))
            lastz = r;
        q = r;
        n++;
    }
    /* without a year: 郑刑执字第2107号 */
    if (di && lastz && n >= 2 && n <= 6)
        return q;
    return NULL;
}

/* The first case number in [p, end): 0 with its span. */
static int find_case_no(const char *start, const char *p, const char *end, const char **s,
                        const char **e)
{
    const char *h = p;
    while ((h = find(h, end, "号"))) {
        const char *b = case_no_start(start, h);
        if (b && b >= p) {
            *s = b;
            *e = h + 3;
            return 0;
        }
        h += 3;
    }
    return -1;
}

/* The case number normalised: full-width brackets. */
static json_t *case_no_json(const char *s, const char *e)
{
    strbuf b = STRBUF_INIT;
    strbuf_init(&b, 64);
    for (const char *p = s; p < e;) {
        if (*p == '(') {
            strbuf_adds(&b, "（");
            p++;
        } else if (*p == ')') {
            strbuf_adds(&b, "）");
            p++;
        } else {
            size_t k = cp_len(p, e);
            strbuf_add(&b, p, k);
            p += k;
        }
    }
    json_t *j = json_stringn(b.buf, b.len);
    strbuf_release(&b);
    return j;
}

/* ---------- charges and penalties ---------- */

int doc_charge_official(const char *name, char *out, size_t cap)
{
    struct law_charge_info info;
    if (law_charge_lookup(name, &info) != LAW_CHARGE_UNKNOWN && info.official) {
        snprintf(out, cap, "%s", info.official);
        return 1;
    }
    /* An unknown name is kept as written, cut at a character boundary when over-long. */
    size_t n = strlen(name);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(out, name, n);
    out[n] = '\0';
    return 0;
}

/* Add the charges named in [p, end) (犯X罪、Y罪，…; 犯X罪，判处…；犯Y罪) to arr; returns how
 * many of them the law core does not know (-1 when none was found). */
static int charges_in(const char *p, const char *end, json_t *arr)
{
    int unknown = 0, found = 0;
    while ((p = find(p, end, "犯"))) {
        p += 3;
        const char *e = clause_end(p, end);
        /* 该犯因犯X罪: the last 犯 of the clause */
        for (const char *f; (f = find(p, e, "犯")) && f + 3 < e;)
            p = f + 3;
        if (e - p < 6 || e - p > 200 || !at(e - 3, e, "罪") || find(p, e, "犯罪")) {
            continue;
        }
        char list[600];
        struct cv_err ce;
        if (cv_charges(p, (size_t)(e - p), list, sizeof list, &ce) != 0)
            continue;
        for (char *tok = list; tok && *tok;) {
            char *semi = strchr(tok, ';');
            if (semi)
                *semi = '\0';
            char off[200];
            if (!doc_charge_official(tok, off, sizeof off))
                unknown++;
            bool dup = false;
            for (size_t i = 0; i < json_array_size(arr); i++)
                if (!strcmp(json_string_value(json_array_get(arr, i)), off))
                    dup = true;
            if (!dup)
                json_array_append_new(arr, json_string(off));
            found++;
            tok = semi ? semi + 1 : NULL;
        }
        p = e;
    }
    return found ? unknown : -1;
}

/* The penalty after 判处/决定执行 at p (up to 。；（ or end): fills obj under prefix. */
static void penalty_at(struct dx *x, json_t *obj, const char *prefix, const char *p,
                       const char *end)
{
    const char *e = p;
    while (e < end && !at(e, end, "。") && !at(e, end, "；") && *e != ';' && !at(e, end, "（") &&
           *e != '(')
        e += cp_len(e, end);
    struct cv_sentence s;
    const char *ce = e;
    int rc = -1;
    while (ce > p && (rc = cv_sentence(p, (size_t)(ce - p), &s, NULL)) != 0) {
        /* drop the last clause and retry */
        const char *c = ce, *lastsep = NULL;
        for (const char *q = p; q < c; q += cp_len(q, c))
            if (at(q, c, "，") || *q == ',')
                lastsep = q;
        if (!lastsep)
            break;
        ce = lastsep;
    }
    if (rc != 0 || !s.penalty)
        return;
    put_str(x, obj, prefix, "penalty", s.penalty, strlen(s.penalty), p, (size_t)(ce - p), 0.96);
    if (s.months >= 0) {
        put_int(x, obj, prefix, "term_months", s.months, p, (size_t)(ce - p), 0.96);
        if (s.days > 0)
            put_int(x, obj, prefix, "term_days", s.days, p, (size_t)(ce - p), 0.96);
    }
    if (s.probation_months >= 0)
        put_int(x, obj, prefix, "probation_months", s.probation_months, p, (size_t)(ce - p), 0.96);
    const char *dpr = find(p, e, "剥夺政治权利");
    if (dpr) {
        const char *q = dpr + strlen("剥夺政治权利");
        const char *qe = clause_end(q, e);
        if (at(q, qe, "终身"))
            put_json(x, obj, prefix, "dpr_life", json_true(), dpr, (size_t)(qe - dpr), 0.97);
        else {
            int m, d;
            if (cv_months(q, (size_t)(qe - q), &m, &d, NULL) == 0 && !d)
                put_int(x, obj, prefix, "dpr_months", m, dpr, (size_t)(qe - dpr), 0.96);
        }
    }
}

/* ---------- persons ---------- */

struct person {
    const char *intro, *intro_end; /* the introduction sentence */
    char name[64];
    const char *name_at;
};

/* The persons introduced by marker (被告人 / 罪犯): MARKER NAME，男|女. */
static int find_persons(struct dx *x, const char *marker, const char *until, struct person *ps,
                        int cap)
{
    int n = 0;
    const char *p = x->t;
    size_t mk = strlen(marker);
    while (n < cap && (p = find(p, until, marker))) {
        const char *nm = p + mk, *q = nm;
        int cps = 0;
        while (q < until && is_han(q, until) && cps < 6) {
            q += 3;
            cps++;
        }
        const char *after = q;
        if (cps >= 2 && (at(after, until, "，") || *after == ',')) {
            const char *g = after + (*after == ',' ? 1 : 3);
            if (at(g, until, "男") || at(g, until, "女")) {
                bool dup = false;
                for (int i = 0; i < n; i++)
                    if (strlen(ps[i].name) == (size_t)(after - nm) &&
                        !memcmp(ps[i].name, nm, (size_t)(after - nm)))
                        dup = true;
                if (!dup) {
                    struct person *pe = &ps[n++];
                    memset(pe, 0, sizeof *pe);
                    memcpy(pe->name, nm, (size_t)(after - nm));
                    pe->name_at = nm;
                    pe->intro = p;
                    pe->intro_end = sentence_end(p, x->end);
                }
            }
        }
        p = nm;
    }
    return n;
}

static void person_intro(struct dx *x, struct person *ps, json_t *po, const char *prefix)
{
    const char *s = ps->intro, *e = ps->intro_end;
    size_t nl = strlen(ps->name);
    put_str(x, po, prefix, "name", ps->name, nl, ps->name_at, nl, 0.97);
    const char *g = ps->name_at + nl;
    g += *g == ',' ? 1 : 3;
    put_str(x, po, prefix, "gender", at(g, e, "男") ? "M" : "F", 1, g, 3, 0.99);
    struct date_hit h;
    if (find_date(g, e, &h) == 0) {
        bool born =
            at(h.e, e, "出生") || at(h.e, e, "生") || (h.s - g >= 9 && at(h.s - 9, h.s, "出生于"));
        if (born)
            put_date(x, po, prefix, "birth_date", !h.bad, h.d, h.s, (size_t)(h.e - h.s), 0.97);
    }
    static const char *const idk[] = {"公民身份号码", "公民身份证号码", "身份证号码", "身份证号",
                                      NULL};
    int w;
    const char *k = find_any(s, e, idk, &w);
    if (k) {
        const char *v = k + strlen(idk[w]);
        if (at(v, e, "为"))
            v += 3;
        if (at(v, e, "：") || at(v, e, "："))
            v += 3;
        else if (*v == ':')
            v++;
        const char *ve = v;
        while (ve < e && ve - v < 18 && ((*ve >= '0' && *ve <= '9') || *ve == 'X' || *ve == 'x'))
            ve++;
        char id[19];
        if (cv_id_number(v, (size_t)(ve - v), id, NULL) == 0)
            put_str(x, po, prefix, "id_number", id, 18, k, (size_t)(ve - k), 0.99);
        else
            put_json(x, po, prefix, "id_number", json_null(), k, (size_t)(ve - k), 0);
    }
}

/* Where the person is held: 现在X服刑, 现押X服刑, 现押于X, 现羁押于X, 交付X执行刑罚. */
static void person_facility(struct dx *x, struct person *ps, json_t *po, const char *prefix)
{
    static const struct {
        const char *pre, *post;
        bool whole;
    } pat[] = {
        {"现在", "服刑", false},     {"现押于", NULL, false},   {"现押", "服刑", false},
        {"现羁押于", NULL, false},   {"现羁押在", NULL, false}, {"交付", "执行刑罚", true},
        {"现在", "执行刑罚", false},
    };
    for (size_t i = 0; i < sizeof pat / sizeof pat[0]; i++) {
        const char *s = pat[i].whole ? x->t : ps->intro;
        const char *e = pat[i].whole ? x->end : ps->intro_end;
        const char *p = s;
        while ((p = find(p, e, pat[i].pre))) {
            const char *v = p + strlen(pat[i].pre);
            const char *ce = clause_end(v, e);
            const char *ve = pat[i].post ? find(v, ce, pat[i].post) : ce;
            if (ve && ve > v && ve - v <= 60) {
                put_str(x, po, prefix, "facility", v, (size_t)(ve - v), p,
                        (size_t)(ve - p) + (pat[i].post ? strlen(pat[i].post) : 0), 0.9);
                return;
            }
            p = v;
        }
    }
}

/* ---------- the issuer, title and kind ---------- */

static const char *const titles[] = {"刑事附带民事判决书",
                                     "刑事判决书",
                                     "刑事裁定书",
                                     "暂予监外执行决定书",
                                     "减刑裁定书",
                                     "假释裁定书",
                                     "判决书",
                                     "裁定书",
                                     "决定书",
                                     NULL};

/* ---------- judgments ---------- */

static void judgment_person(struct dx *x, struct person *all, int n, int i, json_t *po,
                            const char *prefix, const char *case_s, const char *case_e,
                            const struct date_hit *dec, bool have_dec)
{
    struct person *ps = &all[i];
    char op[64];
    snprintf(op, sizeof op, "%s.original", prefix);
    json_t *orig = json_object();
    json_object_set_new(po, "original", orig);
    if (case_s)
        put_json(x, orig, op, "case_no", case_no_json(case_s, case_e), case_s,
                 (size_t)(case_e - case_s), 0.97);
    if (x->issuer[0])
        put_str(x, orig, op, "court", x->issuer, strlen(x->issuer), x->t, strlen(x->issuer), 0.95);
    if (have_dec)
        put_date(x, orig, op, "judgment_date", !dec->bad, dec->d, dec->s, (size_t)(dec->e - dec->s),
                 0.95);
    /* the operative part for this person: from 被告人NAME犯 to the next person's */
    char key[96];
    snprintf(key, sizeof key, "被告人%s犯", ps->name);
    const char *seg = find(x->ops, x->ops_end, key);
    if (seg) {
        const char *seg_end = x->ops_end;
        for (int j = 0; j < n; j++) {
            if (j == i)
                continue;
            char k2[96];
            snprintf(k2, sizeof k2, "被告人%s", all[j].name);
            const char *o = find(seg + strlen(key), seg_end, k2);
            if (o)
                seg_end = o;
        }
        /* the numbering of the next item (二、) belongs to it */
        json_t *ch = json_array();
        int unk = charges_in(seg + strlen(key) - 3, seg_end, ch);
        if (unk >= 0) {
            put_json(x, orig, op, "charges", ch, seg, (size_t)(clause_end(seg, seg_end) - seg),
                     unk ? 0.5 : 0.96);
        } else
            json_decref(ch);
        const char *pen = find(seg, seg_end, "决定执行");
        if (pen)
            pen += strlen("决定执行");
        else if ((pen = find(seg, seg_end, "判处")))
            pen += strlen("判处");
        if (pen)
            penalty_at(x, orig, op, pen, seg_end);
        struct date_hit a, b;
        if (find_range(seg, seg_end, &a, &b) == 0) {
            put_date(x, orig, op, "term_start", !a.bad, a.d, a.s, (size_t)(b.e - a.s), 0.97);
            put_date(x, orig, op, "term_end", !b.bad, b.d, a.s, (size_t)(b.e - a.s), 0.97);
        }
    }
    /* offense date: the latest date of the facts found (经审理查明 … 本院认为) in the
     * sentences naming this person, leaving out those of the arrest */
    const char *f = find(x->t, x->end, "审理查明");
    const char *fe = f ? find(f, x->end, "本院认为") : NULL;
    if (f && fe) {
        struct date_hit best = {0}, h;
        bool have = false;
        for (const char *s = f; s < fe;) {
            const char *se = sentence_end(s, fe);
            if (find(s, se, ps->name) && !find(s, se, "抓获") && !find(s, se, "归案") &&
                !find(s, se, "投案") && !find(s, se, "拘留") && !find(s, se, "逮捕")) {
                for (const char *q = s; q < se && find_date(q, se, &h) == 0; q = h.e)
                    if (!h.bad && (!have || h.d > best.d)) {
                        best = h;
                        have = true;
                    }
            }
            s = se;
        }
        if (have)
            put_date(x, orig, op, "offense_date", 1, best.d, best.s, (size_t)(best.e - best.s),
                     0.75);
    }
    /* 系累犯 in the court's reasoning, in a sentence naming this person */
    const char *r = find(x->t, x->ops, "本院认为");
    if (r) {
        for (const char *s = r; s < x->ops;) {
            const char *se = sentence_end(s, x->ops);
            const char *lf = find(s, se, "系累犯");
            if (lf && find(s, se, ps->name) && !find(s, se, "不构成累犯")) {
                put_json(x, orig, op, "recidivist", json_true(), lf, strlen("系累犯"), 0.9);
                break;
            }
            s = se;
        }
    }
    if (json_object_size(orig) == 0)
        json_object_del(po, "original");
}

/* ---------- rulings and decisions ---------- */

/* The original judgment a ruling names: …COURT于DATE作出|以CASE刑事判决，以被告人NAME犯…，判处… */
static void ruling_original(struct dx *x, struct person *ps, json_t *po, const char *prefix,
                            const char *limit)
{
    char op[64];
    snprintf(op, sizeof op, "%s.original", prefix);
    json_t *orig = json_object();
    json_object_set_new(po, "original", orig);
    const char *from = ps->intro_end;
    const char *jd = find(from, limit, "刑事判决");
    if (jd) {
        const char *cs, *ce;
        const char *ss = sentence_start(x->t, jd);
        if (find_case_no(x->t, ss, jd + 3, &cs, &ce) == 0 && ce <= jd) {
            put_json(x, orig, op, "case_no", case_no_json(cs, ce), cs, (size_t)(ce - cs), 0.95);
            /* the date and the court before it: COURT于DATE作出 / 经COURT于DATE以 */
            struct date_hit h, last;
            bool have = false;
            for (const char *q = ss; q < cs && find_date(q, cs, &h) == 0; q = h.e) {
                last = h;
                have = true;
            }
            if (have) {
                put_date(x, orig, op, "judgment_date", !last.bad, last.d, last.s,
                         (size_t)(last.e - last.s), 0.95);
                const char *ye = last.s;
                if (ye - ss >= 3 && at(ye - 3, ye, "于")) {
                    ye -= 3;
                    const char *cb = ye;
                    while (cb > ss) {
                        const char *r = prev_cp(ss, cb);
                        if (sep_at(r, cb) || at(r, cb, "经"))
                            break;
                        cb = r;
                    }
                    if (cb < ye) {
                        if (at(cb, ye, "本院") && ye - cb == 6)
                            put_str(x, orig, op, "court", x->issuer, strlen(x->issuer), cb,
                                    (size_t)(ye - cb), 0.93);
                        else
                            put_str(x, orig, op, "court", cb, (size_t)(ye - cb), cb,
                                    (size_t)(ye - cb), 0.93);
                    }
                }
            }
            /* charges and penalty: in the sentence of the judgment (and the one before,
             * 该犯因犯X罪，经…) */
            const char *se = sentence_end(jd, limit);
            json_t *ch = json_array();
            int unk = charges_in(ss, se, ch);
            if (unk >= 0)
                put_json(x, orig, op, "charges", ch, ss, (size_t)(se - ss), unk ? 0.5 : 0.95);
            else
                json_decref(ch);
            const char *pen = find(jd, se, "判处");
            if (pen)
                penalty_at(x, orig, op, pen + strlen("判处"), se);
        }
    }
    /* 刑期自…起至…止 of the judgment: before the proposal */
    struct date_hit a, b;
    const char *t = find(from, limit, "刑期自");
    if (t && find_range(t, sentence_end(t, limit), &a, &b) == 0) {
        put_date(x, orig, op, "term_start", !a.bad, a.d, a.s, (size_t)(b.e - a.s), 0.96);
        put_date(x, orig, op, "term_end", !b.bad, b.d, a.s, (size_t)(b.e - a.s), 0.96);
    }
    if (json_object_size(orig) == 0)
        json_object_del(po, "original");
}

static void ruling_change(struct dx *x, json_t *po, const char *prefix, const char *kind,
                          const char *kind_at)
{
    char cp[64];
    snprintf(cp, sizeof cp, "%s.change", prefix);
    json_t *chg = json_object();
    json_object_set_new(po, "change", chg);
    const char *s = x->ops, *e = x->ops_end;
    put_str(x, chg, cp, "kind", kind, strlen(kind), kind_at, 3, 0.97);
    if (!strcmp(kind, "commutation")) {
        const char *r;
        if ((r = find(s, e, "减为无期徒刑"))) {
            put_str(x, chg, cp, "new_penalty", "life", 4, r, strlen("减为无期徒刑"), 0.96);
        } else if ((r = find(s, e, "减为有期徒刑"))) {
            const char *v = r + strlen("减为");
            const char *ve = clause_end(v, e);
            struct cv_sentence cs;
            if (cv_sentence(v, (size_t)(ve - v), &cs, NULL) == 0 && cs.months > 0) {
                put_str(x, chg, cp, "new_penalty", "fixed_term", 10, r, (size_t)(ve - r), 0.96);
                put_int(x, chg, cp, "new_term_months", cs.months, r, (size_t)(ve - r), 0.96);
            }
        } else {
            static const char *const red[] = {"减去", "减刑", NULL};
            int w;
            const char *d = find_any(s, e, red, &w);
            if (d) {
                const char *v = d + strlen(red[w]);
                const char *ve = v;
                while (ve < e && !sep_at(ve, e) && !at(ve, e, "的"))
                    ve += cp_len(ve, e); /* …八个月的刑罚执行 */
                int m, dd;
                if (cv_months(v, (size_t)(ve - v), &m, &dd, NULL) == 0) {
                    put_int(x, chg, cp, "reduction_months", m, d, (size_t)(ve - d), 0.97);
                    if (dd)
                        put_int(x, chg, cp, "reduction_days", dd, d, (size_t)(ve - d), 0.97);
                }
            }
        }
    }
    /* the end of the term after the change: 刑期执行至X止, （刑期自…至X止）, 考验期限…至X止 */
    if (strcmp(kind, "temp_outside") != 0) {
        static const char *const ends[] = {"执行至", "刑期至", "至", NULL};
        for (int i = 0; ends[i]; i++) {
            const char *p = s, *q;
            bool done = false;
            while ((q = find(p, e, ends[i]))) {
                struct date_hit h;
                const char *v = q + strlen(ends[i]);
                if (find_date(v, e, &h) == 0 && h.s == v && at(h.e, e, "止")) {
                    put_date(x, chg, cp, "term_end_after", !h.bad, h.d, q, (size_t)(h.e + 3 - q),
                             0.95);
                    done = true;
                    break;
                }
                p = v;
            }
            if (done)
                break;
        }
    }
    /* grounds */
    const char *txt = x->t, *te = x->end;
    if (!strcmp(kind, "temp_outside")) {
        const char *g;
        if ((g = find(txt, te, "保外就医")))
            put_str(x, chg, cp, "grounds", "medical", 7, g, strlen("保外就医"), 0.85);
        else if ((g = find(txt, te, "怀孕")) || (g = find(txt, te, "哺乳")))
            put_str(x, chg, cp, "grounds", "pregnancy", 9, g, 6, 0.85);
        else if ((g = find(txt, te, "生活不能自理")))
            put_str(x, chg, cp, "grounds", "self_care", 9, g, strlen("生活不能自理"), 0.85);
    } else {
        const char *r = find(txt, te, "本院认为");
        const char *re = r ? sentence_end(r, te) : NULL;
        if (r) {
            bool rep = find(r, re, "悔改表现") != NULL;
            const char *maj = find(r, re, "重大立功"), *mer = find(r, re, "立功表现");
            const char *g = maj   ? (rep ? "repentance_major_merit" : "major_merit")
                            : mer ? (rep ? "repentance_merit" : "merit")
                            : rep ? "repentance"
                                  : NULL;
            if (g)
                put_str(x, chg, cp, "grounds", g, strlen(g), r, (size_t)(re - r), 0.85);
        }
    }
}

/* The proposal: …于DATE提出减刑建议 / 提请 (the date before the phrase, same sentence). */
static int find_proposal(struct dx *x, const char *from, struct date_hit *out)
{
    static const char *const kw[] = {"提出减刑",         "提出假释", "提请",
                                     "提出暂予监外执行", "建议书",   NULL};
    int w;
    const char *k = find_any(from, x->end, kw, &w);
    if (!k)
        return -1;
    const char *ss = sentence_start(x->t, k);
    struct date_hit h;
    bool have = false;
    for (const char *q = ss; q < k && find_date(q, k, &h) == 0; q = h.e) {
        *out = h;
        have = true;
    }
    return have ? 0 : -1;
}

/* ---------- the whole ---------- */

char *doc_flatten(const char *text, size_t len, size_t *out_len)
{
    char *o = xmalloc(len + 1);
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)text, *end = p + len;
    while (p < end) {
        unsigned c = *p;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            p++;
            continue;
        }
        if (c == 0xC2 && p + 1 < end && p[1] == 0xA0) { /* U+00A0 */
            p += 2;
            continue;
        }
        if (c == 0xE3 && p + 2 < end && p[1] == 0x80 && p[2] == 0x80) { /* U+3000 */
            p += 3;
            continue;
        }
        if (c == 0xEF && p + 2 < end && (p[1] == 0xBC || p[1] == 0xBD)) {
            unsigned cp = 0xF000u | (unsigned)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
            /* ０-９ Ａ-Ｚ ａ-ｚ */
            if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
                (cp >= 0xFF41 && cp <= 0xFF5A)) {
                o[n++] = (char)(cp - 0xFEE0);
                p += 3;
                continue;
            }
        }
        if (c == 0xEF && p + 2 < end && p[1] == 0xBB && p[2] == 0xBF) { /* BOM */
            p += 3;
            continue;
        }
        o[n++] = (char)c;
        p++;
    }
    o[n] = '\0';
    *out_len = n;
    return o;
}

json_t *doc_extract(const char *text, size_t len, const char *file)
{
    size_t flen;
    char *flat = doc_flatten(text, len, &flen);
    struct dx x = {.t = flat, .end = flat + flen};
    x.root = json_object();
    x.sources = json_object();
    x.conf = json_object();
    json_t *persons = json_array();
    if (file)
        json_object_set_new(x.root, "file", json_string(file));

    /* issuer and title */
    int tw = -1;
    const char *title = find_any(x.t, x.end, titles, &tw);
    const char *kind = NULL, *kind_at = title;
    if (title && title - x.t <= 240) {
        size_t il = (size_t)(title - x.t);
        if (il && il < sizeof x.issuer) {
            memcpy(x.issuer, x.t, il);
            x.issuer[il] = '\0';
            put_str(&x, x.root, "", "court", x.issuer, il, x.t, il, 0.95);
        }
        if (strstr(titles[tw], "判决书"))
            kind = "judgment";
        else if (strstr(titles[tw], "暂予监外执行"))
            kind = "temp_outside";
    } else {
        title = NULL;
    }
    const char *body = title ? title + strlen(titles[tw]) : x.t;
    const char *cs = NULL, *ce = NULL;
    if (find_case_no(x.t, body, x.end, &cs, &ce) == 0 && cs - body <= 60)
        put_json(&x, x.root, "", "case_no", case_no_json(cs, ce), cs, (size_t)(ce - cs), 0.98);
    else
        cs = ce = NULL;

    /* the operative part */
    static const char *const ops[] = {"判决如下", "裁定如下", "决定如下", "决定对罪犯", NULL};
    int ow;
    const char *o = find_any(x.t, x.end, ops, &ow);
    x.ops = o ? o + strlen(ops[ow]) : x.end;
    if (o && ow == 3)
        x.ops = o; /* 决定对罪犯X暂予监外执行 is itself the decision */
    static const char *const ops_ends[] = {"如不服本", "本裁定送达后", "本裁定为终审", NULL};
    const char *oe = find_any(x.ops, x.end, ops_ends, NULL);
    x.ops_end = oe ? oe : x.end;

    /* kind of a ruling: from its operative part */
    if (!kind && o) {
        const char *k;
        if ((k = find(x.ops, x.ops_end, "暂予监外执行")))
            kind = "temp_outside", kind_at = k;
        else if ((k = find(x.ops, x.ops_end, "假释")) && !find(x.ops, x.ops_end, "撤销假释"))
            kind = "parole", kind_at = k;
        else if ((k = find(x.ops, x.ops_end, "减")))
            kind = "commutation", kind_at = k;
    }
    if (kind)
        put_str(&x, x.root, "", "kind", kind, strlen(kind), kind_at ? kind_at : x.t, 3, 0.98);

    /* the decision date: the last date not in a 自…至… range */
    struct date_hit dec;
    bool have_dec = false;
    if (last_free_date(x.ops < x.end ? x.ops : x.t, x.end, &dec) == 0 ||
        last_free_date(x.t, x.end, &dec) == 0) {
        have_dec = true;
        bool signed_ = at(dec.e, x.end, "书记员") || x.end - dec.e < 40;
        put_date(&x, x.root, "", "decision_date", !dec.bad, dec.d, dec.s, (size_t)(dec.e - dec.s),
                 signed_ ? 0.96 : 0.7);
    }
    /* effective at once: 送达后即发生法律效力, 终审; a decision of 暂予监外执行 */
    if (have_dec && kind) {
        const char *ef = find(x.ops_end, x.end, "即发生法律效力");
        const char *fin = find(x.ops_end, x.end, "终审判决");
        if (!ef)
            ef = fin;
        if (!ef && !strcmp(kind, "temp_outside"))
            ef = dec.s;
        if (ef)
            put_date(&x, x.root, "", "effective_date", !dec.bad, dec.d, ef,
                     ef == dec.s ? (size_t)(dec.e - dec.s) : 3, 0.9);
    }

    /* persons */
    struct person ps[DOC_MAX_PERSONS];
    bool is_judgment = kind && !strcmp(kind, "judgment");
    int n = find_persons(&x, is_judgment ? "被告人" : "罪犯", x.ops < x.end ? x.ops : x.end, ps,
                         is_judgment ? DOC_MAX_PERSONS : 1);
    /* a defendant's introduction runs on to the next defendant, the counsel or the charge */
    for (int i = 0; is_judgment && i < n; i++) {
        static const char *const stops[] = {"辩护人",   "诉讼代理人", "起诉书",
                                            "审理查明", "公诉机关",   NULL};
        const char *e = i + 1 < n ? ps[i + 1].intro : x.ops;
        const char *st = find_any(ps[i].intro_end, e, stops, NULL);
        if (st)
            e = sentence_start(x.t, st) > ps[i].intro_end ? sentence_start(x.t, st)
                                                          : ps[i].intro_end;
        if (e > ps[i].intro_end)
            ps[i].intro_end = e;
    }
    struct date_hit prop = {0};
    bool have_prop = !is_judgment && n > 0 && find_proposal(&x, ps[0].intro_end, &prop) == 0;
    for (int i = 0; i < n; i++) {
        json_t *po = json_object();
        char prefix[32];
        snprintf(prefix, sizeof prefix, "persons[%d]", i);
        person_intro(&x, &ps[i], po, prefix);
        person_facility(&x, &ps[i], po, prefix);
        if (is_judgment) {
            judgment_person(&x, ps, n, i, po, prefix, cs, ce, &dec, have_dec);
        } else {
            const char *limit = have_prop ? sentence_start(x.t, prop.s) : x.ops;
            if (limit <= ps[i].intro_end)
                limit = x.ops;
            ruling_original(&x, &ps[i], po, prefix, limit);
            if (kind) {
                ruling_change(&x, po, prefix, kind, kind_at ? kind_at : x.t);
                if (have_prop) {
                    char cp[64];
                    snprintf(cp, sizeof cp, "%s.change", prefix);
                    put_date(&x, json_object_get(po, "change"), cp, "proposal_date", !prop.bad,
                             prop.d, prop.s, (size_t)(prop.e - prop.s), 0.9);
                }
            }
        }
        json_array_append_new(persons, po);
    }
    json_object_set_new(x.root, "persons", persons);
    json_object_set_new(x.root, "sources", x.sources);
    json_object_set_new(x.root, "confidence", x.conf);
    free(flat);
    return x.root;
}

/* ---------- the object shape of `doc extract --format json` ---------- */

/* keys in order; the shape with the documented additions (effective_date,
 * id_number, offense_date, probation_months, recidivist, grounds) */
static const char *const top_keys[] = {"file",          "kind",           "case_no", "court",
                                       "decision_date", "effective_date", NULL};
static const char *const person_keys[] = {"name",      "gender",   "birth_date",
                                          "id_number", "facility", NULL};
static const char *const original_keys[] = {
    "case_no",  "court",       "judgment_date", "offense_date",     "charges",
    "penalty",  "term_months", "term_days",     "probation_months", "dpr_months",
    "dpr_life", "recidivist",  "term_start",    "term_end",         NULL};
static const char *const change_keys[] = {"kind",           "grounds",        "reduction_months",
                                          "reduction_days", "new_penalty",    "new_term_months",
                                          "proposal_date",  "term_end_after", NULL};

static json_t *shaped(json_t *from, const char *const *keys)
{
    json_t *o = json_object();
    for (const char *const *k = keys; *k; k++) {
        json_t *v = json_object_get(from, *k);
        json_object_set_new(o, *k, v ? json_incref(v) : json_null());
    }
    return o;
}

json_t *doc_extract_shape(json_t *doc)
{
    if (json_object_get(doc, "error"))
        return json_incref(doc);
    json_t *o = shaped(doc, top_keys);
    const char *kind = json_string_value(json_object_get(doc, "kind"));
    bool judgment = kind && !strcmp(kind, "judgment");
    json_t *persons = json_array(), *p;
    size_t i;
    json_array_foreach(json_object_get(doc, "persons"), i, p)
    {
        json_t *po = shaped(p, person_keys);
        json_object_set_new(po, "original", shaped(json_object_get(p, "original"), original_keys));
        json_object_set_new(po, "change",
                            judgment ? json_null()
                                     : shaped(json_object_get(p, "change"), change_keys));
        json_array_append_new(persons, po);
    }
    json_object_set_new(o, "persons", persons);
    json_t *src = json_object_get(doc, "sources"), *conf = json_object_get(doc, "confidence");
    json_object_set_new(o, "sources", src ? json_incref(src) : json_object());
    json_object_set_new(o, "confidence", conf ? json_incref(conf) : json_object());
    return o;
}
