/*
 * sealing.c — person_sealing kept from the law core's J-01 (see sealing.h).
 */
#include "store/sealing.h"
#include "store/store.h"
#include "util/error.h"

#include <stdio.h>
#include <string.h>

#define SEAL_ARGS                                                                                  \
    "p.birth_date, j.offense_date, j.effective_date, j.penalty, j.term_months, j.term_days"

/* Recompute the persons of scope (a SELECT of person_id using ?1 = batch_id), or all
 * persons when scope is NULL. */
static int refresh(sqlite3 *db, const char *scope, long long batch_id)
{
    static const char *const steps[] = {
        "DELETE FROM person_sealing%s",
        "INSERT INTO person_sealing(person_id, sealed_from, sealed_until)"
        " SELECT person_id, f, u FROM (SELECT j.person_id,"
        "  zj_sealed_from(" SEAL_ARGS ") AS f, zj_sealed_until(" SEAL_ARGS ") AS u"
        "  FROM judgments j JOIN persons p ON p.person_id = j.person_id"
        "  WHERE 1%s GROUP BY j.person_id) WHERE f IS NOT NULL",
        "UPDATE person_sealing SET ended_by = (SELECT j.judgment_id FROM judgments j"
        " JOIN persons p ON p.person_id = j.person_id"
        " WHERE j.person_id = person_sealing.person_id"
        "  AND j.effective_date = person_sealing.sealed_until"
        "  AND zj_judgment_sealable(p.birth_date, j.offense_date, j.penalty, j.term_months,"
        "   j.term_days) = 0 ORDER BY j.judgment_id LIMIT 1)"
        " WHERE sealed_until IS NOT NULL%s",
    };
    static const char *const where[] = {" WHERE person_id IN (%s)", " AND j.person_id IN (%s)",
                                        " AND person_id IN (%s)"};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        char cond[512] = "", sql[1536];
        if (scope)
            snprintf(cond, sizeof cond, where[i], scope);
        snprintf(sql, sizeof sql, steps[i], cond);
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
    return 0;
}

int store_sealing_refresh_batch(sqlite3 *db, const char *feed, long long batch_id)
{
    if (!strcmp(feed, "persons"))
        return refresh(db, "SELECT person_id FROM persons WHERE batch_id = ?1", batch_id);
    if (!strcmp(feed, "judgments"))
        return refresh(db, "SELECT person_id FROM judgments WHERE batch_id = ?1", batch_id);
    return 0;
}

int store_sealing_refresh_all(sqlite3 *db)
{
    return refresh(db, NULL, 0);
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
