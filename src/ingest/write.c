/*
 * write.c — a valid row written, or a row's reject stored (ingest_int.h): a new key
 * inserted, a known key compared with its stored version (unchanged, replaced with the old
 * one in history, or a duplicate of this batch), rejects with their Chinese reason, and a
 * CSV file's valid rows written FEED_STORE_MANY at a time.
 */
#include "ingest/ingest_int.h"
#include "ingest/reason_zh.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* ---------- writing ---------- */

/* A score row inserted: counted in the batch's histogram (loader.hist). */
static void hist_row(struct loader *L, const struct feed_value *v)
{
    const struct feed_value *f = &v[L->hist_col[0]], *m = &v[L->hist_col[1]],
                            *b = &v[L->hist_col[2]], *x = &v[L->hist_col[3]];
    if (!f->s || !m->s) { /* not counted by a screening's count either: let it count */
        score_hist_import_spoil(L->hist);
        return;
    }
    /* base_points + ifnull(bonus_points, 0): NULL (0) when base_points is NULL */
    score_hist_import_row(L->hist, f->s, f->n, m->s, m->n, b->s ? b->i : 0,
                          b->s && x->s ? x->i : 0);
}

/* Write a valid row. Returns an outcome, or ZJ_EDB. */
static int write_row(struct loader *L, const struct ingest_row *row)
{
    const struct feed_value *key = &row->v[0];
    const char *extra = L->extra.buf;
    size_t extra_len = L->extra.len;
    int ins = feed_store_insert(&L->fs, row->v, extra, extra_len, L->batch_id);
    if (ins < 0)
        return loader_db_error(L);
    if (ins) {
        if (L->hist)
            hist_row(L, row->v);
        return OUT_LOADED;
    }

    long long old_batch;
    if (feed_store_fetch(&L->fs, key->s, key->n, &old_batch) != 0)
        return loader_db_error(L);
    int dup = old_batch == L->batch_id && L->retry_reject_id == 0;
    int same = !dup && feed_store_fetched_same(&L->fs, row->v, extra, extra_len);
    if (!dup) {
        /* unchanged: remember the key (a second insert of it means a duplicate);
         * changed: a duplicate if the key was met unchanged before */
        dup = same ? feed_store_seen_add(&L->fs, key->s, key->n)
                   : feed_store_seen_has(&L->fs, key->s, key->n);
        if (dup < 0) {
            feed_store_fetch_done(&L->fs);
            return loader_db_error(L);
        }
    }
    if (dup && L->repeats && feed_store_fetched_same(&L->fs, row->v, extra, extra_len)) {
        feed_store_fetch_done(&L->fs);
        return OUT_UNCHANGED;
    }
    if (dup) {
        feed_store_fetch_done(&L->fs);
        loader_reject(L, 0, 0,
                      "duplicate key %s '%.*s': an earlier row of this file has the same key "
                      "(the first one is kept)",
                      L->f->cols[0].name, ingest_clip(key->s, key->n, 80), key->s);
        return OUT_REJECTED;
    }
    if (same) {
        feed_store_fetch_done(&L->fs);
        return OUT_UNCHANGED;
    }
    feed_store_fetched_json(&L->fs, &L->json);
    feed_store_fetch_done(&L->fs);
    if (feed_store_history(&L->fs, key->s, key->n, L->batch_id, old_batch, L->json.buf,
                           L->json.len) != 0 ||
        feed_store_update(&L->fs, row->v, extra, extra_len, L->batch_id) != 0)
        return loader_db_error(L);
    score_hist_import_spoil(L->hist);
    return OUT_REPLACED;
}

int loader_store_reject(struct loader *L, long line, const char *raw, size_t raw_len,
                        const char *key, size_t keylen)
{
    const struct ingest_feed *f = L->f;
    const char *col = L->reject_col >= 0 ? f->cols[L->reject_col].name : NULL;
    char zh[MSG_SZ], cell[32] = "";
    const char *src_col = NULL;
    if (L->sx && L->sx->err_zh)
        snprintf(zh, sizeof zh, "%s", L->sx->err_zh);
    else
        reason_zh(L->msg, zh, sizeof zh);
    if (L->sx && L->reject_col >= 0 && L->sx->letters[L->reject_col]) {
        snprintf(cell, sizeof cell, "%s%ld", L->sx->letters[L->reject_col], line);
        src_col = L->sx->headers[L->reject_col];
    }
    if (L->o->strict && L->strict_shown++ < 50) {
        if (L->sx && cell[0])
            fprintf(L->log, "%s [%s] %s: %s\n", L->file, L->sx->sheet ? L->sx->sheet : "", cell,
                    L->msg);
        else
            fprintf(L->log, "%s:%ld: %s%s%s\n", L->file, line, col ? col : "", col ? ": " : "",
                    L->msg);
    }
    if (L->retry_reject_id > 0)
        return feed_store_reject_update(&L->fs, L->retry_reject_id, col, L->msg, L->pending, zh)
                   ? loader_db_error(L)
                   : 0;
    struct feed_reject r = {
        .batch = L->batch_id,
        .file = L->file,
        .line = line,
        .column = col,
        .reason = L->msg,
        .reason_zh = zh,
        .key = key,
        .keylen = keylen,
        .pending = L->pending,
        .raw = raw,
        .raw_len = raw_len,
        .sheet = L->sx ? L->sx->sheet : NULL,
        .cell = cell,
        .source_column = src_col,
    };
    if (L->sx && L->sx->converted_ok) {
        r.converted = L->sx->converted.buf;
        r.converted_len = L->sx->converted.len;
    }
    return feed_store_reject_add(&L->fs, &r) ? loader_db_error(L) : 0;
}

/* Store the reject of the current record (L->msg, L->reject_col, L->pending): raw is the
 * row as read, key its key field (NULL: none). 0 or ZJ_EDB. */
int loader_reject_row(struct loader *L, long line, const char *raw, size_t raw_len, const char *key,
                      size_t keylen)
{
    /* the raw row is stored as text: undecodable bytes and NULs as \xNN escapes */
    if (utf8_valid(raw, raw_len))
        return loader_store_reject(L, line, raw, raw_len, key, keylen);
    strbuf esc = STRBUF_INIT;
    text_escape_n(&esc, raw, raw_len);
    int rc = loader_store_reject(L, line, esc.buf ? esc.buf : "", esc.len, NULL, 0);
    strbuf_release(&esc);
    return rc;
}

/* Validate and write the current record of rd. Returns an outcome or ZJ_EDB. */
int loader_process_row(struct loader *L, const csv_reader *rd)
{
    struct ingest_row row;
    int out = loader_validate_row(L, rd, &row) == 0 ? write_row(L, &row) : OUT_REJECTED;
    if (out == OUT_REJECTED) {
        size_t kn;
        const char *k = utf8_valid(rd->raw, rd->raw_len) ? loader_record_key(L, rd, &kn) : NULL;
        if (loader_reject_row(L, rd->rec_line, rd->raw, rd->raw_len, k, k ? kn : 0))
            return ZJ_EDB;
    }
    return out;
}

void loader_count(struct ingest_counts *c, int out)
{
    switch (out) {
    case OUT_LOADED:
        c->loaded++;
        break;
    case OUT_REPLACED:
        c->replaced++;
        break;
    case OUT_UNCHANGED:
        c->unchanged++;
        break;
    default:
        c->rejected++;
    }
}

/* ---------- rows written many at a time ---------- */

/* Whether the CSV file's valid rows may wait to be written many at a time: not when a
 * reference of the feed names its own table (a row's references are looked up when it is
 * read). 1 yes (loader.pend set up, empty; the filter of keys met sized for a file of
 * size bytes), 0 no. */
int loader_pending_begin(struct loader *L, long long size)
{
    const struct ingest_feed *f = L->f;
    for (size_t i = 0; i < f->ncols; i++)
        if (f->cols[i].ref && !strcmp(f->cols[i].ref->table, f->name))
            return 0;
    if (!L->pend) {
        L->pend = xcalloc(PEND_ROWS, sizeof *L->pend);
        strbuf_init(&L->pend_buf, 1 << 14);
    }
    L->npend = 0; /* rows of an earlier reading of the file were rolled back */
    strbuf_reset(&L->pend_buf);
    strbuf_reset(&L->key_max);
    L->keys_unsorted = false;
    free(L->key_bits);
    L->key_bits = NULL;
    L->file_size = size;
    return 1;
}

static uint64_t key_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325u; /* FNV-1a, then a final mix */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    return h ^ (h >> 33);
}

#define KEY_PROBES 4

/* The bits of a key in its word of the filter (the word: the hash's low bits). */
static uint64_t key_word_bits(uint64_t h)
{
    uint64_t m = 0;
    for (int p = 0; p < KEY_PROBES; p++)
        m |= (uint64_t)1 << ((h >> (40 + 6 * p)) & 63);
    return m;
}

/* -1, 0, 1: key (s, n) before, equal to, after b (bytewise, a prefix first). */
static int key_cmp(const char *s, size_t n, const char *b, size_t bn)
{
    size_t m = n < bn ? n : bn;
    int c = m ? memcmp(s, b, m) : 0;
    return c ? c : (n > bn) - (n < bn);
}

/* Whether no key of rows[0..n) was met in an earlier row of the file, as far as can be
 * told cheaply; the keys are noted either way. A key above every key met is new. Files
 * mostly come in key order: a key out of order below the greatest of the ordered run
 * that began the file may be one of it ("maybe"); one above it is looked up in the Bloom
 * filter of the keys after that run. A "maybe" only costs the slower statement. */
bool loader_keys_fresh(struct loader *L, const struct feed_value *const rows[], size_t n)
{
    bool fresh = true;
    const char *mx = L->key_max.buf;
    size_t mxn = L->key_max.len;
    for (size_t r = 0; r < n; r++) {
        const struct feed_value *k = &rows[r][0];
        bool above = !mxn || key_cmp(k->s, k->n, mx, mxn) > 0;
        if (above) {
            mx = k->s;
            mxn = k->n;
            if (!L->keys_unsorted)
                continue;
        } else if (!L->keys_unsorted) {
            L->keys_unsorted = true;
            strbuf_reset(&L->key_sorted_max);
            strbuf_add(&L->key_sorted_max, mx, mxn);
            /* about 8 bits per row of 32 bytes or more, between 8 KB and 4 MB */
            size_t words = 1u << 10;
            while (words < (1u << 19) && (long long)words * 256 < L->file_size)
                words <<= 1;
            L->key_bits = xcalloc(words, sizeof *L->key_bits);
            L->key_words = words;
        }
        uint64_t h = key_hash(k->s, k->n), m = key_word_bits(h);
        uint64_t *w = &L->key_bits[h & (L->key_words - 1)];
        if (fresh && !above &&
            (key_cmp(k->s, k->n, L->key_sorted_max.buf, L->key_sorted_max.len) <= 0 ||
             (*w & m) == m))
            fresh = false;
        *w |= m;
    }
    if (mx != L->key_max.buf) {
        strbuf_reset(&L->key_max);
        strbuf_add(&L->key_max, mx, mxn);
    }
    return fresh;
}

/* Keep the valid row (the current record of rd, row, L->extra) to be written later. */
void loader_pending_add(struct loader *L, const csv_reader *rd, const struct ingest_row *row)
{
    loader_pending_keep(L, &L->pend[L->npend++], &L->pend_buf, rd, row);
}

void loader_pending_keep(const struct loader *L, struct pending_row *p, strbuf *b,
                         const csv_reader *rd, const struct ingest_row *row)
{
    size_t kn;
    const char *k = loader_record_key(L, rd, &kn);
    p->line = rd->rec_line;
    p->raw_off = b->len;
    p->raw_len = rd->raw_len;
    strbuf_add(b, rd->raw, rd->raw_len);
    p->key_off = b->len;
    p->key_len = k ? kn : 0;
    strbuf_add(b, k ? k : "", p->key_len);
    for (size_t i = 0; i < L->f->ncols; i++) {
        const struct feed_value *v = &row->v[i];
        p->null[i] = !v->s;
        p->v[i].i = v->i;
        p->v[i].n = v->s ? v->n : 0;
        p->off[i] = b->len;
        strbuf_add(b, v->s ? v->s : "", p->v[i].n);
        strbuf_addch(b, '\0');
    }
    p->extra_off = b->len;
    p->extra_len = L->extra.len;
    strbuf_add(b, L->extra.buf ? L->extra.buf : "", L->extra.len);
}

/* Write the rows waiting in loader.pend, in their order, counting them in *c: a full set
 * with one statement (feed_store_insert_many); the rows it did not write (a key there
 * already, or repeated in the file) and a partial set go through write_row one by one, as
 * if each had been written when read. Returns 0 or ZJ_EDB. */
int loader_pending_write(struct loader *L, struct ingest_counts *c)
{
    size_t n = L->npend;
    L->npend = 0;
    const struct feed_value *rows[PEND_ROWS];
    loader_set_values(L, L->pend, n, L->pend_buf.buf, rows);
    int rc = loader_set_write(L, c, L->pend, n, L->pend_buf.buf, loader_keys_fresh(L, rows, n));
    strbuf_reset(&L->pend_buf);
    return rc;
}

void loader_set_values(const struct loader *L, struct pending_row *pend, size_t n, const char *b,
                       const struct feed_value *rows[])
{
    for (size_t r = 0; r < n; r++) {
        struct pending_row *p = &pend[r];
        for (size_t i = 0; i < L->f->ncols; i++)
            p->v[i].s = p->null[i] ? NULL : b + p->off[i];
        rows[r] = p->v;
    }
}

int loader_set_write(struct loader *L, struct ingest_counts *c, struct pending_row *pend, size_t n,
                     const char *b, bool fresh)
{
    const struct ingest_feed *f = L->f;
    const struct feed_value *rows[PEND_ROWS];
    const char *extra[PEND_ROWS];
    size_t extra_len[PEND_ROWS];
    unsigned char written[PEND_ROWS] = {0};
    for (size_t r = 0; r < n; r++) {
        rows[r] = pend[r].v;
        extra[r] = b + pend[r].extra_off;
        extra_len[r] = pend[r].extra_len;
    }
    if (n == PEND_ROWS &&
        feed_store_insert_many(&L->fs, rows, extra, extra_len, L->batch_id, fresh, written) != 0)
        return loader_db_error(L);
    for (size_t r = 0; r < n; r++) {
        const struct pending_row *p = &pend[r];
        int out = OUT_LOADED;
        if (written[r] && L->hist)
            hist_row(L, p->v);
        if (!written[r]) {
            struct ingest_row row;
            memcpy(row.v, p->v, f->ncols * sizeof row.v[0]);
            strbuf_reset(&L->extra);
            strbuf_add(&L->extra, extra[r], extra_len[r]);
            L->reject_col = -1;
            L->pending = 0;
            out = write_row(L, &row);
            if (out < 0)
                return out;
            if (out == OUT_REJECTED && loader_reject_row(L, p->line, b + p->raw_off, p->raw_len,
                                                         b + p->key_off, p->key_len))
                return ZJ_EDB;
        }
        loader_count(c, out);
    }
    return 0;
}
