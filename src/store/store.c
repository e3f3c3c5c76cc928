/*
 * store.c — opening the database and applying migrations (see store.h).
 */
#include "store/store.h"
#include "util/embedded.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

struct migration {
    const char *name;
    const char *file; /* embedded path */
};

/* Append only. */
static const struct migration migrations[] = {
    {"feeds-1", "src/store/schema_feeds.sql"},
    {"leads-1", "src/store/schema_leads.sql"},
    {"web-1", "src/store/schema_web.sql"},
    {"office-1", "src/store/schema_office.sql"},
    {"models2-1", "src/store/schema_models2.sql"},
    {"perf-2", "src/store/schema_perf.sql"}, /* perf-1: its first version, one index */
    {"person-link-1", "src/store/schema_person_link.sql"},
    {"national-1", "src/store/schema_national.sql"},
    {"docs-1", "src/store/schema_docs.sql"},
    {"sources-1", "src/store/schema_sources.sql"},
    {"security-1", "src/store/schema_security.sql"},
    {"safety-1", "src/store/schema_safety.sql"},
    {"procuratorates-1", "src/store/schema_procuratorates.sql"},
    {"sealing-1", "src/store/schema_sealing.sql"},
    {"library-1", "src/store/schema_library.sql"},
    {"documents-1", "src/store/schema_documents.sql"},
    {"duty-1", "src/store/schema_duty.sql"},
    {"records-seizures-1", "src/store/schema_records_seizures.sql"},
    {"perf-3", "src/store/schema_perf3.sql"},
    {"person-link-2", "src/store/schema_person_link2.sql"},
    {"person-link-3", "src/store/schema_person_link3.sql"},
    {"score-hist-1", "src/store/schema_score_hist.sql"},
    {"model-runs-1", "src/store/schema_model_runs.sql"},
    {"model-runs-2", "src/store/schema_model_runs2.sql"},
    {"perf-4", "src/store/schema_perf4.sql"},
    {"scores-notable-1", "src/store/schema_scores_notable.sql"},
    {"import-jobs-1", "src/store/schema_import_jobs.sql"},
    {"perf-5", "src/store/schema_perf5.sql"},
    {"person-parts-1", "src/store/schema_person_parts.sql"},
    {"score-hist-2", "src/store/schema_score_hist2.sql"},
    {"person-parts-2", "src/store/schema_person_parts2.sql"},
};

char *store_now(char buf[static 21])
{
    return store_utc(time(NULL), buf);
}

char *store_utc(time_t t, char buf[static 21])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

int store_exec(sqlite3 *db, const char *sql, zj_diag *d)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        zj_diag_set(d, "", "%s", err ? err : sqlite3_errmsg(db));
        sqlite3_free(err);
        return ZJ_EDB;
    }
    return 0;
}

int store_begin(sqlite3 *db)
{
    return store_exec(db, "BEGIN IMMEDIATE", NULL);
}

int store_commit(sqlite3 *db)
{
    return store_exec(db, "COMMIT", NULL);
}

void store_rollback(sqlite3 *db)
{
    if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

int store_end(sqlite3 *db, int rc)
{
    if (rc == 0 && store_commit(db) != 0)
        rc = ZJ_EDB;
    if (rc != 0)
        store_rollback(db);
    return rc;
}

sqlite3_stmt *store_prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "zhijian: sql error: %s\n  in: %.200s\n", sqlite3_errmsg(db), sql);
        return NULL;
    }
    return st;
}

static int query_int64(sqlite3 *db, const char *sql, const sqlite3_int64 *arg, sqlite3_int64 *out)
{
    *out = 0;
    sqlite3_stmt *st = store_prepare(db, sql);
    if (!st) {
        int rc = sqlite3_errcode(db);
        return rc != SQLITE_OK ? rc : SQLITE_ERROR;
    }
    if (arg)
        sqlite3_bind_int64(st, 1, *arg);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int store_query_int64(sqlite3 *db, const char *sql, sqlite3_int64 *out)
{
    return query_int64(db, sql, NULL, out);
}

int store_query_int64_arg(sqlite3 *db, const char *sql, sqlite3_int64 arg, sqlite3_int64 *out)
{
    return query_int64(db, sql, &arg, out);
}

void store_bind_text_or_null(sqlite3_stmt *st, int idx, const char *s)
{
    if (s && *s)
        sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, idx);
}

static int migrate(sqlite3 *db, zj_diag *d)
{
    if (store_exec(db,
                   "CREATE TABLE IF NOT EXISTS schema_migrations("
                   " name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
                   d))
        return ZJ_EDB;
    sqlite3_stmt *has = store_prepare(db, "SELECT 1 FROM schema_migrations WHERE name = ?");
    sqlite3_stmt *add =
        store_prepare(db, "INSERT INTO schema_migrations(name, applied_at) VALUES (?, ?)");
    int rc = has && add ? 0 : ZJ_EDB;
    for (size_t i = 0; rc == 0 && i < sizeof migrations / sizeof migrations[0]; i++) {
        const struct migration *m = &migrations[i];
        sqlite3_reset(has);
        sqlite3_bind_text(has, 1, m->name, -1, SQLITE_STATIC);
        if (sqlite3_step(has) == SQLITE_ROW)
            continue;
        const struct zj_embedded *e = zj_embedded_find(m->file);
        if (!e) {
            zj_diag_set(d, "", "migration '%s': missing embedded file '%s'", m->name, m->file);
            rc = ZJ_EDB;
            break;
        }
        char now[21];
        if ((rc = store_begin(db)) != 0)
            break;
        rc = store_exec(db, (const char *)e->data, d);
        if (rc == 0) {
            sqlite3_reset(add);
            sqlite3_bind_text(add, 1, m->name, -1, SQLITE_STATIC);
            sqlite3_bind_text(add, 2, store_now(now), -1, SQLITE_TRANSIENT);
            if (sqlite3_step(add) != SQLITE_DONE) {
                zj_diag_set(d, "", "%s", sqlite3_errmsg(db));
                rc = ZJ_EDB;
            }
        }
        if (rc == 0)
            rc = store_commit(db);
        if (rc != 0) {
            store_rollback(db);
            if (d && !d->field[0])
                snprintf(d->field, sizeof d->field, "%s", m->name);
        }
    }
    sqlite3_finalize(has);
    sqlite3_finalize(add);
    return rc;
}

int store_open(const char *path, int flags, sqlite3 **out, zj_diag *d)
{
    sqlite3 *db = NULL;
    int oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY
                                          : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    oflags |= SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &db, oflags, NULL) != SQLITE_OK) {
        zj_diag_set(d, "db", "cannot open database '%s': %s", path,
                    db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return ZJ_EDB;
    }
    sqlite3_busy_timeout(db, 30000);
    int rc = store_exec(db,
                        "PRAGMA foreign_keys = ON;"
                        "PRAGMA synchronous = NORMAL;"
                        "PRAGMA temp_store = MEMORY;"
                        "PRAGMA cache_size = -65536;",
                        d);
    if (rc == 0 && !(flags & STORE_READONLY))
        rc = store_exec(db, "PRAGMA journal_mode = WAL;", d);
    /* the functions first: a migration may fill a table with them (sealing-1) */
    if (rc == 0)
        rc = zj_sql_functions_register(db);
    if (rc == 0 && !(flags & (STORE_READONLY | STORE_NO_MIGRATE)))
        rc = migrate(db, d);
    if (rc != 0) {
        sqlite3_close(db);
        return ZJ_EDB;
    }
    *out = db;
    return 0;
}
