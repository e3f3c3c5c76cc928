/*
 * retry.c — the transactions of an import and what is tried again (ingest_int.h): a file
 * loads in its own transaction (the whole run in one under --strict) and a savepoint, is
 * read again from the savepoint when it turns out not to be UTF-8, and --retry-rejects
 * loads the pending rejects of a feed again, each from its stored row and header.
 */
#include "ingest/ingest_int.h"
#include "store/store.h"
#include "util/error.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* After a reading that met bytes that are not UTF-8: undo it and decide how to read the
 * file again (as GB18030, as UTF-8 rejecting the bad rows, or refused). */
static int prepare_rereading(struct loader *L, struct file_read *F)
{
    long bad_line = F->src.u.bad_line ? F->src.u.bad_line : F->src.u.line;
    loader_file_close(F);
    for (int i = 0; i < L->nindex; i++)
        free(L->index_sql[i]);
    L->nindex = 0;
    if (feed_store_file_undo(L->db) != 0) {
        loader_say(L, "database error: %s", sqlite3_errmsg(L->db));
        return ZJ_EDB;
    }
    int g = loader_encoding_fallback(L, F->path, bad_line);
    if (g < 0)
        return ZJ_EIO;
    F->gb = g == 1;
    L->utf8_rows = g == 2;
    F->refused = g == 0;
    L->reject_col = -1;
    return 0;
}

/* Load path (the file of feed L->f). Returns 0, ZJ_EINVAL (file refused), ZJ_EIO, ZJ_EDB.
 *
 * One pass over the file: the source hashes it and checks UTF-8 while the rows load. A
 * file that turns out not to be UTF-8 is rolled back to the savepoint taken before it and
 * read again as GB18030 (auto) or refused (--encoding utf-8). */
int loader_load_file(struct loader *L, const char *dir, const char *path)
{
    const struct ingest_options *o = L->o;
    struct file_read F = {.dir = dir, .path = path, .src = {.fd = -1, .cd = (iconv_t)-1}};
    int rc = 0, in_tx = 0, in_sp = 0;
    double cpu0 = loader_thread_cpu(), t0 = loader_now(), t_commit = 0;
    L->ahead_cpu = 0;
    L->t_rows = L->t_index = L->t_end = 0;
    L->index_kib = 0;

    L->file = path;
    L->warned = 0;
    ingest_warn_memo_free(L->warn_memo);
    L->warn_memo = NULL;
    L->utf8_rows = 0;
    F.gb = o->encoding == INGEST_ENC_GB18030;
    if (F.gb) {
        int g = loader_encoding_fallback(L, path, 0);
        if (g < 0)
            return ZJ_EIO;
        F.refused = g == 0;
    }
    if (!o->strict) {
        if (store_begin(L->db) != 0) {
            loader_say(L, "cannot start a transaction: %s", sqlite3_errmsg(L->db));
            return ZJ_EDB;
        }
        in_tx = 1;
    }
    if (feed_store_file_begin(L->db) != 0) {
        loader_say(L, "cannot start a transaction: %s", sqlite3_errmsg(L->db));
        rc = ZJ_EDB;
    } else {
        in_sp = 1;
        rc = loader_prepare(L);
    }
    while (rc == 0 && (rc = loader_read_file(L, &F)) == NOT_UTF8)
        rc = prepare_rereading(L, &F);

    for (int i = 0; i < L->nindex; i++) /* error before bulk_end: the rollback restores them */
        free(L->index_sql[i]);
    L->nindex = 0;
    loader_file_close(&F);
    loader_finalize(L);
    int keep = rc == 0 || rc == ZJ_EINVAL;
    if (in_sp) {
        if (!keep)
            feed_store_file_undo(L->db);
        feed_store_file_end(L->db);
    }
    if (in_tx) {
        if (!keep) {
            store_rollback(L->db);
        } else if (store_commit(L->db) != 0) {
            loader_say(L, "cannot commit '%s': %s", path, sqlite3_errmsg(L->db));
            store_rollback(L->db);
            return ZJ_EDB;
        }
        t_commit = loader_now();
        feed_store_ckpt_kick(L->ckpt);
    }
    if (loader_timing()) {
        double t1 = loader_now();
        fprintf(stderr, "timing import %-18s %8.3f s wall, %8.3f s CPU loading, %8.3f s reading",
                L->f->name, t1 - t0, loader_thread_cpu() - cpu0, L->ahead_cpu);
        if (L->t_end && t_commit) /* the wall clock of the steps */
            fprintf(stderr, " (rows %.3f, indexes %.3f, end %.3f, commit %.3f, wait %.3f)",
                    L->t_rows - t0, L->t_index - L->t_rows, L->t_end - L->t_index,
                    t_commit - L->t_end, t1 - t_commit);
        if (L->index_kib)
            fprintf(stderr, " indexes built with a %lld KiB cache", L->index_kib);
        fputc('\n', stderr);
    }
    if (keep) {
        L->c->read += F.c.read;
        L->c->loaded += F.c.loaded;
        L->c->replaced += F.c.replaced;
        L->c->unchanged += F.c.unchanged;
        L->c->rejected += F.c.rejected;
        L->c->files_rejected += F.c.files_rejected;
    }
    L->c->files++;
    return rc;
}

/* ---------- retry of pending rejects ---------- */

int loader_retry_feed(struct loader *L)
{
    sqlite3 *db = L->db;
    int rc = 0, in_tx = 0;
    long long *ids = NULL;
    size_t nids = 0;
    struct ingest_counts c = {0};
    char *cur_header = NULL;
    csv_reader hr, rr;
    int hr_init = 0;
    strbuf raw = STRBUF_INIT, header = STRBUF_INIT;

    if (feed_store_rejects_pending(db, L->f->name, &ids, &nids) != 0)
        return ZJ_EDB;
    if (!nids)
        return 0;

    if (!L->o->strict) {
        if (store_begin(db) != 0) {
            free(ids);
            return ZJ_EDB;
        }
        in_tx = 1;
    }
    L->file = "(retry)";
    if ((rc = loader_batch_begin(L, NULL, NULL, NULL, NULL, 0)) != 0)
        goto cleanup;
    if ((rc = loader_prepare(L)) != 0)
        goto cleanup;
    for (size_t k = 0; k < nids; k++) {
        long line = 0;
        int got = feed_store_reject_get(db, ids[k], &line, &raw, &header);
        if (got < 0) {
            rc = ZJ_EDB;
            goto cleanup;
        }
        if (!got)
            continue;
        if (!cur_header || strcmp(cur_header, header.buf)) {
            free(cur_header);
            cur_header = xstrdup(header.buf);
            struct csv_mem_source hm = {cur_header, strlen(cur_header), 0};
            if (hr_init)
                csv_reader_release(&hr);
            csv_reader_init(&hr, csv_mem_read, &hm);
            hr_init = 1;
            int ok = csv_next(&hr) == 1 && loader_header(L, &hr) == 0;
            csv_reader_release(&hr);
            hr_init = 0;
            if (!ok) {
                free(cur_header);
                cur_header = NULL;
                continue;
            }
        }
        struct csv_mem_source rm = {raw.buf, raw.len, 0};
        csv_reader_init(&rr, csv_mem_read, &rm);
        int r = csv_next(&rr);
        if (r == 1) {
            L->retry_reject_id = ids[k];
            rr.rec_line = line;
            c.retried++;
            c.read++;
            int out = loader_process_row(L, &rr);
            L->retry_reject_id = 0;
            if (out < 0) {
                csv_reader_release(&rr);
                rc = out;
                goto cleanup;
            }
            if (out != OUT_REJECTED) {
                c.retry_loaded++;
                loader_count(&c, out);
                if (feed_store_reject_delete(db, ids[k]) != 0) {
                    rc = loader_db_error(L);
                    csv_reader_release(&rr);
                    goto cleanup;
                }
            }
        }
        csv_reader_release(&rr);
    }
    /* the retried rows stay counted as rejected of their own batches until they load */
    {
        struct ingest_counts bc = c;
        bc.read = c.retried;
        bc.rejected = c.retried - c.retry_loaded;
        rc = loader_batch_end(L, &bc);
    }
cleanup:
    loader_finalize(L);
    strbuf_release(&raw);
    strbuf_release(&header);
    free(cur_header);
    free(ids);
    if (in_tx) {
        if (rc == 0)
            rc = store_commit(db) == 0 ? 0 : ZJ_EDB;
        if (rc != 0)
            store_rollback(db);
    }
    if (rc == 0) { /* reported on their own line: read/loaded stay those of the files */
        L->c->retried += c.retried;
        L->c->retry_loaded += c.retry_loaded;
    }
    return rc;
}
