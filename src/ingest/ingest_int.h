/*
 * ingest_int.h — the loader that the files of the import share (ingest.c the driver,
 * reader.c, rows.c, write.c, retry.c): the state of the feed being loaded and the steps each
 * file lends the others; not for other callers, who use ingest.h.
 */
#ifndef ZJ_INGEST_INT_H
#define ZJ_INGEST_INT_H
#include "ingest/csv.h"
#include "ingest/encoding.h"
#include "ingest/feeds.h"
#include "ingest/ingest.h"
#include "store/feed_store.h"
#include "store/score_hist.h"
#include "util/strbuf.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define MAX_COLS 32
#define MAX_RULES 32         /* rules of a feed whose columns are looked up once (more: per row) */
#define INGEST_MAX_ID 64     /* bytes of a key or a reference */
#define INGEST_MAX_TEXT 4096 /* bytes of any other field */
#define MAX_HEADER 256
#define MSG_SZ 1400

enum outcome { OUT_LOADED, OUT_REPLACED, OUT_UNCHANGED, OUT_REJECTED };

/* References are checked through a direct-mapped cache per column (about 1 MB), large
 * enough that the facilities (hundreds) and officers (a few thousand) of a province seldom
 * share a slot; rows usually come grouped by person. */
#define REF_SLOTS 4096

/* The keys a reference without a fetched column (persons, staff, corrections, property,
 * incidents, facilities of any kind) was found under, kept for the whole of ingest_dir: a
 * feed table's rows are never deleted by an import and the referenced feeds are loaded
 * before the feeds naming them, so a key found stays found, and the next file naming the
 * same person need not look it up again. An open-addressing set per reference, all of
 * them within MEMO_BYTES: a key that does not fit is looked up as before. */
#define MEMO_REFS 16
#define MEMO_BYTES (32u << 20) /* the keys and slots of all references (ZJ_REF_MEMO_BYTES) */
/* A reference with a fetched column (judgment_id, exam_id, change_id) looked up this many
 * times in a run: its table's keys and fetched values are read into the memory, as many
 * as fit */
#define MEMO_LOAD_AFTER 10000
struct refmemo {
    const struct ingest_ref *ref;
    long misses;    /* look-ups the memory did not answer */
    int loaded;     /* the table was read in (up to MEMO_BYTES) */
    uint32_t *slot; /* 0 = empty, else 1 + the entry's offset in keys */
    size_t cap, n;
    /* each entry: the key's length (a byte), its bytes, 0 for a NULL fetched value or 1 +
     * its length (a byte), its bytes */
    strbuf keys;
};
/* The memory of found keys, shared by the loading and the reading thread (which never
 * look up at the same time). */
struct refmemos {
    struct refmemo ref[MEMO_REFS];
    size_t bytes, max_bytes; /* slots and entries of all references; MEMO_BYTES */
};

struct refcache {
    char key[128];
    size_t keylen;
    int valid, found;
    char fetched[128];
    int fetched_null;
};

/* A stream of converted rows (ingest_stream_*): where its columns are in the source. */
struct stream_src {
    const char *sheet, *profile;
    const char *letters[MAX_COLS], *headers[MAX_COLS];
    const char *err_zh; /* the Chinese reason of the current conversion failure */
    strbuf converted;   /* the current row as CSV of the feed's columns */
    int converted_ok;   /* the row converted: converted holds it (for --retry-rejects) */
};

struct loader {
    sqlite3 *db;
    struct stream_src *sx; /* NULL for CSV files */
    int repeats;           /* a key met again in this batch with the same content: unchanged */
    const struct ingest_feed *f;
    const struct ingest_options *o;
    FILE *log;
    struct feed_store fs;
    struct refcache *cache[MAX_COLS]; /* REF_SLOTS entries per reference column */
    struct refmemos *memo;            /* in ingest_dir only (else NULL) */
    long memo_load_after;             /* MEMO_LOAD_AFTER, or ZJ_REF_LOAD_AFTER's */
    struct feed_store_ckpt *ckpt;     /* ingest_dir's checkpoints (NULL: at the commits) */
    sqlite3 *rdb;     /* ingest_dir's connection for reading ahead (ahead.c; NULL: none) */
    double ahead_cpu; /* CPU seconds of the reading threads of the current file */
    double t_rows, t_index, t_end; /* ZJ_TIMING: when the rows, indexes, batch end were done */
    /* header mapping */
    size_t nheader;
    char *hname[MAX_HEADER]; /* header names (for extra) */
    int hcol[MAX_HEADER];    /* header position -> column index, -1 = unknown (extra) */
    int colpos[MAX_COLS];    /* column index -> header position, -1 = absent */
    int nextra;
    long long batch_id;
    const char *file;
    long long retry_reject_id; /* > 0: the row comes from this reject (retry) */
    struct ingest_counts *c;
    strbuf extra, json, flagbuf;
    char idbuf[20];
    char msg[MSG_SZ];
    int reject_col; /* column index of the current reject, -1 = none */
    int utf8_rows;  /* the file is UTF-8 with some undecodable rows: check and reject each */
    int pending;    /* the current reject is an unknown reference */
    long strict_shown;
    long warned; /* warnings of this file (feed->warn), the first WARN_SHOWN said */
    struct ingest_warn_memo *warn_memo; /* feed->warn's memory of this file */
    zj_date lo_event, lo_birth, hi_event, hi_sched;
    int lo_month, hi_month; /* year*12+month of lo_event and hi_event */
    char asof_why[48], asof_month_why[64];
    char sha[65];       /* SHA-256 of the file, stored by batch_end when set */
    char *index_sql[8]; /* bulk mode: secondary indexes dropped, recreated at the end */
    int nindex;
    /* ingest_dir's page cache and the least of its index builds (INGEST_CACHE_KIB,
     * INGEST_SORT_KIB; 0: not set), KiB; the smallest cache the file's builds had (0: the
     * whole) */
    long long cache_kib, sort_kib, index_kib;
    /* a CSV file's valid rows not yet written (pending_write), their bytes in pend_buf */
    struct pending_row *pend;
    size_t npend;
    strbuf pend_buf;
    /* the keys of the file's valid rows so far (keys_fresh): the greatest (bytewise);
     * while they come in increasing order, nothing else; from the first one out of order
     * on, the greatest before it (key_sorted_max) and a Bloom filter of the keys after */
    strbuf key_max, key_sorted_max;
    bool keys_unsorted;
    uint64_t *key_bits; /* 64-bit words: each key sets KEY_PROBES bits of one word */
    size_t key_words;   /* a power of 2 */
    long long file_size;
    /* the scores feed: the batch's histogram (store/score_hist.h; NULL: not counted) and
     * the columns it counts: facility_id, month, base_points, bonus_points */
    score_hist_import *hist;
    int hist_col[4];
    long long all_queued; /* feed_store_changed_persons' memory (-1: none) */
    /* the columns named by the feed's rules (col, when_col, other; -1 none), by each
     * column's sched_col and its reference's match (loader_resolve_columns) */
    int rule_cols[MAX_RULES][3];
    int sched_of[MAX_COLS], match_of[MAX_COLS];
};

#define WARN_SHOWN 20 /* warnings said per file */

/* The page cache of a directory import, KiB: a large file's transaction (the province's
 * cc_events: 200 MB of table and key index) stays in memory until its COMMIT instead of
 * being spilled to the WAL and read back from it by the index builds of bulk mode, whose
 * sorts stay in memory too (SQLite sizes their runs by the cache). */
#define INGEST_CACHE_KIB 262144
/* The least cache, KiB, of an index build of bulk mode (reader.c's bulk_end: what
 * INGEST_CACHE_KIB has not filled, at least this), and that of the builds of a table that
 * did not fit in INGEST_CACHE_KIB: SQLite sizes the sorts' runs by the cache. */
#define INGEST_SORT_KIB 16384

/* A CSV file's valid rows are written FEED_STORE_MANY at a time (feed_store_insert_many). */
#define PEND_ROWS FEED_STORE_MANY

/* A valid row waiting in loader.pend: offsets into loader.pend_buf. */
struct pending_row {
    long line;
    size_t raw_off, raw_len, key_off, key_len; /* the row and its key field as read */
    size_t off[MAX_COLS];                      /* values: NUL-terminated copies */
    struct feed_value v[MAX_COLS];             /* n and i of the values (s set when written) */
    unsigned char null[MAX_COLS];
    size_t extra_off, extra_len;
};

/* The state of one reading of a file (load_file may read it twice: see there). */
struct file_read {
    const char *dir, *path;
    int gb;      /* read as GB18030 */
    int refused; /* the file is refused before its rows: one reject for the whole file */
    struct ingest_source src;
    csv_reader rd;
    int rd_init;
    struct ingest_counts c;
};

#define NOT_UTF8 1 /* a reading step met bytes that are not UTF-8: read the file again */

/* ---------- ingest.c */

/* Say a line on the loader's log, prefixed "zhijian import: ". */
void loader_say(struct loader *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A database error while loading: said with the file. Returns ZJ_EDB. */
int loader_db_error(struct loader *L);
/* The feed store's table of feed L->f. */
void loader_table(const struct loader *L, struct feed_store_table *t);
/* Take the feed store's statements of feed L->f and set up the reference caches. 0 or
 * ZJ_EDB. */
int loader_prepare(struct loader *L);
/* Release what loader_prepare and the header mapping took. */
void loader_finalize(struct loader *L);
/* Record the batch of L->file (dir, sha, enc and header may be NULL). 0 or an error said. */
int loader_batch_begin(struct loader *L, const char *dir, const char *sha, const char *enc,
                       const char *header, size_t header_len);
/* Close the batch with counts c, its persons to changed_persons, its sealing refreshed. */
int loader_batch_end(struct loader *L, const struct ingest_counts *c);

/* The calling thread's CPU seconds. */
double loader_thread_cpu(void);
/* The monotonic clock in seconds. */
double loader_now(void);
/* ZJ_TIMING=1 in the environment: a line on stderr per file loaded (bench/). */
bool loader_timing(void);

/* ---------- rows.c */

/* Set up the header mapping from the current record of rd. Returns 0, or -1 with L->msg
 * and L->reject_col set (the file is refused). */
int loader_header(struct loader *L, const csv_reader *rd);
/* Set the current reject (L->msg from fmt, L->reject_col, L->pending). Returns -1. */
int loader_reject(struct loader *L, int col, int pending, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Look up the columns the rules, scheduled dates and references of feed L->f name. */
void loader_resolve_columns(struct loader *L);
/* Validate the current record of rd into row, with L->extra (its unknown columns) and the
 * feed's warning said. 0 when valid, -1 when rejected (L->msg, L->reject_col). */
int loader_validate_row(struct loader *L, const csv_reader *rd, struct ingest_row *row);
/* The key field of the current record of rd as read (NULL: none). */
const char *loader_record_key(const struct loader *L, const csv_reader *rd, size_t *kn);
/* The memory of found keys (L->memo), of at most max_bytes; and freed. */
void loader_memo_new(struct loader *L, size_t max_bytes);
void loader_memo_free(struct loader *L);

/* ---------- write.c */

/* Store the reject of the current record as given (raw already text). 0 or ZJ_EDB. */
int loader_store_reject(struct loader *L, long line, const char *raw, size_t raw_len,
                        const char *key, size_t keylen);
/* Store the reject of the current record (L->msg, L->reject_col, L->pending): raw is the
 * row as read, key its key field (NULL: none). 0 or ZJ_EDB. */
int loader_reject_row(struct loader *L, long line, const char *raw, size_t raw_len, const char *key,
                      size_t keylen);
/* Validate and write the current record of rd. Returns an outcome or ZJ_EDB. */
int loader_process_row(struct loader *L, const csv_reader *rd);
/* Count the outcome out in c. */
void loader_count(struct ingest_counts *c, int out);
/* Whether the CSV file's valid rows may wait to be written many at a time: 1 yes
 * (loader.pend set up, empty; the filter of keys met sized for a file of size bytes), 0 no. */
int loader_pending_begin(struct loader *L, long long size);
/* Keep the valid row (the current record of rd, row, L->extra) to be written later. */
void loader_pending_add(struct loader *L, const csv_reader *rd, const struct ingest_row *row);
/* The same into p, its bytes appended to b (rows kept elsewhere than in loader.pend). */
void loader_pending_keep(const struct loader *L, struct pending_row *p, strbuf *b,
                         const csv_reader *rd, const struct ingest_row *row);
/* Write the rows waiting in loader.pend, in their order, counting them in c. 0 or ZJ_EDB. */
int loader_pending_write(struct loader *L, struct ingest_counts *c);
/* Point the values of the n rows pend[0..n), kept with their bytes in b, at b; rows[r]
 * the values of row r. */
void loader_set_values(const struct loader *L, struct pending_row *pend, size_t n, const char *b,
                       const struct feed_value *rows[]);
/* Whether no key of rows[0..n) was met in an earlier row of the file (the keys are noted
 * either way): the sets of a file are to be given in the file's order. */
bool loader_keys_fresh(struct loader *L, const struct feed_value *const rows[], size_t n);
/* Write the n rows pend[0..n) (their values set by loader_set_values, fresh from
 * loader_keys_fresh) the same way. 0 or ZJ_EDB. */
int loader_set_write(struct loader *L, struct ingest_counts *c, struct pending_row *pend, size_t n,
                     const char *b, bool fresh);

/* ---------- reader.c */

/* The file at path could not be read as its encoding: 1 read it again as GB18030, 2 as
 * UTF-8 rejecting the rows that are not, 0 refused (L->msg), -1 an I/O error. */
int loader_encoding_fallback(struct loader *L, const char *path, long bad_line);
/* Close the file of F. */
void loader_file_close(struct file_read *F);
/* One reading of the file inside the file's savepoint. Returns 0, ZJ_EINVAL (refused),
 * NOT_UTF8 (roll back and read again), ZJ_EIO or ZJ_EDB. */
int loader_read_file(struct loader *L, struct file_read *F);

/* ---------- ahead.c */

/* Read, validate and write the rows after the header as load_rows does, the reading and
 * validation on a thread of their own with L->rdb for the references; L->pend set up by
 * loader_pending_begin. Returns 0, NOT_UTF8, ZJ_EIO or ZJ_EDB. */
int loader_rows_ahead(struct loader *L, struct file_read *F);

/* ---------- retry.c */

/* Load path (the file of feed L->f) in its transaction. Returns 0, ZJ_EINVAL (file
 * refused), ZJ_EIO, ZJ_EDB. */
int loader_load_file(struct loader *L, const char *dir, const char *path);
/* Load the pending rejects of feed L->f again. 0 or an error. */
int loader_retry_feed(struct loader *L);

#endif
