/*
 * pq_load.c — libpq loaded at the first connection, not linked (see pg.h).
 *
 * Linked, libpq and what it pulls in (krb5, ldap, sasl, gnutls, ssl…: 22 of the program's
 * 37 shared objects) cost every command ≈ 1.3 ms of CPU at start, though only the national
 * tier and `report` connect. Each libpq function the tier calls is defined here with the
 * name and the prototype of <libpq-fe.h> (the compiler checks the definition against the
 * header's declaration) and calls the library's function through a pointer found with
 * dlsym; pg_connect() loads the library first and reports when it cannot.
 */
#include "national/pg.h"

#include "util/dynload.h"

#include <pthread.h>

#define PQ_SONAME "libpq.so.5"
#define PQ_PACKAGE "libpq5"

/* The functions: F(return type, name, parameters, arguments), V(…) for void ones. */
#define PQ_FUNCS(F, V)                                                                             \
    F(PGconn *, PQconnectdb, (const char *conninfo), (conninfo))                                   \
    F(ConnStatusType, PQstatus, (const PGconn *conn), (conn))                                      \
    F(char *, PQerrorMessage, (const PGconn *conn), (conn))                                        \
    F(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn * conn, PQnoticeProcessor proc, void *arg), \
      (conn, proc, arg))                                                                           \
    V(PQfinish, (PGconn * conn), (conn))                                                           \
    F(PQconninfoOption *, PQconninfoParse, (const char *conninfo, char **errmsg),                  \
      (conninfo, errmsg))                                                                          \
    V(PQconninfoFree, (PQconninfoOption * connOptions), (connOptions))                             \
    F(PGresult *, PQexec, (PGconn * conn, const char *query), (conn, query))                       \
    F(PGresult *, PQexecParams,                                                                    \
      (PGconn * conn, const char *command, int nParams, const Oid *paramTypes,                     \
       const char *const *paramValues, const int *paramLengths, const int *paramFormats,           \
       int resultFormat),                                                                          \
      (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat)) \
    F(PGresult *, PQgetResult, (PGconn * conn), (conn))                                            \
    F(int, PQputCopyData, (PGconn * conn, const char *buffer, int nbytes), (conn, buffer, nbytes)) \
    F(int, PQputCopyEnd, (PGconn * conn, const char *errormsg), (conn, errormsg))                  \
    F(ExecStatusType, PQresultStatus, (const PGresult *res), (res))                                \
    F(char *, PQresultErrorMessage, (const PGresult *res), (res))                                  \
    F(int, PQntuples, (const PGresult *res), (res))                                                \
    F(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num),                       \
      (res, tup_num, field_num))                                                                   \
    F(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num),                         \
      (res, tup_num, field_num))                                                                   \
    F(char *, PQcmdTuples, (PGresult * res), (res))                                                \
    V(PQclear, (PGresult * res), (res))                                                            \
    F(char *, PQescapeLiteral, (PGconn * conn, const char *str, size_t len), (conn, str, len))     \
    V(PQfreemem, (void *ptr), (ptr))

PQ_FUNCS(DYNLOAD_PTR_F, DYNLOAD_PTR_V)

#define DL_SONAME PQ_SONAME
static char dl_error[240]; /* why libpq could not be loaded; "" once loaded */
static pthread_once_t pq_once = PTHREAD_ONCE_INIT;

static void pq_load(void)
{
    void *dl_h = dynload_open(PQ_SONAME, PQ_PACKAGE, dl_error, sizeof dl_error);
    if (!dl_h)
        return;
    PQ_FUNCS(DYNLOAD_SYM_F, DYNLOAD_SYM_V)
}

const char *pg_lib_error(void)
{
    pthread_once(&pq_once, pq_load);
    return dl_error[0] ? dl_error : NULL;
}

/* Only after pg_connect() has loaded the library: a call before it is a bug. */
static void need(const char *name)
{
    dynload_need(pg_lib_error(), "zhijian: postgresql", name);
}

PQ_FUNCS(DYNLOAD_DEF_F, DYNLOAD_DEF_V)
