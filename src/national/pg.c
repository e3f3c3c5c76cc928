/*
 * pg.c — libpq helpers of the national tier (see pg.h).
 */
#include "national/pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static void report(PGconn *c, const char *what)
{
    const char *m = c ? PQerrorMessage(c) : "out of memory";
    size_t n = strlen(m);
    while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
        n--;
    fprintf(stderr, "zhijian: postgresql: %.*s%s%.120s\n", (int)n, m, what ? "\n  in: " : "",
            what ? what : "");
}

static void quiet(void *arg, const char *msg)
{
    (void)arg;
    (void)msg;
}

PGconn *pg_connect(const char *url)
{
    const char *why = pg_lib_error();
    if (why) {
        fprintf(stderr, "zhijian: postgresql: %s\n", why);
        return NULL;
    }
    PGconn *c = PQconnectdb(url);
    if (!c || PQstatus(c) != CONNECTION_OK) {
        report(c, NULL);
        PQfinish(c);
        return NULL;
    }
    PQsetNoticeProcessor(c, quiet, NULL);
    if (pg_exec(c, "SET client_min_messages = warning; SET client_encoding = 'UTF8'")) {
        PQfinish(c);
        return NULL;
    }
    return c;
}

void pg_close(PGconn *c)
{
    if (c)
        PQfinish(c);
}

int pg_exec(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    ExecStatusType s = PQresultStatus(r);
    int rc = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ? 0 : -1;
    if (rc)
        report(c, sql);
    PQclear(r);
    return rc;
}

PGresult *pg_query(PGconn *c, const char *sql, int n, const char *const *params)
{
    PGresult *r = PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType s = PQresultStatus(r);
    if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
        report(c, sql);
        PQclear(r);
        return NULL;
    }
    return r;
}

int pg_execp(PGconn *c, const char *sql, int n, const char *const *params)
{
    PGresult *r = pg_query(c, sql, n, params);
    if (!r)
        return -1;
    PQclear(r);
    return 0;
}

char *pg_value(PGconn *c, const char *sql, int n, const char *const *params)
{
    PGresult *r = pg_query(c, sql, n, params);
    if (!r)
        return NULL;
    char *v = xstrdup(PQntuples(r) > 0 && !PQgetisnull(r, 0, 0) ? PQgetvalue(r, 0, 0) : "");
    PQclear(r);
    return v;
}

int pg_copy_begin(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    int rc = PQresultStatus(r) == PGRES_COPY_IN ? 0 : -1;
    if (rc)
        report(c, sql);
    PQclear(r);
    return rc;
}

int pg_copy_send(PGconn *c, const char *data, size_t len)
{
    if (PQputCopyData(c, data, (int)len) != 1) {
        report(c, "COPY data");
        return -1;
    }
    return 0;
}

int pg_copy_end(PGconn *c)
{
    if (PQputCopyEnd(c, NULL) != 1) {
        report(c, "COPY end");
        return -1;
    }
    int rc = 0;
    PGresult *r;
    while ((r = PQgetResult(c)) != NULL) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            report(c, "COPY");
            rc = -1;
        }
        PQclear(r);
    }
    return rc;
}

void pg_copy_field(strbuf *sb, const char *s, size_t len)
{
    if (!s) {
        strbuf_add(sb, "\\N", 2);
        return;
    }
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        const char *esc = NULL;
        switch (s[i]) {
        case '\\':
            esc = "\\\\";
            break;
        case '\t':
            esc = "\\t";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\r':
            esc = "\\r";
            break;
        default:
            break;
        }
        if (esc) {
            strbuf_add(sb, s + start, i - start);
            strbuf_add(sb, esc, 2);
            start = i + 1;
        }
    }
    strbuf_add(sb, s + start, len - start);
}

void pg_ident(strbuf *sb, const char *name)
{
    strbuf_addch(sb, '"');
    for (const char *p = name; *p; p++) {
        if (*p == '"')
            strbuf_addch(sb, '"');
        strbuf_addch(sb, *p);
    }
    strbuf_addch(sb, '"');
}
