/*
 * procuratorates.c — procuratorates, their accounts and the numbers of their documents
 * (see procuratorates.h, docs/documents.md).
 */
#include "cases/procuratorates.h"
#include "store/stmt.h"
#include "store/store.h"
#include "util/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name, *label;
} levels[] = {
    [PROC_SUPREME] = {"supreme", "最高"},
    [PROC_PROVINCIAL] = {"provincial", "省级"},
    [PROC_MUNICIPAL] = {"municipal", "市级"},
    [PROC_BASIC] = {"basic", "基层"},
};

enum proc_level proc_level_parse(const char *s)
{
    for (int i = 0; s && i < PROC_LEVEL_NONE; i++)
        if (!strcmp(levels[i].name, s))
            return (enum proc_level)i;
    return PROC_LEVEL_NONE;
}

const char *proc_level_name(enum proc_level l)
{
    return l < PROC_LEVEL_NONE ? levels[l].name : "";
}

const char *proc_level_label(enum proc_level l)
{
    return l < PROC_LEVEL_NONE ? levels[l].label : "";
}

static bool region_ok(const char *r)
{
    if (!r || strlen(r) != 6)
        return false;
    for (int i = 0; i < 6; i++)
        if (!isdigit((unsigned char)r[i]))
            return false;
    return true;
}

enum proc_level proc_level_of_region(const char *r)
{
    if (!region_ok(r))
        return PROC_LEVEL_NONE;
    if (!strcmp(r + 2, "0000"))
        return PROC_PROVINCIAL;
    if (!strcmp(r + 4, "00"))
        return PROC_MUNICIPAL;
    return PROC_BASIC;
}

enum proc_level proc_court_level(const char *court_name, const char *region_code)
{
    if (court_name && strstr(court_name, "最高人民法院"))
        return PROC_SUPREME;
    if (court_name && strstr(court_name, "高级人民法院"))
        return PROC_PROVINCIAL;
    if (court_name && strstr(court_name, "中级人民法院"))
        return PROC_MUNICIPAL;
    return proc_level_of_region(region_code);
}

static int check_fields(const zj_procuratorate *p, zj_diag *d)
{
    if (!p->name[0]) {
        zj_diag_set(d, "name", "a procuratorate needs its full name");
        return ZJ_EINVAL;
    }
    if (!p->short_name[0]) {
        zj_diag_set(d, "short_name", "a procuratorate needs its short name (e.g. 宁玄检)");
        return ZJ_EINVAL;
    }
    if (p->level >= PROC_LEVEL_NONE) {
        zj_diag_set(d, "level", "level must be supreme, provincial, municipal or basic");
        return ZJ_EINVAL;
    }
    if (!region_ok(p->region_code)) {
        zj_diag_set(d, "region_code", "invalid region code '%s' (6 digits)", p->region_code);
        return ZJ_EINVAL;
    }
    if (p->reply_days < 1 || p->reply_days > 90) {
        zj_diag_set(d, "reply_days", "reply_days must be 1..90");
        return ZJ_EINVAL;
    }
    return 0;
}

static bool proc_exists(sqlite3 *db, const char *id)
{
    sqlite3_stmt *st = store_stmt(db, "SELECT 1 FROM procuratorates WHERE procuratorate_id = ?");
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    bool found = sqlite3_step(st) == SQLITE_ROW;
    store_stmt_done(st);
    return found;
}

/* Bind id and the fields of p to ?1 … ?7 (the columns of PROC_COLUMNS). */
static void bind_fields(sqlite3_stmt *st, const char *id, const zj_procuratorate *p)
{
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, p->name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, p->short_name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, proc_level_name(p->level), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, p->region_code, -1, SQLITE_TRANSIENT);
    store_bind_text_or_null(st, 6, p->parent_id[0] ? p->parent_id : NULL);
    sqlite3_bind_int(st, 7, p->reply_days);
}

int proc_add(sqlite3 *db, const zj_procuratorate *in, zj_diag *d)
{
    zj_procuratorate p = *in;
    if (!p.reply_days)
        p.reply_days = PROCURATORATE_REPLY_DAYS;
    if (!text_is_plain_name(p.id)) {
        zj_diag_set(d, "procuratorate_id", "invalid id '%s' (letters, digits, _ . -)", p.id);
        return ZJ_EINVAL;
    }
    int rc = check_fields(&p, d);
    if (rc)
        return rc;
    if (p.parent_id[0] && !proc_exists(db, p.parent_id)) {
        zj_diag_set(d, "parent_id", "no procuratorate '%s'", p.parent_id);
        return ZJ_EINVAL;
    }
    if (proc_exists(db, p.id)) {
        zj_diag_set(d, "procuratorate_id", "procuratorate '%s' exists", p.id);
        return ZJ_EEXIST;
    }
    char now[21];
    sqlite3_stmt *st = store_stmt(
        db, "INSERT INTO procuratorates(procuratorate_id, name, short_name, level, region_code,"
            " parent_id, reply_days, created_at) VALUES (?,?,?,?,?,?,?,?)");
    if (!st)
        return ZJ_EDB;
    bind_fields(st, p.id, &p);
    sqlite3_bind_text(st, 8, store_now(now), -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : ZJ_EDB;
    store_stmt_done(st);
    return rc;
}

static void row_to_proc(sqlite3_stmt *st, zj_procuratorate *p)
{
    memset(p, 0, sizeof *p);
    snprintf(p->id, sizeof p->id, "%s", store_col(st, 0));
    snprintf(p->name, sizeof p->name, "%s", store_col(st, 1));
    snprintf(p->short_name, sizeof p->short_name, "%s", store_col(st, 2));
    p->level = proc_level_parse(store_col(st, 3));
    snprintf(p->region_code, sizeof p->region_code, "%s", store_col(st, 4));
    snprintf(p->parent_id, sizeof p->parent_id, "%s", store_col(st, 5));
    p->reply_days = sqlite3_column_int(st, 6);
}

#define PROC_COLUMNS "procuratorate_id, name, short_name, level, region_code, parent_id, reply_days"

/* Step st: its row into out and 0, ZJ_ENOTFOUND or ZJ_EDB; the statement is done. */
static int step_proc(sqlite3_stmt *st, zj_procuratorate *out)
{
    int r = sqlite3_step(st), rc = ZJ_ENOTFOUND;
    if (r == SQLITE_ROW) {
        row_to_proc(st, out);
        rc = 0;
    } else if (r != SQLITE_DONE) {
        rc = ZJ_EDB;
    }
    store_stmt_done(st);
    return rc;
}

int proc_get(sqlite3 *db, const char *id, zj_procuratorate *out)
{
    sqlite3_stmt *st = store_stmt(db, "SELECT " PROC_COLUMNS " FROM procuratorates"
                                      " WHERE procuratorate_id = ?");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, id ? id : "", -1, SQLITE_TRANSIENT);
    return step_proc(st, out);
}

int proc_update(sqlite3 *db, const char *id, json_t *in, zj_diag *d)
{
    zj_procuratorate p;
    int rc = proc_get(db, id, &p);
    if (rc)
        return rc;
    const char *key;
    json_t *v;
    json_object_foreach(in, key, v)
    {
        const char *s = json_string_value(v);
        if (!strcmp(key, "reply_days")) {
            if (!json_is_integer(v)) {
                zj_diag_set(d, "reply_days", "reply_days must be a number of days");
                return ZJ_EINVAL;
            }
            json_int_t n = json_integer_value(v);
            p.reply_days = n < 1 || n > 90 ? 0 : (int)n;
            continue;
        }
        if (!s) {
            zj_diag_set(d, key, "'%s' must be a text", key);
            return ZJ_EINVAL;
        }
        if (!strcmp(key, "name"))
            snprintf(p.name, sizeof p.name, "%s", s);
        else if (!strcmp(key, "short_name"))
            snprintf(p.short_name, sizeof p.short_name, "%s", s);
        else if (!strcmp(key, "level"))
            p.level = proc_level_parse(s);
        else if (!strcmp(key, "region_code"))
            snprintf(p.region_code, sizeof p.region_code, "%.7s", s);
        else if (!strcmp(key, "parent_id")) {
            if (*s && (!strcmp(s, id) || !proc_exists(db, s))) {
                zj_diag_set(d, "parent_id", "invalid parent '%s'", s);
                return ZJ_EINVAL;
            }
            snprintf(p.parent_id, sizeof p.parent_id, "%s", s);
        } else {
            zj_diag_set(d, key, "unknown procuratorate field '%s'", key);
            return ZJ_EINVAL;
        }
    }
    if ((rc = check_fields(&p, d)) != 0)
        return rc;
    sqlite3_stmt *st = store_stmt(db, "UPDATE procuratorates SET name = ?2, short_name = ?3,"
                                      " level = ?4, region_code = ?5, parent_id = ?6,"
                                      " reply_days = ?7 WHERE procuratorate_id = ?1");
    if (!st)
        return ZJ_EDB;
    bind_fields(st, id, &p);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : ZJ_EDB;
    store_stmt_done(st);
    return rc;
}

json_t *proc_list(sqlite3 *db)
{
    json_t *a = json_array();
    sqlite3_stmt *st = store_stmt(
        db, "SELECT " PROC_COLUMNS ", (SELECT count(*) FROM accounts a WHERE a.procuratorate_id ="
            " p.procuratorate_id) FROM procuratorates p ORDER BY region_code, procuratorate_id");
    if (!st)
        return a;
    while (sqlite3_step(st) == SQLITE_ROW) {
        zj_procuratorate p;
        row_to_proc(st, &p);
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:i, s:i}",
                                           "procuratorate_id", p.id, "name", p.name, "short_name",
                                           p.short_name, "level", proc_level_name(p.level),
                                           "level_label", proc_level_label(p.level), "region_code",
                                           p.region_code, "parent_id",
                                           p.parent_id[0] ? p.parent_id : NULL, "reply_days",
                                           p.reply_days, "accounts", sqlite3_column_int(st, 7)));
    }
    store_stmt_done(st);
    return a;
}

int proc_assign_account(sqlite3 *db, const char *account, const char *proc_id)
{
    if (proc_id && !proc_exists(db, proc_id))
        return ZJ_ENOTFOUND;
    sqlite3_stmt *st = store_stmt(db, "UPDATE accounts SET procuratorate_id = ?2"
                                      " WHERE name = ?1 COLLATE NOCASE");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, account ? account : "", -1, SQLITE_TRANSIENT);
    store_bind_text_or_null(st, 2, proc_id);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : ZJ_EDB;
    store_stmt_done(st);
    if (rc == 0 && sqlite3_changes(db) == 0)
        rc = ZJ_ENOTFOUND;
    return rc;
}

/* ---- seeding from the facilities feed ---- */

static const char *const province_abbr[][2] = {
    {"11", "京"}, {"12", "津"}, {"13", "冀"}, {"14", "晋"}, {"15", "蒙"}, {"21", "辽"},
    {"22", "吉"}, {"23", "黑"}, {"31", "沪"}, {"32", "苏"}, {"33", "浙"}, {"34", "皖"},
    {"35", "闽"}, {"36", "赣"}, {"37", "鲁"}, {"41", "豫"}, {"42", "鄂"}, {"43", "湘"},
    {"44", "粤"}, {"45", "桂"}, {"46", "琼"}, {"50", "渝"}, {"51", "川"}, {"52", "黔"},
    {"53", "滇"}, {"54", "藏"}, {"61", "陕"}, {"62", "甘"}, {"63", "青"}, {"64", "宁"},
    {"65", "新"}, {"71", "台"}, {"81", "港"}, {"82", "澳"},
};

static const char *abbr_of_province(const char *region)
{
    for (size_t i = 0; i < sizeof province_abbr / sizeof province_abbr[0]; i++)
        if (!strncmp(province_abbr[i][0], region, 2))
            return province_abbr[i][1];
    return "";
}

/* Length in bytes of the UTF-8 character at s (1 for anything malformed). */
static size_t utf8_char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    for (size_t i = 1; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            return 1;
    return n;
}

/* The name without the suffix 人民检察院 (the place: 江苏省, 南京市玄武区). */
static void place_of(const char *name, char *out, size_t n)
{
    static const char suffix[] = "人民检察院";
    size_t len = strlen(name), sl = sizeof suffix - 1;
    if (len >= sl && !strcmp(name + len - sl, suffix))
        len -= sl;
    snprintf(out, n, "%.*s", (int)len, name);
}

/* The first character of text after skipping prefix when text starts with it. */
static void first_char_after(const char *text, const char *prefix, char *out, size_t n)
{
    size_t pl = strlen(prefix);
    if (pl && !strncmp(text, prefix, pl))
        text += pl;
    snprintf(out, n, "%.*s", *text ? (int)utf8_char_len(text) : 0, text);
}

/* Name (place) of the procuratorate facility at region code r, "" when none. */
static void facility_place(sqlite3 *db, const char *r, char *out, size_t n)
{
    out[0] = 0;
    sqlite3_stmt *st = store_stmt(db, "SELECT name FROM facilities WHERE kind = 'procuratorate'"
                                      " AND region_code = ? ORDER BY facility_id LIMIT 1");
    if (!st)
        return;
    sqlite3_bind_text(st, 1, r, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW)
        place_of(store_col(st, 0), out, n);
    store_stmt_done(st);
}

int proc_seed_from_facilities(sqlite3 *db)
{
    sqlite3_stmt *st = store_stmt(
        db, "SELECT facility_id, name, region_code FROM facilities f WHERE kind = 'procuratorate'"
            " AND NOT EXISTS (SELECT 1 FROM procuratorates p WHERE p.procuratorate_id ="
            " f.facility_id) ORDER BY region_code, facility_id");
    if (!st)
        return ZJ_EDB;
    json_t *rows = json_array();
    while (sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(
            rows, json_pack("[s,s,s]", store_col(st, 0), store_col(st, 1), store_col(st, 2)));
    store_stmt_done(st);
    if (store_begin(db) != 0) {
        json_decref(rows);
        return ZJ_EDB;
    }
    int rc = 0, made = 0;
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        const char *id = json_string_value(json_array_get(row, 0));
        const char *name = json_string_value(json_array_get(row, 1));
        const char *region = json_string_value(json_array_get(row, 2));
        zj_procuratorate p = {0};
        snprintf(p.id, sizeof p.id, "%s", id);
        snprintf(p.region_code, sizeof p.region_code, "%.6s", region);
        p.level = proc_level_of_region(p.region_code);
        p.reply_days = PROCURATORATE_REPLY_DAYS;
        if (!text_is_plain_name(p.id) || p.level == PROC_LEVEL_NONE)
            continue;
        char prov_r[8], city_r[8], prov[96], city[96], place[160];
        snprintf(prov_r, sizeof prov_r, "%.2s0000", region);
        snprintf(city_r, sizeof city_r, "%.4s00", region);
        facility_place(db, prov_r, prov, sizeof prov);
        facility_place(db, city_r, city, sizeof city);
        place_of(name, place, sizeof place);
        /* 江苏省 + 南京市玄武区人民检察院, unless the name already starts with the province */
        if (p.level != PROC_PROVINCIAL && prov[0] && strncmp(name, prov, strlen(prov)))
            snprintf(p.name, sizeof p.name, "%s%s", prov, name);
        else
            snprintf(p.name, sizeof p.name, "%s", name);
        const char *abbr = abbr_of_province(region);
        char c1[8], c2[8];
        if (p.level == PROC_PROVINCIAL) {
            snprintf(p.short_name, sizeof p.short_name, "%s检", abbr);
        } else if (p.level == PROC_MUNICIPAL) {
            first_char_after(place, prov, c1, sizeof c1);
            snprintf(p.short_name, sizeof p.short_name, "%s%s检", abbr, c1);
        } else {
            /* the city's first character and the county's (after the city's name) */
            const char *city_place = city[0] ? city : prov;
            char rest[160];
            snprintf(rest, sizeof rest, "%s", place);
            first_char_after(rest, city_place, c2, sizeof c2);
            first_char_after(city[0] ? city : place, prov, c1, sizeof c1);
            snprintf(p.short_name, sizeof p.short_name, "%s%s检", c1, c2);
        }
        if (!p.short_name[0] || !strcmp(p.short_name, "检"))
            snprintf(p.short_name, sizeof p.short_name, "%s检", abbr);
        zj_diag d = {0};
        if ((rc = proc_add(db, &p, &d)) != 0)
            break;
        made++;
    }
    json_decref(rows);
    /* parents: the city's procuratorate, else the province's */
    if (rc == 0)
        rc = store_exec(
            db,
            "UPDATE procuratorates AS p SET parent_id = coalesce("
            " (SELECT q.procuratorate_id FROM procuratorates q WHERE q.level = 'municipal'"
            "  AND p.level = 'basic' AND q.region_code = substr(p.region_code, 1, 4) || '00'"
            "  ORDER BY q.procuratorate_id LIMIT 1),"
            " (SELECT q.procuratorate_id FROM procuratorates q WHERE q.level = 'provincial'"
            "  AND p.level IN ('basic', 'municipal')"
            "  AND q.region_code = substr(p.region_code, 1, 2) || '0000'"
            "  ORDER BY q.procuratorate_id LIMIT 1))"
            " WHERE p.parent_id IS NULL AND p.level IN ('basic', 'municipal')",
            NULL);
    if (rc == 0 && store_commit(db) != 0)
        rc = ZJ_EDB;
    if (rc != 0) {
        store_rollback(db);
        return rc;
    }
    return made;
}

int proc_for_document(sqlite3 *db, const char *actor, const char *region_code,
                      zj_procuratorate *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->name, sizeof out->name, "人民检察院");
    out->level = PROC_LEVEL_NONE;
    out->reply_days = PROCURATORATE_REPLY_DAYS;
    sqlite3_stmt *st = store_stmt(
        db, "SELECT " PROC_COLUMNS " FROM procuratorates WHERE procuratorate_id ="
            " (SELECT procuratorate_id FROM accounts WHERE name = ?1 COLLATE NOCASE)"
            " UNION ALL SELECT * FROM (SELECT " PROC_COLUMNS " FROM procuratorates"
            " WHERE region_code IN (?2, substr(?2, 1, 4) || '00', substr(?2, 1, 2) || '0000')"
            " ORDER BY region_code = ?2 DESC, region_code = substr(?2, 1, 4) || '00' DESC,"
            " procuratorate_id) LIMIT 1");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, actor ? actor : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, region_code ? region_code : "", -1, SQLITE_TRANSIENT);
    return step_proc(st, out);
}

int proc_number_take(sqlite3 *db, const char *id, int year, const char *kind, long *seq)
{
    sqlite3_stmt *st = store_stmt(
        db, "INSERT INTO document_numbers(procuratorate_id, year, kind, last) VALUES (?,?,?,1)"
            " ON CONFLICT(procuratorate_id, year, kind) DO UPDATE SET last = last + 1"
            " RETURNING last");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, id ? id : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, year);
    sqlite3_bind_text(st, 3, kind, -1, SQLITE_TRANSIENT);
    int rc = ZJ_EDB;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *seq = (long)sqlite3_column_int64(st, 0);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : ZJ_EDB;
    }
    store_stmt_done(st);
    return rc;
}

void proc_number_format(const zj_procuratorate *p, const char *kind, int year, long seq, char *buf,
                        size_t n)
{
    const char *sn = p && p->short_name[0] ? p->short_name : "检";
    if (seq > 0)
        snprintf(buf, n, "%s刑执%s〔%d〕%ld号", sn, kind, year, seq);
    else
        snprintf(buf, n, "%s刑执%s〔%d〕　号", sn, kind, year);
}

bool proc_same_level_as_court(const zj_procuratorate *p, const char *court_name,
                              const char *court_region, char *reason, size_t n)
{
    enum proc_level cl = proc_court_level(court_name, court_region);
    static const char *const wanted[] = {
        [PROC_SUPREME] = "最高人民检察院",
        [PROC_PROVINCIAL] = "省级人民检察院",
        [PROC_MUNICIPAL] = "市级人民检察院（分院）",
        [PROC_BASIC] = "基层人民检察院",
    };
    static const int digits[] = {
        [PROC_SUPREME] = 0, [PROC_PROVINCIAL] = 2, [PROC_MUNICIPAL] = 4, [PROC_BASIC] = 6};
    const char *court = court_name && *court_name ? court_name : "作出裁定的人民法院";
    if (cl == PROC_LEVEL_NONE) {
        snprintf(reason, n, "无法确定%s的审级，不能核对是否由同级人民检察院提出纠正意见", court);
        return false;
    }
    if (p->level == PROC_LEVEL_NONE) {
        snprintf(reason, n,
                 "发文检察院未设定；减刑、假释裁定的纠正意见应当由与%s同级的%s"
                 "书面提出（《人民检察院刑事诉讼规则》第六百四十一条）",
                 court, wanted[cl]);
        return false;
    }
    bool region_match = court_region && strlen(court_region) >= (size_t)digits[cl] &&
                        !strncmp(p->region_code, court_region, (size_t)digits[cl]);
    if (p->level == cl && region_match)
        return true;
    if (p->level != cl)
        snprintf(reason, n,
                 "减刑、假释裁定的纠正意见应当由与%s同级的%s书面提出，%s为%s"
                 "人民检察院，不能提出；下级人民检察院发现裁定不当的，应当向作出裁定的"
                 "人民法院的同级人民检察院报告（《人民检察院刑事诉讼规则》第六百四十一条）",
                 court, wanted[cl], p->name, proc_level_label(p->level));
    else
        snprintf(reason, n,
                 "减刑、假释裁定的纠正意见应当由与%s同级、同一辖区的人民检察院书面"
                 "提出，%s不在该院辖区（《人民检察院刑事诉讼规则》第六百四十一条）",
                 court, p->name);
    return false;
}
