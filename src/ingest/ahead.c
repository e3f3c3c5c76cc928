/*
 * ahead.c — a file's rows read and validated on a second thread while the loading thread
 * writes the rows before them (ingest_int.h). The reading thread does everything the
 * loader did for a row before writing it: the bytes read (SHA-256, the UTF-8 check,
 * GB18030 converted), the CSV record, the row validated and its references looked up,
 * the valid rows kept in sets of PEND_ROWS and their keys noted (loader_keys_fresh). It
 * hands the loading thread, in the file's
 * order, items of a set of valid rows and the reject that ended it, through a ring of
 * AHEAD_ITEMS items (memory bounded); the loading thread writes the sets and stores the
 * rejects exactly as it did when it read them itself.
 *
 * The references are looked up on a second connection (feed_store_reader_open) in one
 * read transaction per file, begun after the file's transaction: it sees the database as
 * the commit of the file before left it, as the loading connection saw it but for the
 * rows of this file — which no reference of a feed read ahead names (loader_pending_begin
 * refuses a feed that references its own table). Under --strict all files share one
 * transaction that the second connection would not see: ingest_dir opens none then.
 */
#include "ingest/ingest_int.h"
#include "util/error.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define AHEAD_ITEMS 64 /* items in the ring: at most 4,096 valid rows read ahead */

struct ahead_item {
    struct pending_row pend[PEND_ROWS]; /* the valid rows of the set, bytes in buf */
    size_t npend;
    bool fresh; /* loader_keys_fresh of the set */
    strbuf buf;
    /* the reject that ended the set (has_reject), its row and key in buf */
    int has_reject, reject_col, pending;
    long line;
    size_t raw_off, raw_len, key_off, key_len;
    int has_key;
    char msg[MSG_SZ];
    long read;                  /* rows read up to the end of this item */
    long prog_done, prog_total; /* prog_done > 0: report progress after this item */
    int end, rc;                /* the last item: the reading's result (0, NOT_UTF8, ZJ_EIO) */
};

struct ahead {
    struct loader R; /* the reading thread's loader: a copy of the loading thread's */
    struct file_read *F;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t filled, freed;
    struct ahead_item *items; /* AHEAD_ITEMS */
    size_t head, count;       /* the oldest filled item, and how many are filled */
    int stop;                 /* the loading thread gives up: the reader ends */
    /* a thread waiting, woken only when the other has done a stretch of work (not item by
     * item, which would cost a wake-up of each thread every PEND_ROWS rows) */
    int reader_waits, loader_waits;
    double cpu; /* the reading thread's CPU seconds */
};

#define AHEAD_WAKE 8 /* items filled (or freed) before the waiting thread is woken */

/* The reading thread: wait for a free item; NULL when told to stop. */
static struct ahead_item *free_item(struct ahead *A)
{
    pthread_mutex_lock(&A->mu);
    if (A->count == AHEAD_ITEMS && !A->stop) {
        A->reader_waits = 1;
        while (A->count > AHEAD_ITEMS - AHEAD_WAKE && !A->stop)
            pthread_cond_wait(&A->freed, &A->mu);
        A->reader_waits = 0;
    }
    struct ahead_item *it = A->stop ? NULL : &A->items[(A->head + A->count) % AHEAD_ITEMS];
    pthread_mutex_unlock(&A->mu);
    if (it) {
        it->npend = 0;
        strbuf_reset(&it->buf);
        it->has_reject = it->has_key = 0;
        it->prog_done = 0;
        it->end = it->rc = 0;
    }
    return it;
}

static void push_item(struct ahead *A, struct ahead_item *it, int end)
{
    const struct feed_value *rows[PEND_ROWS];
    loader_set_values(&A->R, it->pend, it->npend, it->buf.buf, rows);
    it->fresh = loader_keys_fresh(&A->R, rows, it->npend);
    pthread_mutex_lock(&A->mu);
    A->count++;
    if (A->loader_waits && (end || A->count >= AHEAD_WAKE))
        pthread_cond_signal(&A->filled);
    pthread_mutex_unlock(&A->mu);
}

/* The rows of the file after the header, as load_rows read them one by one. */
static int read_rows(struct ahead *A)
{
    struct loader *L = &A->R;
    struct file_read *F = A->F;
    const struct ingest_options *o = L->o;
    long read = 0;
    struct ahead_item *it = free_item(A);
    if (!it)
        return 0;
    for (;;) {
        int r = csv_next(&F->rd), rc = 0;
        if (r < 0) {
            if (F->src.bad)
                loader_say(L, "%s: invalid GB18030 bytes near offset %ld", F->path, F->src.offset);
            else
                loader_say(L, "cannot read '%s': %s", F->path, strerror(errno));
            rc = ZJ_EIO;
        } else if (!F->gb && !L->utf8_rows && F->src.u.bad) {
            rc = NOT_UTF8;
        }
        if (rc || r == 0) {
            it->read = read;
            it->end = 1;
            it->rc = rc;
            push_item(A, it, 1);
            return 0;
        }
        if (F->rd.nfields == 1 && F->rd.raw_len == 0 && !F->rd.error)
            continue; /* blank line */
        read++;
        struct ingest_row row;
        int full = 0;
        if (loader_validate_row(L, &F->rd, &row) == 0) {
            loader_pending_keep(L, &it->pend[it->npend++], &it->buf, &F->rd, &row);
            full = it->npend == PEND_ROWS;
        } else {
            it->has_reject = 1;
            it->reject_col = L->reject_col;
            it->pending = L->pending;
            memcpy(it->msg, L->msg, sizeof it->msg);
            it->line = F->rd.rec_line;
            it->raw_off = it->buf.len;
            it->raw_len = F->rd.raw_len;
            strbuf_add(&it->buf, F->rd.raw, F->rd.raw_len);
            size_t kn;
            const char *k =
                utf8_valid(F->rd.raw, F->rd.raw_len) ? loader_record_key(L, &F->rd, &kn) : NULL;
            it->has_key = k != NULL;
            it->key_off = it->buf.len;
            it->key_len = k ? kn : 0;
            strbuf_add(&it->buf, k ? k : "", it->key_len);
            full = 1;
        }
        if (o->progress && (read & 0xFFFF) == 0) {
            /* the rows to come, estimated from the bytes read so far */
            struct stat fs;
            long total = 0;
            if (F->src.offset > 0 && stat(F->path, &fs) == 0)
                total = (long)((double)read * (double)fs.st_size / (double)F->src.offset);
            it->prog_done = read;
            it->prog_total = total > read ? total : read;
        }
        if (full) {
            it->read = read;
            push_item(A, it, 0);
            if (!(it = free_item(A)))
                return 0;
        }
    }
}

static void *ahead_run(void *arg)
{
    struct ahead *A = arg;
    int began = feed_store_reader_begin(A->R.db) == 0;
    read_rows(A);
    if (began)
        feed_store_reader_end(A->R.db);
    A->cpu = loader_thread_cpu();
    return NULL;
}

/* The loading thread: the oldest filled item (waits for it). */
static struct ahead_item *next_item(struct ahead *A)
{
    pthread_mutex_lock(&A->mu);
    if (A->count == 0) {
        A->loader_waits = 1;
        while (A->count == 0)
            pthread_cond_wait(&A->filled, &A->mu);
        A->loader_waits = 0;
    }
    struct ahead_item *it = &A->items[A->head];
    pthread_mutex_unlock(&A->mu);
    return it;
}

static void done_item(struct ahead *A)
{
    pthread_mutex_lock(&A->mu);
    A->head = (A->head + 1) % AHEAD_ITEMS;
    A->count--;
    if (A->reader_waits && A->count <= AHEAD_ITEMS - AHEAD_WAKE)
        pthread_cond_signal(&A->freed);
    pthread_mutex_unlock(&A->mu);
}

/* Write the item's set and store its reject, as load_rows does for the rows it reads. */
static int write_item(struct loader *L, struct file_read *F, struct ahead_item *it)
{
    if (it->npend && loader_set_write(L, &F->c, it->pend, it->npend, it->buf.buf, it->fresh) != 0)
        return ZJ_EDB;
    if (it->has_reject) {
        memcpy(L->msg, it->msg, sizeof L->msg);
        L->reject_col = it->reject_col;
        L->pending = it->pending;
        if (loader_reject_row(L, it->line, it->buf.buf + it->raw_off, it->raw_len,
                              it->has_key ? it->buf.buf + it->key_off : NULL, it->key_len))
            return ZJ_EDB;
        loader_count(&F->c, OUT_REJECTED);
    }
    F->c.read = it->read;
    if (it->prog_done)
        L->o->progress(L->f->name, it->prog_done, it->prog_total);
    return 0;
}

int loader_rows_ahead(struct loader *L, struct file_read *F)
{
    struct ahead *A = xcalloc(1, sizeof *A);
    struct loader *R = &A->R;
    struct feed_store_table t;
    int rc = 0;
    /* the reading thread's loader: the header mapping and the reference caches (which the
     * loading thread does not use while the rows are read ahead), its own connection,
     * message and buffers */
    *R = *L;
    R->db = L->rdb;
    R->pend = NULL;
    R->npend = 0;
    strbuf_init(&R->pend_buf, 0);
    strbuf_init(&R->key_max, 64);
    strbuf_init(&R->key_sorted_max, 64);
    R->key_bits = NULL;
    R->keys_unsorted = false;
    strbuf_init(&R->extra, 256);
    strbuf_init(&R->json, 64);
    strbuf_init(&R->flagbuf, 64);
    loader_table(L, &t);
    if (feed_store_open_refs(&R->fs, R->db, &t) != 0) {
        rc = loader_db_error(R);
        goto cleanup;
    }
    A->F = F;
    A->items = xcalloc(AHEAD_ITEMS, sizeof *A->items);
    for (size_t i = 0; i < AHEAD_ITEMS; i++)
        strbuf_init(&A->items[i].buf, 1 << 13);
    pthread_mutex_init(&A->mu, NULL);
    pthread_cond_init(&A->filled, NULL);
    pthread_cond_init(&A->freed, NULL);
    if (pthread_create(&A->thread, NULL, ahead_run, A) != 0) {
        loader_say(L, "cannot start a thread to read '%s'", F->path);
        rc = ZJ_EIO;
    } else {
        for (;;) {
            struct ahead_item *it = next_item(A);
            int end = it->end;
            rc = write_item(L, F, it);
            if (rc == 0 && end)
                rc = it->rc;
            done_item(A);
            if (end || rc)
                break;
        }
        pthread_mutex_lock(&A->mu);
        A->stop = 1;
        pthread_cond_signal(&A->freed);
        pthread_mutex_unlock(&A->mu);
        pthread_join(A->thread, NULL);
        L->ahead_cpu += A->cpu;
    }
    pthread_mutex_destroy(&A->mu);
    pthread_cond_destroy(&A->filled);
    pthread_cond_destroy(&A->freed);
    for (size_t i = 0; i < AHEAD_ITEMS; i++)
        strbuf_release(&A->items[i].buf);
    free(A->items);
cleanup:
    L->warn_memo = R->warn_memo;
    L->warned = R->warned;
    feed_store_close(&R->fs);
    strbuf_release(&R->extra);
    strbuf_release(&R->json);
    strbuf_release(&R->flagbuf);
    strbuf_release(&R->key_max);
    strbuf_release(&R->key_sorted_max);
    free(R->key_bits);
    free(A);
    return rc;
}
