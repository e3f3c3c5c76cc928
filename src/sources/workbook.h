/*
 * workbook.h — reading spreadsheets row by row: .xlsx (libzip + expat, streaming: the
 * sheet's XML is parsed as it is decompressed, so memory holds the styles, one row and the
 * shared strings — up to 32 MB of their text, beyond that an unlinked temporary file with
 * an offset per 64 strings in memory — whatever the size of the sheet), .xls (libfreexl) and .csv
 * (UTF-8 or GB18030, the importer's CSV reader). Cells come as text; numbers formatted
 * as dates by their cell style come as dates (CELL_DATE with the Excel serial).
 */
#ifndef ZJ_SOURCES_WORKBOOK_H
#define ZJ_SOURCES_WORKBOOK_H
#include <stddef.h>

enum cell_kind { CELL_EMPTY, CELL_TEXT, CELL_NUMBER, CELL_DATE, CELL_BOOL, CELL_ERROR };

struct wb_cell {
    enum cell_kind kind;
    const char *text; /* NUL-terminated; numbers as written in the file ("42", "3.5") */
    size_t len;
    double num; /* CELL_NUMBER, CELL_DATE (the serial), CELL_BOOL */
};

struct wb_row {
    long row;      /* 1-based row number in the sheet */
    size_t ncells; /* cells[0] is column A; missing cells are CELL_EMPTY */
    const struct wb_cell *cells;
    double done; /* the part of the sheet read so far, 0…1 (for progress) */
};

enum wb_format { WB_XLSX, WB_XLS, WB_CSV };

/* Called for each non-empty row of each sheet, in order. Return 0 to go on, 1 to skip the
 * rest of this sheet, -1 to stop reading (workbook_read then returns -1 with err empty). */
typedef int (*wb_row_fn)(void *ctx, const char *sheet, int sheet_index, const struct wb_row *r);

/* The format of path: by its first bytes (PK: xlsx, D0 CF 11 E0: xls), else CSV. */
enum wb_format workbook_format(const char *path);

/* Read the sheets of path (all of them when sheet < 0, else only that index), calling fn
 * on each row. Returns 0, or -1 with the reason in err (errsz bytes; English). */
int workbook_read(const char *path, int sheet, wb_row_fn fn, void *ctx, char *err, size_t errsz);

/* The bytes of shared-string text an .xlsx keeps in memory before the table goes to a
 * temporary file (default 32 MB; tests set 0 to read every table from the file). */
void workbook_set_sst_limit(size_t bytes);

/* "A", "B", … "Z", "AA" … for column index i (0-based) into buf (at least 4 bytes). */
const char *wb_col_letter(size_t i, char buf[8]);

#endif
