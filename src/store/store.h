/*
 * store.h — the SQLite database: opening it with the platform's settings (WAL, foreign
 * keys, busy timeout), the versioned schema (migrations), the law core's SQL functions,
 * and small helpers shared by the modules that keep their queries in src/store/.
 *
 * Migrations are the rows of migrations[] in store.c, applied in order, each once, each
 * in its own transaction, recorded in schema_migrations(name, applied_at). A migration's
 * SQL is an embedded file (src/store/schema_*.sql). Add a migration by adding a file and a
 * row; never edit an applied one.
 */
#ifndef ZJ_STORE_H
#define ZJ_STORE_H
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "util/error.h"

#define ZJ_DEFAULT_DB "zhijian.db"

enum store_open_flags {
    STORE_READONLY = 1, /* open read-only (screening worker threads, reports) */
    STORE_NO_MIGRATE = 2,
};

/* Open (creating if needed) the database at path, apply pending migrations, register the
 * SQL functions. On error returns ZJ_EDB and writes the reason to d. Caller closes with
 * store_close. */
int store_open(const char *path, int flags, sqlite3 **out, zj_diag *d);
/* Finalize the statements store_stmt cached for db (stmt.h) and close it. */
void store_close(sqlite3 *db);

/* Run sql (no parameters, may hold several statements). Returns 0 or ZJ_EDB. */
int store_exec(sqlite3 *db, const char *sql, zj_diag *d);
int store_begin(sqlite3 *db); /* BEGIN IMMEDIATE */
int store_commit(sqlite3 *db);
void store_rollback(sqlite3 *db);
/* End the transaction of a change: commit when rc is 0 (ZJ_EDB when the commit fails),
 * else roll back. Returns rc. */
int store_end(sqlite3 *db, int rc);

/* Prepare sql; on failure prints the SQLite message to stderr and returns NULL. */
sqlite3_stmt *store_prepare(sqlite3 *db, const char *sql);

/* The first column of the first row of sql (?1 bound to arg in store_query_int64_arg) into
 * *out, 0 when it is NULL or sql returns no row. Returns SQLITE_OK, else the SQLite error
 * code of the prepare (message on stderr, as store_prepare) or of the step, *out 0. */
int store_query_int64(sqlite3 *db, const char *sql, sqlite3_int64 *out);
int store_query_int64_arg(sqlite3 *db, const char *sql, sqlite3_int64 arg, sqlite3_int64 *out);

/* Bind a text that may be NULL or empty (both bound as SQL NULL). */
void store_bind_text_or_null(sqlite3_stmt *st, int idx, const char *s);

/* Current UTC time as 'YYYY-MM-DDTHH:MM:SSZ' into buf (at least 21 bytes). The one place
 * outside the CLI that reads the clock: for record timestamps, never for legal dates. */
char *store_now(char buf[static 21]);
/* The UTC time t as store_now writes the clock's. */
char *store_utc(time_t t, char buf[static 21]);

/* A table stored in a given order: WITHOUT ROWID with the primary key pk[0..npk) — a group
 * column, an order column (optional), the key — and UNIQUE(key). */
struct store_layout_spec {
    const char *table;
    const char *pk[3];
    size_t npk;
};
/* Give each table of specs that exists and is not in its layout yet that layout, one
 * transaction per table, keeping its rows, columns, references, indexes (but those the
 * primary key repeats) and triggers; tables already laid out are left alone. Defined in
 * src/store/layout.c; the feed tables' specs come from ingest_layout (ingest/ingest.h). */
int store_layout(sqlite3 *db, const struct store_layout_spec *specs, size_t n, zj_diag *d);

/* Register the law core's SQL functions (zj_add_months, zj_term_end, …) on db.
 * Defined in src/store/sqlfuncs.c. */
int zj_sql_functions_register(sqlite3 *db);

#endif
