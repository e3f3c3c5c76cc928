/*
 * feeds.h — the column tables of spec/feeds.md: for each feed, in load order,
 * its columns (name, type, required, enum values with English ids and Chinese labels,
 * ranges, date class, references) and its cross-column rules (ranges that depend on an
 * enum, date order). The loader (rows.c) validates every row against these tables; there
 * is no per-feed validation code apart from the few judgments checks in feeds.c that a
 * table row cannot say.
 */
#ifndef ZJ_INGEST_FEEDS_H
#define ZJ_INGEST_FEEDS_H
#include <stdbool.h>
#include <stddef.h>

#include "ingest/validate.h"
#include "store/feed_store.h"

enum ingest_type {
    IT_TEXT,
    IT_DATE,
    IT_MONTH,
    IT_INT,
    IT_BOOL,
    IT_ENUM,
    IT_FLAGS, /* ';'-separated enum values, stored as given ids joined by ';' */
    IT_MONEY, /* yuan in the file, INTEGER fen in the database (column db name *_fen) */
    IT_IDNUM,
    IT_REGION,
};

enum ingest_date_class {
    DC_EVENT,     /* happened: 1949-10-01 … as-of */
    DC_BIRTH,     /* 1900-01-01 … as-of */
    DC_SCHEDULED, /* any real date up to 2199-12-31 */
};

enum {
    COL_KEY = 1,      /* the record key (first column) */
    COL_REQUIRED = 2, /* must be present in the header and non-empty */
    COL_RANGE = 4,    /* min/max apply (numbers, money in fen) */
    /* The table's physical order (store/layout.c): rows clustered by the COL_GROUP column
     * (the person, or the parent record of a person's row), then by the COL_ORDER column,
     * then by the key — the order the screening reads them in. */
    COL_GROUP = 8,
    COL_ORDER = 16,
};

/* A reference to the key of an earlier feed. `fetch` names a column of the referenced
 * row to check: against `kinds` (a list the value must be in) or against the value of
 * this row's column `match` (e.g. the judgment's person_id must be the row's person_id). */
struct ingest_ref {
    const char *table, *key;
    const char *fetch;        /* NULL: existence only */
    const char *const *kinds; /* allowed values of fetch, NULL-terminated */
    const char *match;        /* column of this row that must equal fetch */
};

struct ingest_column {
    const char *name; /* header name = database column (unless db is set) */
    const char *db;   /* database column when different (money: amount_fen) */
    enum ingest_type type;
    unsigned flags;
    const struct ingest_enum_value *values; /* IT_ENUM, IT_FLAGS */
    long long min, max;                     /* with COL_RANGE */
    enum ingest_date_class dclass;          /* IT_DATE */
    const char *sched_col; /* IT_DATE: the date is scheduled (not an event) when this */
    const char *sched_if;  /* column holds this value, e.g. event_type leave_end */
    const struct ingest_ref *ref;
};

enum ingest_rule_kind {
    RULE_RANGE,      /* col within [min, max] when present */
    RULE_REQUIRED,   /* col must be non-empty */
    RULE_EMPTY,      /* col must be empty */
    RULE_IN,         /* col (enum) must be one of `in` */
    RULE_DATE_ORDER, /* col >= other when both present */
};

/* A cross-column rule, applied when `when_col` (an enum column) holds one of `when_in`
 * (always when when_col is NULL). `why` completes the message. */
struct ingest_rule {
    enum ingest_rule_kind kind;
    const char *col;
    const char *when_col;
    const char *const *when_in;
    long long min, max;
    const char *const *in;
    const char *other;
    const char *why;
};

struct ingest_row; /* below: the parsed values of one row */
struct ingest_warn_memo;

struct ingest_feed {
    const char *name; /* feed name = table name = file name without .csv */
    const struct ingest_column *cols;
    size_t ncols;
    const struct ingest_rule *rules;
    size_t nrules;
    /* How its rows lead to the persons a batch queues in changed_persons (the feed
     * store's statements); FEED_PERSONS_NONE when the feed has no person. */
    enum feed_persons persons;
    /* Checks no table row can say; returns the index of the offending column and writes
     * msg, or -1 when the row is fine. NULL for most feeds. */
    int (*check)(const struct ingest_feed *f, const struct ingest_row *row, char *msg, size_t msz);
    /* A row that loads but deserves a word: returns the column index and writes msg (said
     * as a warning with the file and line), or -1. *memo is the hook's memory of the file
     * being read (NULL at its start; the reader frees it with ingest_warn_memo_free).
     * NULL for most feeds. */
    int (*warn)(const struct ingest_feed *f, const struct ingest_row *row,
                struct ingest_warn_memo **memo, char *msg, size_t msz);
};

/* What a warn hook remembers of one file (feeds.c). */
void ingest_warn_memo_free(struct ingest_warn_memo *m);

extern const struct ingest_feed ingest_feeds[];
extern const size_t ingest_feed_count;

/* The feed called name (e.g. "scores"), or NULL. */
const struct ingest_feed *ingest_feed_find(const char *name);
/* Index of column name in f, or -1. */
int ingest_feed_column(const struct ingest_feed *f, const char *name);

/* The Chinese label of enum value id of feed.column ("incidents", "kind", "fight" →
 * "打架斗殴"); id itself when the column has no such value; NULL for NULL. */
const char *ingest_feed_label(const char *feed, const char *column, const char *id);

/* Register zj_feed_label(feed, column, value) — ingest_feed_label in SQL — on db.
 * Returns 0 or -1. */
struct sqlite3;
int ingest_sql_functions(struct sqlite3 *db);

/* The parsed values of a row, shared with feeds.c's checks, written by the feed store:
 * s the field text or the enum's static id (NULL = empty); i the value of IT_INT, IT_BOOL,
 * IT_MONEY (fen) and IT_DATE (zj_date). */
struct ingest_row {
    struct feed_value v[FEED_STORE_MAX_COLS];
};

#endif
