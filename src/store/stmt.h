/*
 * stmt.h — prepared statements reused per connection, for every layer above the store
 * (cases, web, CLI). store_stmt(db, SQL) finds an idle statement of db with the same SQL
 * text (sqlite3_next_stmt) or prepares one; the caller runs it and calls
 * store_stmt_done(). Statements live until store_close(db) (store.h) finalizes them.
 */
#ifndef ZJ_STORE_STMT_H
#define ZJ_STORE_STMT_H
#include <sqlite3.h>

#include "store/store.h"

/* A reset statement with no bindings, or NULL (message on stderr) when sql fails to
 * prepare. Borrowed: never finalize it. */
sqlite3_stmt *store_stmt(sqlite3 *db, const char *sql);

/* Reset st and clear its bindings so it can be found again. NULL is ignored. */
void store_stmt_done(sqlite3_stmt *st);

/* The connection's PRAGMA data_version: it changes when another connection commits (not
 * with this one's own commits). -1 on an error. */
sqlite3_int64 store_data_version(sqlite3 *db);

/* Column i as text, "" when NULL. */
const char *store_col(sqlite3_stmt *st, int i);

#endif
