/*
 * feed_store.h — the SQL of loading feeds; src/ingest is the reader loop that validates
 * rows and calls these. A feed table's row statements (insert, fetch by key,
 * update), history, rejects, import batches, the persons of a batch queued in
 * changed_persons, the keys met unchanged in a file
 * (temp.ingest_seen), the reference look-ups, the bulk mode's index drop and rebuild, and
 * the settings of an import session.
 *
 * A feed's statements come from the connection's statement cache (stmt.h): prepared the
 * first time, then reused by every later file of the feed on that connection.
 * Table and column names come from the static feed tables (feeds.h), never from input.
 */
#ifndef ZJ_STORE_FEED_STORE_H
#define ZJ_STORE_FEED_STORE_H
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

#define FEED_STORE_MAX_COLS 32

/* One value of a row: s NULL is SQL NULL; an integer column binds i, another s (n bytes).
 * Bound SQLITE_STATIC: s must live until the call returns. */
struct feed_value {
    const char *s;
    size_t n;
    long long i;
};

/* A feed table: its columns (cols[0] is the key) and their references. */
struct feed_store_table {
    const char *name;
    size_t ncols;
    const char *cols[FEED_STORE_MAX_COLS]; /* column names in the database */
    bool integer[FEED_STORE_MAX_COLS];     /* bound as an integer (i) */
    /* a reference column: the row of ref_table whose ref_key equals the value; ref_fetch
     * (NULL: none) is the column of that row returned with it */
    const char *ref_table[FEED_STORE_MAX_COLS], *ref_key[FEED_STORE_MAX_COLS],
        *ref_fetch[FEED_STORE_MAX_COLS];
};

/* Rows written by one statement (feed_store_insert_many). */
#define FEED_STORE_MANY 64

struct feed_store {
    sqlite3 *db;
    struct feed_store_table t;
    sqlite3_stmt *ins, *sel, *upd, *hist, *rej, *rej_update, *seen_add, *seen_has;
    /* prepared by the first feed_store_insert_many: with RETURNING, without */
    sqlite3_stmt *ins_many, *ins_many_plain;
    sqlite3_stmt *ref[FEED_STORE_MAX_COLS];
};

/* Take the statements of table t (copied) from the cache and empty the keys met
 * unchanged. 0, or ZJ_EDB (message on stderr); feed_store_close either way. */
int feed_store_open(struct feed_store *fs, sqlite3 *db, const struct feed_store_table *t);
/* Only the reference look-ups of table t (feed_store_ref), on db. 0 or ZJ_EDB;
 * feed_store_close either way. */
int feed_store_open_refs(struct feed_store *fs, sqlite3 *db, const struct feed_store_table *t);
/* Give the statements back to the cache. Safe on a zeroed or closed store. */
void feed_store_close(struct feed_store *fs);

/* INSERT OR IGNORE the row v[0..ncols) with extra (NULL or empty: NULL) and batch.
 * 1 written, 0 the key is there already, ZJ_EDB. */
int feed_store_insert(struct feed_store *fs, const struct feed_value *v, const char *extra,
                      size_t extra_len, long long batch);
/* INSERT OR IGNORE FEED_STORE_MANY rows with one statement, in their order: row r is
 * rows[r][0..ncols) with extra[r] (extra_len[r] bytes; 0: NULL) and batch. SQLite keeps its
 * cursors on the table's pages from row to row instead of descending from the root for
 * each. written[r] is set to 1 for each row written, 0 for a row whose key was there
 * already or came in an earlier row of the set. fresh: no earlier statement of batch
 * wrote any of the rows' keys; then the statement has no RETURNING (whose rows SQLite
 * stores twice in temporary tables: a fifth of the CPU of importing cc_events) and, when
 * it wrote fewer rows than it was given, each key's row tells whether it is of batch.
 * Otherwise the statement's RETURNING names the rows written. 0 or ZJ_EDB. */
int feed_store_insert_many(struct feed_store *fs, const struct feed_value *const rows[],
                           const char *const extra[], const size_t extra_len[], long long batch,
                           bool fresh, unsigned char written[]);
/* Replace the stored row of key v[0] with v, extra and batch. 0 or ZJ_EDB. */
int feed_store_update(struct feed_store *fs, const struct feed_value *v, const char *extra,
                      size_t extra_len, long long batch);

/* Fetch the stored row of key: 0 with *batch its batch_id (the store stays on the row
 * until feed_store_fetch_done), or ZJ_EDB (no such row is an error too). */
int feed_store_fetch(struct feed_store *fs, const char *key, size_t n, long long *batch);
/* Whether the fetched row holds v and extra (NULL or empty: NULL). */
bool feed_store_fetched_same(struct feed_store *fs, const struct feed_value *v, const char *extra,
                             size_t extra_len);
/* The fetched row as a JSON object of all its columns but batch_id, into out (reset). */
void feed_store_fetched_json(struct feed_store *fs, strbuf *out);
void feed_store_fetch_done(struct feed_store *fs);

/* The keys met unchanged in this file. add: 1 the key was there already, 0 added;
 * has: 1 there, 0 not; ZJ_EDB on an error. */
int feed_store_seen_add(struct feed_store *fs, const char *key, size_t n);
int feed_store_seen_has(struct feed_store *fs, const char *key, size_t n);
void feed_store_seen_clear(sqlite3 *db);

/* The earlier version of a replaced row (json of feed_store_fetched_json). 0 or ZJ_EDB. */
int feed_store_history(struct feed_store *fs, const char *key, size_t n, long long batch,
                       long long old_batch, const char *json, size_t json_len);

/* Look up the reference of column col: 1 found (its ref_fetch value into fetched, or
 * *fetched_null), 0 not found, ZJ_EDB. */
int feed_store_ref(struct feed_store *fs, size_t col, const char *key, size_t n, char *fetched,
                   size_t fetched_sz, bool *fetched_null);

/* Every row of column col's reference table: f(arg, key, n, fetched, fetched_n) for each,
 * fetched NULL when the ref_fetch value is NULL (as feed_store_ref gives it, at most
 * fetched_max bytes), in no particular order, until f returns non-zero. Returns the rows
 * given, or ZJ_EDB. */
long long feed_store_ref_all(struct feed_store *fs, size_t col, size_t fetched_max,
                             int (*f)(void *arg, const char *key, size_t n, const char *fetched,
                                      size_t fetched_n),
                             void *arg);

/* A rejected row. NULL or empty texts are stored as NULL but raw (stored as ""). */
struct feed_reject {
    long long batch;
    const char *file;
    long line;
    const char *column, *reason, *reason_zh;
    const char *key; /* keylen bytes; NULL or empty: none */
    size_t keylen;
    int pending; /* an unknown reference: --retry-rejects tries it again */
    const char *raw;
    size_t raw_len;
    const char *sheet, *cell, *source_column; /* converted sources (spreadsheets) */
    const char *converted;                    /* converted_len bytes; NULL: none */
    size_t converted_len;
};
int feed_store_reject_add(struct feed_store *fs, const struct feed_reject *r);
/* A retried reject rejected again: its new column, reason and pending flag. */
int feed_store_reject_update(struct feed_store *fs, long long reject_id, const char *column,
                             const char *reason, int pending, const char *reason_zh);
/* Forget the rejects an earlier import of file left (of its sheet when by_sheet; sheet
 * NULL is a CSV file). 0 or ZJ_EDB. */
int feed_store_rejects_forget(sqlite3 *db, const char *feed, const char *file, bool by_sheet,
                              const char *sheet);
/* The ids of the feed's rejects pending on an unknown reference, in order, into *ids
 * (malloc'd, *n of them). 0 or ZJ_EDB. */
int feed_store_rejects_pending(sqlite3 *db, const char *feed, long long **ids, size_t *n);
/* Reject id with the header of its batch: 1 (line, the row as read or converted into raw,
 * the header into header), 0 gone or without a row or header, ZJ_EDB. */
int feed_store_reject_get(sqlite3 *db, long long id, long *line, strbuf *raw, strbuf *header);
int feed_store_reject_delete(sqlite3 *db, long long id);

/* An import batch: one file or sheet read, or one retry of the pending rejects. */
struct feed_batch {
    const char *os_user, *dir, *file, *feed, *sha256, *encoding, *as_of;
    const char *header; /* header_len bytes; NULL: none */
    size_t header_len;
};
struct feed_batch_counts {
    long read, loaded, replaced, unchanged, rejected;
};
int feed_store_batch_begin(sqlite3 *db, const struct feed_batch *b, long long *batch);
/* The batch's end time and counts; sha256 (NULL or empty: kept) when known at the end. */
int feed_store_batch_end(sqlite3 *db, long long batch, const struct feed_batch_counts *c,
                         const char *sha256);
/* The profile and sheet of a batch read from a spreadsheet. */
int feed_store_batch_source(sqlite3 *db, long long batch, const char *profile, const char *sheet);
/* How the rows of a feed table lead to their persons, for changed_persons. */
enum feed_persons {
    FEED_PERSONS_NONE,        /* the rows name no person */
    FEED_PERSONS_ROW,         /* the row's person_id (persons, deaths) */
    FEED_PERSONS_ROW_INDEXED, /* the same, or person by person through the index on it */
    FEED_PERSONS_ID_NUMBER,   /* the persons of the row's id_number */
    FEED_PERSONS_CORRECTION,  /* the person of the row's community correction (cc_id) */
    FEED_PERSONS_ENFORCEMENT, /* the person of the row's property enforcement (enforcement_id) */
    FEED_PERSONS_INCIDENT,    /* the persons of the row's incident (incident_persons) */
};
/* Queue the persons of the rows that batch wrote to table for screening, found as how
 * says; person by person (an EXISTS per person, through an index) when the batch wrote
 * more rows than there are persons and how has such a statement (not ROW, not INCIDENT).
 * Nothing for FEED_PERSONS_NONE, nor when a batch of 1,000 rows or more finds every
 * person queued already (the statements queue persons of the persons table only).
 * *all_queued (in and out; -1 at first): the connection's data_version when every person
 * was last found queued, or -1. While no other connection has committed since (the
 * data_version is the same) and table is not persons, every person is queued still (db
 * only adds to changed_persons and only the persons feed adds persons): nothing to add,
 * and the look-up is not made again. First, whatever the queue: person_parts
 * (store/presence.h) — the persons batch adds its new persons with no bit, a batch of a
 * table it follows sets its bit for the persons of the batch's rows. 0 or ZJ_EDB. */
int feed_store_changed_persons(sqlite3 *db, const char *table, enum feed_persons how,
                               long long batch, long written, long long *all_queued);

/* Bulk mode. Rows of table, counted up to limit (-1 on an error). */
long long feed_store_rows_upto(sqlite3 *db, const char *table, long long limit);
/* Drop the secondary indexes of table (at most max), their CREATE statements into
 * sql[0..*n) (malloc'd; the caller frees them). 0 or ZJ_EDB. */
int feed_store_indexes_drop(sqlite3 *db, const char *table, char **sql, int max, int *n);
/* Run one CREATE INDEX statement of feed_store_indexes_drop. 0 or ZJ_EDB. */
int feed_store_index_build(sqlite3 *db, const char *sql);

/* An import session: foreign keys off (the loader checks references itself), temporary
 * storage on disk, the temporary table of the keys met unchanged (created outside the
 * files' savepoints, so rolling one back keeps it). 0 or ZJ_EDB. */
int feed_store_session_begin(sqlite3 *db);
void feed_store_session_end(sqlite3 *db);
/* Set db's page cache to value (PRAGMA cache_size: negative KiB, positive pages), what it
 * was into *old when old is not NULL. */
void feed_store_cache_size(sqlite3 *db, long long value, long long *old);
/* The pages db's cache wrote out in the middle of a transaction, having no room for them,
 * since the last call (SQLITE_DBSTATUS_CACHE_SPILL). */
long long feed_store_cache_spills(sqlite3 *db);
/* The bytes db's page caches hold (SQLITE_DBSTATUS_CACHE_USED). */
long long feed_store_cache_used(sqlite3 *db);

/* A second, query-only connection to db's file for the reference look-ups of a thread that
 * validates the rows of a file while db writes the rows before them: between
 * feed_store_reader_begin and _end it reads the database as db's last commit left it.
 * NULL when db is not a WAL file database or the connection cannot be opened. Closed with
 * store_close. */
sqlite3 *feed_store_reader_open(sqlite3 *db);
int feed_store_reader_begin(sqlite3 *r);
void feed_store_reader_end(sqlite3 *r);

/* The WAL checkpoints of an import run, off the loading thread: the import's connection
 * stops checkpointing at its commits and a thread with its own connection copies the
 * committed WAL into the database (a passive checkpoint) after each file, while the next
 * file loads. SQLite starts the WAL over only when a transaction begins after a checkpoint
 * of all of it (and the reading connection of ahead.c reads no older state), so when the
 * WAL has grown past FEED_STORE_CKPT_WAIT frames the commit's checkpoint is waited for:
 * the WAL holds at most that plus the largest file's transaction. Below it nothing waits
 * (a wait costs the loading thread the whole checkpoint: its copying and fsyncs).
 * Checkpoints are crash-safe whichever connection runs them. start returns NULL when db
 * is not a WAL file database or the thread cannot start: the connection then checkpoints
 * at its commits as before. */
#define FEED_STORE_CKPT_WAIT 262144 /* 1 GB of 4 KB pages */
struct feed_store_ckpt;
struct feed_store_ckpt *feed_store_ckpt_start(sqlite3 *db);
/* A file was committed: checkpoint it (NULL is ignored). */
void feed_store_ckpt_kick(struct feed_store_ckpt *c);
/* Checkpoint what is committed, wait for it, close the thread's connection and give db
 * its automatic checkpoints back. NULL is ignored. */
void feed_store_ckpt_stop(struct feed_store_ckpt *c);

/* One file's savepoint: begin, roll back to it (the savepoint stays), release. */
int feed_store_file_begin(sqlite3 *db);
int feed_store_file_undo(sqlite3 *db);
void feed_store_file_end(sqlite3 *db);

#endif
