/*
 * sealed.c — sealed persons in the platform (see sealed.h).
 */
#include "cases/sealed.h"
#include "store/stmt.h"
#include "cases/workflow.h"
#include "store/sealing.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const sealed_purposes[] = {"办案需要", "法律监督需要", "办理控告申诉", "复查核实",
                                       NULL};

zj_date sealed_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int sealed_check(sqlite3 *db, const char *person_id, zj_date on, bool *sealed)
{
    *sealed = false;
    if (!person_id || !*person_id)
        return 0;
    int rc = store_person_sealed(db, person_id, on, NULL);
    if (rc < 0)
        return ZJ_EDB;
    *sealed = rc == 1;
    return 0;
}

int sealed_purpose_ok(const char *purpose, zj_diag *d)
{
    size_t n = purpose ? strlen(purpose) : 0;
    bool blank = true;
    for (size_t i = 0; i < n; i++)
        blank &= purpose[i] == ' ' || purpose[i] == '\t';
    if (!n || blank) {
        zj_diag_set(d, "purpose",
                    "该人员的犯罪记录已依法封存（刑事诉讼法第二百八十六条），查阅须说明事由"
                    "（purpose，如：办案需要）");
        return ZJ_EINVAL;
    }
    if (n > SEALED_PURPOSE_MAX || !utf8_valid(purpose, n)) {
        zj_diag_set(d, "purpose", "查阅事由应为不超过 %d 字节的文本", SEALED_PURPOSE_MAX);
        return ZJ_EINVAL;
    }
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)purpose[i] < 0x20) {
            zj_diag_set(d, "purpose", "查阅事由不能含有控制字符");
            return ZJ_EINVAL;
        }
    return 0;
}

int sealed_ident_load(sqlite3 *db, const char *person_id, sealed_ident *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_stmt(db, "SELECT name, coalesce(id_number, '') FROM persons"
                                      " WHERE person_id = ?");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, person_id, -1, SQLITE_TRANSIENT);
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
        snprintf(out->person_id, sizeof out->person_id, "%s", person_id);
        snprintf(out->name, sizeof out->name, "%s", store_col(st, 0));
        snprintf(out->id_number, sizeof out->id_number, "%s", store_col(st, 1));
        if (out->id_number[0])
            workflow_mask_id(out->id_number, out->id_masked, sizeof out->id_masked);
    }
    store_stmt_done(st);
    return s == SQLITE_ROW ? 0 : s == SQLITE_DONE ? ZJ_ENOTFOUND : ZJ_EDB;
}

static void replace_all(strbuf *out, const char *text, const char *const from[],
                        const char *const to[], size_t n)
{
    const char *p = text;
    while (*p) {
        size_t best = n, bl = 0;
        for (size_t i = 0; i < n; i++) {
            size_t l = strlen(from[i]);
            if (l && l > bl && !strncmp(p, from[i], l)) {
                best = i;
                bl = l;
            }
        }
        if (best < n) {
            strbuf_adds(out, to[best]);
            p += bl;
        } else {
            strbuf_addch(out, *p++);
        }
    }
}

char *sealed_mask_text(const char *text, const sealed_ident *id)
{
    strbuf out;
    strbuf_init(&out, text ? strlen(text) : 0);
    const char *from[] = {id->name, id->id_number, id->id_masked};
    const char *to[] = {SEALED_TEXT_MASK, SEALED_NAME, SEALED_NAME};
    replace_all(&out, text ? text : "", from, to, 3);
    return strbuf_detach(&out, NULL);
}

void sealed_mask_json(json_t *j, const sealed_ident *id)
{
    if (json_is_object(j)) {
        const char *k;
        json_t *v;
        void *tmp;
        const char *pid = json_string_value(json_object_get(j, "person_id"));
        bool ours = pid && !strcmp(pid, id->person_id);
        json_object_foreach_safe(j, tmp, k, v)
        {
            if (json_is_string(v)) {
                const char *s = json_string_value(v);
                if ((!strcmp(k, "person_name") || !strcmp(k, "name")) && !strcmp(s, id->name)) {
                    json_object_set_new(j, k, json_string(SEALED_NAME));
                } else if ((!strcmp(k, "id_number") || !strcmp(k, "birth_date")) && ours) {
                    json_object_set_new(j, k, json_null());
                } else {
                    char *m = sealed_mask_text(s, id);
                    if (strcmp(m, s))
                        json_object_set_new(j, k, json_string(m));
                    free(m);
                }
            } else {
                sealed_mask_json(v, id);
            }
        }
        if (ours)
            json_object_set_new(j, "sealed", json_true());
    } else if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v)
        {
            if (json_is_string(v)) {
                char *m = sealed_mask_text(json_string_value(v), id);
                json_array_set_new(j, i, json_string(m));
                free(m);
            } else {
                sealed_mask_json(v, id);
            }
        }
    }
}

int sealed_document_mask(sqlite3 *db, const char *person_id, zj_date on, json_t *doc)
{
    bool sealed = false;
    if (!person_id || !*person_id)
        return 0;
    if (sealed_check(db, person_id, on, &sealed) != 0)
        return ZJ_EDB;
    sealed_ident id;
    if (!sealed || sealed_ident_load(db, person_id, &id) != 0)
        return 0;
    const char *k;
    json_t *v;
    json_object_foreach(doc, k, v)
    {
        if (!json_is_string(v))
            continue;
        char *m = sealed_mask_text(json_string_value(v), &id);
        if (!strcmp(k, "body")) {
            strbuf b;
            strbuf_init(&b, strlen(m) + 128);
            strbuf_adds(&b, m);
            strbuf_adds(&b, "\n" SEALED_DOC_NOTE);
            json_object_set_new(doc, k, json_string(b.buf));
            strbuf_release(&b);
        } else {
            json_object_set_new(doc, k, json_string(m));
        }
        free(m);
    }
    return 0;
}

bool sealed_mask_lead_row(sqlite3 *db, zj_date on, const char *const in[], size_t ncells,
                          char *out[])
{
    if (ncells < 11 || !in[2] || !*in[2])
        return false;
    bool sealed = false;
    sealed_ident id;
    if (sealed_check(db, in[2], on, &sealed) != 0 || !sealed ||
        sealed_ident_load(db, in[2], &id) != 0)
        return false;
    for (size_t i = 0; i < ncells; i++) {
        const char *v = in[i] ? in[i] : "";
        if (i == 2 || (i == 1 && !strcmp(v, in[2]))) {
            out[i] = strdup(SEALED_LABEL);
            continue;
        }
        char *m = sealed_mask_text(v, &id);
        strbuf b;
        strbuf_init(&b, strlen(m));
        const char *from[] = {in[2]};
        const char *to[] = {SEALED_LABEL};
        replace_all(&b, m, from, to, 1);
        free(m);
        out[i] = strbuf_detach(&b, NULL);
    }
    return true;
}

void sealed_row_free(char *out[], size_t ncells)
{
    for (size_t i = 0; i < ncells; i++) {
        free(out[i]);
        out[i] = NULL;
    }
}

/* The sealed person a raw row names: a field (split at , ; tab, quotes and blanks
 * trimmed) equal to a sealed person's person_id or id_number. */
static int raw_sealed_person(sqlite3 *db, zj_date on, const char *raw, char pid[64])
{
    const char *p = raw;
    while (*p) {
        size_t n = strcspn(p, ",;\t");
        const char *a = p, *b = p + n;
        while (a < b && (*a == ' ' || *a == '"' || *a == '\''))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '"' || b[-1] == '\r' || b[-1] == '\n'))
            b--;
        if (b - a >= 1 && b - a < 64) {
            sqlite3_stmt *st = store_stmt(
                db, "SELECT s.person_id FROM person_sealing s JOIN persons p"
                    " ON p.person_id = s.person_id WHERE p.person_id = ?1 OR p.id_number = ?1"
                    " LIMIT 1");
            if (!st)
                return ZJ_EDB;
            sqlite3_bind_text(st, 1, a, (int)(b - a), SQLITE_TRANSIENT);
            bool found = sqlite3_step(st) == SQLITE_ROW;
            if (found)
                snprintf(pid, 64, "%s", (const char *)sqlite3_column_text(st, 0));
            store_stmt_done(st);
            bool sealed = false;
            if (found && sealed_check(db, pid, on, &sealed) != 0)
                return ZJ_EDB;
            if (sealed)
                return 1;
        }
        p += n;
        if (*p)
            p++;
    }
    return 0;
}

char *sealed_mask_raw(sqlite3 *db, zj_date on, const char *raw, const char *shown, char pid[64])
{
    pid[0] = 0;
    if (!raw || !*raw)
        return NULL;
    char who[64] = "";
    int rc = raw_sealed_person(db, on, raw, who);
    if (rc == 0 || (rc == 1 && shown && !strcmp(shown, who)))
        return NULL;
    if (rc != 1) /* never the unmasked row: the check could not be made */
        return xstrdup("（无法核验是否涉及已封存人员，原始数据已隐去）");
    snprintf(pid, 64, "%s", who);
    sealed_ident id;
    if (sealed_ident_load(db, who, &id) != 0)
        return xstrdup("（涉及已封存人员，原始数据已隐去）");
    strbuf out;
    strbuf_init(&out, strlen(raw) + 16);
    const char *from[] = {id.name, id.id_number, id.id_masked, id.person_id};
    const char *to[] = {SEALED_TEXT_MASK, SEALED_NAME, SEALED_NAME, SEALED_LABEL};
    replace_all(&out, raw, from, to, 4);
    return strbuf_detach(&out, NULL);
}
