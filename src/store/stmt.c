/* stmt.c — the per-connection statement cache (see stmt.h). */
#include "store/stmt.h"
#include "store/store.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The statements store_stmt prepared, per connection: store_close finalizes these and
 * no others (a virtual table such as FTS5 keeps statements of its own, which it finalizes
 * itself when the connection closes). */
static pthread_mutex_t registry_mu = PTHREAD_MUTEX_INITIALIZER;
static struct prepared {
    sqlite3 *db;
    sqlite3_stmt *st;
} * registry;
static size_t registry_n, registry_cap;

static void registry_add(sqlite3 *db, sqlite3_stmt *st)
{
    pthread_mutex_lock(&registry_mu);
    if (registry_n == registry_cap) {
        size_t cap = registry_cap ? 2 * registry_cap : 256;
        struct prepared *r = realloc(registry, cap * sizeof *r);
        if (!r) {
            pthread_mutex_unlock(&registry_mu);
            return; /* not registered: sqlite3_close_v2 in store_close still closes */
        }
        registry = r;
        registry_cap = cap;
    }
    registry[registry_n++] = (struct prepared){db, st};
    pthread_mutex_unlock(&registry_mu);
}

sqlite3_stmt *store_stmt(sqlite3 *db, const char *sql)
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
    st = store_prepare(db, sql);
    if (st)
        registry_add(db, st);
    return st;
}

void store_stmt_done(sqlite3_stmt *st)
{
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
}

sqlite3_int64 store_data_version(sqlite3 *db)
{
    sqlite3_stmt *st = store_stmt(db, "PRAGMA data_version");
    sqlite3_int64 v = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    store_stmt_done(st);
    return v;
}

void store_close(sqlite3 *db)
{
    if (!db)
        return;
    pthread_mutex_lock(&registry_mu);
    for (size_t i = 0; i < registry_n;) {
        if (registry[i].db == db) {
            sqlite3_finalize(registry[i].st);
            registry[i] = registry[--registry_n];
        } else {
            i++;
        }
    }
    if (!registry_n) {
        free(registry);
        registry = NULL;
        registry_cap = 0;
    }
    pthread_mutex_unlock(&registry_mu);
    sqlite3_close_v2(db);
}

const char *store_col(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}
