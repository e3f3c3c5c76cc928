/*
 * stmt.h — prepared statements reused per connection. cases_stmt(db, SQL) finds an idle
 * statement of db with the same SQL text (sqlite3_next_stmt) or prepares one; the caller
 * runs it and calls cases_stmt_done(). Statements live until cases_db_close(db).
 */
#ifndef ZJ_CASES_STMT_H
#define ZJ_CASES_STMT_H
#include <sqlite3.h>

/* A reset statement with no bindings, or NULL (message on stderr) when sql fails to
 * prepare. Borrowed: never finalize it. */
sqlite3_stmt *cases_stmt(sqlite3 *db, const char *sql);

/* Reset st and clear its bindings so it can be found again. NULL is ignored. */
void cases_stmt_done(sqlite3_stmt *st);

/* Finalize every statement of db and close it. */
void cases_db_close(sqlite3 *db);

/* Column i as text, "" when NULL. */
const char *cases_col(sqlite3_stmt *st, int i);

#endif
