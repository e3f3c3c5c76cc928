/*
 * mhd_load.c — libmicrohttpd loaded at `serve`, not linked (see mhd_load.h).
 *
 * Each MHD function the web layer calls is defined here with the name and the prototype
 * of <microhttpd.h> (the compiler checks the definition against the header's declaration)
 * and calls the library's function through a pointer found with dlsym. The program does
 * not export these definitions, so the loaded library binds to its own functions.
 */
#include "web/mhd_load.h"

#include "util/dynload.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define MHD_SONAME "libmicrohttpd.so.12"
#define MHD_PACKAGE "libmicrohttpd12"

/* F(return type, name, parameters, arguments), V(…) for void ones. The variadic ones are
 * written out below over the pointers of F_ONLY (no definition generated). */
#define MHD_FUNCS(F, V, F_ONLY)                                                                    \
    F(enum MHD_Result, MHD_is_feature_supported, (enum MHD_FEATURE feature), (feature))            \
    F_ONLY(struct MHD_Daemon *, MHD_start_daemon_va,                                               \
           (unsigned int flags, uint16_t port, MHD_AcceptPolicyCallback apc, void *apc_cls,        \
            MHD_AccessHandlerCallback dh, void *dh_cls, va_list ap))                               \
    F_ONLY(const union MHD_DaemonInfo *, MHD_get_daemon_info,                                      \
           (struct MHD_Daemon * daemon, enum MHD_DaemonInfoType info_type, ...))                   \
    V(MHD_stop_daemon, (struct MHD_Daemon * daemon), (daemon))                                     \
    F_ONLY(enum MHD_Result, MHD_set_connection_option,                                             \
           (struct MHD_Connection * connection, enum MHD_CONNECTION_OPTION option, ...))           \
    F(const char *, MHD_lookup_connection_value,                                                   \
      (struct MHD_Connection * connection, enum MHD_ValueKind kind, const char *key),              \
      (connection, kind, key))                                                                     \
    F(int, MHD_get_connection_values,                                                              \
      (struct MHD_Connection * connection, enum MHD_ValueKind kind, MHD_KeyValueIterator iterator, \
       void *iterator_cls),                                                                        \
      (connection, kind, iterator, iterator_cls))                                                  \
    F(struct MHD_Response *, MHD_create_response_from_buffer,                                      \
      (size_t size, void *buffer, enum MHD_ResponseMemoryMode mode), (size, buffer, mode))         \
    F(enum MHD_Result, MHD_add_response_header,                                                    \
      (struct MHD_Response * response, const char *header, const char *content),                   \
      (response, header, content))                                                                 \
    F(enum MHD_Result, MHD_queue_response,                                                         \
      (struct MHD_Connection * connection, unsigned int status_code,                               \
       struct MHD_Response *response),                                                             \
      (connection, status_code, response))                                                         \
    V(MHD_destroy_response, (struct MHD_Response * response), (response))

#define PTR_ONLY(ret, name, params)                                                                \
    DYNLOAD_PTR_F(ret, name, params, )                                                             \
    _Static_assert(_Generic(&name, ret(*) params : 1, default : 0),                                \
                   #name " differs from its prototype in the header");
MHD_FUNCS(DYNLOAD_PTR_F, DYNLOAD_PTR_V, PTR_ONLY)

#define DL_SONAME MHD_SONAME
static char dl_error[240]; /* why libmicrohttpd could not be loaded; "" once loaded */
static pthread_once_t mhd_once = PTHREAD_ONCE_INIT;

static void mhd_load(void)
{
    void *dl_h = dynload_open(MHD_SONAME, MHD_PACKAGE, dl_error, sizeof dl_error);
    if (!dl_h)
        return;
#define SYM_ONLY(ret, name, params) DYNLOAD_SYM_F(ret, name, params, )
    MHD_FUNCS(DYNLOAD_SYM_F, DYNLOAD_SYM_V, SYM_ONLY)
}

const char *mhd_lib_error(void)
{
    pthread_once(&mhd_once, mhd_load);
    return dl_error[0] ? dl_error : NULL;
}

/* Only after mhd_lib_error() has returned NULL: a call before it is a bug. */
static void need(const char *name)
{
    dynload_need(mhd_lib_error(), "zhijian serve", name);
}

#define DEF_ONLY(ret, name, params)
MHD_FUNCS(DYNLOAD_DEF_F, DYNLOAD_DEF_V, DEF_ONLY)

/* What the library does itself: the options after dh_cls go on as a va_list. */
struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port, MHD_AcceptPolicyCallback apc,
                                    void *apc_cls, MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
    need("MHD_start_daemon");
    va_list ap;
    va_start(ap, dh_cls);
    struct MHD_Daemon *d = p_MHD_start_daemon_va(flags, port, apc, apc_cls, dh, dh_cls, ap);
    va_end(ap);
    return d;
}

/* No argument follows info_type for any MHD_DaemonInfoType (the library reads none). */
const union MHD_DaemonInfo *MHD_get_daemon_info(struct MHD_Daemon *daemon,
                                                enum MHD_DaemonInfoType info_type, ...)
{
    need("MHD_get_daemon_info");
    return p_MHD_get_daemon_info(daemon, info_type);
}

/* MHD_CONNECTION_OPTION_TIMEOUT, the one option there is, takes an unsigned int; an
 * option this does not know is refused as the library refuses one. */
enum MHD_Result MHD_set_connection_option(struct MHD_Connection *connection,
                                          enum MHD_CONNECTION_OPTION option, ...)
{
    need("MHD_set_connection_option");
    if (option != MHD_CONNECTION_OPTION_TIMEOUT)
        return MHD_NO;
    va_list ap;
    va_start(ap, option);
    unsigned int seconds = va_arg(ap, unsigned int);
    va_end(ap);
    return p_MHD_set_connection_option(connection, option, seconds);
}
