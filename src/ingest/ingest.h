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

enum ingest_encoding {
    INGEST_ENC_AUTO = 0, /* UTF-8; GB18030 when not valid UTF-8 but valid GB18030 */
    INGEST_ENC_UTF8,
    INGEST_ENC_GB18030,
};

struct ingest_options {
    bool strict;             /* any reject: roll back everything, return ZJ_ESTRICT */
    bool retry_rejects;      /* after the directory (if any): retry 'unknown reference' rows */
    enum ingest_encoding encoding;
    zj_date as_of;           /* upper bound of event dates (required) */
    const char *user;        /* recorded in import_batches; NULL: $USER or the passwd name */
    FILE *log;               /* warnings and notes; NULL: stderr */
    /* Progress callback (NULL: none), called every few ten thousand rows. */
    void (*progress)(const char *what, long done, long total);
};

/* Counts of one feed (all its files in this run, plus its retried rejects). */
struct ingest_counts {
    long read, loaded, replaced, unchanged, rejected;
    int files;          /* files of this feed seen */
    int files_rejected; /* files refused as a whole (missing column, bad encoding) */
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

/* Print the summary table (feed, read, loaded, replaced, unchanged, rejected) to out. */
void ingest_summary_print(const struct ingest_summary *s, FILE *out);

#endif
