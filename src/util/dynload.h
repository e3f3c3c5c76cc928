/*
 * dynload.h — a library loaded with dlopen when first needed instead of linked
 * (src/national/pq_load.c: libpq, src/web/mhd_load.c: libmicrohttpd; src/docs_intake/
 * doc_text.c: poppler-glib, with dynload_open and dynload_sym only). Linked, such a library
 * and what it pulls in cost every command milliseconds of CPU at start (docs/benchmarks.md,
 * "Process start").
 *
 * A loader lists its functions as F(return type, name, (parameters), (arguments)) and
 * V(name, (parameters), (arguments)) for the void ones, and with the macros below
 *   - declares a pointer p_NAME per function (DYNLOAD_PTR_F, DYNLOAD_PTR_V);
 *   - in its pthread_once routine, after `void *dl_h = dynload_open(…)`, finds each pointer
 *     (DYNLOAD_SYM_F, DYNLOAD_SYM_V: on a missing symbol the routine returns with the reason
 *     in dl_error, the loader's `static char dl_error[]`; DL_SONAME names the library);
 *   - defines each function under the header's name and prototype, which makes the
 *     compiler check the list against the header (DYNLOAD_DEF_F, DYNLOAD_DEF_V); each calls
 *     the loader's `static void need(const char *name)` first (dynload_need).
 */
#ifndef ZJ_UTIL_DYNLOAD_H
#define ZJ_UTIL_DYNLOAD_H

#include <stddef.h>

/* dlopen(soname); NULL with "cannot load SONAME (package PACKAGE): why" in err. */
void *dynload_open(const char *soname, const char *package, char *err, size_t n);
/* dlsym(h, name); NULL with "cannot load SONAME: no symbol NAME" in err. */
void *dynload_sym(void *h, const char *soname, const char *name, char *err, size_t n);
/* A call through a pointer of a library that could not be loaded (err not NULL) is a bug
 * of the caller, which should have asked first: prints "WHO: ERR (calling NAME)", aborts. */
void dynload_need(const char *err, const char *who, const char *name);

#define DYNLOAD_PTR_F(ret, name, params, args) static ret(*p_##name) params;
#define DYNLOAD_PTR_V(name, params, args) DYNLOAD_PTR_F(void, name, params, args)

#define DYNLOAD_SYM_F(ret, name, params, args)                                                     \
    if (!(p_##name =                                                                               \
              (ret(*) params)dynload_sym(dl_h, DL_SONAME, #name, dl_error, sizeof dl_error)))      \
        return;
#define DYNLOAD_SYM_V(name, params, args) DYNLOAD_SYM_F(void, name, params, args)

#define DYNLOAD_DEF_F(ret, name, params, args)                                                     \
    ret name params                                                                                \
    {                                                                                              \
        need(#name);                                                                               \
        return p_##name args;                                                                      \
    }
#define DYNLOAD_DEF_V(name, params, args)                                                          \
    void name params                                                                               \
    {                                                                                              \
        need(#name);                                                                               \
        p_##name args;                                                                             \
    }

#endif
