/*
 * anonymise.c — masking the identity of a supervision case (see anonymise.h).
 */
#include "cases/anonymise.h"
#include "store/stmt.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const compound_surnames[] = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
    "司徒", "夏侯", "轩辕", "令狐", "端木", "西门", "南宫", "独孤", "呼延", "申屠", "太史",
    "闻人", "万俟", "钟离", "澹台", "公冶", "宗政", "濮阳", "淳于", "单于", "赫连", "拓跋",
};

static size_t utf8_len(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

void anon_surname(const char *name, char *out, size_t n)
{
    if (!n)
        return;
    out[0] = '\0';
    if (!name || !*name)
        return;
    for (size_t i = 0; i < sizeof compound_surnames / sizeof compound_surnames[0]; i++) {
        size_t l = strlen(compound_surnames[i]);
        if (!strncmp(name, compound_surnames[i], l) && name[l]) {
            snprintf(out, n, "%s", compound_surnames[i]);
            return;
        }
    }
    size_t l = utf8_len((unsigned char)name[0]);
    if (l >= n || strnlen(name, l) < l)
        return;
    memcpy(out, name, l);
    out[l] = '\0';
}

const char *anon_body_label(const char *kind, const char *name)
{
    kind = kind ? kind : "";
    name = name ? name : "";
    if (!strcmp(kind, "court"))
        return strstr(name, "高级")   ? "某高级人民法院"
               : strstr(name, "中级") ? "某中级人民法院"
                                      : "某人民法院";
    static const struct {
        const char *kind, *label;
    } labels[] = {
        {"prison", "某监狱"},
        {"juvenile_prison", "某未成年犯管教所"},
        {"detention_center", "某看守所"},
        {"community_corrections", "某社区矫正机构"},
        {"police", "某公安机关"},
        {"prison_admin", "某监狱管理局"},
        {"hospital", "某医院"},
        {"procuratorate", "某人民检察院"},
    };
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (!strcmp(labels[i].kind, kind))
            return labels[i].label;
    return "某单位";
}

static size_t char_count(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

void anon_add(anon_map *m, const char *from, const char *to, enum anon_kind kind)
{
    if (!from || char_count(from) < 2)
        return;
    for (size_t i = 0; i < m->n; i++)
        if (!strcmp(m->t[i].from, from))
            return;
    if (m->n == m->cap) {
        m->cap = m->cap ? 2 * m->cap : 32;
        m->t = xrealloc(m->t, m->cap * sizeof *m->t);
    }
    m->t[m->n++] = (anon_term){xstrdup(from), xstrdup(to), kind};
}

void anon_free(anon_map *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->t[i].from);
        free(m->t[i].to);
    }
    free(m->t);
    memset(m, 0, sizeof *m);
}

/* ---- collecting ---- */

typedef struct idset {
    char **v;
    size_t n, cap;
} idset;

static bool idset_add(idset *s, const char *id)
{
    if (!id || !*id)
        return false;
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->v[i], id))
            return false;
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->v = xrealloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = xstrdup(id);
    return true;
}

static void idset_free(idset *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
}

/* Every string value of the evidence, recursively. */
static void evidence_strings(json_t *v, idset *out, int depth)
{
    if (depth > 4)
        return;
    if (json_is_string(v)) {
        idset_add(out, json_string_value(v));
    } else if (json_is_object(v)) {
        const char *k;
        json_t *x;
        json_object_foreach(v, k, x) evidence_strings(x, out, depth + 1);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) evidence_strings(x, out, depth + 1);
    }
}

/* The masked form of a person's name: 张某; a surname already given to another person gets
 * 张某某, then 张某甲, 张某乙 …; no surname: 某人. */
static void person_mask(const anon_map *m, const char *name, char *masked, size_t n)
{
    char sur[16];
    anon_surname(name, sur, sizeof sur);
    static const char *const suffix[] = {"某", "某某", "某甲", "某乙", "某丙", "某丁"};
    for (int k = 0;; k++) {
        snprintf(masked, n, "%s%s", sur, k < 6 ? suffix[k] : "某");
        bool used = false;
        for (size_t i = 0; i < m->n; i++)
            used |= m->t[i].kind == ANON_NAME && !strcmp(m->t[i].to, masked) &&
                    strcmp(m->t[i].from, name);
        if (!used || k >= 6)
            break;
    }
    if (!*sur)
        snprintf(masked, n, "某人");
}

static void add_person(sqlite3 *db, anon_map *m, const char *pid, idset *persons, int *nth)
{
    sqlite3_stmt *st = store_stmt(db, "SELECT name, id_number FROM persons WHERE person_id = ?");
    if (!st)
        return;
    sqlite3_bind_text(st, 1, pid, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW) {
        idset_add(persons, pid);
        const char *name = store_col(st, 0);
        char masked[64];
        person_mask(m, name, masked, sizeof masked);
        anon_add(m, name, masked, ANON_NAME);
        if ((*nth)++ == 0)
            snprintf(m->person, sizeof m->person, "%s", masked);
        anon_add(m, store_col(st, 1), "×××", ANON_ID_NUMBER);
        anon_add(m, pid, "×××", ANON_RECORD_ID);
    }
    store_stmt_done(st);
}

static void add_facility(sqlite3 *db, anon_map *m, const char *fid)
{
    sqlite3_stmt *st = store_stmt(db, "SELECT name, kind FROM facilities WHERE facility_id = ?");
    if (!st)
        return;
    sqlite3_bind_text(st, 1, fid, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW) {
        anon_add(m, store_col(st, 0), anon_body_label(store_col(st, 1), store_col(st, 0)),
                 ANON_BODY);
        anon_add(m, fid, "×××", ANON_RECORD_ID);
    }
    store_stmt_done(st);
}

static void add_staff(sqlite3 *db, anon_map *m, const char *oid)
{
    sqlite3_stmt *st = store_stmt(db, "SELECT name FROM staff WHERE officer_id = ?");
    if (!st)
        return;
    sqlite3_bind_text(st, 1, oid, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW) {
        char sur[16], masked[64];
        anon_surname(store_col(st, 0), sur, sizeof sur);
        snprintf(masked, sizeof masked, "%s某（干警）", sur);
        anon_add(m, store_col(st, 0), masked, ANON_NAME);
        anon_add(m, oid, "×××", ANON_RECORD_ID);
    }
    store_stmt_done(st);
}

/* The masked form of an enterprise's name: 某有限公司, 某股份有限公司, 某公司 or 某企业 (the
 * name carries the place and the trade name; only the legal form is kept). */
static const char *enterprise_mask(const char *name)
{
    static const char *const forms[] = {"股份有限公司", "有限责任公司", "有限公司", "集团公司",
                                        "公司"};
    size_t nl = strlen(name);
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        size_t fl = strlen(forms[i]);
        if (nl > fl && !strcmp(name + nl - fl, forms[i])) {
            static const char *const masked[] = {"某股份有限公司", "某有限责任公司", "某有限公司",
                                                 "某集团公司", "某公司"};
            return masked[i];
        }
    }
    return "某企业";
}

/* A seizure (ENT-01 … ENT-03): the owner (an enterprise, or a person who may not be in the
 * persons feed), their credit code or id number, the case reference and the agency. */
static void add_seizure(sqlite3 *db, anon_map *m, const char *sid, idset *bodies)
{
    sqlite3_stmt *st = store_stmt(db, "SELECT owner_kind, owner_name, owner_code, case_ref,"
                                      " agency_id FROM seizures WHERE seizure_id = ?");
    if (!st)
        return;
    sqlite3_bind_text(st, 1, sid, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *name = store_col(st, 1);
        if (!strcmp(store_col(st, 0), "enterprise")) {
            anon_add(m, name, enterprise_mask(name), ANON_BODY);
        } else {
            char masked[64];
            person_mask(m, name, masked, sizeof masked);
            anon_add(m, name, masked, ANON_NAME);
        }
        anon_add(m, store_col(st, 2), "×××", ANON_ID_NUMBER);
        anon_add(m, store_col(st, 3), "（××××）×号", ANON_CASE_NO);
        anon_add(m, sid, "×××", ANON_RECORD_ID);
        idset_add(bodies, store_col(st, 4));
    }
    store_stmt_done(st);
}

/* The bodies, case numbers and officers of one person's records. */
static void add_person_records(sqlite3 *db, anon_map *m, const char *pid, idset *bodies,
                               idset *officers)
{
    sqlite3_stmt *st = store_stmt(db, "SELECT case_no, judgment_id, court_id FROM judgments"
                                      " WHERE person_id = ?");
    if (st) {
        sqlite3_bind_text(st, 1, pid, -1, SQLITE_TRANSIENT);
        while (sqlite3_step(st) == SQLITE_ROW) {
            anon_add(m, store_col(st, 0), "（××××）×号", ANON_CASE_NO);
            anon_add(m, store_col(st, 1), "×××", ANON_RECORD_ID);
            idset_add(bodies, store_col(st, 2));
        }
        store_stmt_done(st);
    }
    st = store_stmt(db, "SELECT facility_id FROM custody WHERE person_id = ?1"
                        " UNION SELECT decider_id FROM sentence_changes WHERE person_id = ?1"
                        " UNION SELECT proposer_id FROM sentence_changes WHERE person_id = ?1"
                        " UNION SELECT agency_id FROM corrections WHERE person_id = ?1"
                        " UNION SELECT hospital_id FROM medical WHERE person_id = ?1");
    if (st) {
        sqlite3_bind_text(st, 1, pid, -1, SQLITE_TRANSIENT);
        while (sqlite3_step(st) == SQLITE_ROW)
            idset_add(bodies, store_col(st, 0));
        store_stmt_done(st);
    }
    st = store_stmt(db, "SELECT change_id, officer_id FROM sentence_changes WHERE person_id = ?");
    if (st) {
        sqlite3_bind_text(st, 1, pid, -1, SQLITE_TRANSIENT);
        while (sqlite3_step(st) == SQLITE_ROW) {
            anon_add(m, store_col(st, 0), "×××", ANON_RECORD_ID);
            idset_add(officers, store_col(st, 1));
        }
        store_stmt_done(st);
    }
}

int anon_collect(sqlite3 *db, long case_id, anon_map *m)
{
    memset(m, 0, sizeof *m);
    sqlite3_stmt *st = store_stmt(db, "SELECT c.person_id, c.facility_id, l.evidence, l.subject"
                                      " FROM cases c LEFT JOIN leads l ON l.lead_id = c.lead_id"
                                      " WHERE c.case_id = ?");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, case_id);
    int s = sqlite3_step(st);
    if (s != SQLITE_ROW) {
        store_stmt_done(st);
        return s == SQLITE_DONE ? ZJ_ENOTFOUND : ZJ_EDB;
    }
    idset cand = {0}, persons = {0}, bodies = {0}, officers = {0};
    char *pid = xstrdup(store_col(st, 0));
    idset_add(&bodies, store_col(st, 1));
    json_t *ev = json_loads(store_col(st, 2), 0, NULL);
    idset_add(&cand, store_col(st, 3));
    store_stmt_done(st);
    evidence_strings(ev, &cand, 0);
    json_decref(ev);

    int nth = 0;
    if (*pid)
        add_person(db, m, pid, &persons, &nth);
    for (size_t i = 0; i < cand.n; i++) {
        add_person(db, m, cand.v[i], &persons, &nth);
        add_seizure(db, m, cand.v[i], &bodies);
        idset_add(&officers, cand.v[i]);
        idset_add(&bodies, cand.v[i]);
    }
    st = store_stmt(db, "SELECT recipient_id FROM measures WHERE case_id = ?");
    if (st) {
        sqlite3_bind_int64(st, 1, case_id);
        while (sqlite3_step(st) == SQLITE_ROW)
            idset_add(&bodies, store_col(st, 0));
        store_stmt_done(st);
    }
    for (size_t i = 0; i < persons.n; i++)
        add_person_records(db, m, persons.v[i], &bodies, &officers);
    for (size_t i = 0; i < bodies.n; i++)
        add_facility(db, m, bodies.v[i]);
    for (size_t i = 0; i < officers.n; i++)
        add_staff(db, m, officers.v[i]);
    /* record ids of the evidence that are not persons, bodies or staff: masked by form
     * in anon_text when they look like ids */
    free(pid);
    idset_free(&cand);
    idset_free(&persons);
    idset_free(&bodies);
    idset_free(&officers);
    return 0;
}

/* ---- masking ---- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}
static bool is_alnum(char c)
{
    return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* n digits at s */
static bool digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return false;
    return true;
}

/* 1 or 2 digits at s: their count, 0 when none. */
static int digits12(const char *s)
{
    return is_digit(s[0]) ? (is_digit(s[1]) ? 2 : 1) : 0;
}

/* A date at s (2024-09-12, 2024/9/12, 2024.09.12, 2024年9月12日): its length, the year
 * and the month; 0 when none. */
static size_t date_at(const char *s, int *y, int *mo)
{
    if (!digits(s, 4))
        return 0;
    const char *p = s + 4;
    static const char *const years[] = {"-", "/", ".", "年"};
    for (size_t k = 0; k < 4; k++) {
        size_t sl = strlen(years[k]);
        if (strncmp(p, years[k], sl))
            continue;
        const char *q = p + sl;
        int md = digits12(q);
        if (!md)
            return 0;
        int month = atoi(q);
        q += md;
        const char *msep = k == 3 ? "月" : years[k];
        size_t ml = strlen(msep);
        if (strncmp(q, msep, ml))
            return 0;
        q += ml;
        int dd = digits12(q);
        if (!dd || month < 1 || month > 12)
            return 0;
        q += dd;
        if (k == 3) {
            if (strncmp(q, "日", 3))
                return 0;
            q += 3;
        } else if (is_digit(*q)) {
            return 0;
        }
        *y = atoi(s);
        *mo = month;
        return (size_t)(q - s);
    }
    return 0;
}

/* A case number at s: （2019）浙0102刑初1076号 or (2019)…号, at most 24 characters
 * between the year and 号, none of them punctuation. Its length, or 0. */
static size_t case_no_at(const char *s)
{
    const char *p = s;
    if (!strncmp(p, "（", 3))
        p += 3;
    else if (*p == '(')
        p++;
    else
        return 0;
    if (!digits(p, 4))
        return 0;
    p += 4;
    if (!strncmp(p, "）", 3))
        p += 3;
    else if (*p == ')')
        p++;
    else
        return 0;
    for (int n = 0; *p && n < 24; n++) {
        if (!strncmp(p, "号", 3))
            return n ? (size_t)(p + 3 - s) : 0;
        if (strchr(" \t\n，。；：、（）()", *p) && (unsigned char)*p < 0x80)
            return 0;
        if (!strncmp(p, "，", 3) || !strncmp(p, "。", 3) || !strncmp(p, "；", 3) ||
            !strncmp(p, "（", 3) || !strncmp(p, "）", 3))
            return 0;
        p += utf8_len((unsigned char)*p);
    }
    return 0;
}

/* A token of ASCII letters, digits, '-' and '_' at s (s at a token start): its length. */
static size_t token_at(const char *s)
{
    size_t n = 0;
    while (is_alnum(s[n]) || ((s[n] == '-' || s[n] == '_') && n && is_alnum(s[n + 1])))
        n++;
    return n;
}

/* Whether the token s[0..n) (followed by rest) is an identifier to mask; *region: six
 * digits alone. */
static bool token_identifies(const char *s, size_t n, const char *rest, bool *region)
{
    int nd = 0;
    for (size_t i = 0; i < n; i++)
        nd += is_digit(s[i]);
    *region = false;
    if (nd < 4 || n < 5)
        return false;
    if (n > 4 && !strncmp(s, "SPC-", 4))
        return false; /* rule sets SPC-2016 */
    if ((size_t)nd == n && (*rest == '.' || !strncmp(rest, "元", 3) || !strncmp(rest, "分", 3)))
        return false; /* an amount */
    *region = (size_t)nd == n && n == 6;
    return true;
}

char *anon_text(const anon_map *m, const char *text)
{
    strbuf out;
    strbuf_init(&out, text ? strlen(text) + 16 : 16);
    if (!text)
        return strbuf_detach(&out, NULL);
    const char *p = text;
    while (*p) {
        /* a known string, the longest first */
        const anon_term *best = NULL;
        size_t bl = 0;
        for (size_t i = 0; i < m->n; i++) {
            size_t l = strlen(m->t[i].from);
            if (l > bl && !strncmp(p, m->t[i].from, l)) {
                best = &m->t[i];
                bl = l;
            }
        }
        if (best) {
            strbuf_adds(&out, best->to);
            p += bl;
            continue;
        }
        bool boundary = p == text || !is_alnum(p[-1]);
        int y, mo;
        size_t l;
        if (boundary && (l = date_at(p, &y, &mo)) != 0) {
            strbuf_addf(&out, "%d年%d月", y, mo);
            p += l;
            continue;
        }
        if ((l = case_no_at(p)) != 0) {
            strbuf_adds(&out, "（××××）×号");
            p += l;
            continue;
        }
        if (boundary && is_alnum(*p)) {
            l = token_at(p);
            bool region;
            if (token_identifies(p, l, p + l, &region))
                strbuf_adds(&out, region ? "某地" : "×××");
            else
                strbuf_add(&out, p, l);
            p += l;
            continue;
        }
        size_t cl = utf8_len((unsigned char)*p);
        if (strnlen(p, cl) < cl)
            cl = strnlen(p, cl);
        strbuf_add(&out, p, cl);
        p += cl;
    }
    return strbuf_detach(&out, NULL);
}

static const char *kind_label(enum anon_kind k)
{
    switch (k) {
    case ANON_NAME:
        return "姓名";
    case ANON_ID_NUMBER:
        return "身份证号码";
    case ANON_CASE_NO:
        return "案号";
    case ANON_BODY:
        return "单位名称";
    case ANON_RECORD_ID:
        return "编号";
    }
    return "编号";
}

const char *anon_find(const anon_map *m, const char *text, const char **what)
{
    *what = NULL;
    if (!text)
        return NULL;
    for (size_t i = 0; i < m->n; i++)
        if (strstr(text, m->t[i].from)) {
            *what = m->t[i].from;
            return kind_label(m->t[i].kind);
        }
    for (const char *p = text; *p; p++) {
        if (case_no_at(p))
            return "案号";
        /* 17 digits and a digit or X: an id number */
        if ((p == text || !is_alnum(p[-1])) && digits(p, 17) &&
            (is_digit(p[17]) || p[17] == 'X' || p[17] == 'x') && !is_alnum(p[18]))
            return "身份证号码";
    }
    return NULL;
}
