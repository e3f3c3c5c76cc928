/*
 * ingest.h — loading a directory of feeds (spec/feeds.md) into the database: encoding
 * detection (UTF-8 with/without BOM, GB18030), streaming CSV, validation against the
 * column tables of feeds.h, one transaction per file, replace-with-history of changed
 * records, rejects kept verbatim, import batches, changed_persons for incremental
 * screening, and the retry of rows rejected for an unknown reference.
 *
 * Used by `zhijian import` (src/cli/cmd_import.c) and `zhijian demo`.
 */
#ifndef ZJ_INGEST_H
#define ZJ_INGEST_H
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>

#include "law/date.h"
#include "util/error.h"

enum ingest_encoding {
    INGEST_ENC_AUTO = 0, /* UTF-8; GB18030 when not valid UTF-8 but valid GB18030 */
    INGEST_ENC_UTF8,
    INGEST_ENC_GB18030,
};

struct ingest_options {
    bool strict;        /* any reject: roll back everything, return ZJ_ESTRICT */
    bool retry_rejects; /* after the directory (if any): retry 'unknown reference' rows */
    enum ingest_encoding encoding;
    zj_date as_of;    /* upper bound of event dates (required) */
    const char *user; /* recorded in import_batches; NULL: $USER or the passwd name */
    FILE *log;        /* warnings and notes; NULL: stderr */
    /* Progress callback (NULL: none), called every few thousand rows: what (a feed), rows
     * done, rows in all as estimated from the bytes read so far (0: unknown); what NULL
     * when the run is over. */
    void (*progress)(const char *what, long done, long total);
};

/* Tests only: with ZJ_TEST_IMPORT_HOLD=PATH in the environment, a progress callback that
 * calls this stops the import at its first partial count (0 < done < total, inside the
 * file's transaction; *held marks it done for this import), creates PATH.held and waits
 * until PATH exists (at most two minutes). So a test sees, or kills, an import mid-file
 * whatever the machine's speed (web_import.sh's browser step, sources_workbooks.sh). */
void ingest_test_hold(long done, long total, int *held);

/* Tests only: the hold itself, at the place named by the environment variable env (if set
 * and not empty): PATH.held created, then a wait until PATH exists (at most two minutes). */
void ingest_test_wait(const char *env);

/* Counts of one feed (all its files in this run, plus its retried rejects). */
struct ingest_counts {
    long read, loaded, replaced, unchanged, rejected;
    int files;                  /* files of this feed seen */
    int files_rejected;         /* files refused as a whole (missing column, bad encoding) */
    long retried, retry_loaded; /* --retry-rejects: pending rows tried, and loaded */
};

struct ingest_summary {
    struct ingest_counts feed[32]; /* indexed like ingest_feeds[] (feeds.h) */
    long rejected;                 /* all rows rejected in this run */
    int files_rejected;
};

/* Import the feeds found in dir (dir/<feed>.csv, in the order of feeds.md), each file in
 * its own transaction (all files in one under o->strict); then, with o->retry_rejects,
 * retry the pending rejects. dir may be NULL with retry_rejects (retry only).
 * Returns 0; ZJ_EINVAL when a file was refused as a whole (the others are loaded);
 * ZJ_ESTRICT when o->strict and anything was rejected (nothing committed); ZJ_EIO or
 * ZJ_EDB on an I/O or database error (the file being loaded is rolled back). Messages for
 * the user go to o->log; counts into *s (zeroed first). */
int ingest_dir(sqlite3 *db, const char *dir, const struct ingest_options *o,
               struct ingest_summary *s);

/* Lay out the feed tables in screening order (store_layout): every feed whose column table
 * marks a COL_GROUP column (feeds.h) becomes WITHOUT ROWID keyed (group, COL_ORDER column,
 * key). Converts an existing database once; cheap when already done. Run by whoever opens
 * the database for writing (cli_open_db, zhijian serve), so feeds a later migration adds
 * are laid out too once their column table marks the group. */
int ingest_layout(sqlite3 *db, zj_diag *d);

/* ---- Streams: rows converted from another source (spreadsheets read through a profile,
 * src/sources/) go through the same validation, writing, history and rejects as the rows
 * of a CSV file. The caller holds the transaction (one per source file: BEGIN IMMEDIATE
 * before the first stream of the file, COMMIT after the last) and brackets its work
 * with ingest_session_begin/end outside any transaction. */

/* Before any transaction: foreign keys off (the loader checks references itself),
 * temporary storage on disk, the temporary table of keys met unchanged. 0 or ZJ_EDB. */
int ingest_session_begin(sqlite3 *db);
void ingest_session_end(sqlite3 *db);

struct ingest_stream;

struct ingest_stream_source {
    const char *file;    /* recorded in batches and rejects: a path, or an upload's name */
    const char *sheet;   /* worksheet, or NULL */
    const char *profile; /* the profile's name, or NULL */
    /* Per column of the feed (indexed like ingest_feed.cols): the source's column letter
     * ("D") and header text ("出生日期"), NULL when the column is not in the source. The
     * arrays and strings must outlive the stream. NULL arrays: none known. */
    const char *const *letters;
    const char *const *headers;
    /* A key met again in this stream with the same content counts as unchanged instead of
     * a duplicate (a roster repeats a person on each of its judgments' rows). */
    bool repeats;
};

/* Start the batch of feed (by name) for src: earlier rejects of the same file and sheet
 * are deleted. Returns 0, ZJ_EINVAL (unknown feed) or ZJ_EDB. */
int ingest_stream_begin(sqlite3 *db, const char *feed, const struct ingest_options *o,
                        const struct ingest_stream_source *src, struct ingest_stream **out);

/* One row: values[i] for column i of the feed (NULL or "" = empty), line = its row in the
 * sheet, raw = the source cells verbatim (kept when rejected). A row whose conversion
 * failed gives err_en (and err_zh) with err_col, the column index: it is rejected as it
 * is. Returns 0 or ZJ_EDB. */
struct ingest_stream_row {
    long line;
    const char *const *values;
    const char *raw;
    int err_col;
    const char *err_en, *err_zh;
};
int ingest_stream_row(struct ingest_stream *s, const struct ingest_stream_row *r);

/* Finish the batch (counts, changed persons), add its counts to *add (may be NULL) and
 * free the stream. Returns 0 or ZJ_EDB. */
int ingest_stream_end(struct ingest_stream *s, struct ingest_counts *add);
/* Free the stream without finishing its batch (the caller rolls back). */
void ingest_stream_abort(struct ingest_stream *s);

/* Print the summary table (feed, read, loaded, replaced, unchanged, rejected) to out. */
void ingest_summary_print(const struct ingest_summary *s, FILE *out);

#endif
