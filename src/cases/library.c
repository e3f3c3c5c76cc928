/*
 * library.c — the case library (典型案例库): drafting, editing, publishing, searching and
 * printing typical cases (see library.h).
 */
#include "cases/library.h"
#include "cases/anonymise.h"
#include "cases/articles.h"
#include "cases/audit.h"
#include "cases/documents.h"
#include "store/stmt.h"
#include "cases/workflow.h"
#include "models/catalog.h"
#include "store/store.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
    const char *family, *label;
} areas[] = {
    {"delivery", "交付执行"},          {"changes", "变更执行"},      {"community", "社区矫正"},
    {"property", "财产刑执行"},        {"custody", "监管活动"},      {"conditions", "监管活动"},
    {"political", "剥夺政治权利执行"}, {"second_order", "综合研判"}, {"user", "自定义模型"},
};

const char *library_area_label(const char *family)
{
    for (size_t i = 0; family && i < sizeof areas / sizeof areas[0]; i++)
        if (!strcmp(areas[i].family, family))
            return areas[i].label;
    return "刑事执行";
}

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static json_t *row_object(sqlite3_stmt *st)
{
    json_t *o = json_object();
    for (int i = 0, n = sqlite3_column_count(st); i < n; i++) {
        const char *name = sqlite3_column_name(st, i);
        switch (sqlite3_column_type(st, i)) {
        case SQLITE_INTEGER:
            json_object_set_new(o, name, json_integer(sqlite3_column_int64(st, i)));
            break;
        case SQLITE_NULL:
            json_object_set_new(o, name, json_null());
            break;
        default:
            json_object_set_new(o, name, json_string((const char *)sqlite3_column_text(st, i)));
        }
    }
    return o;
}

/* "2024年9月" of a date or timestamp text (YYYY-MM-DD…), "" when none. */
static void month_of(const char *date, char *out, size_t n)
{
    out[0] = '\0';
    if (date && strlen(date) >= 7 && date[4] == '-')
        snprintf(out, n, "%.4s年%d月", date, atoi(date + 5));
}

/* Split a basis ("C-01 减刑假释规定第6条; K-04 社区矫正法第27条") into its rule ids and
 * its articles, each '；'-joined. */
static void basis_tags(const char *basis, strbuf *rules, strbuf *arts)
{
    json_t *refs = articles_lookup(NULL, basis);
    size_t i;
    json_t *r;
    json_array_foreach(refs, i, r)
    {
        strbuf_adds(arts, arts->len ? "；" : "");
        strbuf_adds(arts, jstr(r, "ref"));
    }
    json_decref(refs);
    const char *p = basis ? basis : "";
    while (*p) {
        while (*p == ' ' || *p == ';')
            p++;
        size_t n = 0;
        while (p[n] && p[n] != ' ' && p[n] != ';')
            n++;
        /* a rule id: capitals, '-', digits */
        bool rule = n >= 3 && n < 16 && p[0] >= 'A' && p[0] <= 'Z' && memchr(p, '-', n);
        for (size_t k = 0; rule && k < n; k++)
            rule = (p[k] >= 'A' && p[k] <= 'Z') || (p[k] >= '0' && p[k] <= '9') || p[k] == '-';
        if (rule) {
            strbuf_adds(rules, rules->len ? "；" : "");
            strbuf_add(rules, p, n);
        }
        p += n;
        while (*p && *p != ';')
            p++;
    }
}

static void set_anon(json_t *o, const char *key, const anon_map *m, const char *text)
{
    char *s = anon_text(m, text);
    json_object_set_new(o, key, json_string(s));
    free(s);
}

json_t *library_draft(sqlite3 *db, long case_id)
{
    zj_scope all = {SCOPE_COUNTRY, ""};
    json_t *c = case_get(db, &all, case_id, false);
    if (!c)
        return NULL;
    anon_map m;
    if (anon_collect(db, case_id, &m) != 0) {
        json_decref(c);
        return NULL;
    }
    const char *model_id = jstr(c, "model_id");
    const model_def *md = *model_id ? catalog_find(model_id) : NULL;
    const char *model_name = md && md->name ? md->name : *model_id ? model_id : "违法情形";
    const char *family = *jstr(c, "family") ? jstr(c, "family") : "";
    const char *area = library_area_label(family);
    const char *person = m.person;

    strbuf title = STRBUF_INIT, summary = STRBUF_INIT, practice = STRBUF_INIT, sig = STRBUF_INIT,
           rules = STRBUF_INIT, arts = STRBUF_INIT;
    strbuf_init(&title, 0);
    strbuf_init(&rules, 0);
    strbuf_init(&arts, 0);
    strbuf_addf(&title, "%s%s监督案", person, model_name);

    /* 基本案情: the person, then the lead's summary */
    sqlite3_stmt *st = store_stmt(db, "SELECT gender, substr(birth_date, 1, 4) FROM persons"
                                      " WHERE person_id = ?");
    if (st && *jstr(c, "person_id")) {
        sqlite3_bind_text(st, 1, jstr(c, "person_id"), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_ROW) {
            const char *g = store_col(st, 0);
            strbuf_addf(&summary, "%s，%s%s年出生。", person,
                        !strcmp(g, "M")   ? "男，"
                        : !strcmp(g, "F") ? "女，"
                                          : "",
                        store_col(st, 1));
        }
    }
    store_stmt_done(st);
    strbuf_adds(&summary, jstr(c, "summary"));
    if (summary.len >= 3 && strcmp(summary.buf + summary.len - 3, "。"))
        strbuf_adds(&summary, "。");

    /* 检察履职情况: how the lead was found, each measure and its outcome */
    strbuf_addf(&practice,
                "检察机关在%s监督中，运用“%s”监督模型（%s）筛查发现该线索，经调查核实，"
                "依法立案监督。",
                area, model_name, *model_id ? model_id : "人工");
    size_t i;
    json_t *ms;
    json_array_foreach(json_object_get(c, "measures"), i, ms)
    {
        char when[32], replied[32];
        const char *sent = jstr(ms, "sent_date");
        month_of(*sent ? sent : jstr(ms, "created_at"), when, sizeof when);
        const char *label = measure_kind_label(jstr(ms, "kind"));
        const char *rcpt = *jstr(ms, "recipient_name") ? jstr(ms, "recipient_name") : "有关单位";
        strbuf_addf(&practice, "\n%s，检察机关向%s发出%s", when, rcpt, label ? label : "监督意见");
        month_of(jstr(ms, "reply_date"), replied, sizeof replied);
        if (*replied)
            strbuf_addf(&practice, "。%s于%s书面回复：%s", rcpt, replied, jstr(ms, "reply"));
        if (json_integer_value(json_object_get(ms, "corrected")) == 1)
            strbuf_adds(&practice, "，违法情形已整改到位");
        strbuf_adds(&practice, "。");
    }
    char closed[32];
    month_of(jstr(c, "closed_at"), closed, sizeof closed);
    if (*closed)
        strbuf_addf(&practice, "\n该案于%s办结。", closed);

    /* 典型意义 */
    char *basis_doc = articles_basis_for_document(jstr(c, "basis"));
    basis_tags(jstr(c, "basis"), &rules, &arts);
    if (*basis_doc)
        strbuf_addf(&sig, "本案涉及%s的适用。", basis_doc);
    strbuf_addf(&sig,
                "%s是%s监督中的常见问题。检察机关运用大数据法律监督模型筛查发现线索，"
                "经调查核实后依法提出监督意见，并跟踪落实整改，做到监督一案、规范一类，"
                "对同类问题的监督具有参考意义。",
                model_name, area);
    free(basis_doc);

    json_t *d = json_object();
    set_anon(d, "title", &m, title.buf);
    set_anon(d, "summary", &m, summary.buf);
    set_anon(d, "practice", &m, practice.buf);
    set_anon(d, "significance", &m, sig.buf);
    json_object_set_new(d, "model_id", *model_id ? json_string(model_id) : json_null());
    json_object_set_new(d, "area", json_string(area));
    set_anon(d, "articles", &m, arts.buf);
    set_anon(d, "keywords", &m, rules.buf);
    strbuf_release(&title);
    strbuf_release(&summary);
    strbuf_release(&practice);
    strbuf_release(&sig);
    strbuf_release(&rules);
    strbuf_release(&arts);
    anon_free(&m);
    json_decref(c);
    return d;
}

static int step_done(sqlite3_stmt *st)
{
    int s = sqlite3_step(st);
    store_stmt_done(st);
    return s == SQLITE_DONE ? 0 : ZJ_EDB;
}

static int history_add(sqlite3 *db, long tc_id, const char *actor, const char *action,
                       const char *note)
{
    sqlite3_stmt *st = store_stmt(db, "INSERT INTO typical_case_history(tc_id, at, actor, action,"
                                      " note) VALUES (?, ?, ?, ?, ?)");
    if (!st)
        return ZJ_EDB;
    char now[21];
    sqlite3_bind_int64(st, 1, tc_id);
    sqlite3_bind_text(st, 2, store_now(now), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, actor, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, action, -1, SQLITE_STATIC);
    store_bind_text_or_null(st, 5, note);
    return step_done(st);
}

static int audit_change(sqlite3 *db, const char *actor, long tc_id, const char *detail)
{
    char obj[40];
    snprintf(obj, sizeof obj, "typical_case:%ld", tc_id);
    return audit_append(db, actor, "change", obj, detail);
}

int library_propose(sqlite3 *db, const zj_account *who, long case_id, long *tc_id, zj_diag *d)
{
    if (!account_can_write(who)) {
        zj_diag_set(d, "role", "您的角色不能推荐典型案例");
        return ZJ_EFORBIDDEN;
    }
    /* in scope, closed, with a correction */
    sqlite3_stmt *st = store_stmt(
        db, "SELECT l.status, EXISTS (SELECT 1 FROM measures m WHERE m.case_id = l.case_id"
            " AND m.corrected = 1), l.facility_id, l.region_code,"
            " (SELECT tc_id FROM typical_cases t WHERE t.case_id = l.case_id)"
            " FROM cases l WHERE l.case_id = ?3 AND " SCOPE_SQL("l.facility_id", "l.region_code"));
    if (!st)
        return ZJ_EDB;
    scope_bind(st, &who->scope);
    sqlite3_bind_int64(st, 3, case_id);
    int s = sqlite3_step(st);
    if (s != SQLITE_ROW) {
        store_stmt_done(st);
        return s == SQLITE_DONE ? ZJ_ENOTFOUND : ZJ_EDB;
    }
    bool closed = !strcmp(store_col(st, 0), "closed");
    bool corrected = sqlite3_column_int(st, 1) == 1;
    char *fac = xstrdup(store_col(st, 2)), *reg = xstrdup(store_col(st, 3));
    long existing =
        sqlite3_column_type(st, 4) == SQLITE_NULL ? 0 : (long)sqlite3_column_int64(st, 4);
    store_stmt_done(st);
    int rc = 0;
    if (existing) {
        *tc_id = existing;
        zj_diag_set(d, "case", "该案件已推荐为典型案例（编号 %ld）", existing);
        rc = ZJ_EEXIST;
    } else if (!closed || !corrected) {
        zj_diag_set(d, "case", "只有已办结且违法情形已整改到位的案件才能推荐为典型案例");
        rc = ZJ_ECONFLICT;
    }
    json_t *dr = rc ? NULL : library_draft(db, case_id);
    if (!rc && !dr)
        rc = ZJ_EDB;
    if (rc) {
        free(fac);
        free(reg);
        return rc;
    }
    if (store_begin(db) != 0) {
        free(fac);
        free(reg);
        json_decref(dr);
        return ZJ_EDB;
    }
    rc = ZJ_EDB;
    char now[21];
    store_now(now);
    st = store_stmt(
        db,
        "INSERT INTO typical_cases(case_id, facility_id, region_code, title, summary, practice,"
        " significance, model_id, area, articles, keywords, created_at, created_by, updated_at,"
        " updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12, ?13)");
    if (!st)
        goto out;
    sqlite3_bind_int64(st, 1, case_id);
    store_bind_text_or_null(st, 2, *fac ? fac : NULL);
    store_bind_text_or_null(st, 3, *reg ? reg : NULL);
    static const char *const keys[] = {"title",    "summary", "practice", "significance",
                                       "model_id", "area",    "articles", "keywords"};
    for (int k = 0; k < 8; k++) {
        json_t *v = json_object_get(dr, keys[k]);
        if (json_is_string(v))
            sqlite3_bind_text(st, 4 + k, json_string_value(v), -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(st, 4 + k);
    }
    sqlite3_bind_text(st, 12, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 13, who->name, -1, SQLITE_TRANSIENT);
    if ((rc = step_done(st)) != 0)
        goto out;
    *tc_id = (long)sqlite3_last_insert_rowid(db);
    char note[48];
    snprintf(note, sizeof note, "case:%ld", case_id);
    if ((rc = history_add(db, *tc_id, who->name, "propose", note)) != 0)
        goto out;
    char detail[64];
    snprintf(detail, sizeof detail, "propose from case:%ld", case_id);
    rc = audit_change(db, who->name, *tc_id, detail);
out:
    rc = store_end(db, rc);
    free(fac);
    free(reg);
    json_decref(dr);
    return rc;
}

#define TC_COLUMNS                                                                                 \
    "t.tc_id, t.status, t.title, t.summary, t.practice, t.significance, t.model_id, t.area,"       \
    " t.articles, t.keywords, t.created_at, t.created_by, t.updated_at, t.updated_by,"             \
    " t.published_at, t.published_by"

json_t *library_get(sqlite3 *db, const zj_scope *sc, long tc_id)
{
    sqlite3_stmt *st = store_stmt(
        db, "SELECT " TC_COLUMNS ", CASE WHEN " SCOPE_SQL(
                "t.facility_id", "t.region_code") " THEN t.case_id END AS case_id FROM "
                                                  "typical_cases t WHERE t.tc_id = ?3 AND"
                                                  " (t.status = 'published' OR " SCOPE_SQL(
                                                      "t.facility_id", "t.region_code") ")");
    if (!st)
        return NULL;
    scope_bind(st, sc);
    sqlite3_bind_int64(st, 3, tc_id);
    json_t *o = sqlite3_step(st) == SQLITE_ROW ? row_object(st) : NULL;
    store_stmt_done(st);
    if (!o)
        return NULL;
    json_t *h = json_array();
    st = store_stmt(db, "SELECT at, actor, action, note FROM typical_case_history WHERE tc_id = ?"
                        " ORDER BY id");
    if (st) {
        sqlite3_bind_int64(st, 1, tc_id);
        while (sqlite3_step(st) == SQLITE_ROW)
            json_array_append_new(h, row_object(st));
        store_stmt_done(st);
    }
    json_object_set_new(o, "history", h);
    return o;
}

/* The status and author of tc_id if its source case is in who's scope, and whether who
 * may change it. Returns 0, ZJ_ENOTFOUND, ZJ_EFORBIDDEN, ZJ_EDB. */
static int may_change(sqlite3 *db, const zj_account *who, long tc_id, char status[16],
                      long *case_id, zj_diag *d)
{
    sqlite3_stmt *st =
        store_stmt(db, "SELECT t.status, t.created_by, t.case_id FROM typical_cases t"
                       " WHERE t.tc_id = ?3 AND " SCOPE_SQL("t.facility_id", "t.region_code"));
    if (!st)
        return ZJ_EDB;
    scope_bind(st, &who->scope);
    sqlite3_bind_int64(st, 3, tc_id);
    int s = sqlite3_step(st);
    if (s != SQLITE_ROW) {
        store_stmt_done(st);
        return s == SQLITE_DONE ? ZJ_ENOTFOUND : ZJ_EDB;
    }
    snprintf(status, 16, "%s", store_col(st, 0));
    bool author = !strcasecmp(store_col(st, 1), who->name);
    *case_id = (long)sqlite3_column_int64(st, 2);
    store_stmt_done(st);
    bool senior = !strcmp(who->role, "leader") || !strcmp(who->role, "admin");
    if (!account_can_write(who) || !(author || senior)) {
        zj_diag_set(d, "role", "只有推荐人或领导可以修改、发布或撤回典型案例");
        return ZJ_EFORBIDDEN;
    }
    return 0;
}

static const struct {
    const char *key, *label;
} text_fields[] = {
    {"title", "标题"},
    {"summary", "基本案情"},
    {"practice", "检察履职情况"},
    {"significance", "典型意义"},
    {"articles", "法律条文"},
    {"keywords", "关键词"},
};
#define N_TEXT_FIELDS (sizeof text_fields / sizeof text_fields[0])

int library_update(sqlite3 *db, const zj_account *who, long tc_id, json_t *in, zj_diag *d)
{
    if (!json_is_object(in)) {
        zj_diag_set(d, "body", "请求体应为对象");
        return ZJ_EINVAL;
    }
    const char *key;
    json_t *v;
    json_object_foreach(in, key, v)
    {
        bool known = false;
        for (size_t i = 0; i < N_TEXT_FIELDS; i++)
            known |= !strcmp(text_fields[i].key, key);
        if (!known) {
            zj_diag_set(d, key, "未知字段“%s”", key);
            return ZJ_EINVAL;
        }
        if (json_is_null(v))
            continue;
        if (!json_is_string(v) || json_string_length(v) > LIBRARY_TEXT_MAX) {
            zj_diag_set(d, key, "字段“%s”应为不超过64KB的文本", key);
            return ZJ_EINVAL;
        }
        if (!strcmp(key, "title") && !*json_string_value(v)) {
            zj_diag_set(d, key, "标题不能为空");
            return ZJ_EINVAL;
        }
    }
    char status[16];
    long case_id;
    int rc = may_change(db, who, tc_id, status, &case_id, d);
    if (rc)
        return rc;
    if (strcmp(status, "draft")) {
        zj_diag_set(d, "status", "已发布的典型案例需先撤回才能修改");
        return ZJ_ECONFLICT;
    }
    if (store_begin(db) != 0)
        return ZJ_EDB;
    rc = 0;
    char now[21];
    store_now(now);
    strbuf changed;
    strbuf_init(&changed, 0);
    for (size_t i = 0; rc == 0 && i < N_TEXT_FIELDS; i++) {
        json_t *x = json_object_get(in, text_fields[i].key);
        if (!json_is_string(x))
            continue;
        char sql[160];
        snprintf(sql, sizeof sql,
                 "UPDATE typical_cases SET %s = ?2, updated_at = ?3,"
                 " updated_by = ?4 WHERE tc_id = ?1",
                 text_fields[i].key);
        sqlite3_stmt *st = store_stmt(db, sql);
        if (!st) {
            rc = ZJ_EDB;
            break;
        }
        sqlite3_bind_int64(st, 1, tc_id);
        sqlite3_bind_text(st, 2, json_string_value(x), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, who->name, -1, SQLITE_TRANSIENT);
        rc = step_done(st);
        strbuf_adds(&changed, changed.len ? "," : "");
        strbuf_adds(&changed, text_fields[i].key);
    }
    if (rc == 0 && changed.len)
        rc = history_add(db, tc_id, who->name, "edit", changed.buf);
    if (rc == 0 && changed.len) {
        strbuf detail;
        strbuf_init(&detail, 0);
        strbuf_addf(&detail, "edit %s", changed.buf);
        rc = audit_change(db, who->name, tc_id, detail.buf);
        strbuf_release(&detail);
    }
    strbuf_release(&changed);
    rc = store_end(db, rc);
    return rc;
}

/* Whether the texts of tc_id still identify its source case (d says where and what). */
static int check_clean(sqlite3 *db, long tc_id, long case_id, zj_diag *d)
{
    anon_map m;
    int rc = anon_collect(db, case_id, &m);
    if (rc)
        return rc;
    sqlite3_stmt *st = store_stmt(db, "SELECT title, summary, practice, significance, articles,"
                                      " keywords FROM typical_cases WHERE tc_id = ?");
    if (!st) {
        anon_free(&m);
        return ZJ_EDB;
    }
    sqlite3_bind_int64(st, 1, tc_id);
    rc = sqlite3_step(st) == SQLITE_ROW ? 0 : ZJ_EDB;
    for (size_t i = 0; rc == 0 && i < N_TEXT_FIELDS; i++) {
        const char *what, *kind = anon_find(&m, store_col(st, (int)i), &what);
        if (kind) {
            if (what)
                zj_diag_set(d, text_fields[i].key, "“%s”中仍含有可识别的%s“%s”，请修改后再发布",
                            text_fields[i].label, kind, what);
            else
                zj_diag_set(d, text_fields[i].key, "“%s”中仍含有%s，请修改后再发布",
                            text_fields[i].label, kind);
            rc = ZJ_ECONFLICT;
        }
    }
    store_stmt_done(st);
    anon_free(&m);
    return rc;
}

static int set_status(sqlite3 *db, const zj_account *who, long tc_id, bool publish, zj_diag *d)
{
    char status[16];
    long case_id;
    int rc = may_change(db, who, tc_id, status, &case_id, d);
    if (rc)
        return rc;
    if (strcmp(status, publish ? "draft" : "published")) {
        zj_diag_set(d, "status", publish ? "该典型案例已发布" : "该典型案例尚未发布");
        return ZJ_ECONFLICT;
    }
    if (publish && (rc = check_clean(db, tc_id, case_id, d)) != 0)
        return rc;
    if (store_begin(db) != 0)
        return ZJ_EDB;
    char now[21];
    store_now(now);
    sqlite3_stmt *st = store_stmt(
        db, publish ? "UPDATE typical_cases SET status = 'published', published_at = ?2,"
                      " published_by = ?3, updated_at = ?2, updated_by = ?3 WHERE tc_id = ?1"
                    : "UPDATE typical_cases SET status = 'draft', published_at = NULL,"
                      " published_by = NULL, updated_at = ?2, updated_by = ?3 WHERE tc_id = ?1");
    rc = ZJ_EDB;
    if (st) {
        sqlite3_bind_int64(st, 1, tc_id);
        sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, who->name, -1, SQLITE_TRANSIENT);
        rc = step_done(st);
    }
    const char *action = publish ? "publish" : "withdraw";
    if (rc == 0)
        rc = history_add(db, tc_id, who->name, action, NULL);
    if (rc == 0)
        rc = audit_change(db, who->name, tc_id, action);
    rc = store_end(db, rc);
    return rc;
}

int library_publish(sqlite3 *db, const zj_account *who, long tc_id, zj_diag *d)
{
    return set_status(db, who, tc_id, true, d);
}

int library_withdraw(sqlite3 *db, const zj_account *who, long tc_id, zj_diag *d)
{
    return set_status(db, who, tc_id, false, d);
}

/* ---- search ---- */

#define TAGS_SQL                                                                                   \
    "(coalesce(t.model_id, '') || ' ' || coalesce(t.area, '') || ' ' || t.articles || ' ' ||"      \
    " t.keywords)"
#define MAX_TERMS 8

static size_t chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* The next word of q (separated by ASCII white space or the ideographic space U+3000). */
static const char *next_word(const char *q, size_t *n)
{
    for (;;) {
        while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
            q++;
        if (!strncmp(q, "　", 3)) {
            q += 3;
            continue;
        }
        break;
    }
    size_t l = 0;
    while (q[l] && q[l] != ' ' && q[l] != '\t' && q[l] != '\n' && q[l] != '\r' &&
           strncmp(q + l, "　", 3))
        l++;
    *n = l;
    return l ? q : NULL;
}

json_t *library_search(sqlite3 *db, const zj_scope *sc, const library_filter *f, bool full)
{
    const char *status = f->status && *f->status ? f->status : "published";
    const char *vis;
    if (!strcmp(status, "published"))
        vis = "t.status = 'published'";
    else if (!strcmp(status, "draft"))
        vis = "t.status = 'draft' AND " SCOPE_SQL("t.facility_id", "t.region_code");
    else if (!strcmp(status, "all"))
        vis = "(t.status = 'published' OR " SCOPE_SQL("t.facility_id", "t.region_code") ")";
    else
        return NULL;
    int per = f->per > 0 && f->per <= 1000 ? f->per : 50, page = f->page > 0 ? f->page : 1;

    /* words of three characters or more: an FTS5 phrase each; shorter ones: LIKE */
    strbuf match, sql;
    strbuf_init(&match, 0);
    strbuf_init(&sql, 0);
    char *likes[MAX_TERMS];
    int nlikes = 0, nwords = 0;
    size_t wl;
    for (const char *w = next_word(f->q ? f->q : "", &wl); w && nwords < MAX_TERMS;
         w = next_word(w + wl, &wl), nwords++) {
        if (chars(w, wl) >= 3) {
            strbuf_adds(&match, match.len ? " AND \"" : "\"");
            for (size_t i = 0; i < wl; i++) {
                if (w[i] == '"')
                    strbuf_addch(&match, '"');
                strbuf_addch(&match, w[i]);
            }
            strbuf_addch(&match, '"');
        } else {
            strbuf p;
            strbuf_init(&p, wl + 3);
            strbuf_addch(&p, '%');
            for (size_t i = 0; i < wl; i++) {
                if (w[i] == '%' || w[i] == '_' || w[i] == '\\')
                    strbuf_addch(&p, '\\');
                strbuf_addch(&p, w[i]);
            }
            strbuf_addch(&p, '%');
            likes[nlikes++] = strbuf_detach(&p, NULL);
        }
    }
    strbuf_addf(&sql,
                "SELECT " TC_COLUMNS ", substr(t.summary, 1, 120) AS excerpt,"
                " count(*) OVER () AS total FROM typical_cases t%s WHERE %s",
                match.len ? " JOIN typical_cases_fts x ON x.rowid = t.tc_id" : "", vis);
    int p = 3;
    int p_match = 0, p_model = 0, p_area = 0, p_like0 = 0;
    if (match.len) {
        p_match = p++;
        strbuf_addf(&sql, " AND x.typical_cases_fts MATCH ?%d", p_match);
    }
    if (f->model && *f->model) {
        p_model = p++;
        strbuf_addf(&sql, " AND t.model_id = ?%d", p_model);
    }
    if (f->area && *f->area) {
        p_area = p++;
        strbuf_addf(&sql, " AND t.area = ?%d", p_area);
    }
    p_like0 = p;
    for (int i = 0; i < nlikes; i++, p++)
        strbuf_addf(&sql,
                    " AND (t.title LIKE ?%d ESCAPE '\\' OR t.summary LIKE ?%d ESCAPE '\\'"
                    " OR " TAGS_SQL " LIKE ?%d ESCAPE '\\')",
                    p, p, p);
    strbuf_addf(&sql, " ORDER BY %s t.tc_id DESC LIMIT %d OFFSET %ld",
                match.len ? "x.rank," : "coalesce(t.published_at, t.updated_at) DESC,", per + 1,
                (long)(page - 1) * per);
    sqlite3_stmt *st = store_prepare(db, sql.buf);
    json_t *out = NULL;
    if (st) {
        scope_bind(st, sc);
        if (p_match)
            sqlite3_bind_text(st, p_match, match.buf, -1, SQLITE_TRANSIENT);
        if (p_model)
            sqlite3_bind_text(st, p_model, f->model, -1, SQLITE_TRANSIENT);
        if (p_area)
            sqlite3_bind_text(st, p_area, f->area, -1, SQLITE_TRANSIENT);
        for (int i = 0; i < nlikes; i++)
            sqlite3_bind_text(st, p_like0 + i, likes[i], -1, SQLITE_TRANSIENT);
        json_t *items = json_array();
        long total = 0;
        bool more = false;
        int s;
        while ((s = sqlite3_step(st)) == SQLITE_ROW) {
            total = (long)sqlite3_column_int64(st, sqlite3_column_count(st) - 1);
            if ((int)json_array_size(items) == per) {
                more = true;
                continue;
            }
            json_t *o = row_object(st);
            json_object_del(o, "total");
            if (full) {
                json_object_del(o, "excerpt");
            } else {
                json_object_del(o, "summary");
                json_object_del(o, "practice");
                json_object_del(o, "significance");
            }
            json_array_append_new(items, o);
        }
        if (s == SQLITE_DONE)
            out = json_pack("{s:o, s:I, s:i, s:i, s:b}", "items", items, "total", (json_int_t)total,
                            "page", page, "per", per, "more", more);
        else
            json_decref(items);
        sqlite3_finalize(st);
    }
    for (int i = 0; i < nlikes; i++)
        free(likes[i]);
    strbuf_release(&match);
    strbuf_release(&sql);
    return out;
}

/* ---- the booklet ---- */

static void tags_line(json_t *it, strbuf *out)
{
    strbuf_init(out, 0);
    const char *model = jstr(it, "model_id");
    if (*model)
        strbuf_addf(out, "模型：%s", model);
    if (*jstr(it, "area"))
        strbuf_addf(out, "%s领域：%s", out->len ? "　" : "", jstr(it, "area"));
    if (*jstr(it, "articles"))
        strbuf_addf(out, "%s法律依据：%s", out->len ? "　" : "", jstr(it, "articles"));
    if (*jstr(it, "keywords"))
        strbuf_addf(out, "%s关键词：%s", out->len ? "　" : "", jstr(it, "keywords"));
}

static const struct {
    const char *key, *heading;
} sections[] = {
    {"summary", "【基本案情】"},
    {"practice", "【检察履职情况】"},
    {"significance", "【典型意义】"},
};

static const char *const cn_numbers[] = {"一", "二", "三", "四", "五",
                                         "六", "七", "八", "九", "十"};

static void case_number(strbuf *out, size_t i)
{
    /* 案例一 … 案例九十九, then digits */
    size_t n = i + 1;
    strbuf_adds(out, "案例");
    if (n <= 10)
        strbuf_adds(out, cn_numbers[n - 1]);
    else if (n < 20)
        strbuf_addf(out, "十%s", cn_numbers[n - 11]);
    else if (n < 100)
        strbuf_addf(out, "%s十%s", cn_numbers[n / 10 - 1], n % 10 ? cn_numbers[n % 10 - 1] : "");
    else
        strbuf_addf(out, "%zu", n);
}

void library_booklet_html(json_t *items, const char *title, strbuf *out)
{
    title = title && *title ? title : "典型案例汇编";
    strbuf_adds(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>");
    strbuf_add_html(out, title);
    strbuf_adds(
        out,
        "</title><style>"
        "@page{size:A4;margin:30mm 26mm 30mm 28mm}"
        "body{font-family:'FangSong','仿宋_GB2312','仿宋',serif;font-size:16pt;line-height:28pt;"
        "max-width:156mm;margin:2em auto;color:#000}"
        "h1{text-align:center;font-family:'STZhongsong','方正小标宋简体','SimSun',serif;"
        "font-size:26pt;font-weight:normal;letter-spacing:4pt;margin:40pt 0 20pt}"
        "h2{text-align:center;font-family:'SimHei','黑体',sans-serif;font-size:18pt;"
        "font-weight:normal;margin:0 0 6pt}"
        "h3{font-family:'SimHei','黑体',sans-serif;font-size:16pt;font-weight:normal;margin:12pt 0 "
        "0}"
        ".no{text-align:center;margin:0}.tags{font-size:12pt;line-height:20pt;color:#333;"
        "text-align:center;margin:0 0 12pt}p.b{text-indent:2em;margin:0;text-align:justify}"
        "ol.toc{font-size:14pt;line-height:24pt}"
        "section.case{page-break-before:always;break-before:page}"
        "</style></head><body>\n<h1>");
    strbuf_add_html(out, title);
    strbuf_addf(out, "</h1>\n<p class=\"no\">共 %zu 件</p>\n<ol class=\"toc\">\n",
                json_array_size(items));
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
    {
        strbuf_adds(out, "<li>");
        strbuf_add_html(out, jstr(it, "title"));
        strbuf_adds(out, "</li>\n");
    }
    strbuf_adds(out, "</ol>\n");
    json_array_foreach(items, i, it)
    {
        strbuf num, tags;
        strbuf_init(&num, 0);
        case_number(&num, i);
        tags_line(it, &tags);
        strbuf_addf(out, "<section class=\"case\" id=\"tc-%lld\">\n<p class=\"no\">",
                    (long long)json_integer_value(json_object_get(it, "tc_id")));
        strbuf_add_html(out, num.buf);
        strbuf_adds(out, "</p>\n<h2>");
        strbuf_add_html(out, jstr(it, "title"));
        strbuf_adds(out, "</h2>\n<p class=\"tags\">");
        strbuf_add_html(out, tags.buf);
        strbuf_adds(out, "</p>\n");
        for (size_t k = 0; k < sizeof sections / sizeof sections[0]; k++) {
            strbuf_addf(out, "<h3>%s</h3>\n", sections[k].heading);
            document_html_paras(out, jstr(it, sections[k].key));
        }
        strbuf_adds(out, "</section>\n");
        strbuf_release(&num);
        strbuf_release(&tags);
    }
    strbuf_adds(out, "</body></html>\n");
}

int library_booklet_docx(json_t *items, const char *title, unsigned char **data, size_t *len)
{
    title = title && *title ? title : "典型案例汇编";
    strbuf x;
    strbuf_init(&x, 4096);
    docx_text(&x, DOCX_TITLE, title);
    char count[32];
    snprintf(count, sizeof count, "共 %zu 件", json_array_size(items));
    docx_text(&x, DOCX_HEADING, count);
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
    {
        strbuf line;
        strbuf_init(&line, 0);
        strbuf_addf(&line, "%zu. %s", i + 1, jstr(it, "title"));
        docx_text(&x, DOCX_LEFT, line.buf);
        strbuf_release(&line);
    }
    json_array_foreach(items, i, it)
    {
        strbuf num, tags;
        strbuf_init(&num, 0);
        case_number(&num, i);
        tags_line(it, &tags);
        docx_page_break(&x);
        docx_text(&x, DOCX_HEADING, num.buf);
        docx_text(&x, DOCX_TITLE, jstr(it, "title"));
        docx_text(&x, DOCX_LEFT, tags.buf);
        for (size_t k = 0; k < sizeof sections / sizeof sections[0]; k++) {
            docx_text(&x, DOCX_LEFT, sections[k].heading);
            docx_paras(&x, DOCX_BODY, jstr(it, sections[k].key));
        }
        strbuf_release(&num);
        strbuf_release(&tags);
    }
    int rc = docx_package(x.buf, x.len, data, len);
    strbuf_release(&x);
    return rc;
}
