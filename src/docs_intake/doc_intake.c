/*
 * doc_intake.c — the review queue of court documents (see doc_intake.h).
 *
 * Confirmation writes the document's rows as feed files (persons.csv, judgments.csv,
 * sentence_changes.csv, in the columns of feeds.md plus source_document, which the
 * importer keeps in `extra`) into a private temporary directory and loads them with
 * ingest_dir under strict: every validation rule applies, and any refusal leaves the
 * database as it was and the document pending.
 */
#include "docs_intake/doc_intake.h"
#include "cases/audit.h"
#include "cases/sealed.h"
#include "docs_intake/doc_extract.h"
#include "ingest/ingest.h"
#include "ingest/reason_zh.h"
#include "sources/facility.h"
#include "store/store.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DOC_SCOPE_SQL "(" SCOPE_SQL("d.facility_id", "d.region_code") " OR d.uploaded_by = ?3)"

static void mask_id(char *s)
{
    size_t n = strlen(s);
    if (n == 18)
        memset(s + 6, '*', 8);
}

/* ---------- queueing ---------- */

/* The facility of kind in kinds (NULL: any) named name (sources/facility.h): id and
 * region; -1 when none or not one. */
static int facility_by_name(sqlite3 *db, const char *name, const char *kinds, char id[64],
                            char region[16])
{
    return sources_facility_find(db, name, kinds, id, region) == 0 ? 0 : -1;
}

#define HELD_KINDS ",prison,juvenile_prison,detention_center,community_corrections,"
#define DECIDER_KINDS ",court,prison_admin,police,"

int doc_intake_add(sqlite3 *db, const unsigned char *data, size_t len, const char *file,
                   const struct doc_actor *a, long *doc_id, int *existed, struct doc_err *e)
{
    *existed = 0;
    unsigned char hash[crypto_hash_sha256_BYTES];
    char hex[65];
    crypto_hash_sha256(hash, data, len);
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    sqlite3_stmt *st = store_prepare(db, "SELECT doc_id FROM doc_intake WHERE sha256 = ?");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        *doc_id = sqlite3_column_int64(st, 0);
        *existed = 1;
        sqlite3_finalize(st);
        return 0;
    }
    sqlite3_finalize(st);
    char *text;
    size_t tlen;
    enum doc_format fmt;
    const char *enc;
    if (doc_text(data, len, &text, &tlen, &fmt, &enc, e) != 0)
        return ZJ_EINVAL;
    json_t *x = doc_extract(text, tlen, file);
    /* the facility it concerns: where the first person is held, else the issuer */
    char fid[64] = "", region[16] = "";
    json_t *p0 = json_array_get(json_object_get(x, "persons"), 0);
    if (facility_by_name(db, json_string_value(json_object_get(p0, "facility")), HELD_KINDS, fid,
                         region) != 0 &&
        facility_by_name(db, json_string_value(json_object_get(x, "court")), DECIDER_KINDS, fid,
                         region) != 0)
        fid[0] = region[0] = '\0';
    char *xs = json_dumps(x, JSON_COMPACT | JSON_PRESERVE_ORDER);
    char now[21];
    st = store_prepare(db,
                       "INSERT INTO doc_intake(file, format, encoding, sha256, size, content, text,"
                       " kind, case_no, extracted, facility_id, region_code, uploaded_by,"
                       " uploaded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    int rc = ZJ_EDB;
    if (st) {
        sqlite3_bind_text(st, 1, file, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, doc_format_name(fmt), -1, SQLITE_STATIC);
        store_bind_text_or_null(st, 3, enc);
        sqlite3_bind_text(st, 4, hex, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 5, (sqlite3_int64)len);
        sqlite3_bind_blob64(st, 6, data, len, SQLITE_STATIC);
        sqlite3_bind_text(st, 7, text, (int)tlen, SQLITE_STATIC);
        store_bind_text_or_null(st, 8, json_string_value(json_object_get(x, "kind")));
        store_bind_text_or_null(st, 9, json_string_value(json_object_get(x, "case_no")));
        sqlite3_bind_text(st, 10, xs, -1, SQLITE_STATIC);
        store_bind_text_or_null(st, 11, fid);
        store_bind_text_or_null(st, 12, region);
        sqlite3_bind_text(st, 13, a->name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 14, store_now(now), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_DONE) {
            *doc_id = sqlite3_last_insert_rowid(db);
            rc = 0;
        }
        sqlite3_finalize(st);
    }
    free(xs);
    free(text);
    json_decref(x);
    return rc;
}

/* ---------- reading ---------- */

#define LIST_COLS                                                                                  \
    "d.doc_id, d.file, d.format, d.kind, d.case_no, d.status, d.uploaded_by, d.uploaded_at,"       \
    " d.reviewed_by, d.reviewed_at, d.extracted, d.note, d.facility_id"

static json_t *str_or_null(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? json_string((const char *)s) : json_null();
}

static json_t *row_summary(sqlite3_stmt *st)
{
    json_t *x = json_loads((const char *)sqlite3_column_text(st, 10), 0, NULL);
    json_t *names = json_array(), *low = json_array();
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(x, "persons"), i, p)
        json_array_append(names, json_object_get(p, "name"));
    const char *k;
    json_t *c;
    json_object_foreach(json_object_get(x, "confidence"), k, c)
    {
        if (json_number_value(c) < 0.9)
            json_array_append_new(low, json_string(k));
    }
    json_t *o = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
                          "doc_id", (json_int_t)sqlite3_column_int64(st, 0), "file",
                          str_or_null(st, 1), "format", str_or_null(st, 2), "kind",
                          str_or_null(st, 3), "case_no", str_or_null(st, 4), "status",
                          str_or_null(st, 5), "uploaded_by", str_or_null(st, 6), "uploaded_at",
                          str_or_null(st, 7), "reviewed_by", str_or_null(st, 8), "reviewed_at",
                          str_or_null(st, 9), "note", str_or_null(st, 11), "facility_id",
                          str_or_null(st, 12), "persons", names, "low_confidence", low);
    json_decref(x);
    return o;
}

static void bind_actor(sqlite3_stmt *st, const struct doc_actor *a)
{
    scope_bind(st, a->scope);
    sqlite3_bind_text(st, 3, a->name, -1, SQLITE_TRANSIENT);
}

/* The statement sql on one document in a's scope: ?1-?3 the actor, ?4 doc_id; NULL on error. */
static sqlite3_stmt *doc_stmt(sqlite3 *db, const char *sql, const struct doc_actor *a, long doc_id)
{
    sqlite3_stmt *st = store_prepare(db, sql);
    if (st) {
        bind_actor(st, a);
        sqlite3_bind_int64(st, 4, doc_id);
    }
    return st;
}

json_t *doc_intake_list(sqlite3 *db, const struct doc_actor *a, const char *status)
{
    json_t *out = json_array();
    sqlite3_stmt *st =
        store_prepare(db, "SELECT " LIST_COLS " FROM doc_intake d WHERE " DOC_SCOPE_SQL
                          " AND (?4 IS NULL OR d.status = ?4) ORDER BY d.doc_id DESC");
    if (!st)
        return out;
    bind_actor(st, a);
    store_bind_text_or_null(st, 4, status);
    while (sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(out, row_summary(st));
    sqlite3_finalize(st);
    return out;
}

/* Candidates for one extracted person: by id number, else by name and birth date. */
static json_t *candidates(sqlite3 *db, json_t *p, bool mask)
{
    json_t *out = json_array();
    const char *idn = json_string_value(json_object_get(p, "id_number"));
    const char *name = json_string_value(json_object_get(p, "name"));
    const char *birth = json_string_value(json_object_get(p, "birth_date"));
    sqlite3_stmt *st = store_prepare(
        db, "SELECT person_id, name, birth_date, id_number, 'id_number' FROM persons"
            " WHERE ?1 IS NOT NULL AND id_number = ?1"
            " UNION ALL SELECT person_id, name, birth_date, id_number, 'name_birth' FROM persons"
            " WHERE name = ?2 AND birth_date = ?3 AND (?1 IS NULL OR id_number IS NULL OR"
            " id_number <> ?1) ORDER BY 5, 1 LIMIT 20");
    if (!st)
        return out;
    store_bind_text_or_null(st, 1, idn);
    store_bind_text_or_null(st, 2, name);
    store_bind_text_or_null(st, 3, birth);
    while (sqlite3_step(st) == SQLITE_ROW) {
        char id[32] = "";
        if (sqlite3_column_text(st, 3))
            snprintf(id, sizeof id, "%s", (const char *)sqlite3_column_text(st, 3));
        if (mask)
            mask_id(id);
        json_array_append_new(out, json_pack("{s:o, s:o, s:o, s:s, s:o}", "person_id",
                                             str_or_null(st, 0), "name", str_or_null(st, 1),
                                             "birth_date", str_or_null(st, 2), "id_number", id,
                                             "match", str_or_null(st, 4)));
    }
    sqlite3_finalize(st);
    return out;
}

static json_t *rows_of(sqlite3 *db, long doc_id)
{
    json_t *out = json_array();
    sqlite3_stmt *st = store_prepare(db, "SELECT person_index, feed, record_key, written FROM"
                                         " doc_rows WHERE doc_id = ? ORDER BY 1, 2");
    if (!st)
        return out;
    sqlite3_bind_int64(st, 1, doc_id);
    while (sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(out, json_pack("{s:i, s:s, s:s, s:b}", "person_index",
                                             sqlite3_column_int(st, 0), "feed",
                                             (const char *)sqlite3_column_text(st, 1), "record_key",
                                             (const char *)sqlite3_column_text(st, 2), "written",
                                             sqlite3_column_int(st, 3)));
    sqlite3_finalize(st);
    return out;
}

/* Mask the id numbers of the persons of an extracted or reviewed document. */
static void mask_persons(json_t *doc)
{
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(doc, "persons"), i, p)
    {
        const char *idn = json_string_value(json_object_get(p, "id_number"));
        if (idn) {
            char m[32];
            snprintf(m, sizeof m, "%s", idn);
            mask_id(m);
            json_object_set_new(p, "id_number", json_string(m));
        }
    }
}

int doc_intake_sealed_person(sqlite3 *db, long doc_id, const struct doc_actor *a, zj_date on,
                             char pid[64])
{
    pid[0] = 0;
    sqlite3_stmt *st = doc_stmt(db,
                                "SELECT coalesce(d.reviewed, d.extracted) FROM doc_intake d"
                                " WHERE d.doc_id = ?4 AND " DOC_SCOPE_SQL,
                                a, doc_id);
    if (!st)
        return ZJ_EDB;
    json_t *doc = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)
                      ? json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL)
                      : NULL;
    sqlite3_finalize(st);
    if (a->mask_ids)
        mask_persons(doc); /* the candidates doc_intake_get shows this actor */
    int rc = 0;
    size_t i, j;
    json_t *p, *c;
    json_array_foreach(json_object_get(doc, "persons"), i, p)
    {
        json_t *cands = candidates(db, p, a->mask_ids);
        json_array_foreach(cands, j, c)
        {
            const char *who = json_string_value(json_object_get(c, "person_id"));
            bool sealed = false;
            if (!who || pid[0] || rc)
                continue;
            if (sealed_check(db, who, on, &sealed) != 0)
                rc = ZJ_EDB;
            else if (sealed)
                snprintf(pid, 64, "%s", who);
        }
        json_decref(cands);
    }
    json_decref(doc);
    return rc;
}

json_t *doc_intake_get(sqlite3 *db, long doc_id, const struct doc_actor *a)
{
    sqlite3_stmt *st = doc_stmt(db,
                                "SELECT " LIST_COLS ", d.text, d.reviewed, d.corrections,"
                                " d.encoding, d.size FROM doc_intake d WHERE d.doc_id = ?4"
                                " AND " DOC_SCOPE_SQL,
                                a, doc_id);
    if (!st)
        return NULL;
    json_t *o = NULL;
    if (sqlite3_step(st) == SQLITE_ROW) {
        o = row_summary(st);
        json_t *x = json_loads((const char *)sqlite3_column_text(st, 10), 0, NULL);
        json_object_set_new(o, "text", str_or_null(st, 13));
        json_object_set_new(o, "encoding", str_or_null(st, 16));
        json_object_set_new(o, "size", json_integer(sqlite3_column_int64(st, 17)));
        json_t *rv = sqlite3_column_text(st, 14)
                         ? json_loads((const char *)sqlite3_column_text(st, 14), 0, NULL)
                         : NULL;
        json_t *cor = sqlite3_column_text(st, 15)
                          ? json_loads((const char *)sqlite3_column_text(st, 15), 0, NULL)
                          : NULL;
        if (a->mask_ids) {
            mask_persons(x);
            mask_persons(rv);
            /* sources quote the id number too */
            const char *k;
            json_t *s;
            json_object_foreach(json_object_get(x, "sources"), k, s)
            {
                if (strstr(k, "id_number"))
                    json_object_set_new(json_object_get(x, "sources"), k,
                                        json_string("（身份证号已隐去）"));
            }
            json_object_set_new(o, "text",
                                json_string("（原文含身份证号，按权限不显示；请查看字段）"));
        }
        json_t *cands = json_array();
        size_t i;
        json_t *p;
        json_array_foreach(json_object_get(rv ? rv : x, "persons"), i, p)
            json_array_append_new(cands, candidates(db, p, a->mask_ids));
        json_object_set_new(o, "extracted", x);
        json_object_set_new(o, "reviewed", rv ? rv : json_null());
        json_object_set_new(o, "corrections", cor ? cor : json_null());
        json_object_set_new(o, "candidates", cands);
        json_object_set_new(o, "rows", rows_of(db, doc_id));
    }
    sqlite3_finalize(st);
    return o;
}

int doc_intake_content(sqlite3 *db, long doc_id, const struct doc_actor *a, unsigned char **data,
                       size_t *len, char file[256], char format[8])
{
    sqlite3_stmt *st = doc_stmt(db,
                                "SELECT d.content, d.file, d.format FROM doc_intake d"
                                " WHERE d.doc_id = ?4 AND " DOC_SCOPE_SQL,
                                a, doc_id);
    if (!st)
        return ZJ_EDB;
    int rc = ZJ_ENOTFOUND;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *len = (size_t)sqlite3_column_bytes(st, 0);
        *data = xmalloc(*len ? *len : 1);
        if (*len)
            memcpy(*data, sqlite3_column_blob(st, 0), *len);
        snprintf(file, 256, "%s", (const char *)sqlite3_column_text(st, 1));
        snprintf(format, 8, "%s", (const char *)sqlite3_column_text(st, 2));
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

json_t *doc_intake_for_person(sqlite3 *db, const char *person_id)
{
    json_t *out = json_array();
    sqlite3_stmt *st = store_prepare(
        db, "SELECT DISTINCT d.doc_id, d.file, d.kind, d.case_no, r.feed, r.record_key"
            " FROM doc_rows r JOIN doc_intake d ON d.doc_id = r.doc_id"
            " WHERE (r.feed = 'persons' AND r.record_key = ?1)"
            " OR (r.feed = 'judgments' AND r.record_key IN"
            "     (SELECT judgment_id FROM judgments WHERE person_id = ?1))"
            " OR (r.feed = 'sentence_changes' AND r.record_key IN"
            "     (SELECT change_id FROM sentence_changes WHERE person_id = ?1))"
            " ORDER BY d.doc_id");
    if (!st)
        return out;
    sqlite3_bind_text(st, 1, person_id, -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW)
        if (strcmp((const char *)sqlite3_column_text(st, 4), "persons") != 0)
            json_array_append_new(
                out, json_pack("{s:I, s:o, s:o, s:o, s:o, s:o}", "doc_id",
                               (json_int_t)sqlite3_column_int64(st, 0), "file", str_or_null(st, 1),
                               "kind", str_or_null(st, 2), "case_no", str_or_null(st, 3), "feed",
                               str_or_null(st, 4), "record_key", str_or_null(st, 5)));
    sqlite3_finalize(st);
    return out;
}

/* ---------- corrections ---------- */

static bool is_int_field(const char *k)
{
    static const char *const f[] = {
        "term_months",      "term_days",      "probation_months", "dpr_months",
        "reduction_months", "reduction_days", "new_term_months",  NULL};
    for (int i = 0; f[i]; i++)
        if (!strcmp(k, f[i]))
            return true;
    return false;
}

static bool is_bool_field(const char *k)
{
    return !strcmp(k, "dpr_life") || !strcmp(k, "recidivist");
}

/* A string value for field key as the JSON the document holds. */
static json_t *coerce(const char *key, json_t *v, zj_diag *d)
{
    if (!json_is_string(v))
        return v;
    const char *s = json_string_value(v);
    json_t *out = NULL;
    if (!*s) {
        out = json_null();
    } else if (is_int_field(key)) {
        char *end;
        long n = strtol(s, &end, 10);
        if (*end || n < 0 || n > 100000)
            zj_diag_set(d, key, "“%s”不是整数 (not a whole number)", s);
        else
            out = json_integer(n);
    } else if (is_bool_field(key)) {
        if (!strcmp(s, "1") || !strcmp(s, "true") || !strcmp(s, "是"))
            out = json_true();
        else if (!strcmp(s, "0") || !strcmp(s, "false") || !strcmp(s, "否"))
            out = json_false();
        else
            zj_diag_set(d, key, "“%s”应为是或否 (expected 1 or 0)", s);
    } else if (!strcmp(key, "charges")) {
        out = json_array();
        char *copy = xstrdup(s);
        for (char *p = copy; *p;) {
            size_t k = strcspn(p, ";；、");
            /* 、 and ； are 3 bytes; strcspn stops at their first byte */
            char save = p[k];
            p[k] = '\0';
            if (*p)
                json_array_append_new(out, json_string(p));
            if (!save)
                break;
            p += k;
            p[0] = save;
            if (*p == ';')
                p++;
            else if (!strncmp(p, "；", 3) || !strncmp(p, "、", 3))
                p += 3;
            else
                p++;
        }
        free(copy);
    } else {
        out = json_incref(v);
    }
    json_decref(v);
    return out;
}

int doc_json_set(json_t *doc, const char *path, json_t *v, zj_diag *d)
{
    char buf[160];
    if (strlen(path) >= sizeof buf) {
        json_decref(v);
        zj_diag_set(d, "path", "字段路径过长 (path too long)");
        return ZJ_EINVAL;
    }
    snprintf(buf, sizeof buf, "%s", path);
    json_t *cur = doc;
    char *save = NULL;
    char *tok = strtok_r(buf, ".", &save);
    while (tok) {
        char *next = strtok_r(NULL, ".", &save);
        char *br = strchr(tok, '[');
        if (br) {
            *br = '\0';
            char *end;
            long i = strtol(br + 1, &end, 10);
            json_t *arr = json_object_get(cur, tok);
            if (strcmp(tok, "persons") || *end != ']' || !json_is_array(arr) || i < 0 ||
                (size_t)i >= json_array_size(arr)) {
                json_decref(v);
                zj_diag_set(d, "path", "没有字段“%s” (no such field)", path);
                return ZJ_EINVAL;
            }
            cur = json_array_get(arr, (size_t)i);
        } else if (next) {
            if (strcmp(tok, "original") && strcmp(tok, "change")) {
                json_decref(v);
                zj_diag_set(d, "path", "没有字段“%s” (no such field)", path);
                return ZJ_EINVAL;
            }
            json_t *o = json_object_get(cur, tok);
            if (!o) {
                o = json_object();
                json_object_set_new(cur, tok, o);
            }
            cur = o;
        } else {
            if (!strcmp(tok, "sources") || !strcmp(tok, "confidence") || !strcmp(tok, "persons") ||
                !strcmp(tok, "original") || !strcmp(tok, "change")) {
                json_decref(v);
                zj_diag_set(d, "path", "字段“%s”不能修改 (not a field)", path);
                return ZJ_EINVAL;
            }
            zj_diag_set(d, "", "%s", "");
            json_t *c = coerce(tok, v, d);
            if (!c)
                return ZJ_EINVAL;
            if (json_is_null(c)) {
                json_object_del(cur, tok);
                json_decref(c);
            } else {
                json_object_set_new(cur, tok, c);
            }
            return 0;
        }
        tok = next;
    }
    json_decref(v);
    zj_diag_set(d, "path", "没有字段“%s” (no such field)", path);
    return ZJ_EINVAL;
}

/* ---------- confirming ---------- */

struct csvs {
    strbuf persons, judgments, changes;
    int np, nj, nc;
};

static void csv_row(strbuf *b, const char *const *vals, int n)
{
    for (int i = 0; i < n; i++) {
        if (i)
            strbuf_addch(b, ',');
        strbuf_add_csv_field(b, vals[i] ? vals[i] : "");
    }
    strbuf_addch(b, '\n');
}

static const char *jstr(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static const char *jnum(json_t *o, const char *k, char *buf)
{
    json_t *v = json_object_get(o, k);
    if (!json_is_integer(v))
        return NULL;
    snprintf(buf, 24, "%lld", (long long)json_integer_value(v));
    return buf;
}

static const char *jbool(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_true(v) ? "1" : json_is_false(v) ? "0" : NULL;
}

/* One value of a single-row query with one text parameter; out empty when none. */
static void query1(sqlite3 *db, const char *sql, const char *a1, const char *a2, char *out,
                   size_t cap)
{
    out[0] = '\0';
    sqlite3_stmt *st = store_prepare(db, sql);
    if (!st)
        return;
    store_bind_text_or_null(st, 1, a1);
    store_bind_text_or_null(st, 2, a2);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

struct link {
    int person_index;
    const char *feed;
    char key[80];
    int written;
};

static int need(zj_diag *d, int i, const char *path, const char *zh, const char *en)
{
    zj_diag_set(d, path, "第%d人：%s（请填写 persons[%d].%s） / person %d: %s (set persons[%d].%s)",
                i + 1, zh, i, path, i, en, i, path);
    return ZJ_EINVAL;
}

/* The judgments row of person pi from o (the document's "original"): a judgment's own
 * facts fall back on the document's (case number, court, dates); a ruling's original
 * judgment (fallback NULL) is written from what the ruling states of it plus what the
 * reviewer gave (offense and effective dates). */
static int judgment_row(sqlite3 *db, long doc_id, json_t *fallback, json_t *o, int pi,
                        const char *pid, const char *src, struct csvs *c, char *jid, size_t jidsz,
                        zj_diag *d)
{
    char b1[24], b2[24], b3[24], b4[24];
    const char *case_no = jstr(o, "case_no") ? jstr(o, "case_no") : jstr(fallback, "case_no");
    if (!case_no)
        return need(d, pi, "original.case_no", "缺少原判决案号", "case number missing");
    char court[64] = "", region[16];
    const char *court_id = jstr(o, "court_id");
    if (!court_id) {
        const char *cn = jstr(o, "court") ? jstr(o, "court") : jstr(fallback, "court");
        if (facility_by_name(db, cn, ",court,", court, region) != 0)
            return need(d, pi, "original.court_id", "法院不在机构表中，请填写法院编号",
                        "court not among the facilities: set its facility id");
        court_id = court;
    }
    json_t *charges = json_object_get(o, "charges");
    strbuf cb = STRBUF_INIT;
    strbuf_init(&cb, 64);
    size_t k;
    json_t *cv;
    json_array_foreach(charges, k, cv)
    {
        if (k)
            strbuf_addch(&cb, ';');
        strbuf_adds(&cb, json_string_value(cv) ? json_string_value(cv) : "");
    }
    const char *jdate =
        jstr(o, "judgment_date") ? jstr(o, "judgment_date") : jstr(fallback, "decision_date");
    const char *edate =
        jstr(o, "effective_date") ? jstr(o, "effective_date") : jstr(fallback, "effective_date");
    const char *missing = !cb.len                    ? "charges"
                          : !jstr(o, "offense_date") ? "offense_date"
                          : !jdate                   ? "judgment_date"
                          : !edate                   ? "effective_date"
                          : !jstr(o, "penalty")      ? "penalty"
                                                     : NULL;
    if (missing) {
        strbuf_release(&cb);
        char mp[64];
        snprintf(mp, sizeof mp, "original.%s", missing);
        if (!fallback)
            return need(d, pi, mp,
                        "库中没有此人的原判决：请先导入判决或填写判决编号 judgment_id，"
                        "或补全原判决的必填项以据本文书写入原判决",
                        "no judgment of this person: import it first, set judgment_id, or "
                        "complete the original judgment to write it from this document");
        return need(d, pi, mp, "缺少必填项", "required field missing");
    }
    snprintf(jid, jidsz, "DOC%ld-J%d", doc_id, pi);
    const char *v[] = {jid,
                       pid,
                       case_no,
                       court_id,
                       cb.buf,
                       jstr(o, "offense_date"),
                       jdate,
                       edate,
                       jstr(o, "penalty"),
                       jnum(o, "term_months", b1),
                       jnum(o, "term_days", b2),
                       jnum(o, "probation_months", b3),
                       jnum(o, "dpr_months", b4),
                       jbool(o, "dpr_life"),
                       jbool(o, "recidivist"),
                       jstr(o, "term_start"),
                       jstr(o, "term_end"),
                       src};
    csv_row(&c->judgments, v, 18);
    strbuf_release(&cb);
    c->nj++;
    return 0;
}

static int build_rows(sqlite3 *db, long doc_id, json_t *doc, json_t *choices, struct csvs *c,
                      struct link *links, int *nlinks, zj_diag *d)
{
    const char *kind = jstr(doc, "kind");
    if (!kind) {
        zj_diag_set(d, "kind", "文书种类不明（请填写 kind） / unknown document kind (set kind)");
        return ZJ_EINVAL;
    }
    bool judgment = !strcmp(kind, "judgment");
    if (!judgment && strcmp(kind, "commutation") && strcmp(kind, "parole") &&
        strcmp(kind, "temp_outside")) {
        zj_diag_set(d, "kind", "未知的文书种类“%s” / unknown kind", kind);
        return ZJ_EINVAL;
    }
    json_t *persons = json_object_get(doc, "persons");
    if (!json_array_size(persons)) {
        zj_diag_set(d, "persons", "文书中没有找到人员 / no person found in the document");
        return ZJ_EINVAL;
    }
    char src[300];
    snprintf(src, sizeof src, "doc:%ld %s", doc_id, jstr(doc, "file") ? jstr(doc, "file") : "");
    size_t i;
    json_t *p;
    json_array_foreach(persons, i, p)
    {
        int pi = (int)i;
        char key[8], pid[64] = "";
        snprintf(key, sizeof key, "%d", pi);
        const char *choice = jstr(choices, key);
        bool new_person = choice && !strcmp(choice, "new");
        if (choice && !new_person) {
            query1(db, "SELECT person_id FROM persons WHERE person_id = ?1", choice, NULL, pid,
                   sizeof pid);
            if (!pid[0]) {
                zj_diag_set(d, "person", "第%d人：没有人员“%s” / person %d: no person '%s'", pi + 1,
                            choice, pi, choice);
                return ZJ_EINVAL;
            }
        } else if (!new_person) {
            json_t *cands = candidates(db, p, false);
            size_t n = json_array_size(cands);
            if (n == 1)
                snprintf(pid, sizeof pid, "%s", jstr(json_array_get(cands, 0), "person_id"));
            json_decref(cands);
            if (n > 1) {
                zj_diag_set(d, "person",
                            "第%d人：有%zu个可能的人员，请选择 / person %d: %zu "
                            "candidates, choose one",
                            pi + 1, n, pi, n);
                return ZJ_EINVAL;
            }
            if (n == 0) {
                zj_diag_set(d, "person",
                            "第%d人：库中没有此人，请选择已有人员或新建 / person "
                            "%d: no match, choose a person or new",
                            pi + 1, pi);
                return ZJ_EINVAL;
            }
        }
        if (new_person) {
            snprintf(pid, sizeof pid, "DOC%ld-%d", doc_id, pi);
            if (!jstr(p, "name"))
                return need(d, pi, "name", "缺少姓名", "name missing");
            if (!jstr(p, "birth_date"))
                return need(d, pi, "birth_date", "缺少出生日期", "birth date missing");
            const char *v[] = {pid,
                               jstr(p, "id_number"),
                               jstr(p, "name"),
                               jstr(p, "gender"),
                               jstr(p, "birth_date"),
                               src};
            csv_row(&c->persons, v, 6);
            c->np++;
            links[*nlinks] = (struct link){pi, "persons", "", 1};
            snprintf(links[*nlinks].key, sizeof links[0].key, "%s", pid);
            (*nlinks)++;
        }
        json_t *o = json_object_get(p, "original"), *ch = json_object_get(p, "change");
        char b1[24], b2[24], b5[24];
        if (judgment) {
            const char *case_no = jstr(o, "case_no") ? jstr(o, "case_no") : jstr(doc, "case_no");
            if (!case_no)
                return need(d, pi, "original.case_no", "缺少案号", "case number missing");
            char existing[80];
            query1(db, "SELECT judgment_id FROM judgments WHERE person_id = ?1 AND case_no = ?2",
                   pid, case_no, existing, sizeof existing);
            if (existing[0] && !new_person) {
                links[*nlinks] = (struct link){pi, "judgments", "", 0};
                snprintf(links[*nlinks].key, sizeof links[0].key, "%s", existing);
                (*nlinks)++;
                continue;
            }
            char jid[80];
            int rc = judgment_row(db, doc_id, doc, o, pi, pid, src, c, jid, sizeof jid, d);
            if (rc)
                return rc;
            links[*nlinks] = (struct link){pi, "judgments", "", 1};
            snprintf(links[*nlinks].key, sizeof links[0].key, "%s", jid);
            (*nlinks)++;
        } else {
            /* the judgment whose execution changes: by its case number, else the latest */
            char jid[80] = "";
            const char *set_j = jstr(p, "judgment_id");
            if (set_j)
                query1(
                    db,
                    "SELECT judgment_id FROM judgments WHERE judgment_id = ?1 AND person_id = ?2",
                    set_j, pid, jid, sizeof jid);
            else {
                query1(db,
                       "SELECT judgment_id FROM judgments WHERE person_id = ?1 AND case_no = ?2",
                       pid, jstr(o, "case_no"), jid, sizeof jid);
                if (!jid[0])
                    query1(db,
                           "SELECT judgment_id FROM judgments WHERE person_id = ?1"
                           " ORDER BY effective_date DESC, judgment_id DESC LIMIT 1",
                           pid, NULL, jid, sizeof jid);
            }
            if (!jid[0] && (set_j || !jstr(o, "case_no")))
                return need(d, pi, "judgment_id",
                            "库中没有此人的原判决，请先导入判决或填写判决编号",
                            "no judgment of this person: import it first or set judgment_id");
            if (!jid[0]) { /* the original judgment as the ruling states it */
                int rc = judgment_row(db, doc_id, NULL, o, pi, pid, src, c, jid, sizeof jid, d);
                if (rc)
                    return rc;
                links[*nlinks] = (struct link){pi, "judgments", "", 1};
                snprintf(links[*nlinks].key, sizeof links[0].key, "%s", jid);
                (*nlinks)++;
            }
            const char *decision = jstr(doc, "decision_date");
            if (!decision)
                return need(d, pi, "decision_date", "缺少裁定（决定）日期",
                            "decision date missing");
            char existing[80];
            sqlite3_stmt *st =
                store_prepare(db, "SELECT change_id FROM sentence_changes WHERE"
                                  " person_id = ?1 AND kind = ?2 AND decision_date = ?3");
            existing[0] = '\0';
            if (st) {
                sqlite3_bind_text(st, 1, pid, -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(st, 2, kind, -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(st, 3, decision, -1, SQLITE_TRANSIENT);
                if (sqlite3_step(st) == SQLITE_ROW)
                    snprintf(existing, sizeof existing, "%s",
                             (const char *)sqlite3_column_text(st, 0));
                sqlite3_finalize(st);
            }
            if (existing[0]) {
                links[*nlinks] = (struct link){pi, "sentence_changes", "", 0};
                snprintf(links[*nlinks].key, sizeof links[0].key, "%s", existing);
                (*nlinks)++;
                continue;
            }
            char decider[64] = "", proposer[64] = "", region[16];
            const char *decider_id = jstr(doc, "decider_id");
            if (!decider_id) {
                if (facility_by_name(db, jstr(doc, "court"), DECIDER_KINDS, decider, region) != 0) {
                    zj_diag_set(d, "decider_id",
                                "作出决定的机关不在机构表中，请填写 decider_id / the deciding "
                                "body is not among the facilities: set decider_id");
                    return ZJ_EINVAL;
                }
                decider_id = decider;
            }
            const char *proposer_id = jstr(p, "proposer_id");
            if (!proposer_id &&
                facility_by_name(db, jstr(p, "facility"), HELD_KINDS, proposer, region) == 0)
                proposer_id = proposer;
            char cid[80];
            snprintf(cid, sizeof cid, "DOC%ld-C%d", doc_id, pi);
            const char *v[] = {cid,
                               pid,
                               jid,
                               kind,
                               proposer_id,
                               jstr(ch, "proposal_date"),
                               decider_id,
                               decision,
                               jstr(doc, "effective_date"),
                               jstr(ch, "grounds"),
                               jnum(ch, "reduction_months", b1),
                               jnum(ch, "reduction_days", b2),
                               jstr(ch, "new_penalty"),
                               jnum(ch, "new_term_months", b5),
                               src};
            csv_row(&c->changes, v, 15);
            c->nc++;
            links[*nlinks] = (struct link){pi, "sentence_changes", "", 1};
            snprintf(links[*nlinks].key, sizeof links[0].key, "%s", cid);
            (*nlinks)++;
        }
    }
    return 0;
}

static int write_file(const char *dir, const char *name, const char *header, strbuf *rows)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fputs(header, f);
    fwrite(rows->buf, 1, rows->len, f);
    return fclose(f);
}

static void remove_dir(const char *dir)
{
    static const char *const names[] = {"persons.csv", "judgments.csv", "sentence_changes.csv",
                                        NULL};
    char path[512];
    for (int i = 0; names[i]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
}

/* The pending document's JSON to confirm (reviewed if any, else extracted). */
static int load_pending(sqlite3 *db, long doc_id, const struct doc_actor *a, json_t **doc,
                        char *status, size_t cap)
{
    sqlite3_stmt *st = doc_stmt(db,
                                "SELECT coalesce(d.reviewed, d.extracted), d.status"
                                " FROM doc_intake d WHERE d.doc_id = ?4 AND " DOC_SCOPE_SQL,
                                a, doc_id);
    if (!st)
        return ZJ_EDB;
    int rc = ZJ_ENOTFOUND;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *doc = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);
        snprintf(status, cap, "%s", (const char *)sqlite3_column_text(st, 1));
        rc = *doc ? 0 : ZJ_EDB;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Cut s before a last UTF-8 sequence that snprintf truncated. */
static void utf8_whole(char *s)
{
    size_t n = strlen(s), i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (n - (i - 1) < want)
        s[i - 1] = '\0';
}

/* The importer's refusals in its log (warnings left out, the temporary directory's path
 * removed): "judgments.csv:2: effective_date: REASON" in Chinese into zh and as written
 * into en. */
static void importer_reasons(const char *log, const char *dir, char *zh, size_t zcap, char *en,
                             size_t ecap)
{
    size_t zn = 0, en_n = 0, dl = strlen(dir);
    zh[0] = en[0] = '\0';
    for (const char *l = log; l && *l;) {
        const char *nl = strchr(l, '\n');
        size_t ll = nl ? (size_t)(nl - l) : strlen(l);
        char line[600];
        snprintf(line, sizeof line, "%.*s", (int)ll, l);
        l += ll + (nl != NULL);
        if (strstr(line, ": warning: ") || !line[0])
            continue;
        const char *t = line;
        if (!strncmp(t, dir, dl) && t[dl] == '/')
            t += dl + 1;
        if (en_n + 2 < ecap)
            en_n += (size_t)snprintf(en + en_n, ecap - en_n, "%s%s", en_n ? "; " : "", t);
        /* FEED.csv:LINE: COLUMN: REASON */
        const char *c1 = strstr(t, ".csv:"), *c2 = c1 ? strstr(c1 + 5, ": ") : NULL,
                   *c3 = c2 ? strstr(c2 + 2, ": ") : NULL;
        char r[400];
        if (c3) {
            reason_zh(c3 + 2, r, sizeof r);
            char col[64];
            snprintf(col, sizeof col, "%.*s", (int)(c3 - c2 - 2), c2 + 2);
            if (zn + 2 < zcap)
                zn += (size_t)snprintf(zh + zn, zcap - zn, "%s%.*s第%ld行%s：%s", zn ? "；" : "",
                                       (int)(c1 - t), t, strtol(c1 + 5, NULL, 10),
                                       column_label_zh(col), r);
        } else if (zn + 2 < zcap) {
            reason_zh(t, r, sizeof r);
            zn += (size_t)snprintf(zh + zn, zcap - zn, "%s%s", zn ? "；" : "", r);
        }
    }
    utf8_whole(en);
    utf8_whole(zh);
}

int doc_intake_confirm(sqlite3 *db, long doc_id, const struct doc_actor *a, json_t *fields,
                       json_t *persons, zj_date as_of, json_t **result, zj_diag *d)
{
    json_t *doc = NULL;
    char status[16];
    int rc = load_pending(db, doc_id, a, &doc, status, sizeof status);
    if (rc != 0) {
        zj_diag_set(d, "doc", "没有文书%ld / no document %ld", doc_id, doc_id);
        return rc;
    }
    if (strcmp(status, "pending") != 0) {
        json_decref(doc);
        zj_diag_set(d, "status", "文书已%s / document is %s",
                    !strcmp(status, "confirmed") ? "确认" : "作废", status);
        return ZJ_ECONFLICT;
    }
    /* corrections */
    json_t *before = json_deep_copy(doc);
    json_t *cor = json_object();
    const char *path;
    json_t *v;
    json_object_foreach(fields, path, v)
    {
        if ((rc = doc_json_set(doc, path, json_incref(v), d)) != 0) {
            json_decref(doc);
            json_decref(before);
            json_decref(cor);
            return rc;
        }
        json_object_set_new(cor, path, json_pack("{s:s}", "to", ""));
    }
    /* record from/to of each correction from the document itself */
    json_object_foreach(cor, path, v)
    {
        json_t *leafs[2] = {before, doc};
        for (int k = 0; k < 2; k++) {
            json_t *cur = leafs[k];
            char buf[160];
            snprintf(buf, sizeof buf, "%s", path);
            char *save = NULL;
            for (char *tok = strtok_r(buf, ".", &save); tok && cur;
                 tok = strtok_r(NULL, ".", &save)) {
                char *br = strchr(tok, '[');
                if (br) {
                    *br = '\0';
                    cur = json_array_get(json_object_get(cur, tok), (size_t)atol(br + 1));
                } else
                    cur = json_object_get(cur, tok);
            }
            json_object_set(v, k ? "to" : "from", cur ? cur : json_null());
        }
    }
    json_decref(before);

    struct csvs c = {0};
    strbuf_init(&c.persons, 256);
    strbuf_init(&c.judgments, 256);
    strbuf_init(&c.changes, 256);
    struct link links[3 * DOC_MAX_PERSONS];
    int nlinks = 0;
    rc = build_rows(db, doc_id, doc, persons, &c, links, &nlinks, d);
    char dir[400] = "";
    bool have_dir = false;
    if (rc == 0 && (c.np || c.nj || c.nc)) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/zhijian-doc-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(dir)) {
            zj_diag_set(d, "", "cannot create a temporary directory");
            rc = ZJ_EIO;
        } else {
            have_dir = true;
        }
        if (rc == 0 &&
            ((c.np && write_file(dir, "persons.csv",
                                 "person_id,id_number,name,gender,birth_date,source_document\n",
                                 &c.persons) != 0) ||
             (c.nj && write_file(dir, "judgments.csv",
                                 "judgment_id,person_id,case_no,court_id,charges,offense_date,"
                                 "judgment_date,effective_date,penalty,term_months,term_days,"
                                 "probation_months,dpr_months,dpr_life,recidivist,term_start,"
                                 "term_end,source_document\n",
                                 &c.judgments) != 0) ||
             (c.nc && write_file(dir, "sentence_changes.csv",
                                 "change_id,person_id,judgment_id,kind,proposer_id,proposal_date,"
                                 "decider_id,decision_date,effective_date,grounds,"
                                 "reduction_months,reduction_days,new_penalty,new_term_months,"
                                 "source_document\n",
                                 &c.changes) != 0))) {
            zj_diag_set(d, "", "cannot write the rows to %s", dir);
            rc = ZJ_EIO;
        }
        if (rc == 0) {
            char *logbuf = NULL;
            size_t loglen = 0;
            FILE *log = open_memstream(&logbuf, &loglen);
            sqlite3_int64 before_batch = 0;
            sqlite3_stmt *mb =
                store_prepare(db, "SELECT coalesce(max(batch_id), 0) FROM import_batches");
            if (mb && sqlite3_step(mb) == SQLITE_ROW)
                before_batch = sqlite3_column_int64(mb, 0);
            sqlite3_finalize(mb);
            struct ingest_options io = {
                .strict = true, .as_of = as_of, .user = a->name, .log = log};
            struct ingest_summary s;
            int irc = ingest_dir(db, dir, &io, &s);
            fclose(log);
            if (irc != 0) {
                /* the importer's reasons, one per line: keep the first few */
                char zh[400], en[400];
                importer_reasons(logbuf, dir, zh, sizeof zh, en, sizeof en);
                zj_diag_set(d, "import",
                            "导入被拒绝，请更正后再确认：%s / refused by the importer: %s", zh, en);
                rc = irc == ZJ_ESTRICT ? ZJ_EINVAL : irc;
            } else {
                /* name the batches after the document */
                sqlite3_stmt *ub = store_prepare(
                    db, "UPDATE import_batches SET dir = ?1, file = ?3 || '/' || feed || '.csv'"
                        " WHERE batch_id > ?2");
                if (ub) {
                    char src[32];
                    snprintf(src, sizeof src, "doc:%ld", doc_id);
                    sqlite3_bind_text(ub, 1, src, -1, SQLITE_TRANSIENT);
                    sqlite3_bind_int64(ub, 2, before_batch);
                    sqlite3_bind_text(ub, 3, jstr(doc, "file") ? jstr(doc, "file") : src, -1,
                                      SQLITE_TRANSIENT);
                    sqlite3_step(ub);
                    sqlite3_finalize(ub);
                }
            }
            free(logbuf);
        }
    }
    if (have_dir)
        remove_dir(dir);
    strbuf_release(&c.persons);
    strbuf_release(&c.judgments);
    strbuf_release(&c.changes);
    if (rc == 0) {
        char *rs = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
        char *cs = json_object_size(cor) ? json_dumps(cor, JSON_COMPACT) : NULL;
        char now[21];
        rc = store_begin(db) == 0 ? 0 : ZJ_EDB;
        sqlite3_stmt *st =
            rc ? NULL
               : store_prepare(db, "UPDATE doc_intake SET status = 'confirmed',"
                                   " reviewed = ?1, corrections = ?2, reviewed_by = ?3,"
                                   " reviewed_at = ?4 WHERE doc_id = ?5 AND status = 'pending'");
        if (st) {
            sqlite3_bind_text(st, 1, rs, -1, SQLITE_STATIC);
            store_bind_text_or_null(st, 2, cs);
            sqlite3_bind_text(st, 3, a->name, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 4, store_now(now), -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(st, 5, doc_id);
            if (sqlite3_step(st) != SQLITE_DONE || sqlite3_changes(db) != 1)
                rc = ZJ_ECONFLICT;
            sqlite3_finalize(st);
        } else if (rc == 0)
            rc = ZJ_EDB;
        json_t *rows = json_array();
        st = rc ? NULL
                : store_prepare(db, "INSERT OR REPLACE INTO doc_rows(doc_id, person_index, feed,"
                                    " record_key, written) VALUES (?,?,?,?,?)");
        for (int i = 0; rc == 0 && st && i < nlinks; i++) {
            sqlite3_reset(st);
            sqlite3_bind_int64(st, 1, doc_id);
            sqlite3_bind_int(st, 2, links[i].person_index);
            sqlite3_bind_text(st, 3, links[i].feed, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 4, links[i].key, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(st, 5, links[i].written);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = ZJ_EDB;
            json_array_append_new(rows, json_pack("{s:i, s:s, s:s, s:b}", "person_index",
                                                  links[i].person_index, "feed", links[i].feed,
                                                  "record_key", links[i].key, "written",
                                                  links[i].written));
        }
        sqlite3_finalize(st);
        if (rc == 0) {
            char obj[32], detail[128];
            snprintf(obj, sizeof obj, "doc:%ld", doc_id);
            snprintf(detail, sizeof detail, "%d rows, %zu corrections", nlinks,
                     json_object_size(cor));
            rc = audit_append(db, a->name, "doc_confirm", obj, detail);
        }
        if (rc == 0 && store_commit(db) != 0)
            rc = ZJ_EDB;
        if (rc != 0) {
            store_rollback(db);
            json_decref(rows);
            if (rc == ZJ_ECONFLICT)
                zj_diag_set(d, "status", "文书已被他人处理 / document was handled meanwhile");
            else
                zj_diag_set(d, "", "database error");
        } else {
            *result = json_pack("{s:I, s:o}", "doc_id", (json_int_t)doc_id, "rows", rows);
        }
        free(rs);
        free(cs);
    }
    json_decref(cor);
    json_decref(doc);
    return rc;
}

int doc_intake_discard(sqlite3 *db, long doc_id, const struct doc_actor *a, const char *reason,
                       zj_diag *d)
{
    json_t *doc = NULL;
    char status[16];
    int rc = load_pending(db, doc_id, a, &doc, status, sizeof status);
    json_decref(doc);
    if (rc != 0) {
        zj_diag_set(d, "doc", "没有文书%ld / no document %ld", doc_id, doc_id);
        return rc;
    }
    if (strcmp(status, "pending") != 0) {
        zj_diag_set(d, "status", "文书已处理 / document is %s", status);
        return ZJ_ECONFLICT;
    }
    if (store_begin(db) != 0)
        return ZJ_EDB;
    char now[21];
    sqlite3_stmt *st = store_prepare(db, "UPDATE doc_intake SET status = 'discarded', note = ?1,"
                                         " reviewed_by = ?2, reviewed_at = ?3 WHERE doc_id = ?4"
                                         " AND status = 'pending'");
    rc = st ? 0 : ZJ_EDB;
    if (st) {
        store_bind_text_or_null(st, 1, reason);
        sqlite3_bind_text(st, 2, a->name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, store_now(now), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 4, doc_id);
        if (sqlite3_step(st) != SQLITE_DONE || sqlite3_changes(db) != 1)
            rc = ZJ_ECONFLICT;
        sqlite3_finalize(st);
    }
    if (rc == 0) {
        char obj[32];
        snprintf(obj, sizeof obj, "doc:%ld", doc_id);
        rc = audit_append(db, a->name, "doc_discard", obj, reason ? reason : "");
    }
    if (rc == 0 && store_commit(db) != 0)
        rc = ZJ_EDB;
    if (rc != 0)
        store_rollback(db);
    return rc;
}
