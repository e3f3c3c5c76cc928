/*
 * pg.h — the national tier's PostgreSQL connection (libpq): connecting with a URL or
 * conninfo, running statements with text parameters, and COPY in and out. Every function
 * reports failures on stderr prefixed "zhijian: postgresql: " and returns nonzero (or
 * NULL), so the callers only propagate.
 *
 * libpq is not linked: the first pg_connect() loads libpq.so.5 (dlopen, pq_load.c), so the
 * commands that never connect do not pay its start-up. The PQ… functions of <libpq-fe.h>
 * are called as usual, after a successful pg_connect().
 */
#ifndef ZJ_NATIONAL_PG_H
#define ZJ_NATIONAL_PG_H
#include <libpq-fe.h>
#include <stddef.h>

#include "util/strbuf.h"

/* NULL once libpq is loaded (the first call loads it), else why it cannot be. */
const char *pg_lib_error(void);

/* Connect to url (postgres://…, postgresql://… or key=value conninfo); client messages
 * below WARNING are silenced. NULL on failure (reason printed, also when libpq cannot be
 * loaded). */
PGconn *pg_connect(const char *url);
void pg_close(PGconn *c);

/* Run sql (may hold several statements, no parameters). 0 or -1. */
int pg_exec(PGconn *c, const char *sql);
/* Run sql with n text parameters ($1…$n; NULL = SQL NULL). 0 or -1. */
int pg_execp(PGconn *c, const char *sql, int n, const char *const *params);
/* Query with n text parameters; the result (tuples) or NULL. Caller PQclear()s it. */
PGresult *pg_query(PGconn *c, const char *sql, int n, const char *const *params);
/* The first column of the first row as a newly allocated string ("" when no row), or
 * NULL on error. */
char *pg_value(PGconn *c, const char *sql, int n, const char *const *params);

/* COPY … FROM STDIN: start with sql, send data in pieces, finish (0 or -1). */
int pg_copy_begin(PGconn *c, const char *sql);
int pg_copy_send(PGconn *c, const char *data, size_t len);
int pg_copy_end(PGconn *c);

/* Append s as a COPY text-format field (\N for NULL; backslash, tab, newline, CR escaped). */
void pg_copy_field(strbuf *sb, const char *s, size_t len);

/* Append an SQL identifier, double-quoted. */
void pg_ident(strbuf *sb, const char *name);

#endif
