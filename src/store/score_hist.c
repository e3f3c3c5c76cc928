/*
 * score_hist.c — the facilities' histogram of monthly total points, kept in score_hist
 * (see score_hist.h).
 */
#include "store/score_hist.h"
#include "store/store.h"
#include "util/hash.h"
#include "util/xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The distinct facility ids and months, numbered in order of appearance. */
typedef struct strtab {
    char **s;
    size_t n, alloc;
    uint32_t *slot; /* open addressing: index + 1 into s, 0 = free; cap a power of two */
    size_t cap;
} strtab;

static uint32_t intern(strtab *t, const char *s, size_t len)
{
    if ((t->n + 1) * 2 > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        uint32_t *slot = xcalloc(cap, sizeof(*slot));
        for (size_t k = 0; k < t->n; k++) {
            size_t i = (size_t)zj_fnv1a(t->s[k], strlen(t->s[k])) & (cap - 1);
            while (slot[i])
                i = (i + 1) & (cap - 1);
            slot[i] = (uint32_t)k + 1;
        }
        free(t->slot);
        t->slot = slot;
        t->cap = cap;
    }
    size_t i = (size_t)zj_fnv1a(s, len) & (t->cap - 1);
    while (t->slot[i]) {
        const char *o = t->s[t->slot[i] - 1];
        if (!strncmp(o, s, len) && !o[len])
            return t->slot[i] - 1;
        i = (i + 1) & (t->cap - 1);
    }
    XGROW(t->s, t->n + 1, t->alloc);
    t->s[t->n] = xstrndup(s, len);
    t->slot[i] = (uint32_t)t->n + 1;
    return (uint32_t)t->n++;
}

typedef struct cell {
    uint32_t f, m; /* facility and month, numbered in the hist's strtabs */
    int32_t points;
    bool used;
    bool dirty; /* to be written to score_hist */
    int64_t n;
} cell;

typedef struct hist {
    strtab fac, mon;
    uint32_t last_f; /* the facility of the last row, a row's likely facility */
    cell *c;
    size_t cap, n; /* cap is a power of two */
} hist;

static size_t cell_at(const cell *c, size_t cap, uint32_t f, uint32_t m, int32_t p)
{
    uint64_t h = ((uint64_t)f * 0x9E3779B97F4A7C15ULL) ^ ((uint64_t)m * 0xC2B2AE3D27D4EB4FULL) ^
                 ((uint64_t)(uint32_t)p * 0x165667B19E3779F9ULL);
    size_t i = (size_t)(h ^ (h >> 29)) & (cap - 1);
    while (c[i].used && (c[i].f != f || c[i].m != m || c[i].points != p))
        i = (i + 1) & (cap - 1);
    return i;
}

/* Add d to the count of (facility f, month m, points p), p clamped to 0..SCORE_HIST_MAX. */
static void bump(hist *h, const char *f, size_t flen, const char *m, size_t mlen, int p, int64_t d)
{
    p = p < 0 ? 0 : p > SCORE_HIST_MAX ? SCORE_HIST_MAX : p;
    uint32_t fi = h->last_f;
    if (fi >= h->fac.n || strncmp(h->fac.s[fi], f, flen) || h->fac.s[fi][flen])
        fi = h->last_f = intern(&h->fac, f, flen);
    uint32_t mi = intern(&h->mon, m, mlen);
    if ((h->n + 1) * 2 > h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 4096;
        cell *c = xcalloc(cap, sizeof(*c));
        for (size_t i = 0; i < h->cap; i++)
            if (h->c[i].used)
                c[cell_at(c, cap, h->c[i].f, h->c[i].m, h->c[i].points)] = h->c[i];
        free(h->c);
        h->c = c;
        h->cap = cap;
    }
    cell *c = &h->c[cell_at(h->c, h->cap, fi, mi, p)];
    if (!c->used) {
        c->used = true;
        c->f = fi;
        c->m = mi;
        c->points = p;
        h->n++;
    }
    c->n += d;
    c->dirty = true;
}

static void strtab_clear(strtab *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->s[i]);
    free(t->s);
    free(t->slot);
    memset(t, 0, sizeof(*t));
}

static void hist_clear(hist *h)
{
    strtab_clear(&h->fac);
    strtab_clear(&h->mon);
    free(h->c);
    memset(h, 0, sizeof(*h));
}

/* Add sign × each row (facility_id, month, points) of sql, bound ?1 = a, ?2 = b. */
static int add_rows(sqlite3 *db, hist *h, const char *sql, sqlite3_int64 a, sqlite3_int64 b,
                    int sign)
{
    sqlite3_stmt *st = store_prepare(db, sql);
    if (!st)
        return ZJ_EDB;
    if (sqlite3_bind_parameter_count(st) >= 1)
        sqlite3_bind_int64(st, 1, a);
    if (sqlite3_bind_parameter_count(st) >= 2)
        sqlite3_bind_int64(st, 2, b);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *f = (const char *)sqlite3_column_text(st, 0);
        const char *m = (const char *)sqlite3_column_text(st, 1);
        if (f && m)
            bump(h, f, (size_t)sqlite3_column_bytes(st, 0), m, (size_t)sqlite3_column_bytes(st, 1),
                 sqlite3_column_int(st, 2), sign);
    }
    sqlite3_finalize(st);
    return step == SQLITE_DONE ? 0 : ZJ_EDB;
}

static const char count_all_sql[] =
    "SELECT facility_id, month, base_points + ifnull(bonus_points, 0) FROM scores";
/* the score rows an import batch after ?1 wrote (new or replaced): all of them belong to
 * persons in changed_persons, which only a screening that read the histogram empties */
static const char added_sql[] =
    "SELECT s.facility_id, s.month, s.base_points + ifnull(s.bonus_points, 0)"
    " FROM changed_persons c CROSS JOIN scores s"
    " WHERE s.person_id = c.person_id AND s.batch_id > ?1";
/* the versions the histogram counted of the score rows replaced since */
static const char replaced_sql[] =
    "SELECT json_extract(old_row, '$.facility_id'), json_extract(old_row, '$.month'),"
    " json_extract(old_row, '$.base_points') + ifnull(json_extract(old_row, '$.bonus_points'), 0)"
    " FROM history WHERE history_id > ?2 AND feed = 'scores'"
    " AND (old_batch_id IS NULL OR old_batch_id <= ?1)";

/* ---- the facilities' percentiles ---------------------------------------------------- */

/* Each facility's histogram of the months up to a month, for its percentile. */
typedef struct pct_acc {
    char month[8]; /* YYYY-MM: later months are left out */
    strtab fac;
    uint32_t last; /* the facility of the last row */
    uint64_t *h;   /* fac.n rows of SCORE_HIST_MAX + 1 counts */
    size_t rows;   /* rows allocated in h */
} pct_acc;

static void pct_add(pct_acc *a, const char *f, size_t flen, const char *month, int points,
                    int64_t n)
{
    if (strcmp(month, a->month) > 0)
        return;
    uint32_t fi = a->last;
    if (fi >= a->fac.n || strncmp(a->fac.s[fi], f, flen) || a->fac.s[fi][flen])
        fi = a->last = intern(&a->fac, f, flen);
    if (a->fac.n > a->rows) {
        size_t rows = a->rows ? a->rows * 2 : 16;
        a->h = xrealloc(a->h, rows * (SCORE_HIST_MAX + 1) * sizeof(*a->h));
        memset(a->h + a->rows * (SCORE_HIST_MAX + 1), 0,
               (rows - a->rows) * (SCORE_HIST_MAX + 1) * sizeof(*a->h));
        a->rows = rows;
    }
    a->h[(size_t)fi * (SCORE_HIST_MAX + 1) + (size_t)points] += (uint64_t)n;
}

static void pcts_push(score_hist_pcts *out, const char *facility_id, int points)
{
    XGROW(out->v, out->n + 1, out->alloc);
    out->v[out->n].facility_id = xstrdup(facility_id);
    out->v[out->n++].points = points;
}

/* The pct-th percentile of each facility with a count: the least points t whose cumulative
 * count reaches pct % of the facility's. */
static void pct_finish(pct_acc *a, int pct, score_hist_pcts *out)
{
    for (size_t i = 0; i < a->fac.n; i++) {
        const uint64_t *h = a->h + i * (SCORE_HIST_MAX + 1);
        uint64_t n = 0, acc = 0;
        for (int t = 0; t <= SCORE_HIST_MAX; t++)
            n += h[t];
        if (!n)
            continue;
        for (int t = 0; t <= SCORE_HIST_MAX; t++) {
            acc += h[t];
            if (acc * 100 >= n * (uint64_t)pct) {
                pcts_push(out, a->fac.s[i], t);
                break;
            }
        }
    }
    strtab_clear(&a->fac);
    free(a->h);
    a->h = NULL;
    a->rows = 0;
    a->last = 0;
}

void score_hist_pcts_release(score_hist_pcts *p)
{
    for (size_t i = 0; p && i < p->n; i++)
        free(p->v[i].facility_id);
    if (p) {
        free(p->v);
        memset(p, 0, sizeof(*p));
    }
}

/* The percentiles cached for (version, month, pct) into out; *hit says whether they were
 * (the row of facility '' marks a computed set). */
static int cache_read(sqlite3 *db, sqlite3_int64 version, const char *month, int pct,
                      score_hist_pcts *out, bool *hit)
{
    *hit = false;
    sqlite3_stmt *st = store_prepare(db, "SELECT facility_id, points FROM score_pct"
                                         " WHERE version = ?1 AND month = ?2 AND pct = ?3");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, version);
    sqlite3_bind_text(st, 2, month, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, pct);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *f = (const char *)sqlite3_column_text(st, 0);
        if (!f)
            continue;
        if (!*f)
            *hit = true;
        else
            pcts_push(out, f, sqlite3_column_int(st, 1));
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE || !*hit) {
        score_hist_pcts_release(out);
        *hit = false;
    }
    return step == SQLITE_DONE ? 0 : ZJ_EDB;
}

/* What a read asks for and what it found. */
typedef struct pct_req {
    const char *month;
    int pct;
    score_hist_pcts *out;
    bool hit;              /* out came from the cache */
    sqlite3_int64 version; /* the version of the histogram read (0: none known) */
} pct_req;

/* The kept histogram as it is, when no import wrote a score row since it was kept (trust:
 * see score_hist_each_deferred): its counts sum to the rows it counted and none is negative
 * (else *kept stays false and refresh reads it). *m says whether the state row's batch and
 * history marks are to move on to the data's (score_hist_marks_write). */
static int keep_as_is(sqlite3 *db, sqlite3_int64 batch, sqlite3_int64 hid, sqlite3_int64 b0,
                      sqlite3_int64 h0, sqlite3_int64 rows, bool *kept, score_hist_marks *m)
{
    sqlite3_stmt *st =
        store_prepare(db, "SELECT ifnull(sum(n), 0), ifnull(sum(n < 0), 0) FROM score_hist");
    if (!st || sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return ZJ_EDB;
    }
    sqlite3_int64 sum = sqlite3_column_int64(st, 0), neg = sqlite3_column_int64(st, 1);
    sqlite3_finalize(st);
    if (sum != rows || neg)
        return 0;
    if (batch != b0 || hid != h0)
        *m = (score_hist_marks){.pending = true, batch, hid, b0, h0};
    *kept = true;
    return 0;
}

/* Write h's dirty cells into score_hist (a count of 0 deletes its row) and the state it
 * counts: batch, hid, rows, and the content's version — a new one (score_pct emptied) when
 * a count was written or changed is set (the table was emptied first), or when the state
 * had none (0). In the caller's write transaction; 0 or ZJ_EDB. */
static int write_hist(sqlite3 *db, hist *h, sqlite3_int64 batch, sqlite3_int64 hid,
                      sqlite3_int64 rows, bool changed, sqlite3_int64 *version_out)
{
    int rc = 0;
    sqlite3_stmt *put = store_prepare(db, "INSERT OR REPLACE INTO score_hist(facility_id, month,"
                                          " points, n) VALUES (?1, ?2, ?3, ?4)");
    sqlite3_stmt *del = store_prepare(db, "DELETE FROM score_hist WHERE facility_id = ?1"
                                          " AND month = ?2 AND points = ?3");
    for (size_t i = 0; rc == 0 && put && del && i < h->cap; i++) {
        cell *c = &h->c[i];
        if (!c->used || !c->dirty)
            continue;
        changed = true;
        sqlite3_stmt *w = c->n > 0 ? put : del;
        sqlite3_reset(w);
        sqlite3_bind_text(w, 1, h->fac.s[c->f], -1, SQLITE_STATIC);
        sqlite3_bind_text(w, 2, h->mon.s[c->m], -1, SQLITE_STATIC);
        sqlite3_bind_int(w, 3, c->points);
        if (c->n > 0)
            sqlite3_bind_int64(w, 4, c->n);
        if (sqlite3_step(w) != SQLITE_DONE)
            rc = ZJ_EDB;
    }
    if (!put || !del)
        rc = ZJ_EDB;
    sqlite3_finalize(put);
    sqlite3_finalize(del);
    if (rc)
        return rc;
    sqlite3_int64 version;
    if (store_query_int64(db, "SELECT ifnull(max(version), 0) FROM score_hist_state", &version))
        return ZJ_EDB;
    if (changed || version == 0) {
        version++;
        if (store_exec(db, "DELETE FROM score_pct", NULL) != 0)
            return ZJ_EDB;
    }
    sqlite3_stmt *st = store_prepare(db, "INSERT OR REPLACE INTO score_hist_state(id, batch_id,"
                                         " history_id, rows, version) VALUES (1, ?1, ?2, ?3, ?4)");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, batch);
    sqlite3_bind_int64(st, 2, hid);
    sqlite3_bind_int64(st, 3, rows);
    sqlite3_bind_int64(st, 4, version);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : ZJ_EDB;
    sqlite3_finalize(st);
    if (rc == 0 && version_out)
        *version_out = version;
    return rc;
}

/* Bring score_hist up to date into h (in the caller's write transaction); trust: see
 * score_hist_percentiles. *kept: the table is up to date as it was and h was not filled
 * (keep_as_is) — and q->hit when q's percentiles were cached for its version. */
static int refresh(sqlite3 *db, hist *h, bool trust, bool *kept, score_hist_marks *m, pct_req *q)
{
    int rc = 0;
    sqlite3_int64 batch, hid;
    if (store_query_int64(db, "SELECT ifnull(max(batch_id), 0) FROM import_batches", &batch) ||
        store_query_int64(db, "SELECT ifnull(max(history_id), 0) FROM history", &hid))
        return ZJ_EDB;
    bool have = false;
    sqlite3_int64 b0 = 0, h0 = 0, rows = 0, version = 0;
    sqlite3_stmt *st =
        store_prepare(db, "SELECT batch_id, history_id, rows,"
                          " EXISTS (SELECT 1 FROM import_batches b"
                          "  WHERE b.batch_id > s.batch_id AND b.feed = 'scores'"
                          "  AND b.loaded + b.replaced > 0)"
                          " OR EXISTS (SELECT 1 FROM history h"
                          "  WHERE h.history_id > s.history_id AND h.feed = 'scores'),"
                          " version FROM score_hist_state s");
    if (!st)
        return ZJ_EDB;
    bool scores_changed = true;
    if (sqlite3_step(st) == SQLITE_ROW) {
        have = true;
        b0 = sqlite3_column_int64(st, 0);
        h0 = sqlite3_column_int64(st, 1);
        rows = sqlite3_column_int64(st, 2);
        scores_changed = sqlite3_column_int(st, 3) != 0;
        version = sqlite3_column_int64(st, 4);
    }
    sqlite3_finalize(st);
    /* trusted, and no import wrote a score row since: the counted rows are the rows, no
     * count(*) of the table */
    if ((scores_changed || !trust) && store_query_int64(db, "SELECT count(*) FROM scores", &rows))
        return ZJ_EDB;
    *kept = false;
    if (have && trust && !scores_changed) {
        /* the percentiles of this content computed before: neither the check of the kept
         * counts (they were checked when they were computed) nor a read of them */
        if (version > 0 && (rc = cache_read(db, version, q->month, q->pct, q->out, &q->hit)))
            return rc;
        if (q->hit) {
            if (batch != b0 || hid != h0)
                *m = (score_hist_marks){.pending = true, batch, hid, b0, h0};
            *kept = true;
            return 0;
        }
        if ((rc = keep_as_is(db, batch, hid, b0, h0, rows, kept, m)) || *kept) {
            q->version = version;
            return rc;
        }
    }

    bool valid = false;
    if (have) {
        st = store_prepare(db, "SELECT facility_id, month, points, n FROM score_hist");
        if (!st)
            return ZJ_EDB;
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *f = (const char *)sqlite3_column_text(st, 0);
            const char *mo = (const char *)sqlite3_column_text(st, 1);
            if (f && mo)
                bump(h, f, (size_t)sqlite3_column_bytes(st, 0), mo,
                     (size_t)sqlite3_column_bytes(st, 1), sqlite3_column_int(st, 2),
                     sqlite3_column_int64(st, 3));
        }
        sqlite3_finalize(st);
        for (size_t i = 0; i < h->cap; i++)
            h->c[i].dirty = false;
        if (scores_changed && b0 != batch && (rc = add_rows(db, h, added_sql, b0, h0, 1)) != 0)
            return rc;
        if (scores_changed && h0 != hid && (rc = add_rows(db, h, replaced_sql, b0, h0, -1)) != 0)
            return rc;
        sqlite3_int64 sum = 0;
        bool neg = false;
        for (size_t i = 0; i < h->cap; i++) {
            sum += h->c[i].n;
            neg |= h->c[i].n < 0;
        }
        valid = !neg && sum == rows;
    }
    if (!valid) {
        hist_clear(h);
        if (store_exec(db, "DELETE FROM score_hist", NULL) != 0 ||
            (rc = add_rows(db, h, count_all_sql, 0, 0, 1)) != 0)
            return ZJ_EDB;
    }
    return write_hist(db, h, batch, hid, rows, !valid, &q->version);
}

/* Every row of the kept histogram into a, in its key order. */
static int each_kept(sqlite3 *db, pct_acc *a)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT facility_id, month, points, n FROM score_hist"
                                         " WHERE n > 0");
    if (!st)
        return ZJ_EDB;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *f = (const char *)sqlite3_column_text(st, 0);
        const char *mo = (const char *)sqlite3_column_text(st, 1);
        int p = sqlite3_column_int(st, 2);
        if (f && mo)
            pct_add(a, f, (size_t)sqlite3_column_bytes(st, 0), mo,
                    p < 0                ? 0
                    : p > SCORE_HIST_MAX ? SCORE_HIST_MAX
                                         : p,
                    sqlite3_column_int64(st, 3));
    }
    sqlite3_finalize(st);
    return step == SQLITE_DONE ? 0 : ZJ_EDB;
}

/* The percentiles of m to cache under their version, unless the histogram has another
 * version now. */
static int cache_write(sqlite3 *db, const score_hist_marks *m)
{
    sqlite3_stmt *st = store_prepare(db, "INSERT OR REPLACE INTO score_pct(version, month, pct,"
                                         " facility_id, points) SELECT ?1, ?2, ?3, ?4, ?5"
                                         " WHERE (SELECT version FROM score_hist_state"
                                         "  WHERE id = 1) = ?1");
    if (!st)
        return ZJ_EDB;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i <= m->pcts.n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, m->version);
        sqlite3_bind_text(st, 2, m->month, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, m->pct);
        /* the last row: facility '', the set's mark */
        sqlite3_bind_text(st, 4, i < m->pcts.n ? m->pcts.v[i].facility_id : "", -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 5, i < m->pcts.n ? m->pcts.v[i].points : -1);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = ZJ_EDB;
    }
    sqlite3_finalize(st);
    return rc;
}

int score_hist_marks_write(sqlite3 *db, const score_hist_marks *m)
{
    if (!m)
        return 0;
    int rc = 0;
    if (m->pending) {
        sqlite3_stmt *st = store_prepare(db, "UPDATE score_hist_state SET batch_id = ?1,"
                                             " history_id = ?2 WHERE id = 1 AND batch_id = ?3"
                                             " AND history_id = ?4");
        if (!st)
            return ZJ_EDB;
        sqlite3_bind_int64(st, 1, m->batch);
        sqlite3_bind_int64(st, 2, m->history_id);
        sqlite3_bind_int64(st, 3, m->batch0);
        sqlite3_bind_int64(st, 4, m->history_id0);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : ZJ_EDB;
        sqlite3_finalize(st);
    }
    if (rc == 0 && m->version > 0)
        rc = cache_write(db, m);
    return rc;
}

void score_hist_marks_release(score_hist_marks *m)
{
    if (m) {
        score_hist_pcts_release(&m->pcts);
        memset(m, 0, sizeof(*m));
    }
}

/* A copy of the percentiles read from the histogram of version, for m to cache. */
static void marks_cache(score_hist_marks *m, sqlite3_int64 version, const char *month, int pct,
                        const score_hist_pcts *p)
{
    if (version <= 0)
        return;
    m->version = version;
    snprintf(m->month, sizeof m->month, "%s", month);
    m->pct = pct;
    for (size_t i = 0; i < p->n; i++)
        pcts_push(&m->pcts, p->v[i].facility_id, p->v[i].points);
}

int score_hist_percentiles(sqlite3 *db, bool trust_imports, const char *month, int pct,
                           score_hist_pcts *out, score_hist_marks *m)
{
    hist h = {0};
    pct_acc a = {0};
    snprintf(a.month, sizeof a.month, "%s", month);
    memset(m, 0, sizeof(*m));
    memset(out, 0, sizeof(*out));
    pct_req q = {.month = a.month, .pct = pct, .out = out};
    int rc;
    /* kept only by a writer outside a transaction of its own (the screening's start) */
    bool keep =
        !sqlite3_db_readonly(db, "main") && sqlite3_get_autocommit(db) && store_begin(db) == 0;
    if (keep) {
        bool kept = false;
        rc = refresh(db, &h, trust_imports, &kept, m, &q);
        if (rc == 0 && kept) {
            /* every row counted once rc is 0: no second count after it, even when the new
             * state marks cannot be committed */
            if (!q.hit)
                rc = each_kept(db, &a);
            if (rc != 0 || store_commit(db) != 0)
                store_rollback(db);
            if (rc == 0 && !q.hit) {
                pct_finish(&a, pct, out);
                marks_cache(m, q.version, a.month, pct, out);
            }
            strtab_clear(&a.fac);
            free(a.h);
            return rc;
        }
        if (rc == 0)
            rc = store_commit(db);
        if (rc != 0) {
            store_rollback(db);
            hist_clear(&h);
            keep = false;
        }
    }
    if (!keep)
        rc = add_rows(db, &h, count_all_sql, 0, 0, 1);
    for (size_t i = 0; rc == 0 && i < h.cap; i++)
        if (h.c[i].used && h.c[i].n > 0) {
            const char *f = h.fac.s[h.c[i].f];
            pct_add(&a, f, strlen(f), h.mon.s[h.c[i].m], h.c[i].points, h.c[i].n);
        }
    if (rc == 0) {
        pct_finish(&a, pct, out);
        if (keep)
            marks_cache(m, q.version, a.month, pct, out);
    }
    strtab_clear(&a.fac);
    free(a.h);
    hist_clear(&h);
    return rc;
}

/* ---- counted by an import ---------------------------------------------------------- */

struct score_hist_import {
    hist h;
    sqlite3_int64 rows;
    bool spoiled;
};

score_hist_import *score_hist_import_begin(sqlite3 *db)
{
    sqlite3_int64 any;
    /* no score row yet: the batch's rows will be all of them */
    if (store_query_int64(db, "SELECT EXISTS (SELECT 1 FROM scores)", &any) || any)
        return NULL;
    return xcalloc(1, sizeof(score_hist_import));
}

void score_hist_import_row(score_hist_import *c, const char *facility_id, size_t flen,
                           const char *month, size_t mlen, long long base, long long bonus)
{
    if (!c || c->spoiled)
        return;
    /* as count_all_sql's base_points + ifnull(bonus_points, 0) read by sqlite3_column_int */
    sqlite3_int64 t = (sqlite3_int64)base + (sqlite3_int64)bonus;
    bump(&c->h, facility_id, flen, month, mlen, (int)t, 1);
    c->rows++;
}

void score_hist_import_spoil(score_hist_import *c)
{
    if (c)
        c->spoiled = true;
}

int score_hist_import_end(sqlite3 *db, score_hist_import *c, long long batch)
{
    int rc = 0;
    if (c && !c->spoiled) {
        sqlite3_int64 hid;
        if (store_query_int64(db, "SELECT ifnull(max(history_id), 0) FROM history", &hid))
            rc = ZJ_EDB;
        if (rc == 0 && store_exec(db, "DELETE FROM score_hist", NULL) != 0)
            rc = ZJ_EDB;
        if (rc == 0)
            rc = write_hist(db, &c->h, batch, hid, c->rows, true, NULL);
    }
    score_hist_import_free(c);
    return rc;
}

void score_hist_import_free(score_hist_import *c)
{
    if (!c)
        return;
    hist_clear(&c->h);
    free(c);
}
