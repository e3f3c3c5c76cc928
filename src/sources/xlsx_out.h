/*
 * xlsx_out.h — writing spreadsheets for people (libxlsxwriter): one sheet, an optional
 * merged title row, a bold header row that stays frozen, columns sized to their longest
 * text (CJK characters counted double), rows streamed (constant memory) so exports of any
 * length keep memory flat. Used for the leads, the rejects and the source exports.
 */
#ifndef ZJ_SOURCES_XLSX_OUT_H
#define ZJ_SOURCES_XLSX_OUT_H
#include <stddef.h>

struct xlsx_out;

/* Open path with one sheet; title (may be NULL) is merged across the header's width.
 * Returns NULL with err on failure. */
struct xlsx_out *xlsx_out_open(const char *path, const char *sheet, const char *title,
                               const char *const *headers, size_t ncols, char *err, size_t errsz);
/* Cells of the next row, left to right. */
void xlsx_out_text(struct xlsx_out *x, size_t col, const char *s);
void xlsx_out_number(struct xlsx_out *x, size_t col, double v);
/* A date cell (Excel serial shown as yyyy-mm-dd) for "YYYY-MM-DD"; text when it is not one. */
void xlsx_out_date(struct xlsx_out *x, size_t col, const char *ymd);
/* Finish the current row. */
void xlsx_out_next_row(struct xlsx_out *x);
/* A whole row of texts (ncols of them, NULL = empty). */
void xlsx_out_row(struct xlsx_out *x, const char *const *cells);
/* Write the file. Returns 0, or -1 with err. */
int xlsx_out_close(struct xlsx_out *x, char *err, size_t errsz);

/* A temporary .xlsx path (mkstemps under $TMPDIR or /tmp) into buf; 0 or -1. */
int xlsx_temp_path(char *buf, size_t cap);
/* The whole file at path in memory (malloc'd, *len bytes), then the file removed. NULL on
 * a read error (the file is removed all the same). */
unsigned char *xlsx_take_file(const char *path, size_t *len);

/* The leads' columns (zhijian leads) with their Chinese headings, for exports. */
extern const char *const xlsx_leads_headers[11];

#endif
