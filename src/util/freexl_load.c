/*
 * freexl_load.c — FreeXL loaded when first called, not linked (lib_load.h).
 *
 * Its users: the .xls reader (src/sources/workbook.c). Each function they call is defined here with
 * the name and the prototype of <freexl.h> (the compiler checks the definition against the header's
 * declaration) and calls the library's function through a pointer found with dlsym; the
 * first call loads the library. The program does not export these definitions, so the
 * loaded library binds to its own functions.
 */
#include "util/lib_load.h"

#include "util/dynload.h"

#include <freexl.h>
#include <pthread.h>

#define FREEXL_SONAME "libfreexl.so.1"
#define FREEXL_PACKAGE "libfreexl1"

/* F(return type, name, parameters, arguments), V(…) for void ones. */
#define FREEXL_FUNCS(F, V)                                                                         \
    F(int, freexl_close, (const void *h), (h))                                                     \
    F(int, freexl_get_cell_value,                                                                  \
      (const void *h, unsigned int row, unsigned short column, FreeXL_CellValue *value),           \
      (h, row, column, value))                                                                     \
    F(int, freexl_get_info, (const void *h, unsigned short what, unsigned int *info),              \
      (h, what, info))                                                                             \
    F(int, freexl_get_worksheet_name,                                                              \
      (const void *h, unsigned short sheet_index, const char **string), (h, sheet_index, string))  \
    F(int, freexl_open, (const char *path, const void **h), (path, h))                             \
    F(int, freexl_select_active_worksheet, (const void *h, unsigned short sheet_index),            \
      (h, sheet_index))                                                                            \
    F(int, freexl_worksheet_dimensions,                                                            \
      (const void *h, unsigned int *rows, unsigned short *columns), (h, rows, columns))

FREEXL_FUNCS(DYNLOAD_PTR_F, DYNLOAD_PTR_V)

#define DL_SONAME FREEXL_SONAME
static char dl_error[240]; /* why the library could not be loaded; "" once loaded */
static pthread_once_t freexl_once = PTHREAD_ONCE_INIT;

static void freexl_load(void)
{
    void *dl_h = dynload_open(FREEXL_SONAME, FREEXL_PACKAGE, dl_error, sizeof dl_error);
    if (!dl_h)
        return;
    FREEXL_FUNCS(DYNLOAD_SYM_F, DYNLOAD_SYM_V)
}

const char *freexl_lib_error(void)
{
    pthread_once(&freexl_once, freexl_load);
    return dl_error[0] ? dl_error : NULL;
}

/* A caller that did not ask freexl_lib_error() first learns here that the library is
 * missing: the reason, then abort. */
static void need(const char *name)
{
    dynload_need(freexl_lib_error(), "zhijian", name);
}

FREEXL_FUNCS(DYNLOAD_DEF_F, DYNLOAD_DEF_V)
