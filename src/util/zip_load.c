/*
 * zip_load.c — libzip loaded when first called, not linked (lib_load.h).
 *
 * Its users: the .xlsx and .docx readers (src/sources/workbook.c, src/docs_intake/doc_text.c), the
 * .docx writer (src/cases/documents.c). Each function they call is defined here with the name and
 * the prototype of <zip.h> (the compiler checks the definition against the header's declaration)
 * and calls the library's function through a pointer found with dlsym; the first call loads the
 * library. The program does not export these definitions, so the loaded library binds to its own
 * functions.
 */
#include "util/lib_load.h"

#include "util/dynload.h"

#include <zip.h>
#include <pthread.h>

#define ZIP_SONAME "libzip.so.4"
#define ZIP_PACKAGE "libzip4"

/* F(return type, name, parameters, arguments), V(…) for void ones. */
#define ZIP_FUNCS(F, V)                                                                            \
    F(int, zip_close, (zip_t * z), (z))                                                            \
    V(zip_discard, (zip_t * z), (z))                                                               \
    V(zip_error_fini, (zip_error_t * e), (e))                                                      \
    V(zip_error_init, (zip_error_t * e), (e))                                                      \
    V(zip_error_init_with_code, (zip_error_t * e, int code), (e, code))                            \
    F(const char *, zip_error_strerror, (zip_error_t * e), (e))                                    \
    F(int, zip_fclose, (zip_file_t * f), (f))                                                      \
    F(zip_file_t *, zip_fopen, (zip_t * z, const char *name, zip_flags_t flags), (z, name, flags)) \
    F(zip_int64_t, zip_fread, (zip_file_t * f, void *buf, zip_uint64_t n), (f, buf, n))            \
    F(zip_t *, zip_open, (const char *path, int flags, int *errorp), (path, flags, errorp))        \
    F(zip_t *, zip_open_from_source, (zip_source_t * src, int flags, zip_error_t *e),              \
      (src, flags, e))                                                                             \
    F(zip_source_t *, zip_source_buffer,                                                           \
      (zip_t * z, const void *data, zip_uint64_t len, int freep), (z, data, len, freep))           \
    F(zip_source_t *, zip_source_buffer_create,                                                    \
      (const void *data, zip_uint64_t len, int freep, zip_error_t *e), (data, len, freep, e))      \
    F(int, zip_source_close, (zip_source_t * src), (src))                                          \
    V(zip_source_free, (zip_source_t * src), (src))                                                \
    V(zip_source_keep, (zip_source_t * src), (src))                                                \
    F(int, zip_source_open, (zip_source_t * src), (src))                                           \
    F(zip_int64_t, zip_source_read, (zip_source_t * src, void *buf, zip_uint64_t n),               \
      (src, buf, n))                                                                               \
    F(int, zip_source_seek, (zip_source_t * src, zip_int64_t off, int whence), (src, off, whence)) \
    F(zip_int64_t, zip_source_tell, (zip_source_t * src), (src))                                   \
    F(int, zip_stat, (zip_t * z, const char *name, zip_flags_t flags, zip_stat_t *st),             \
      (z, name, flags, st))                                                                        \
    F(const char *, zip_strerror, (zip_t * z), (z))                                                \
    F(zip_int64_t, zip_file_add,                                                                   \
      (zip_t * z, const char *name, zip_source_t *src, zip_flags_t flags), (z, name, src, flags))

ZIP_FUNCS(DYNLOAD_PTR_F, DYNLOAD_PTR_V)

#define DL_SONAME ZIP_SONAME
static char dl_error[240]; /* why the library could not be loaded; "" once loaded */
static pthread_once_t zip_once = PTHREAD_ONCE_INIT;

static void zip_load(void)
{
    void *dl_h = dynload_open(ZIP_SONAME, ZIP_PACKAGE, dl_error, sizeof dl_error);
    if (!dl_h)
        return;
    ZIP_FUNCS(DYNLOAD_SYM_F, DYNLOAD_SYM_V)
}

const char *zip_lib_error(void)
{
    pthread_once(&zip_once, zip_load);
    return dl_error[0] ? dl_error : NULL;
}

/* A caller that did not ask zip_lib_error() first learns here that the library is
 * missing: the reason, then abort. */
static void need(const char *name)
{
    dynload_need(zip_lib_error(), "zhijian", name);
}

ZIP_FUNCS(DYNLOAD_DEF_F, DYNLOAD_DEF_V)
