/* scope.c — parsing, printing and binding an account's scope (see scope.h). */
#include "cases/scope.h"
#include "store/stmt.h"
#include "util/error.h"
#include "util/text.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return 0;
    return 1;
}

int scope_parse(const char *s, zj_scope *out)
{
    memset(out, 0, sizeof *out);
    if (!s || !*s)
        return ZJ_EINVAL;
    if (!strcmp(s, "country")) {
        out->kind = SCOPE_COUNTRY;
        return 0;
    }
    const char *v = s;
    int kind;
    if (!strncmp(s, "region:", 7)) {
        kind = SCOPE_REGION;
        v = s + 7;
    } else if (!strncmp(s, "facility:", 9)) {
        kind = SCOPE_FACILITY;
        v = s + 9;
    } else {
        kind = all_digits(s) ? SCOPE_REGION : SCOPE_FACILITY;
    }
    if (kind == SCOPE_REGION && (!all_digits(v) || strlen(v) < 2 || strlen(v) > 6))
        return ZJ_EINVAL;
    if (kind == SCOPE_FACILITY && !text_is_plain_name(v))
        return ZJ_EINVAL;
    out->kind = kind;
    snprintf(out->value, sizeof out->value, "%s", v);
    return 0;
}

void scope_format(const zj_scope *s, char *buf, size_t n)
{
    if (s->kind == SCOPE_COUNTRY)
        snprintf(buf, n, "country");
    else
        snprintf(buf, n, "%s:%s", s->kind == SCOPE_REGION ? "region" : "facility", s->value);
}

void scope_bind(sqlite3_stmt *st, const zj_scope *s)
{
    static const char *kinds[] = {"country", "region", "facility"};
    sqlite3_bind_text(st, 1, kinds[s->kind], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, s->value, -1, SQLITE_TRANSIENT);
}

bool scope_has_facility(sqlite3 *db, const zj_scope *s, const char *fac)
{
    if (!fac || !*fac)
        return false;
    sqlite3_stmt *st =
        store_stmt(db, "SELECT coalesce(region_code, '') FROM facilities WHERE facility_id = ?");
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, fac, -1, SQLITE_TRANSIENT);
    bool in = false;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *reg = (const char *)sqlite3_column_text(st, 0);
        in = s->kind == SCOPE_COUNTRY    ? true
             : s->kind == SCOPE_FACILITY ? !strcmp(s->value, fac)
                                         : !strncmp(reg, s->value, strlen(s->value));
    }
    store_stmt_done(st);
    return in;
}

bool scope_has_person(sqlite3 *db, const zj_scope *s, const char *pid)
{
    if (!pid || !*pid || s->kind == SCOPE_COUNTRY)
        return true;
    sqlite3_stmt *st = store_stmt(
        db, "SELECT 1 FROM persons p WHERE p.person_id = ?3 AND " SCOPE_PERSON_SQL("p.person_id"));
    if (!st)
        return false;
    scope_bind(st, s);
    sqlite3_bind_text(st, 3, pid, -1, SQLITE_TRANSIENT);
    bool found = sqlite3_step(st) == SQLITE_ROW;
    store_stmt_done(st);
    return found;
}

bool scope_has_record(sqlite3 *db, const zj_scope *s, enum scope_record kind, long id)
{
    static const char *const facility_sql[] = {
        [SCOPE_INSPECTION] = "SELECT facility_id FROM inspections WHERE inspection_id = ?",
        [SCOPE_COMPLAINT] =
            "SELECT coalesce(facility_id, '') FROM complaints WHERE complaint_id = ?",
        [SCOPE_LETTER] = "SELECT facility_id FROM letters WHERE letter_id = ?",
    };
    if (!id)
        return false;
    sqlite3_stmt *st = store_stmt(db, facility_sql[kind]);
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, id);
    char fac[64] = "";
    bool found = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0);
    if (found)
        snprintf(fac, sizeof fac, "%s", (const char *)sqlite3_column_text(st, 0));
    store_stmt_done(st);
    if (!found)
        return false;
    return fac[0] ? scope_has_facility(db, s, fac) : s->kind == SCOPE_COUNTRY;
}

int scope_check(sqlite3 *db, const zj_scope *s, const char *fac, const char *pid, zj_diag *d)
{
    if (!scope_has_facility(db, s, fac)) {
        zj_diag_set(d, "facility_id", "facility '%s' is outside your scope", fac ? fac : "");
        return ZJ_EFORBIDDEN;
    }
    if (!scope_has_person(db, s, pid)) {
        zj_diag_set(d, "person_id", "person '%s' is outside your scope", pid);
        return ZJ_EFORBIDDEN;
    }
    return 0;
}

int scope_check_record(sqlite3 *db, const zj_scope *s, enum scope_record kind, long id, zj_diag *d)
{
    static const char *const what[] = {
        [SCOPE_INSPECTION] = "inspection",
        [SCOPE_COMPLAINT] = "complaint",
        [SCOPE_LETTER] = "letter",
    };
    if (scope_has_record(db, s, kind, id))
        return 0;
    zj_diag_set(d, "id", "no %s '%ld'", what[kind], id);
    return ZJ_ENOTFOUND;
}
