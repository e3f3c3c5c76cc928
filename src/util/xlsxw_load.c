/*
 * xlsxw_load.c — libxlsxwriter loaded when first called, not linked (lib_load.h).
 *
 * Its users: the .xlsx writer (src/sources/xlsx_out.c). Each function they call is defined here
 * with the name and the prototype of <xlsxwriter.h> (the compiler checks the definition against the
 * header's declaration) and calls the library's function through a pointer found with dlsym; the
 * first call loads the library. The program does not export these definitions, so the
 * loaded library binds to its own functions.
 */
#include "util/lib_load.h"

#include "util/dynload.h"

#include <xlsxwriter.h>
#include <pthread.h>

#define XLSXW_SONAME "libxlsxwriter.so.4"
#define XLSXW_PACKAGE "libxlsxwriter4"

/* F(return type, name, parameters, arguments), V(…) for void ones. */
#define XLSXW_FUNCS(F, V)                                                                          \
    V(format_set_align, (lxw_format * format, uint8_t alignment), (format, alignment))             \
    V(format_set_bold, (lxw_format * format), (format))                                            \
    V(format_set_num_format, (lxw_format * format, const char *num_format), (format, num_format))  \
    F(char *, lxw_strerror, (lxw_error error_num), (error_num))                                    \
    F(lxw_format *, workbook_add_format, (lxw_workbook * workbook), (workbook))                    \
    F(lxw_worksheet *, workbook_add_worksheet, (lxw_workbook * workbook, const char *sheetname),   \
      (workbook, sheetname))                                                                       \
    F(lxw_error, workbook_close, (lxw_workbook * workbook), (workbook))                            \
    F(lxw_workbook *, workbook_new_opt, (const char *filename, lxw_workbook_options *options),     \
      (filename, options))                                                                         \
    V(worksheet_freeze_panes, (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col),           \
      (worksheet, row, col))                                                                       \
    F(lxw_error, worksheet_merge_range,                                                            \
      (lxw_worksheet * worksheet, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row,    \
       lxw_col_t last_col, const char *string, lxw_format *format),                                \
      (worksheet, first_row, first_col, last_row, last_col, string, format))                       \
    F(lxw_error, worksheet_set_column,                                                             \
      (lxw_worksheet * worksheet, lxw_col_t first_col, lxw_col_t last_col, double width,           \
       lxw_format *format),                                                                        \
      (worksheet, first_col, last_col, width, format))                                             \
    F(lxw_error, worksheet_write_number,                                                           \
      (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, double number,                     \
       lxw_format *format),                                                                        \
      (worksheet, row, col, number, format))                                                       \
    F(lxw_error, worksheet_write_string,                                                           \
      (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, const char *string,                \
       lxw_format *format),                                                                        \
      (worksheet, row, col, string, format))

XLSXW_FUNCS(DYNLOAD_PTR_F, DYNLOAD_PTR_V)

#define DL_SONAME XLSXW_SONAME
static char dl_error[240]; /* why the library could not be loaded; "" once loaded */
static pthread_once_t xlsxw_once = PTHREAD_ONCE_INIT;

static void xlsxw_load(void)
{
    void *dl_h = dynload_open(XLSXW_SONAME, XLSXW_PACKAGE, dl_error, sizeof dl_error);
    if (!dl_h)
        return;
    XLSXW_FUNCS(DYNLOAD_SYM_F, DYNLOAD_SYM_V)
}

const char *xlsxw_lib_error(void)
{
    pthread_once(&xlsxw_once, xlsxw_load);
    return dl_error[0] ? dl_error : NULL;
}

/* A caller that did not ask xlsxw_lib_error() first learns here that the library is
 * missing: the reason, then abort. */
static void need(const char *name)
{
    dynload_need(xlsxw_lib_error(), "zhijian", name);
}

XLSXW_FUNCS(DYNLOAD_DEF_F, DYNLOAD_DEF_V)
