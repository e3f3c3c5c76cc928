/* xlsx_out.c — spreadsheets for people through libxlsxwriter (see xlsx_out.h). */
#include "sources/xlsx_out.h"
#include "law/date.h"
#include "util/lib_load.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define MAX_OUT_COLS 128

struct xlsx_out {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold, *date, *title;
    size_t ncols;
    lxw_row_t row;
    double width[MAX_OUT_COLS];
};

/* Display width: CJK and other wide characters count 2. */
static double text_width(const char *s)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x80)
            w += 1;
        else if ((*p & 0xC0) != 0x80)
            w += 2;
    }
    return w;
}

static void grow(struct xlsx_out *x, size_t col, double w)
{
    if (col < MAX_OUT_COLS && w > x->width[col])
        x->width[col] = w > 60 ? 60 : w;
}

struct xlsx_out *xlsx_out_open(const char *path, const char *sheet, const char *title,
                               const char *const *headers, size_t ncols, char *err, size_t errsz)
{
    const char *why = xlsxw_lib_error(); /* loads libxlsxwriter */
    if (why) {
        snprintf(err, errsz, "cannot create the workbook '%s': %s", path, why);
        return NULL;
    }
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    if (!wb) {
        snprintf(err, errsz, "cannot create the workbook '%s'", path);
        return NULL;
    }
    struct xlsx_out *x = xcalloc(1, sizeof *x);
    x->wb = wb;
    x->ws = workbook_add_worksheet(wb, sheet);
    x->ncols = ncols < MAX_OUT_COLS ? ncols : MAX_OUT_COLS;
    x->bold = workbook_add_format(wb);
    format_set_bold(x->bold);
    x->title = workbook_add_format(wb);
    format_set_bold(x->title);
    format_set_align(x->title, LXW_ALIGN_CENTER);
    x->date = workbook_add_format(wb);
    format_set_num_format(x->date, "yyyy-mm-dd");
    if (title) {
        if (x->ncols > 1)
            worksheet_merge_range(x->ws, 0, 0, 0, (lxw_col_t)(x->ncols - 1), title, x->title);
        else
            worksheet_write_string(x->ws, 0, 0, title, x->title);
        x->row = 1;
    }
    for (size_t i = 0; i < x->ncols; i++) {
        worksheet_write_string(x->ws, x->row, (lxw_col_t)i, headers[i], x->bold);
        grow(x, i, text_width(headers[i]) + 2);
    }
    worksheet_freeze_panes(x->ws, x->row + 1, 0);
    x->row++;
    return x;
}

void xlsx_out_text(struct xlsx_out *x, size_t col, const char *s)
{
    if (!s || !*s || col >= x->ncols)
        return;
    worksheet_write_string(x->ws, x->row, (lxw_col_t)col, s, NULL);
    grow(x, col, text_width(s) + 1);
}

void xlsx_out_number(struct xlsx_out *x, size_t col, double v)
{
    if (col >= x->ncols)
        return;
    worksheet_write_number(x->ws, x->row, (lxw_col_t)col, v, NULL);
    grow(x, col, 10);
}

void xlsx_out_date(struct xlsx_out *x, size_t col, const char *ymd)
{
    zj_date d;
    if (!ymd || !*ymd || col >= x->ncols)
        return;
    if (strlen(ymd) != 10 || date_parse(ymd, 10, &d) != 0) {
        xlsx_out_text(x, col, ymd);
        return;
    }
    /* 1900 date system: serial = days since 1899-12-30 (dates after 1900-02-28) */
    worksheet_write_number(x->ws, x->row, (lxw_col_t)col, (double)(d - date_from_ymd(1899, 12, 30)),
                           x->date);
    grow(x, col, 12);
}

void xlsx_out_next_row(struct xlsx_out *x)
{
    x->row++;
}

void xlsx_out_row(struct xlsx_out *x, const char *const *cells)
{
    for (size_t i = 0; i < x->ncols; i++)
        xlsx_out_text(x, i, cells[i]);
    x->row++;
}

int xlsx_out_close(struct xlsx_out *x, char *err, size_t errsz)
{
    for (size_t i = 0; i < x->ncols; i++)
        worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i, x->width[i], NULL);
    lxw_error e = workbook_close(x->wb);
    free(x);
    if (e != LXW_NO_ERROR) {
        snprintf(err, errsz, "cannot write the workbook: %s", lxw_strerror(e));
        return -1;
    }
    return 0;
}

const char *const xlsx_leads_headers[11] = {"模型",     "对象",     "人员编号", "场所",
                                            "行政区划", "严重程度", "状态",     "首次发现",
                                            "摘要",     "依据",     "证据"};

int xlsx_temp_path(char *buf, size_t cap)
{
    const char *t = getenv("TMPDIR");
    snprintf(buf, cap, "%s/zj-export-XXXXXX.xlsx", t && *t ? t : "/tmp");
    int fd = mkstemps(buf, 5);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

unsigned char *xlsx_take_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    struct stat st;
    if (f && fstat(fileno(f), &st) == 0) {
        buf = xmalloc((size_t)st.st_size + 1);
        if (fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
            free(buf);
            buf = NULL;
        } else {
            *len = (size_t)st.st_size;
        }
    }
    if (f)
        fclose(f);
    unlink(path);
    return buf;
}
