/* feed_store.c — the SQL of loading feeds (see feed_store.h). */
#include "store/feed_store.h"
#include "store/presence.h"
#include "store/stmt.h"
#include "store/store.h"
#include "util/embedded.h"
#include "util/error.h"
#include "util/xalloc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : ZJ_EDB;
}

/* Step st to its end and reset it. 0 or ZJ_EDB. */
static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : ZJ_EDB;
}

static sqlite3_stmt *cached(sqlite3 *db, const strbuf *sql)
{
    return store_stmt(db, sql->buf);
}

/* The reference lookups of t's columns (SELECT ref_fetch FROM ref_table WHERE ref_key = ?1). */
static int prepare_refs(struct feed_store *fs, sqlite3 *db, const struct feed_store_table *t)
{
    strbuf a = STRBUF_INIT;
    int rc = 0;
    strbuf_init(&a, 128);
    for (size_t i = 0; i < t->ncols && rc == 0; i++) {
        if (!t->ref_table[i])
            continue;
        strbuf_reset(&a);
        strbuf_addf(&a, "SELECT %s FROM %s WHERE %s = ?1", t->ref_fetch[i] ? t->ref_fetch[i] : "1",
                    t->ref_table[i], t->ref_key[i]);
        if (!(fs->ref[i] = cached(db, &a)))
            rc = ZJ_EDB;
    }
    strbuf_release(&a);
    return rc;
}

int feed_store_open(struct feed_store *fs, sqlite3 *db, const struct feed_store_table *t)
{
    strbuf a = STRBUF_INIT;
    int rc = ZJ_EDB;
    memset(fs, 0, sizeof *fs);
    fs->db = db;
    fs->t = *t;
    strbuf_init(&a, 512);

    strbuf_addf(&a, "INSERT OR IGNORE INTO %s(", t->name);
    for (size_t i = 0; i < t->ncols; i++)
        strbuf_addf(&a, "%s, ", t->cols[i]);
    strbuf_adds(&a, "extra, batch_id) VALUES(");
    for (size_t i = 0; i < t->ncols + 2; i++)
        strbuf_addf(&a, "%s?%zu", i ? ", " : "", i + 1);
    strbuf_adds(&a, ")");
    if (!(fs->ins = cached(db, &a)))
        goto cleanup;

    strbuf_reset(&a);
    strbuf_adds(&a, "SELECT ");
    for (size_t i = 0; i < t->ncols; i++)
        strbuf_addf(&a, "%s, ", t->cols[i]);
    strbuf_addf(&a, "extra, batch_id FROM %s WHERE %s = ?1", t->name, t->cols[0]);
    if (!(fs->sel = cached(db, &a)))
        goto cleanup;

    strbuf_reset(&a);
    strbuf_addf(&a, "UPDATE %s SET ", t->name);
    for (size_t i = 1; i < t->ncols; i++)
        strbuf_addf(&a, "%s = ?%zu, ", t->cols[i], i + 1);
    strbuf_addf(&a, "extra = ?%zu, batch_id = ?%zu WHERE %s = ?1", t->ncols + 1, t->ncols + 2,
                t->cols[0]);
    if (!(fs->upd = cached(db, &a)))
        goto cleanup;

    if (!(fs->hist = store_stmt(db, "INSERT INTO history(feed, record_key, batch_id, "
                                    "old_batch_id, old_row) VALUES(?1, ?2, ?3, ?4, ?5)")))
        goto cleanup;
    if (!(fs->rej = store_stmt(db, "INSERT INTO rejects(batch_id, feed, file, line, column_name, "
                                   "reason, record_key, pending_ref, raw, sheet, cell, "
                                   "source_column, reason_zh, converted) "
                                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                                   "?13, ?14)")))
        goto cleanup;
    if (exec(db, "DELETE FROM temp.ingest_seen") != 0 ||
        !(fs->seen_add = store_stmt(db, "INSERT OR IGNORE INTO temp.ingest_seen(k) VALUES(?1)")) ||
        !(fs->seen_has = store_stmt(db, "SELECT 1 FROM temp.ingest_seen WHERE k = ?1")))
        goto cleanup;
    if (!(fs->rej_update = store_stmt(db, "UPDATE rejects SET column_name = ?2, reason = ?3, "
                                          "pending_ref = ?4, reason_zh = ?5 "
                                          "WHERE reject_id = ?1")))
        goto cleanup;
    if (prepare_refs(fs, db, t) != 0)
        goto cleanup;
    rc = 0;
cleanup:
    strbuf_release(&a);
    return rc;
}

int feed_store_open_refs(struct feed_store *fs, sqlite3 *db, const struct feed_store_table *t)
{
    memset(fs, 0, sizeof *fs);
    fs->db = db;
    fs->t = *t;
    return prepare_refs(fs, db, t);
}

void feed_store_close(struct feed_store *fs)
{
    store_stmt_done(fs->ins);
    store_stmt_done(fs->sel);
    store_stmt_done(fs->upd);
    store_stmt_done(fs->hist);
    store_stmt_done(fs->rej);
    store_stmt_done(fs->rej_update);
    store_stmt_done(fs->seen_add);
    store_stmt_done(fs->seen_has);
    store_stmt_done(fs->ins_many);
    store_stmt_done(fs->ins_many_plain);
    fs->ins_many = fs->ins_many_plain = NULL;
    for (size_t i = 0; i < FEED_STORE_MAX_COLS; i++)
        store_stmt_done(fs->ref[i]);
    fs->ins = fs->sel = fs->upd = fs->hist = fs->rej = fs->rej_update = NULL;
    fs->seen_add = fs->seen_has = NULL;
    memset(fs->ref, 0, sizeof fs->ref);
}

/* ---------- rows ---------- */

static void bind_row(struct feed_store *fs, sqlite3_stmt *st, const struct feed_value *v,
                     const char *extra, size_t extra_len, long long batch)
{
    size_t n = fs->t.ncols;
    sqlite3_reset(st);
    for (size_t i = 0; i < n; i++) {
        int idx = (int)i + 1;
        if (!v[i].s)
            sqlite3_bind_null(st, idx);
        else if (fs->t.integer[i])
            sqlite3_bind_int64(st, idx, v[i].i);
        else
            sqlite3_bind_text(st, idx, v[i].s, (int)v[i].n, SQLITE_STATIC);
    }
    if (extra && extra_len)
        sqlite3_bind_text(st, (int)n + 1, extra, (int)extra_len, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, (int)n + 1);
    sqlite3_bind_int64(st, (int)n + 2, batch);
}

int feed_store_insert(struct feed_store *fs, const struct feed_value *v, const char *extra,
                      size_t extra_len, long long batch)
{
    bind_row(fs, fs->ins, v, extra, extra_len, batch);
    if (step_done(fs->ins))
        return ZJ_EDB;
    return sqlite3_changes(fs->db) > 0;
}

/* The statement writing FEED_STORE_MANY rows, RETURNING their keys or not. */
static sqlite3_stmt *insert_many_stmt(struct feed_store *fs, bool returning)
{
    const struct feed_store_table *t = &fs->t;
    sqlite3_stmt **st = returning ? &fs->ins_many : &fs->ins_many_plain;
    if (*st)
        return *st;
    strbuf a = STRBUF_INIT;
    strbuf_init(&a, 4096);
    strbuf_addf(&a, "INSERT OR IGNORE INTO %s(", t->name);
    for (size_t i = 0; i < t->ncols; i++)
        strbuf_addf(&a, "%s, ", t->cols[i]);
    strbuf_adds(&a, "extra, batch_id) VALUES");
    for (size_t r = 0; r < FEED_STORE_MANY; r++) {
        strbuf_adds(&a, r ? ", (" : " (");
        for (size_t i = 0; i < t->ncols + 2; i++)
            strbuf_adds(&a, i ? ", ?" : "?");
        strbuf_addch(&a, ')');
    }
    if (returning)
        strbuf_addf(&a, " RETURNING %s", t->cols[0]);
    *st = cached(fs->db, &a);
    strbuf_release(&a);
    return *st;
}

/* After the statement without RETURNING wrote fewer rows than it was given: which ones.
 * A row repeating the key of an earlier row of the set was not written (OR IGNORE keeps
 * the first); another one was iff its key now holds a row of this batch, since no
 * earlier statement of the batch wrote that key (the caller's promise, fresh). */
static int insert_many_which(struct feed_store *fs, const struct feed_value *const rows[],
                             long long batch, int changes, unsigned char written[])
{
    int count = 0;
    for (size_t r = 0; r < FEED_STORE_MANY; r++) {
        const struct feed_value *k = &rows[r][0];
        size_t j = 0;
        while (j < r && !(rows[j][0].n == k->n && !memcmp(rows[j][0].s, k->s, k->n)))
            j++;
        written[r] = 0;
        if (j < r)
            continue;
        long long b;
        if (feed_store_fetch(fs, k->s, k->n, &b) != 0)
            return ZJ_EDB;
        feed_store_fetch_done(fs);
        written[r] = b == batch;
        count += written[r];
    }
    return count == changes ? 0 : ZJ_EDB;
}

int feed_store_insert_many(struct feed_store *fs, const struct feed_value *const rows[],
                           const char *const extra[], const size_t extra_len[], long long batch,
                           bool fresh, unsigned char written[])
{
    const struct feed_store_table *t = &fs->t;
    const size_t n = FEED_STORE_MANY;
    sqlite3_stmt *st = insert_many_stmt(fs, !fresh);
    if (!st)
        return ZJ_EDB;
    int idx = 1;
    sqlite3_reset(st);
    for (size_t r = 0; r < n; r++) {
        const struct feed_value *v = rows[r];
        for (size_t i = 0; i < t->ncols; i++, idx++) {
            if (!v[i].s)
                sqlite3_bind_null(st, idx);
            else if (t->integer[i])
                sqlite3_bind_int64(st, idx, v[i].i);
            else
                sqlite3_bind_text(st, idx, v[i].s, (int)v[i].n, SQLITE_STATIC);
        }
        if (extra[r] && extra_len[r])
            sqlite3_bind_text(st, idx++, extra[r], (int)extra_len[r], SQLITE_STATIC);
        else
            sqlite3_bind_null(st, idx++);
        sqlite3_bind_int64(st, idx++, batch);
        written[r] = 0;
    }
    int step;
    if (fresh) {
        step = sqlite3_step(st);
        sqlite3_reset(st);
        if (step != SQLITE_DONE)
            return ZJ_EDB;
        int changes = sqlite3_changes(fs->db);
        if ((size_t)changes == n) {
            memset(written, 1, n);
            return 0;
        }
        return insert_many_which(fs, rows, batch, changes, written);
    }
    /* each key returned marks the first row of that key not yet marked, looked for from
     * the row after the one marked last (the keys come back in the order written) */
    size_t next = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const void *k = sqlite3_column_blob(st, 0);
        size_t kn = (size_t)sqlite3_column_bytes(st, 0), j;
        for (j = 0; j < n; j++) {
            size_t r = (next + j) % n;
            if (!written[r] && rows[r][0].n == kn && !memcmp(rows[r][0].s, k, kn)) {
                written[r] = 1;
                next = r + 1;
                break;
            }
        }
        if (j == n)
            break;
    }
    sqlite3_reset(st);
    return step == SQLITE_DONE ? 0 : ZJ_EDB;
}

int feed_store_update(struct feed_store *fs, const struct feed_value *v, const char *extra,
                      size_t extra_len, long long batch)
{
    bind_row(fs, fs->upd, v, extra, extra_len, batch);
    return step_done(fs->upd);
}

int feed_store_fetch(struct feed_store *fs, const char *key, size_t n, long long *batch)
{
    sqlite3_stmt *st = fs->sel;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, key, (int)n, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        return ZJ_EDB;
    }
    *batch = sqlite3_column_int64(st, (int)fs->t.ncols + 1);
    return 0;
}

bool feed_store_fetched_same(struct feed_store *fs, const struct feed_value *v, const char *extra,
                             size_t extra_len)
{
    sqlite3_stmt *st = fs->sel;
    size_t ncols = fs->t.ncols;
    for (size_t i = 0; i < ncols; i++) {
        int t = sqlite3_column_type(st, (int)i);
        if (!v[i].s) {
            if (t != SQLITE_NULL)
                return false;
            continue;
        }
        if (t == SQLITE_NULL)
            return false;
        if (fs->t.integer[i]) {
            if (t != SQLITE_INTEGER || sqlite3_column_int64(st, (int)i) != v[i].i)
                return false;
        } else {
            const void *p = sqlite3_column_text(st, (int)i);
            if ((size_t)sqlite3_column_bytes(st, (int)i) != v[i].n || memcmp(p, v[i].s, v[i].n))
                return false;
        }
    }
    int t = sqlite3_column_type(st, (int)ncols);
    if (!extra || !extra_len)
        return t == SQLITE_NULL;
    if (t == SQLITE_NULL)
        return false;
    return (size_t)sqlite3_column_bytes(st, (int)ncols) == extra_len &&
           !memcmp(sqlite3_column_text(st, (int)ncols), extra, extra_len);
}

void feed_store_fetched_json(struct feed_store *fs, strbuf *out)
{
    sqlite3_stmt *st = fs->sel;
    int n = sqlite3_column_count(st) - 1;
    strbuf_reset(out);
    strbuf_addch(out, '{');
    for (int i = 0; i < n; i++) {
        if (i)
            strbuf_addch(out, ',');
        strbuf_add_json_str(out, sqlite3_column_name(st, i));
        strbuf_addch(out, ':');
        switch (sqlite3_column_type(st, i)) {
        case SQLITE_NULL:
            strbuf_adds(out, "null");
            break;
        case SQLITE_INTEGER:
            strbuf_addf(out, "%lld", (long long)sqlite3_column_int64(st, i));
            break;
        default:
            strbuf_add_json_str(out, (const char *)sqlite3_column_text(st, i));
        }
    }
    strbuf_addch(out, '}');
}

void feed_store_fetch_done(struct feed_store *fs)
{
    sqlite3_reset(fs->sel);
}

/* ---------- keys met unchanged ---------- */

static int seen_step(struct feed_store *fs, sqlite3_stmt *k, const char *key, size_t n)
{
    sqlite3_reset(k);
    sqlite3_bind_text(k, 1, key, (int)n, SQLITE_STATIC);
    int r = sqlite3_step(k);
    sqlite3_reset(k);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return ZJ_EDB;
    return k == fs->seen_add ? sqlite3_changes(fs->db) == 0 : r == SQLITE_ROW;
}

int feed_store_seen_add(struct feed_store *fs, const char *key, size_t n)
{
    return seen_step(fs, fs->seen_add, key, n);
}

int feed_store_seen_has(struct feed_store *fs, const char *key, size_t n)
{
    return seen_step(fs, fs->seen_has, key, n);
}

void feed_store_seen_clear(sqlite3 *db)
{
    exec(db, "DELETE FROM temp.ingest_seen");
}

int feed_store_history(struct feed_store *fs, const char *key, size_t n, long long batch,
                       long long old_batch, const char *json, size_t json_len)
{
    sqlite3_stmt *hs = fs->hist;
    sqlite3_reset(hs);
    sqlite3_bind_text(hs, 1, fs->t.name, -1, SQLITE_STATIC);
    sqlite3_bind_text(hs, 2, key, (int)n, SQLITE_STATIC);
    sqlite3_bind_int64(hs, 3, batch);
    sqlite3_bind_int64(hs, 4, old_batch);
    sqlite3_bind_text(hs, 5, json, (int)json_len, SQLITE_STATIC);
    return step_done(hs);
}

int feed_store_ref(struct feed_store *fs, size_t col, const char *key, size_t n, char *fetched,
                   size_t fetched_sz, bool *fetched_null)
{
    sqlite3_stmt *st = fs->ref[col];
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, key, (int)n, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE) {
        sqlite3_reset(st);
        return ZJ_EDB;
    }
    *fetched_null = true;
    if (step == SQLITE_ROW && fs->t.ref_fetch[col] && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        snprintf(fetched, fetched_sz, "%s", (const char *)sqlite3_column_text(st, 0));
        *fetched_null = false;
    }
    sqlite3_reset(st);
    return step == SQLITE_ROW;
}

long long feed_store_ref_all(struct feed_store *fs, size_t col, size_t fetched_max,
                             int (*f)(void *arg, const char *key, size_t n, const char *fetched,
                                      size_t fetched_n),
                             void *arg)
{
    const struct feed_store_table *t = &fs->t;
    if (col >= t->ncols || !t->ref_table[col] || !t->ref_fetch[col])
        return 0;
    strbuf q = STRBUF_INIT;
    strbuf_init(&q, 128);
    strbuf_addf(&q, "SELECT %s, %s FROM %s", t->ref_key[col], t->ref_fetch[col], t->ref_table[col]);
    sqlite3_stmt *st = cached(fs->db, &q);
    strbuf_release(&q);
    if (!st)
        return ZJ_EDB;
    long long rows = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(st, 0);
        size_t kn = (size_t)sqlite3_column_bytes(st, 0);
        const char *v = NULL;
        size_t vn = 0;
        if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
            v = (const char *)sqlite3_column_text(st, 1);
            vn = v ? strnlen(v, fetched_max) : 0;
        }
        rows++;
        if (k && f(arg, k, kn, v, vn)) {
            step = SQLITE_DONE;
            break;
        }
    }
    store_stmt_done(st);
    return step == SQLITE_DONE ? rows : ZJ_EDB;
}

/* ---------- rejects ---------- */

int feed_store_reject_add(struct feed_store *fs, const struct feed_reject *r)
{
    sqlite3_stmt *st = fs->rej;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, r->batch);
    sqlite3_bind_text(st, 2, fs->t.name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, r->file, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, r->line);
    store_bind_text_or_null(st, 5, r->column);
    sqlite3_bind_text(st, 6, r->reason, -1, SQLITE_STATIC);
    if (r->key && r->keylen)
        sqlite3_bind_text(st, 7, r->key, (int)r->keylen, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 7);
    sqlite3_bind_int(st, 8, r->pending);
    sqlite3_bind_text(st, 9, r->raw ? r->raw : "", (int)r->raw_len, SQLITE_STATIC);
    store_bind_text_or_null(st, 10, r->sheet);
    store_bind_text_or_null(st, 11, r->cell);
    store_bind_text_or_null(st, 12, r->source_column);
    sqlite3_bind_text(st, 13, r->reason_zh, -1, SQLITE_STATIC);
    if (r->converted)
        sqlite3_bind_text(st, 14, r->converted, (int)r->converted_len, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 14);
    return step_done(st);
}

int feed_store_reject_update(struct feed_store *fs, long long reject_id, const char *column,
                             const char *reason, int pending, const char *reason_zh)
{
    sqlite3_stmt *st = fs->rej_update;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, reject_id);
    store_bind_text_or_null(st, 2, column);
    sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, pending);
    sqlite3_bind_text(st, 5, reason_zh, -1, SQLITE_STATIC);
    return step_done(st);
}

int feed_store_rejects_forget(sqlite3 *db, const char *feed, const char *file, bool by_sheet,
                              const char *sheet)
{
    sqlite3_stmt *del = by_sheet
                            ? store_stmt(db, "DELETE FROM rejects WHERE feed = ?1 AND file = ?2 "
                                             "AND coalesce(sheet, '') = coalesce(?3, '')")
                            : store_stmt(db, "DELETE FROM rejects WHERE feed = ?1 AND file = ?2");
    if (!del)
        return ZJ_EDB;
    sqlite3_bind_text(del, 1, feed, -1, SQLITE_STATIC);
    sqlite3_bind_text(del, 2, file, -1, SQLITE_STATIC);
    if (by_sheet)
        store_bind_text_or_null(del, 3, sheet);
    int rc = step_done(del);
    store_stmt_done(del);
    return rc;
}

int feed_store_rejects_pending(sqlite3 *db, const char *feed, long long **ids, size_t *n)
{
    size_t alloc = 0;
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *q = store_stmt(db, "SELECT reject_id FROM rejects WHERE feed = ?1 AND "
                                     "pending_ref = 1 ORDER BY reject_id");
    if (!q)
        return ZJ_EDB;
    sqlite3_bind_text(q, 1, feed, -1, SQLITE_STATIC);
    while (sqlite3_step(q) == SQLITE_ROW) {
        XGROW(*ids, *n + 1, alloc);
        (*ids)[(*n)++] = sqlite3_column_int64(q, 0);
    }
    store_stmt_done(q);
    return 0;
}

int feed_store_reject_get(sqlite3 *db, long long id, long *line, strbuf *raw, strbuf *header)
{
    sqlite3_stmt *get = store_stmt(db, "SELECT r.file, r.line, coalesce(r.converted, r.raw), "
                                       "b.header FROM rejects r "
                                       "JOIN import_batches b USING (batch_id) "
                                       "WHERE r.reject_id = ?1");
    if (!get)
        return ZJ_EDB;
    sqlite3_bind_int64(get, 1, id);
    int found = 0;
    if (sqlite3_step(get) == SQLITE_ROW && sqlite3_column_type(get, 3) != SQLITE_NULL &&
        sqlite3_column_type(get, 2) != SQLITE_NULL) {
        *line = (long)sqlite3_column_int64(get, 1);
        strbuf_reset(raw);
        strbuf_add(raw, sqlite3_column_text(get, 2), (size_t)sqlite3_column_bytes(get, 2));
        strbuf_reset(header);
        strbuf_adds(header, (const char *)sqlite3_column_text(get, 3));
        found = 1;
    }
    store_stmt_done(get);
    return found;
}

int feed_store_reject_delete(sqlite3 *db, long long id)
{
    sqlite3_stmt *del = store_stmt(db, "DELETE FROM rejects WHERE reject_id = ?1");
    if (!del)
        return ZJ_EDB;
    sqlite3_bind_int64(del, 1, id);
    int rc = step_done(del);
    store_stmt_done(del);
    return rc;
}

/* ---------- batches ---------- */

int feed_store_batch_begin(sqlite3 *db, const struct feed_batch *b, long long *batch)
{
    char now[21];
    sqlite3_stmt *st =
        store_stmt(db, "INSERT INTO import_batches(started_at, os_user, dir, file, feed, sha256, "
                       "encoding, as_of, header) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, store_now(now), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, b->os_user, -1, SQLITE_TRANSIENT);
    store_bind_text_or_null(st, 3, b->dir);
    sqlite3_bind_text(st, 4, b->file, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, b->feed, -1, SQLITE_STATIC);
    store_bind_text_or_null(st, 6, b->sha256);
    store_bind_text_or_null(st, 7, b->encoding);
    sqlite3_bind_text(st, 8, b->as_of, -1, SQLITE_TRANSIENT);
    if (b->header)
        sqlite3_bind_text(st, 9, b->header, (int)b->header_len, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 9);
    int rc = step_done(st);
    store_stmt_done(st);
    *batch = sqlite3_last_insert_rowid(db);
    return rc;
}

/* person_parts_state (presence.h, migration person-parts-2) at the end of batch: the mark
 * moves on to batch when it stood at the batch before (every earlier batch kept the bits:
 * this one's follow, feed_store_changed_persons); else a batch of a program that does not
 * keep them came between, and the bits are built again from the tables, which hold this
 * batch's rows already (the migration's file; 0.09 s of CPU at 100,000 persons). 0 or
 * ZJ_EDB. */
static int presence_mark(sqlite3 *db, long long batch)
{
    sqlite3_stmt *st = store_stmt(db, "UPDATE person_parts_state SET batch_id = ?1"
                                      " WHERE batch_id >= (SELECT ifnull(max(batch_id), 0)"
                                      " FROM import_batches WHERE batch_id < ?1)");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, batch);
    int rc = step_done(st);
    store_stmt_done(st);
    if (rc != 0 || sqlite3_changes(db) > 0)
        return rc;
    const struct zj_embedded *e = zj_embedded_find("src/store/schema_person_parts2.sql");
    return e ? exec(db, (const char *)e->data) : ZJ_EDB;
}

int feed_store_batch_end(sqlite3 *db, long long batch, const struct feed_batch_counts *c,
                         const char *sha256)
{
    char now[21];
    sqlite3_stmt *st = store_stmt(
        db, "UPDATE import_batches SET finished_at = ?2, rows_read = ?3, loaded = ?4, "
            "replaced = ?5, unchanged = ?6, rejected = ?7, sha256 = coalesce(?8, sha256) "
            "WHERE batch_id = ?1");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, batch);
    sqlite3_bind_text(st, 2, store_now(now), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, c->read);
    sqlite3_bind_int64(st, 4, c->loaded);
    sqlite3_bind_int64(st, 5, c->replaced);
    sqlite3_bind_int64(st, 6, c->unchanged);
    sqlite3_bind_int64(st, 7, c->rejected);
    store_bind_text_or_null(st, 8, sha256);
    int rc = step_done(st);
    store_stmt_done(st);
    return rc == 0 ? presence_mark(db, batch) : rc;
}

int feed_store_batch_source(sqlite3 *db, long long batch, const char *profile, const char *sheet)
{
    sqlite3_stmt *up =
        store_stmt(db, "UPDATE import_batches SET profile = ?2, sheet = ?3 WHERE batch_id = ?1");
    if (!up)
        return ZJ_EDB;
    sqlite3_bind_int64(up, 1, batch);
    store_bind_text_or_null(up, 2, profile);
    store_bind_text_or_null(up, 3, sheet);
    int rc = step_done(up);
    store_stmt_done(up);
    return rc;
}

/* The statements of enum feed_persons, each around the feed's table name: head table
 * tail (?1 the batch), and person by person (by_head NULL: none). */
/* clang-format off */
static const struct {
    const char *head, *tail, *by_head, *by_tail;
} persons_sql[] = {
    [FEED_PERSONS_NONE] = {NULL, NULL, NULL, NULL},
    [FEED_PERSONS_ROW] = {
        "INSERT OR IGNORE INTO changed_persons(person_id) SELECT person_id FROM ",
        " WHERE batch_id = ?1", NULL, NULL},
    [FEED_PERSONS_ROW_INDEXED] = {
        "INSERT OR IGNORE INTO changed_persons(person_id) SELECT person_id FROM ",
        " WHERE batch_id = ?1",
        "INSERT OR IGNORE INTO changed_persons(person_id) SELECT p.person_id FROM persons p"
        " WHERE EXISTS (SELECT 1 FROM ",
        " x WHERE x.person_id = p.person_id AND x.batch_id = ?1)"},
    [FEED_PERSONS_ID_NUMBER] = {
        "INSERT OR IGNORE INTO changed_persons(person_id) SELECT p.person_id FROM ",
        " x JOIN persons p ON p.id_number = x.id_number WHERE x.batch_id = ?1",
        "INSERT OR IGNORE INTO changed_persons(person_id) SELECT p.person_id FROM persons p"
        " WHERE p.id_number IS NOT NULL AND EXISTS (SELECT 1 FROM ",
        " x WHERE x.id_number = p.id_number AND x.batch_id = ?1)"},
    [FEED_PERSONS_CORRECTION] = {
        "INSERT OR IGNORE INTO changed_persons(person_id) SELECT c.person_id FROM ",
        " e JOIN corrections c ON c.cc_id = e.cc_id WHERE e.batch_id = ?1",
        "INSERT OR IGNORE INTO changed_persons(person_id) SELECT c.person_id FROM corrections c"
        " WHERE EXISTS (SELECT 1 FROM ",
        " e WHERE e.cc_id = c.cc_id AND e.batch_id = ?1)"},
    [FEED_PERSONS_ENFORCEMENT] = {
        "INSERT OR IGNORE INTO changed_persons(person_id) SELECT p.person_id FROM ",
        " x JOIN property p ON p.enforcement_id = x.enforcement_id WHERE x.batch_id = ?1",
        "INSERT OR IGNORE INTO changed_persons(person_id) SELECT p.person_id FROM property p"
        " WHERE EXISTS (SELECT 1 FROM ",
        " x WHERE x.enforcement_id = p.enforcement_id AND x.batch_id = ?1)"},
    [FEED_PERSONS_INCIDENT] = {
        "INSERT OR IGNORE INTO changed_persons(person_id) SELECT x.person_id FROM ",
        " i JOIN incident_persons x ON x.incident_id = i.incident_id WHERE i.batch_id = ?1",
        NULL, NULL},
};
/* clang-format on */

/* person_parts (presence.h) after a batch of table: the persons batch adds its new persons
 * with no bit; a batch of a table person_parts follows sets its bit for the persons of its
 * rows that have a row in person_parts (one without is unknown, and stays so). A scan of
 * the table for the batch's rows, as the changed_persons statements. 0 or ZJ_EDB. */
static int presence_note(sqlite3 *db, const char *table, long long batch)
{
    int bit = presence_bit(table);
    sqlite3_stmt *st;
    if (!strcmp(table, "persons")) {
        st = store_stmt(db, "INSERT OR IGNORE INTO person_parts(person_id, parts)"
                            " SELECT person_id, 0 FROM persons"
                            " WHERE batch_id = ?1 AND person_id IS NOT NULL");
    } else if (bit) {
        strbuf q = STRBUF_INIT;
        strbuf_init(&q, 256);
        strbuf_addf(&q,
                    "UPDATE person_parts SET parts = parts | %d WHERE parts & %d = 0"
                    " AND person_id IN (SELECT person_id FROM %s WHERE batch_id = ?1)",
                    bit, bit, table);
        st = cached(db, &q);
        strbuf_release(&q);
    } else {
        return 0;
    }
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, batch);
    int rc = step_done(st);
    store_stmt_done(st);
    return rc;
}

int feed_store_changed_persons(sqlite3 *db, const char *table, enum feed_persons how,
                               long long batch, long written, long long *all_queued)
{
    if (written > 0 && presence_note(db, table, batch) != 0)
        return ZJ_EDB;
    if ((size_t)how >= sizeof persons_sql / sizeof persons_sql[0] || !persons_sql[how].head)
        return 0;
    const char *head = persons_sql[how].head, *tail = persons_sql[how].tail;
    sqlite3_stmt *st;
    bool persons = !strcmp(table, "persons");
    if (*all_queued >= 0) {
        if (!persons && store_data_version(db) == *all_queued)
            return 0;
        *all_queued = -1;
    }
    if (written >= 1000) {
        /* every person queued already (a first import, after persons.csv): nothing to add,
         * since the statements queue persons only; the look-up stops at the first person
         * not queued */
        st = store_stmt(db, "SELECT NOT EXISTS (SELECT 1 FROM persons p WHERE NOT EXISTS "
                            "(SELECT 1 FROM changed_persons c WHERE c.person_id = p.person_id))");
        int all = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
        store_stmt_done(st);
        if (all < 0)
            return ZJ_EDB;
        if (all) {
            if (!persons)
                *all_queued = store_data_version(db);
            return 0;
        }
    }
    if (persons_sql[how].by_head) {
        long long persons = 0;
        st = store_stmt(db, "SELECT max(rowid) FROM persons");
        if (st && sqlite3_step(st) == SQLITE_ROW)
            persons = sqlite3_column_int64(st, 0);
        store_stmt_done(st);
        if (written > persons) {
            head = persons_sql[how].by_head;
            tail = persons_sql[how].by_tail;
        }
    }
    strbuf q = STRBUF_INIT;
    strbuf_init(&q, 256);
    strbuf_adds(&q, head);
    strbuf_adds(&q, table);
    strbuf_adds(&q, tail);
    st = cached(db, &q);
    strbuf_release(&q);
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, batch);
    int rc = step_done(st);
    store_stmt_done(st);
    return rc;
}

/* ---------- bulk mode ---------- */

long long feed_store_rows_upto(sqlite3 *db, const char *table, long long limit)
{
    strbuf q = STRBUF_INIT;
    strbuf_init(&q, 64);
    /* either layout (rowid or clustered) */
    strbuf_addf(&q, "SELECT count(*) FROM (SELECT 1 FROM %s LIMIT ?1)", table);
    sqlite3_stmt *st = cached(db, &q);
    strbuf_release(&q);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, limit);
    long long rows = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    store_stmt_done(st);
    return rows;
}

int feed_store_indexes_drop(sqlite3 *db, const char *table, char **sql, int max, int *n)
{
    sqlite3_stmt *st = store_stmt(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
                                      "AND tbl_name = ?1 AND sql IS NOT NULL");
    *n = 0;
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    char *names[8];
    if (max > 8)
        max = 8;
    while (*n < max && sqlite3_step(st) == SQLITE_ROW) {
        names[*n] = xstrdup((const char *)sqlite3_column_text(st, 0));
        sql[*n] = xstrdup((const char *)sqlite3_column_text(st, 1));
        (*n)++;
    }
    store_stmt_done(st);
    int rc = 0;
    for (int i = 0; i < *n; i++) {
        char *drop = sqlite3_mprintf("DROP INDEX \"%w\"", names[i]);
        if (rc == 0 && exec(db, drop) != 0)
            rc = ZJ_EDB;
        sqlite3_free(drop);
        free(names[i]);
    }
    return rc;
}

int feed_store_index_build(sqlite3 *db, const char *sql)
{
    return exec(db, sql);
}

/* ---------- session and savepoints ---------- */

int feed_store_session_begin(sqlite3 *db)
{
    exec(db, "PRAGMA foreign_keys = OFF");
    /* index builds of bulk mode sort in temporary files, so memory stays flat */
    exec(db, "PRAGMA temp_store = FILE");
    return exec(db, "CREATE TEMP TABLE IF NOT EXISTS ingest_seen(k TEXT PRIMARY KEY) "
                    "WITHOUT ROWID");
}

void feed_store_cache_size(sqlite3 *db, long long value, long long *old)
{
    sqlite3_int64 was;
    if (old)
        *old = store_query_int64(db, "PRAGMA cache_size", &was) == SQLITE_OK ? was : -2000;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", value);
    exec(db, sql);
}

long long feed_store_cache_spills(sqlite3 *db)
{
    int cur = 0, hi = 0;
    sqlite3_db_status(db, SQLITE_DBSTATUS_CACHE_SPILL, &cur, &hi, 1);
    return cur;
}

long long feed_store_cache_used(sqlite3 *db)
{
    int cur = 0, hi = 0;
    sqlite3_db_status(db, SQLITE_DBSTATUS_CACHE_USED, &cur, &hi, 0);
    return cur;
}

void feed_store_session_end(sqlite3 *db)
{
    exec(db, "PRAGMA foreign_keys = ON");
    exec(db, "PRAGMA temp_store = MEMORY");
}

int feed_store_file_begin(sqlite3 *db)
{
    return exec(db, "SAVEPOINT ingest_file");
}

int feed_store_file_undo(sqlite3 *db)
{
    return exec(db, "ROLLBACK TO ingest_file");
}

void feed_store_file_end(sqlite3 *db)
{
    exec(db, "RELEASE ingest_file");
}

/* ---------- a second connection for the reference look-ups ---------- */

/* Whether db is a file database in WAL mode (readers on other connections see its last
 * commit while it writes). */
static bool wal_file(sqlite3 *db)
{
    const char *path = sqlite3_db_filename(db, "main");
    if (!path || !*path)
        return false;
    sqlite3_stmt *st = store_stmt(db, "PRAGMA journal_mode");
    bool wal = st && sqlite3_step(st) == SQLITE_ROW &&
               !strcmp((const char *)sqlite3_column_text(st, 0), "wal");
    store_stmt_done(st);
    return wal;
}

sqlite3 *feed_store_reader_open(sqlite3 *db)
{
    sqlite3 *r = NULL;
    if (!wal_file(db))
        return NULL;
    if (sqlite3_open_v2(sqlite3_db_filename(db, "main"), &r,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
        sqlite3_busy_timeout(r, 30000) != SQLITE_OK ||
        exec(r, "PRAGMA query_only = ON; PRAGMA cache_size = -8192") != 0 ||
        exec(r, "SELECT 1 FROM sqlite_schema LIMIT 1") != 0) {
        sqlite3_close(r);
        return NULL;
    }
    return r;
}

int feed_store_reader_begin(sqlite3 *r)
{
    return exec(r, "BEGIN");
}

void feed_store_reader_end(sqlite3 *r)
{
    exec(r, "COMMIT");
}

/* ---------- checkpoints off the loading thread ---------- */

struct feed_store_ckpt {
    sqlite3 *db, *own; /* the import's connection; the thread's */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv, idle;
    int pending, running, stop;
    int frames; /* frames in the WAL after db's last commit (its WAL hook) */
};

static void *ckpt_run(void *arg)
{
    struct feed_store_ckpt *c = arg;
    pthread_mutex_lock(&c->mu);
    for (;;) {
        while (!c->pending && !c->stop)
            pthread_cond_wait(&c->cv, &c->mu);
        if (!c->pending)
            break;
        c->pending = 0;
        c->running = 1;
        pthread_mutex_unlock(&c->mu);
        /* busy (a checkpoint by another process) or failed: the next kick, or the next
         * connection's automatic checkpoint, copies the frames */
        sqlite3_wal_checkpoint_v2(c->own, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
        pthread_mutex_lock(&c->mu);
        c->running = 0;
        pthread_cond_broadcast(&c->idle);
    }
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

static int ckpt_hook(void *arg, sqlite3 *db, const char *name, int frames)
{
    (void)db;
    (void)name;
    ((struct feed_store_ckpt *)arg)->frames = frames;
    return SQLITE_OK;
}

struct feed_store_ckpt *feed_store_ckpt_start(sqlite3 *db)
{
    const char *path = sqlite3_db_filename(db, "main");
    if (!wal_file(db))
        return NULL;
    struct feed_store_ckpt *c = xcalloc(1, sizeof *c);
    c->db = db;
    /* a connection checkpoints only once it has opened the WAL, at its first read */
    if (sqlite3_open_v2(path, &c->own, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
            SQLITE_OK ||
        sqlite3_busy_timeout(c->own, 30000) != SQLITE_OK ||
        sqlite3_exec(c->own, "SELECT 1 FROM sqlite_schema LIMIT 1", NULL, NULL, NULL) !=
            SQLITE_OK) {
        sqlite3_close(c->own);
        free(c);
        return NULL;
    }
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->cv, NULL);
    pthread_cond_init(&c->idle, NULL);
    if (pthread_create(&c->thread, NULL, ckpt_run, c) != 0) {
        pthread_mutex_destroy(&c->mu);
        pthread_cond_destroy(&c->cv);
        pthread_cond_destroy(&c->idle);
        sqlite3_close(c->own);
        free(c);
        return NULL;
    }
    sqlite3_wal_hook(db, ckpt_hook, c); /* instead of the automatic checkpoints */
    return c;
}

void feed_store_ckpt_kick(struct feed_store_ckpt *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&c->mu);
    c->pending = 1;
    pthread_cond_signal(&c->cv);
    while (c->frames > FEED_STORE_CKPT_WAIT && (c->pending || c->running))
        pthread_cond_wait(&c->idle, &c->mu);
    pthread_mutex_unlock(&c->mu);
}

void feed_store_ckpt_stop(struct feed_store_ckpt *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&c->mu);
    c->pending = c->stop = 1;
    pthread_cond_signal(&c->cv);
    pthread_mutex_unlock(&c->mu);
    pthread_join(c->thread, NULL);
    pthread_mutex_destroy(&c->mu);
    pthread_cond_destroy(&c->cv);
    pthread_cond_destroy(&c->idle);
    sqlite3_close(c->own);
    sqlite3_wal_autocheckpoint(c->db, 1000); /* SQLite's default, with its hook */
    free(c);
}
