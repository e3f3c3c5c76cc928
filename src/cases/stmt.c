/* stmt.c — the per-connection statement cache (see stmt.h). */
#include "cases/stmt.h"
#include "store/store.h"

#include <string.h>

sqlite3_stmt *cases_stmt(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    while ((st = sqlite3_next_stmt(db, st)) != NULL) {
        const char *s = sqlite3_sql(st);
        if (s && !sqlite3_stmt_busy(st) && !strcmp(s, sql)) {
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            return st;
        }
    }
    return store_prepare(db, sql);
}

void cases_stmt_done(sqlite3_stmt *st)
{
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
}

void cases_db_close(sqlite3 *db)
{
    if (!db)
        return;
    sqlite3_stmt *st;
    while ((st = sqlite3_next_stmt(db, NULL)) != NULL)
        sqlite3_finalize(st);
    sqlite3_close(db);
}

const char *cases_col(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}
