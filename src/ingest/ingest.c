/*
 * ingest.c — loading feed files (see ingest.h).
 *
 * Per file, in one transaction (BEGIN IMMEDIATE … COMMIT; under --strict one transaction
 * for the whole run) and a savepoint: delete the rejects an earlier import of the same file
 * left, record the batch, then for each row validate it against the feed's column table
 * (feeds.h), look up its references, and write it — a new key inserted, a conflict ignored
 * (a validated row can only conflict on its key, which the primary key contains; OR IGNORE,
 * unlike ON CONFLICT(key) DO NOTHING, needs no statement journal per row); for an
 * existing key compare with the stored version: the same content is
 * "unchanged" (nothing written), other content goes to history and the row is updated. A
 * row whose key this batch already wrote, or met unchanged, is a duplicate and rejected.
 * At the end the persons of the written rows go to changed_persons and the batch gets its
 * counts and SHA-256. The file is read once: the source hashes it and checks UTF-8 as the
 * rows load; a file that turns out not to be UTF-8 is rolled back to the savepoint and
 * read again as GB18030, or refused.
 *
 * This file is the import driver: ingest_dir, the batches, the streams of converted rows
 * and the loader they share; reader.c reads one file, rows.c validates a row, write.c
 * writes it or stores its reject, retry.c holds the transactions, the second reading of a
 * file and --retry-rejects (ingest_int.h). The SQL is the feed store's (store/feed_store.h).
 *
 * Speed: statements are prepared once per connection and reused; values are bound from the
 * reader's buffers (SQLITE_STATIC); references go through a small cache per column;
 * SQLite's own foreign-key checks are off while loading because every REFERENCES column of
 * schema_feeds.sql is checked first (rows.c); a file much larger than its table loads without
 * the secondary indexes, which are rebuilt before COMMIT (bulk mode). Nothing is allocated
 * per row.
 */
#include "ingest/ingest_int.h"
#include "store/sealing.h"
#include "store/store.h"
#include "util/error.h"
#include "util/xalloc.h"

#include <malloc.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---------- helpers ---------- */

static const char *col_db(const struct ingest_column *c)
{
    return c->db ? c->db : c->name;
}

void loader_say(struct loader *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(L->log, "zhijian import: ");
    vfprintf(L->log, fmt, ap);
    fputc('\n', L->log);
    va_end(ap);
}

double loader_thread_cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

double loader_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

bool loader_timing(void)
{
    const char *e = getenv("ZJ_TIMING");
    return e && *e == '1';
}

/* A database error while loading: said with the file. Returns ZJ_EDB. */
int loader_db_error(struct loader *L)
{
    loader_say(L, "database error in '%s': %s", L->file, sqlite3_errmsg(L->db));
    return ZJ_EDB;
}

void loader_finalize(struct loader *L)
{
    feed_store_close(&L->fs);
    for (int i = 0; i < MAX_COLS; i++) {
        free(L->cache[i]);
        L->cache[i] = NULL;
    }
    for (size_t i = 0; i < L->nheader; i++)
        free(L->hname[i]);
    free(L->pend);
    L->pend = NULL;
    L->npend = 0;
    strbuf_release(&L->pend_buf);
    strbuf_release(&L->key_max);
    strbuf_release(&L->key_sorted_max);
    free(L->key_bits);
    L->key_bits = NULL;
    strbuf_release(&L->extra);
    strbuf_release(&L->json);
    strbuf_release(&L->flagbuf);
    L->nheader = 0;
    ingest_warn_memo_free(L->warn_memo);
    L->warn_memo = NULL;
    score_hist_import_free(L->hist);
    L->hist = NULL;
}

void loader_table(const struct loader *L, struct feed_store_table *t)
{
    const struct ingest_feed *f = L->f;
    memset(t, 0, sizeof *t);
    t->name = f->name;
    t->ncols = f->ncols;
    for (size_t i = 0; i < f->ncols; i++) {
        const struct ingest_column *c = &f->cols[i];
        t->cols[i] = col_db(c);
        t->integer[i] = c->type == IT_INT || c->type == IT_BOOL || c->type == IT_MONEY;
        if (c->ref) {
            t->ref_table[i] = c->ref->table;
            t->ref_key[i] = c->ref->key;
            t->ref_fetch[i] = c->ref->fetch;
        }
    }
}

/* Take the feed store's statements of feed f (its SQL is built from the static column
 * tables only) and set up the reference caches. */
int loader_prepare(struct loader *L)
{
    const struct ingest_feed *f = L->f;
    struct feed_store_table t;
    loader_table(L, &t);
    if (feed_store_open(&L->fs, L->db, &t) != 0)
        return ZJ_EDB;
    loader_resolve_columns(L);
    for (size_t i = 0; i < f->ncols; i++) {
        if (!f->cols[i].ref)
            continue;
        free(L->cache[i]);
        L->cache[i] = xcalloc(REF_SLOTS, sizeof(struct refcache));
    }
    return 0;
}

/* ---------- batches ---------- */

static const char *os_user(const struct ingest_options *o)
{
    if (o->user)
        return o->user;
    const char *u = getenv("USER");
    if (u && *u)
        return u;
    struct passwd *pw = getpwuid(getuid());
    return pw ? pw->pw_name : "unknown";
}

/* The first score rows of the database: counted into the facilities' histogram as they are
 * written (write.c), so the first screening finds it kept (store/score_hist.h). */
static void hist_begin(struct loader *L)
{
    static const char *const cols[4] = {"facility_id", "month", "base_points", "bonus_points"};
    for (int k = 0; k < 4; k++) {
        L->hist_col[k] = -1;
        for (size_t i = 0; i < L->f->ncols; i++)
            if (!strcmp(L->f->cols[i].name, cols[k]))
                L->hist_col[k] = (int)i;
        if (L->hist_col[k] < 0)
            return;
    }
    L->hist = score_hist_import_begin(L->db);
}

int loader_batch_begin(struct loader *L, const char *dir, const char *sha, const char *enc,
                       const char *header, size_t header_len)
{
    char asof[11];
    struct feed_batch b = {
        .os_user = os_user(L->o),
        .dir = dir,
        .file = L->file,
        .feed = L->f->name,
        .sha256 = sha,
        .encoding = enc,
        .as_of = date_format(L->o->as_of, asof),
        .header = header,
        .header_len = header_len,
    };
    int rc = feed_store_batch_begin(L->db, &b, &L->batch_id);
    if (rc)
        loader_say(L, "database error: %s", sqlite3_errmsg(L->db));
    score_hist_import_free(L->hist);
    L->hist = NULL;
    if (rc == 0 && !strcmp(L->f->name, "scores"))
        hist_begin(L);
    return rc;
}

int loader_batch_end(struct loader *L, const struct ingest_counts *c)
{
    struct feed_batch_counts bc = {c->read, c->loaded, c->replaced, c->unchanged, c->rejected};
    long written = c->loaded + c->replaced;
    int rc = feed_store_batch_end(L->db, L->batch_id, &bc, L->sha);
    if (rc == 0 && L->hist)
        rc = score_hist_import_end(L->db, L->hist, L->batch_id);
    L->hist = NULL; /* freed by score_hist_import_end */
    if (rc == 0 && L->f->persons != FEED_PERSONS_NONE && written > 0)
        rc = feed_store_changed_persons(L->db, L->f->name, L->f->persons, L->batch_id, written,
                                        &L->all_queued);
    /* J-01: the sealing of the persons whose birth date or judgments this batch wrote */
    if (rc == 0 && written > 0)
        rc = store_sealing_refresh_batch(L->db, L->f->name, L->batch_id, written);
    if (rc)
        loader_say(L, "database error: %s", sqlite3_errmsg(L->db));
    return rc;
}

/* ---------- directory ---------- */

static void loader_init(struct loader *L, sqlite3 *db, const struct ingest_options *o)
{
    memset(L, 0, sizeof *L);
    L->db = db;
    L->o = o;
    L->log = o->log ? o->log : stderr;
    L->all_queued = -1;
    L->lo_event = date_from_ymd(1949, 10, 1);
    L->lo_birth = date_from_ymd(1900, 1, 1);
    L->hi_event = o->as_of;
    L->hi_sched = date_from_ymd(2199, 12, 31);
    char ds[11];
    int y, m, d;
    date_format(o->as_of, ds);
    snprintf(L->asof_why, sizeof L->asof_why, "the as-of date %s", ds);
    snprintf(L->asof_month_why, sizeof L->asof_month_why, "the month of the as-of date %s", ds);
    date_to_ymd(L->lo_event, &y, &m, &d);
    L->lo_month = y * 12 + m;
    date_to_ymd(L->hi_event, &y, &m, &d);
    L->hi_month = y * 12 + m;
}

int ingest_dir(sqlite3 *db, const char *dir, const struct ingest_options *o,
               struct ingest_summary *s)
{
    struct loader L;
    int rc = 0, refused = 0;
    char *absdir = NULL;
    long long cache_was = 0;
    memset(s, 0, sizeof *s);
    loader_init(&L, db, o);
    if (dir) {
        struct stat stt;
        absdir = realpath(dir, NULL);
        if (!absdir || stat(absdir, &stt) != 0 || !S_ISDIR(stt.st_mode)) {
            loader_say(&L, "'%s' is not a directory", dir);
            free(absdir);
            return ZJ_EIO;
        }
    }
    strbuf_init(&L.extra, 256);
    strbuf_init(&L.json, 256);
    strbuf_init(&L.flagbuf, 64);
    /* Every REFERENCES column is checked by the loader itself (check_refs). Keys of rows
     * found unchanged: a later row of the file with the same key is a duplicate. Unchanged
     * rows are not written, so their batch_id cannot tell; a temporary table on disk
     * (temp_store = FILE) keeps memory flat whatever the file size. */
    if (feed_store_session_begin(db) != 0) {
        loader_say(&L, "database error: %s", sqlite3_errmsg(db));
        rc = ZJ_EDB;
        goto cleanup;
    }
    /* ZJ_IMPORT_CACHE_KIB (tests): the page cache, KiB, and a sixteenth of it the least
     * cache of an index build */
    const char *ck = getenv("ZJ_IMPORT_CACHE_KIB");
    L.cache_kib = ck && *ck ? atoll(ck) : INGEST_CACHE_KIB;
    L.sort_kib = ck && *ck ? L.cache_kib / 16 : INGEST_SORT_KIB;
#ifdef __GLIBC__
    /* blocks of a MiB or more mapped, and unmapped when freed, and at most 16 MiB kept free
     * at the top of the heap: fixed, where glibc would raise both thresholds to the size of
     * the largest block freed (up to 32 and 64 MiB) and keep in its heap what the memory of
     * found keys and the sorts of the index builds outgrew */
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    mallopt(M_TRIM_THRESHOLD, 16 << 20);
#endif
    feed_store_cache_size(db, -L.cache_kib, &cache_was);
    if (o->strict && store_begin(db) != 0) {
        loader_say(&L, "cannot start a transaction: %s", sqlite3_errmsg(db));
        rc = ZJ_EDB;
        goto cleanup;
    }
    /* ZJ_REF_MEMO_BYTES (tests): the memory of found keys, bytes */
    const char *mb = getenv("ZJ_REF_MEMO_BYTES");
    loader_memo_new(&L, mb && *mb ? strtoul(mb, NULL, 10) : MEMO_BYTES);
    /* ZJ_REF_LOAD_AFTER (tests): how many look-ups before a reference's table is read in */
    const char *la = getenv("ZJ_REF_LOAD_AFTER");
    L.memo_load_after = la && *la ? atol(la) : MEMO_LOAD_AFTER;
    if (!o->strict) { /* under --strict the one transaction commits at the end */
        L.ckpt = feed_store_ckpt_start(db);
        L.rdb = feed_store_reader_open(db);
    }
    for (size_t i = 0; dir && i < ingest_feed_count; i++) {
        char *path = xasprintf("%s/%s.csv", absdir, ingest_feeds[i].name);
        if (access(path, F_OK) != 0) {
            free(path);
            continue;
        }
        L.f = &ingest_feeds[i];
        L.c = &s->feed[i];
        int r = loader_load_file(&L, absdir, path);
        free(path);
        if (r == ZJ_EINVAL) {
            refused++;
            continue;
        }
        if (r != 0) {
            rc = r;
            goto cleanup;
        }
    }
    loader_memo_free(&L); /* the retry looks every reference up */
    if (o->retry_rejects) {
        for (size_t i = 0; i < ingest_feed_count; i++) {
            L.f = &ingest_feeds[i];
            L.c = &s->feed[i];
            if ((rc = loader_retry_feed(&L)) != 0)
                goto cleanup;
        }
    }
    for (size_t i = 0; i < ingest_feed_count; i++) {
        s->rejected += s->feed[i].rejected;
        s->files_rejected += s->feed[i].files_rejected;
    }
    if (o->strict) {
        if (s->rejected || s->files_rejected) {
            store_rollback(db);
            rc = ZJ_ESTRICT;
        } else if (store_commit(db) != 0) {
            rc = ZJ_EDB;
        }
    } else if (refused) {
        rc = ZJ_EINVAL;
    }
    if (dir && o->progress)
        o->progress(NULL, 0, 0);
cleanup:
    if (rc != 0 && rc != ZJ_EINVAL)
        store_rollback(db);
    double t_stop = loader_now();
    feed_store_ckpt_stop(L.ckpt);
    store_close(L.rdb);
    if (loader_timing())
        fprintf(stderr, "timing import: the last checkpoint %.3f s\n", loader_now() - t_stop);
    feed_store_session_end(db);
    if (cache_was)
        feed_store_cache_size(db, cache_was, NULL);
    loader_memo_free(&L);
    strbuf_release(&L.extra);
    strbuf_release(&L.json);
    strbuf_release(&L.flagbuf);
    free(absdir);
    return rc;
}

void ingest_summary_print(const struct ingest_summary *s, FILE *out)
{
    long t[6] = {0};
    int any_retry = 0;
    fprintf(out, "%-18s %10s %10s %10s %10s %10s\n", "feed", "read", "loaded", "replaced",
            "unchanged", "rejected");
    for (size_t i = 0; i < ingest_feed_count; i++) {
        const struct ingest_counts *c = &s->feed[i];
        if (!c->files && !c->retried)
            continue;
        fprintf(out, "%-18s %10ld %10ld %10ld %10ld %10ld%s\n", ingest_feeds[i].name, c->read,
                c->loaded, c->replaced, c->unchanged, c->rejected,
                c->files_rejected ? "  FILE REFUSED (see zhijian rejects)" : "");
        t[0] += c->read;
        t[1] += c->loaded;
        t[2] += c->replaced;
        t[3] += c->unchanged;
        t[4] += c->rejected;
        if (c->retried)
            any_retry = 1;
    }
    fprintf(out, "%-18s %10ld %10ld %10ld %10ld %10ld\n", "total", t[0], t[1], t[2], t[3], t[4]);
    if (any_retry) {
        for (size_t i = 0; i < ingest_feed_count; i++) {
            const struct ingest_counts *c = &s->feed[i];
            if (c->retried)
                fprintf(out, "retry %-12s %ld pending rows tried, %ld loaded, %ld still rejected\n",
                        ingest_feeds[i].name, c->retried, c->retry_loaded,
                        c->retried - c->retry_loaded);
        }
    }
}

/* ---------- streams of converted rows ---------- */

struct ingest_stream {
    struct loader L;
    struct stream_src sx;
    struct ingest_counts c;
    csv_reader rd; /* a record made from the converted values (never reads) */
    strbuf vals;
    size_t field_off[MAX_COLS], field_len[MAX_COLS];
    char *file;
};

int ingest_session_begin(sqlite3 *db)
{
    return feed_store_session_begin(db);
}

void ingest_session_end(sqlite3 *db)
{
    feed_store_session_end(db);
}

int ingest_stream_begin(sqlite3 *db, const char *feed, const struct ingest_options *o,
                        const struct ingest_stream_source *src, struct ingest_stream **out)
{
    const struct ingest_feed *f = ingest_feed_find(feed);
    *out = NULL;
    if (!f || f->ncols > MAX_COLS)
        return ZJ_EINVAL;
    struct ingest_stream *S = xcalloc(1, sizeof *S);
    struct loader *L = &S->L;
    loader_init(L, db, o);
    L->f = f;
    L->c = &S->c;
    L->sx = &S->sx;
    L->repeats = src->repeats;
    S->file = xstrdup(src->file);
    L->file = S->file;
    S->sx.sheet = src->sheet;
    S->sx.profile = src->profile;
    for (size_t i = 0; i < f->ncols; i++) {
        S->sx.letters[i] = src->letters ? src->letters[i] : NULL;
        S->sx.headers[i] = src->headers ? src->headers[i] : NULL;
        L->colpos[i] = (int)i;
    }
    L->nheader = 0; /* no header names: nothing goes to extra */
    strbuf_init(&L->extra, 256);
    strbuf_init(&L->json, 256);
    strbuf_init(&L->flagbuf, 64);
    strbuf_init(&S->sx.converted, 256);
    strbuf_init(&S->vals, 512);
    int rc = loader_prepare(L);
    if (rc == 0)
        rc = feed_store_rejects_forget(db, f->name, S->file, true, src->sheet);
    if (rc == 0) {
        strbuf h = STRBUF_INIT;
        strbuf_init(&h, 256);
        for (size_t i = 0; i < f->ncols; i++) {
            if (i)
                strbuf_addch(&h, ',');
            strbuf_adds(&h, f->cols[i].name);
        }
        rc = loader_batch_begin(L, NULL, NULL, "xlsx", h.buf, h.len);
        strbuf_release(&h);
    }
    if (rc == 0)
        rc = feed_store_batch_source(db, L->batch_id, src->profile, src->sheet);
    if (rc) {
        loader_say(L, "database error: %s", sqlite3_errmsg(db));
        ingest_stream_abort(S);
        return rc;
    }
    *out = S;
    return 0;
}

int ingest_stream_row(struct ingest_stream *S, const struct ingest_stream_row *r)
{
    struct loader *L = &S->L;
    const struct ingest_feed *f = L->f;
    csv_reader *rd = &S->rd;
    strbuf_reset(&S->vals);
    strbuf_reset(&S->sx.converted);
    for (size_t i = 0; i < f->ncols; i++) {
        const char *v = r->values[i] ? r->values[i] : "";
        S->field_off[i] = S->vals.len;
        S->field_len[i] = strlen(v);
        strbuf_add(&S->vals, v, S->field_len[i] + 1);
        if (i)
            strbuf_addch(&S->sx.converted, ',');
        strbuf_add_csv_field(&S->sx.converted, v);
    }
    memset(rd, 0, sizeof *rd);
    rd->out = S->vals.buf;
    rd->field_off = S->field_off;
    rd->field_len = S->field_len;
    rd->nfields = f->ncols;
    rd->raw = r->raw ? r->raw : "";
    rd->raw_len = strlen(rd->raw);
    rd->rec_line = r->line;
    L->nheader = f->ncols;
    S->c.read++;
    int out;
    if (r->err_en) {
        L->reject_col = r->err_col;
        L->pending = 0;
        snprintf(L->msg, sizeof L->msg, "%s", r->err_en);
        S->sx.err_zh = r->err_zh;
        S->sx.converted_ok = 0;
        size_t kn = S->field_len[0];
        out = loader_store_reject(L, r->line, rd->raw, rd->raw_len, kn ? rd->out : NULL, kn)
                  ? ZJ_EDB
                  : OUT_REJECTED;
        S->sx.err_zh = NULL;
    } else {
        S->sx.converted_ok = 1;
        out = loader_process_row(L, rd);
    }
    L->nheader = 0;
    if (out < 0)
        return out;
    loader_count(&S->c, out);
    return 0;
}

int ingest_stream_end(struct ingest_stream *S, struct ingest_counts *add)
{
    int rc = loader_batch_end(&S->L, &S->c);
    if (rc == 0 && add) {
        add->read += S->c.read;
        add->loaded += S->c.loaded;
        add->replaced += S->c.replaced;
        add->unchanged += S->c.unchanged;
        add->rejected += S->c.rejected;
        add->files++;
    }
    ingest_stream_abort(S);
    return rc;
}

void ingest_stream_abort(struct ingest_stream *S)
{
    if (!S)
        return;
    loader_finalize(&S->L);
    strbuf_release(&S->sx.converted);
    strbuf_release(&S->vals);
    free(S->file);
    free(S);
}

void ingest_test_hold(long done, long total, int *held)
{
    const char *path = getenv("ZJ_TEST_IMPORT_HOLD");
    if (!path || !*path || *held || done <= 0 || done >= total)
        return;
    *held = 1;
    ingest_test_wait("ZJ_TEST_IMPORT_HOLD");
}

void ingest_test_wait(const char *env)
{
    const char *path = getenv(env);
    if (!path || !*path)
        return;
    char mark[4096];
    snprintf(mark, sizeof mark, "%s.held", path);
    FILE *f = fopen(mark, "w");
    if (f)
        fclose(f);
    for (int i = 0; i < 2400 && access(path, F_OK) != 0; i++)
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
}
