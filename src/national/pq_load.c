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

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

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

#define PTR_F(ret, name, params, args) static ret(*p_##name) params;
#define PTR_V(name, params, args) PTR_F(void, name, params, args)
PQ_FUNCS(PTR_F, PTR_V)

static char pq_error[240]; /* why libpq could not be loaded; "" once loaded */
static pthread_once_t pq_once = PTHREAD_ONCE_INIT;

static void pq_load(void)
{
    void *h = dlopen(PQ_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        snprintf(pq_error, sizeof pq_error,
                 "cannot load " PQ_SONAME " (package " PQ_PACKAGE "): %.180s",
                 why ? why : "dlopen failed");
        return;
    }
#define SYM_F(ret, name, params, args)                                                             \
    if (!(p_##name = (ret(*) params)dlsym(h, #name))) {                                            \
        snprintf(pq_error, sizeof pq_error, "cannot load " PQ_SONAME ": no symbol %s", #name);     \
        return;                                                                                    \
    }
#define SYM_V(name, params, args) SYM_F(void, name, params, args)
    PQ_FUNCS(SYM_F, SYM_V)
}

const char *pg_lib_error(void)
{
    pthread_once(&pq_once, pq_load);
    return pq_error[0] ? pq_error : NULL;
}

/* Only after pg_connect() has loaded the library: a call before it is a bug. */
static void need(const char *name)
{
    if (pg_lib_error()) {
        fprintf(stderr, "zhijian: postgresql: %s (calling %s)\n", pq_error, name);
        abort();
    }
}

#define DEF_F(ret, name, params, args)                                                             \
    ret name params                                                                                \
    {                                                                                              \
        need(#name);                                                                               \
        return p_##name args;                                                                      \
    }
#define DEF_V(name, params, args)                                                                  \
    void name params                                                                               \
    {                                                                                              \
        need(#name);                                                                               \
        p_##name args;                                                                             \
    }
PQ_FUNCS(DEF_F, DEF_V)
