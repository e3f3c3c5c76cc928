/*
 * sealing.c — person_sealing kept from the law core's J-01 (see sealing.h).
 */
#include "store/sealing.h"
#include "store/store.h"
#include "util/xalloc.h"
#include "law/law.h"
#include "store/stmt.h"
#include "util/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The columns J-01 reads, as the zj_sealed_from … aggregates of sqlfuncs.c read them. */
static int col_date(sqlite3_stmt *st, int i, zj_date *out)
{
    if (sqlite3_column_type(st, i) != SQLITE_TEXT)
        return -1;
    const char *s = (const char *)sqlite3_column_text(st, i);
    int n = sqlite3_column_bytes(st, i);
    if (!s || n < 10 || (n > 10 && s[10] != 'T' && s[10] != ' '))
        return -1;
    return date_parse(s, 10, out);
}

static int col_int(sqlite3_stmt *st, int i, int *out)
{
    int t = sqlite3_column_type(st, i);
    if (t == SQLITE_INTEGER) {
        sqlite3_int64 x = sqlite3_column_int64(st, i);
        if (x < 0 || x > 10000)
            return -1;
        *out = (int)x;
        return 0;
    }
    if (t == SQLITE_TEXT) {
        const char *s = (const char *)sqlite3_column_text(st, i);
        char *end;
        long x = s ? strtol(s, &end, 10) : 0;
        if (!s || !*s || *end || x < 0 || x > 10000)
            return -1;
        *out = (int)x;
        return 0;
    }
    return -1;
}

/* 'YYYY-MM-DD' into buf, or NULL for NONE and dates SQL's aggregates give as NULL. */
static const char *seal_date(zj_date d, char buf[static 11])
{
    if (d == ZJ_DATE_NONE || d < date_from_ymd(1, 1, 1) || d > date_from_ymd(9999, 12, 31))
        return NULL;
    return date_format(d, buf);
}

struct seal_row {
    char eff[11];      /* effective_date when it is a 10-byte text, else "" */
    char *judgment_id; /* when unsealable (zj_judgment_sealable(...) = 0), else NULL */
};

/* The judgments of one person as the pass meets them. */
struct seal_person {
    char *id; /* NULL before the first row */
    size_t idcap;
    int in_scope;
    zj_date birth;
    int birth_ok;
    struct law_judgment *j; /* the effective ones, for law_record_sealing */
    size_t n, cap;
    struct seal_row *rows; /* every row: for ended_by */
    size_t nrows, rcap;
};

static void rows_clear(struct seal_person *P)
{
    for (size_t i = 0; i < P->nrows; i++)
        free(P->rows[i].judgment_id);
    P->nrows = 0;
}

/* Compute and insert the sealing of person P (its rows were all read). */
static int seal_flush(sqlite3 *db, struct seal_person *P)
{
    if (!P->id || !P->in_scope || !P->n)
        return 0;
    struct law_sealing s;
    law_record_sealing(P->j, P->n, P->birth, &s);
    char fb[11], ub[11];
    const char *f = seal_date(s.sealed_from, fb);
    if (!f)
        return 0;
    const char *u = seal_date(s.sealed_until, ub);
    const char *ended = NULL;
    for (size_t i = 0; u && i < P->nrows; i++)
        if (P->rows[i].judgment_id && !strcmp(P->rows[i].eff, u) &&
            (!ended || strcmp(P->rows[i].judgment_id, ended) < 0))
            ended = P->rows[i].judgment_id;
    sqlite3_stmt *ins = store_stmt(db, "INSERT INTO person_sealing(person_id, sealed_from,"
                                       " sealed_until, ended_by) VALUES (?1, ?2, ?3, ?4)");
    if (!ins)
        return ZJ_EDB;
    sqlite3_bind_text(ins, 1, P->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 2, f, 10, SQLITE_STATIC);
    store_bind_text_or_null(ins, 3, u);
    store_bind_text_or_null(ins, 4, ended);
    int rc = sqlite3_step(ins) == SQLITE_DONE ? 0 : ZJ_EDB;
    if (rc)
        fprintf(stderr, "zhijian: sealing: %s\n", sqlite3_errmsg(db));
    store_stmt_done(ins);
    return rc;
}

#define SEAL_SELECT                                                                                \
    "SELECT j.person_id, p.birth_date, j.offense_date, j.effective_date, j.penalty,"               \
    " j.term_months, j.term_days, j.judgment_id, %s"                                               \
    " FROM judgments j JOIN persons p ON p.person_id = j.person_id%s"                              \
    " ORDER BY j.person_id, j.effective_date, j.judgment_id"

/* One pass over the judgments of the persons of scope (a SELECT of person_id using ?1 =
 * batch_id), or of every person when in_scope_sql is NULL too. When scope is NULL and
 * in_scope_sql is not, every judgment is read and a person counts when in_scope_sql (a
 * 0/1 column over j and p, ?1 = batch_id) is 1 on any of their rows. In person order (the
 * primary key's), each person's judgments in the order of the key, as the aggregates of
 * the SQL this replaces met them: one law_record_sealing per person instead of two. */
static int seal_pass(sqlite3 *db, const char *scope, const char *in_scope_sql, long long batch_id)
{
    char where[512] = "", sql[1536];
    if (scope)
        snprintf(where, sizeof where, " WHERE j.person_id IN (%s)", scope);
    snprintf(sql, sizeof sql, SEAL_SELECT, !scope && in_scope_sql ? in_scope_sql : "1", where);
    sqlite3_stmt *st = store_prepare(db, sql);
    if (!st)
        return ZJ_EDB;
    if (scope || in_scope_sql)
        sqlite3_bind_int64(st, 1, batch_id);
    struct seal_person P;
    memset(&P, 0, sizeof P);
    int rc = 0, step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *pid = (const char *)sqlite3_column_text(st, 0);
        if (!pid)
            pid = "";
        if (!P.id || strcmp(pid, P.id) != 0) {
            if ((rc = seal_flush(db, &P)) != 0)
                break;
            size_t len = strlen(pid) + 1;
            XGROW(P.id, len, P.idcap);
            memcpy(P.id, pid, len);
            P.in_scope = 0;
            rows_clear(&P);
            P.n = 0;
            P.birth_ok = col_date(st, 1, &P.birth) == 0;
            if (!P.birth_ok)
                P.birth = ZJ_DATE_NONE;
        }
        if (sqlite3_column_int(st, 8))
            P.in_scope = 1;
        struct law_judgment j;
        memset(&j, 0, sizeof j);
        j.offense_date = j.effective_date = ZJ_DATE_NONE;
        if (col_date(st, 2, &j.offense_date) < 0)
            j.offense_date = ZJ_DATE_NONE;
        int pen_text = sqlite3_column_type(st, 4) == SQLITE_TEXT;
        int pen = pen_text ? law_penalty_from_str((const char *)sqlite3_column_text(st, 4)) : -1;
        j.penalty = pen > 0 ? (enum law_penalty)pen : LAW_PENALTY_NONE;
        if (col_int(st, 5, &j.term_months) < 0)
            j.term_months = 0;
        if (col_int(st, 6, &j.term_days) < 0)
            j.term_days = 0;
        /* ended_by: zj_judgment_sealable(birth, offense, penalty, months, days) = 0 */
        XGROW(P.rows, P.nrows + 1, P.rcap);
        struct seal_row *r = &P.rows[P.nrows++];
        memset(r, 0, sizeof *r);
        if (sqlite3_column_type(st, 3) == SQLITE_TEXT && sqlite3_column_bytes(st, 3) == 10)
            memcpy(r->eff, sqlite3_column_text(st, 3), 10);
        if (P.birth_ok && pen_text && !law_judgment_sealable(&j, P.birth)) {
            const char *jid = (const char *)sqlite3_column_text(st, 7);
            if (jid)
                r->judgment_id = xstrdup(jid);
        }
        if (col_date(st, 3, &j.effective_date) < 0)
            continue; /* not effective: ignored */
        XGROW(P.j, P.n + 1, P.cap);
        P.j[P.n++] = j;
    }
    if (rc == 0 && step != SQLITE_DONE) {
        fprintf(stderr, "zhijian: sealing: %s\n", sqlite3_errmsg(db));
        rc = ZJ_EDB;
    }
    if (rc == 0)
        rc = seal_flush(db, &P);
    sqlite3_finalize(st);
    rows_clear(&P);
    free(P.id);
    free(P.j);
    free(P.rows);
    return rc;
}

/* Recompute the persons of scope (a SELECT of person_id using ?1 = batch_id), or all
 * persons when scope is NULL. in_scope_sql (see seal_pass), when not NULL, lets a batch
 * that wrote about as many persons as there are be read in one pass over the judgments
 * instead of person by person. */
static int refresh(sqlite3 *db, const char *scope, const char *in_scope_sql, long long batch_id,
                   bool whole)
{
    sqlite3_int64 any = 1;
    if (store_query_int64(db, "SELECT EXISTS (SELECT 1 FROM person_sealing)", &any) != SQLITE_OK)
        return ZJ_EDB;
    if (any) {
        char sql[640] = "DELETE FROM person_sealing";
        if (scope)
            snprintf(sql, sizeof sql, "DELETE FROM person_sealing WHERE person_id IN (%s)", scope);
        sqlite3_stmt *st = store_prepare(db, sql);
        if (!st)
            return ZJ_EDB;
        if (scope)
            sqlite3_bind_int64(st, 1, batch_id);
        int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : ZJ_EDB;
        if (rc)
            fprintf(stderr, "zhijian: sealing: %s\n", sqlite3_errmsg(db));
        sqlite3_finalize(st);
        if (rc)
            return rc;
    }
    return seal_pass(db, whole ? NULL : scope, in_scope_sql, batch_id);
}

int store_sealing_refresh_batch(sqlite3 *db, const char *feed, long long batch_id, long written)
{
    const char *scope, *in_scope;
    if (!strcmp(feed, "persons")) {
        scope = "SELECT person_id FROM persons WHERE batch_id = ?1";
        in_scope = "p.batch_id = ?1";
    } else if (!strcmp(feed, "judgments")) {
        scope = "SELECT person_id FROM judgments WHERE batch_id = ?1";
        in_scope = "j.batch_id = ?1";
    } else {
        return 0;
    }
    /* a batch of about as many rows as there are persons (a first import): read every
     * judgment once in key order rather than seek each person's */
    sqlite3_int64 persons = 0;
    if (store_query_int64(db, "SELECT max(rowid) FROM persons", &persons) != SQLITE_OK)
        return ZJ_EDB;
    return refresh(db, scope, in_scope, batch_id, written > 0 && written * 2 >= persons);
}

int store_sealing_refresh_all(sqlite3 *db)
{
    return refresh(db, NULL, NULL, 0, true);
}

int store_person_sealed(sqlite3 *db, const char *person_id, zj_date on, struct store_sealing *out)
{
    struct store_sealing tmp;
    if (!out)
        out = &tmp;
    memset(out, 0, sizeof *out);
    out->sealed_from = out->sealed_until = ZJ_DATE_NONE;
    sqlite3_stmt *st = store_prepare(
        db, "SELECT sealed_from, sealed_until, ended_by FROM person_sealing WHERE person_id = ?1");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, person_id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->ever = true;
        const char *f = (const char *)sqlite3_column_text(st, 0);
        const char *u = (const char *)sqlite3_column_text(st, 1);
        const char *e = (const char *)sqlite3_column_text(st, 2);
        if (!f || date_parse(f, 10, &out->sealed_from) != 0)
            out->sealed_from = ZJ_DATE_NONE;
        if (!u || date_parse(u, 10, &out->sealed_until) != 0)
            out->sealed_until = ZJ_DATE_NONE;
        snprintf(out->ended_by, sizeof out->ended_by, "%s", e ? e : "");
        out->sealed = out->sealed_from != ZJ_DATE_NONE && on != ZJ_DATE_NONE &&
                      on >= out->sealed_from &&
                      (out->sealed_until == ZJ_DATE_NONE || on < out->sealed_until);
    } else if (rc != SQLITE_DONE) {
        sqlite3_finalize(st);
        return ZJ_EDB;
    }
    sqlite3_finalize(st);
    return out->sealed ? 1 : 0;
}
