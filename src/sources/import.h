/*
 * import.h — importing a real source (a spreadsheet .xlsx/.xls or a CSV with the headers
 * of a source system) through a profile (profile.h): the header row is found under any
 * title rows, each header is mapped to a profile column (unknown headers are reported,
 * never guessed), each cell is converted (convert.h) and each row goes, per feed of the
 * profile in load order, through the importer's streams (ingest.h): the same validation,
 * history and rejects as a CSV feed, with sheet, cell and a Chinese reason. One
 * transaction per file.
 */
#ifndef ZJ_SOURCES_IMPORT_H
#define ZJ_SOURCES_IMPORT_H
#include <sqlite3.h>
#include <stdio.h>

#include "ingest/ingest.h"
#include "sources/profile.h"

/* The shipped profile whose detect headers all appear in a header row of path (the one
 * matching the most headers), into name. Returns 0, or -1 with err. */
int sources_detect(const char *path, char *name, size_t cap, char *err, size_t errsz);

/* Import path through profile p. name: what batches and rejects record as the file (NULL:
 * path). Counts are added into *s (not zeroed). Returns 0; ZJ_EINVAL when a sheet was
 * refused (no header row, a required column missing); ZJ_ESTRICT under o->strict when
 * anything was rejected (nothing committed); ZJ_EIO (unreadable file) or ZJ_EDB. */
int sources_import(sqlite3 *db, const char *path, const char *name, const struct profile *p,
                   const struct ingest_options *o, struct ingest_summary *s);

/* Show how p maps path: the header row of each sheet, each column's header, converter
 * and targets, unknown headers, missing required columns, and the first `rows` data rows
 * converted to feed values (or the reason they would be rejected). Nothing is stored.
 * Returns 0, or ZJ_EINVAL when something would be refused as a whole, or ZJ_EIO. */
int sources_check(const char *path, const struct profile *p, int rows, FILE *out);

#endif
