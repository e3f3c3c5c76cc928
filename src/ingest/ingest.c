/*
 * ingest.c — loading feed files (see ingest.h).
 *
 * Per file, in one transaction (BEGIN IMMEDIATE … COMMIT; under --strict one transaction
 * for the whole run) and a savepoint: delete the rejects an earlier import of the same file
 * left, record the batch, then for each row validate it against the feed's column table
 * (feeds.h), look up its references, and write it — INSERT OR IGNORE for a new key (a
 * validated row can only conflict on its key, which the primary key contains; OR IGNORE,
 * unlike ON CONFLICT(key) DO NOTHING, needs no statement journal per row); for an
 * existing key compare with the stored version: the same content is
 * "unchanged" (nothing written), other content goes to history and the row is updated. A
 * row whose key this batch already wrote, or met unchanged, is a duplicate and rejected.
 * At the end the persons of the written rows go to changed_persons and the batch gets its
 * counts and SHA-256. The file is read once: the source hashes it and checks UTF-8 as the
 * rows load; a file that turns out not to be UTF-8 is rolled back to the savepoint and
 * read again as GB18030, or refused.
 *
 * The SQL is the feed store's (store/feed_store.h); this file is the reader loop.
 * Speed: statements are prepared once per connection and reused; values are bound from the
 * reader's buffers (SQLITE_STATIC); references go through a small cache per column;
 * SQLite's own foreign-key checks are off while loading because every REFERENCES column of
 * schema_feeds.sql is checked here first; a file much larger than its table loads without
 * the secondary indexes, which are rebuilt before COMMIT (bulk mode). Nothing is allocated
 * per row.
 */
#include "ingest/ingest.h"
#include "ingest/csv.h"
#include "ingest/encoding.h"
#include "ingest/feeds.h"
#include "ingest/reason_zh.h"
#include "store/feed_store.h"
#include "store/sealing.h"
#include "store/store.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_COLS 32
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
 * same person need not look it up again. An open-addressing set per reference. */
#define MEMO_REFS 16
#define MEMO_MAX (1u << 22) /* keys per reference at most: beyond, look-ups as before */
struct refmemo {
    const struct ingest_ref *ref;
    size_t *slot; /* 0 = empty, else 1 + the key's offset in keys */
    size_t cap, n;
    strbuf keys; /* each key: its length (a size_t) and its bytes */
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
    struct refmemo *memo;             /* MEMO_REFS, in ingest_dir only (else NULL) */
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
    /* a CSV file's valid rows not yet written (pending_write), their bytes in pend_buf */
    struct pending_row *pend;
    size_t npend;
    strbuf pend_buf;
    /* the keys of the file's valid rows so far: the greatest (bytewise) and a Bloom filter
     * of them all (keys_fresh) */
    strbuf key_max;
    uint64_t *key_bits;
    size_t key_mask; /* bits of key_bits - 1 */
};

#define WARN_SHOWN 20 /* warnings said per file */

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

/* ---------- helpers ---------- */

static const char *col_db(const struct ingest_column *c)
{
    return c->db ? c->db : c->name;
}

static int in_list(const char *const *list, const char *s)
{
    if (!s)
        return 0;
    for (; *list; list++)
        if (!strcmp(*list, s))
            return 1;
    return 0;
}

static void say(struct loader *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct loader *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(L->log, "zhijian import: ");
    vfprintf(L->log, fmt, ap);
    fputc('\n', L->log);
    va_end(ap);
}

/* A database error while loading: said with the file. Returns ZJ_EDB. */
static int db_error(struct loader *L)
{
    say(L, "database error in '%s': %s", L->file, sqlite3_errmsg(L->db));
    return ZJ_EDB;
}

static void loader_finalize(struct loader *L)
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
    free(L->key_bits);
    L->key_bits = NULL;
    strbuf_release(&L->extra);
    strbuf_release(&L->json);
    strbuf_release(&L->flagbuf);
    L->nheader = 0;
    ingest_warn_memo_free(L->warn_memo);
    L->warn_memo = NULL;
}

/* Take the feed store's statements of feed f (its SQL is built from the static column
 * tables only) and set up the reference caches. */
static int loader_prepare(struct loader *L)
{
    const struct ingest_feed *f = L->f;
    struct feed_store_table t = {.name = f->name, .ncols = f->ncols};
    for (size_t i = 0; i < f->ncols; i++) {
        const struct ingest_column *c = &f->cols[i];
        t.cols[i] = col_db(c);
        t.integer[i] = c->type == IT_INT || c->type == IT_BOOL || c->type == IT_MONEY;
        if (c->ref) {
            t.ref_table[i] = c->ref->table;
            t.ref_key[i] = c->ref->key;
            t.ref_fetch[i] = c->ref->fetch;
        }
    }
    if (feed_store_open(&L->fs, L->db, &t) != 0)
        return ZJ_EDB;
    for (size_t i = 0; i < f->ncols; i++) {
        if (!f->cols[i].ref)
            continue;
        free(L->cache[i]);
        L->cache[i] = xcalloc(REF_SLOTS, sizeof(struct refcache));
    }
    return 0;
}

/* Set up the header mapping from the current record of rd. Returns 0, or -1 with L->msg
 * and L->reject_col set (the file is refused). */
static int loader_header(struct loader *L, const csv_reader *rd)
{
    const struct ingest_feed *f = L->f;
    for (size_t i = 0; i < L->nheader; i++)
        free(L->hname[i]);
    L->nheader = 0;
    L->nextra = 0;
    L->reject_col = -1;
    for (size_t i = 0; i < f->ncols; i++)
        L->colpos[i] = -1;
    if (rd->error != CSV_OK || rd->nfields > MAX_HEADER) {
        snprintf(L->msg, sizeof L->msg, "unreadable header row (%s)",
                 rd->error ? "broken quoting" : "more than 256 columns");
        return -1;
    }
    for (size_t h = 0; h < rd->nfields; h++) {
        size_t n;
        const char *s = csv_field(rd, h, &n);
        while (n && (*s == ' ' || *s == '\t'))
            s++, n--;
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        L->hname[h] = xstrndup(s, n);
        L->nheader = h + 1;
        int c = ingest_feed_column(f, L->hname[h]);
        L->hcol[h] = c;
        if (c < 0) {
            for (size_t k = 0; k < h; k++) {
                if (!strcmp(L->hname[k], L->hname[h])) {
                    snprintf(L->msg, sizeof L->msg, "column '%s' appears twice in the header",
                             L->hname[h]);
                    return -1;
                }
            }
            L->nextra++;
            continue;
        }
        if (L->colpos[c] >= 0) {
            snprintf(L->msg, sizeof L->msg, "column '%s' appears twice in the header", L->hname[h]);
            L->reject_col = c;
            return -1;
        }
        L->colpos[c] = (int)h;
    }
    for (size_t i = 0; i < f->ncols; i++) {
        if ((f->cols[i].flags & COL_REQUIRED) && L->colpos[i] < 0) {
            snprintf(L->msg, sizeof L->msg,
                     "missing required column '%s': the whole file is refused, nothing of it "
                     "was loaded",
                     f->cols[i].name);
            L->reject_col = (int)i;
            return -1;
        }
    }
    return 0;
}

/* ---------- validation ---------- */

/* Whether s holds a byte order mark (EF BB BF). 0xEF is rare in text (U+F000 … U+FFFF),
 * so memchr skips most fields at once. */
static bool has_bom(const char *s, size_t n)
{
    const char *e = s + n, *p = s;
    while ((p = memchr(p, 0xEF, (size_t)(e - p))) && e - p >= 3) {
        if ((unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
            return true;
        p++;
    }
    return false;
}

static int reject(struct loader *L, int col, int pending, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int reject(struct loader *L, int col, int pending, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(L->msg, sizeof L->msg, fmt, ap);
    va_end(ap);
    L->reject_col = col;
    L->pending = pending;
    return -1;
}

/* Parse the non-date columns (pass 1) or the date columns (pass 2) of the row. */
static int parse_columns(struct loader *L, const csv_reader *rd, struct ingest_row *row, int pass)
{
    const struct ingest_feed *f = L->f;
    char m[400];
    for (size_t i = 0; i < f->ncols; i++) {
        const struct ingest_column *c = &f->cols[i];
        if ((c->type == IT_DATE) != (pass == 2))
            continue;
        struct feed_value *v = &row->v[i];
        v->s = NULL;
        v->n = 0;
        v->i = 0;
        size_t n = 0;
        const char *s = L->colpos[i] >= 0 ? csv_field(rd, (size_t)L->colpos[i], &n) : NULL;
        if (!s || n == 0) {
            if (c->flags & COL_REQUIRED)
                return reject(L, (int)i, 0, "required field '%s' is empty", c->name);
            continue;
        }
        size_t max = (c->flags & COL_KEY) || c->ref ? INGEST_MAX_ID : INGEST_MAX_TEXT;
        if (n > max)
            return reject(L, (int)i, 0, "field '%s' is %zu bytes long (at most %zu)", c->name, n,
                          max);
        if (has_bom(s, n))
            return reject(L, (int)i, 0,
                          "field '%s' contains a byte order mark (U+FEFF): two "
                          "files joined together?",
                          c->name);
        int bad = 0;
        long long x = 0;
        switch (c->type) {
        case IT_TEXT:
            break;
        case IT_DATE: {
            zj_date lo = L->lo_event, hi = L->hi_event, d;
            const char *lo_why = "1949-10-01", *hi_why = "the as-of date";
            if (c->dclass == DC_BIRTH) {
                lo = L->lo_birth;
                lo_why = "1900-01-01";
            } else if (c->dclass == DC_SCHEDULED) {
                hi = L->hi_sched;
                hi_why = "2199-12-31";
            }
            if (c->sched_col) {
                int k = ingest_feed_column(f, c->sched_col);
                if (k >= 0 && row->v[k].s && !strcmp(row->v[k].s, c->sched_if)) {
                    hi = L->hi_sched;
                    hi_why = "2199-12-31";
                }
            }
            if (hi == L->hi_event)
                hi_why = L->asof_why;
            bad = ingest_check_date(s, n, lo, hi, lo_why, hi_why, &d, m, sizeof m);
            x = d;
            break;
        }
        case IT_MONTH: {
            int ym = n == 7 ? (s[0] - '0') * 12000 + (s[1] - '0') * 1200 + (s[2] - '0') * 120 +
                                  (s[3] - '0') * 12 + (s[5] - '0') * 10 + (s[6] - '0')
                            : -1;
            /* fast path for the common case; the full check gives the message */
            if (n == 7 && s[4] == '-' && ym > L->lo_month && ym <= L->hi_month &&
                ((s[5] == '0' && s[6] >= '1' && s[6] <= '9') ||
                 (s[5] == '1' && s[6] >= '0' && s[6] <= '2')) &&
                s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
                s[2] <= '9' && s[3] >= '0' && s[3] <= '9')
                break;
            bad = ingest_check_month(s, n, L->lo_event, L->hi_event, "1949-10", L->asof_month_why,
                                     m, sizeof m);
            break;
        }
        case IT_INT:
            bad = ingest_parse_int(s, n, &x, m, sizeof m);
            break;
        case IT_MONEY:
            bad = ingest_parse_money(s, n, &x, m, sizeof m);
            break;
        case IT_BOOL: {
            int b = 0;
            bad = ingest_parse_bool(s, n, &b, m, sizeof m);
            x = b;
            break;
        }
        case IT_REGION:
            bad = ingest_check_region(s, n, m, sizeof m);
            break;
        case IT_IDNUM:
            bad = ingest_check_id_number(s, n, m, sizeof m);
            if (!bad && s[17] == 'x') {
                memcpy(L->idbuf, s, 17);
                L->idbuf[17] = 'X';
                L->idbuf[18] = '\0';
                s = L->idbuf;
            }
            break;
        case IT_ENUM: {
            const char *id = ingest_enum_lookup(c->values, s, n);
            if (!id) {
                char list[1000];
                ingest_enum_describe(c->values, list, sizeof list);
                return reject(L, (int)i, 0, "unknown %s '%.*s' (expected one of: %s)", c->name,
                              ingest_clip(s, n, 80), s, list);
            }
            s = id;
            n = strlen(id);
            break;
        }
        case IT_FLAGS: {
            strbuf_reset(&L->flagbuf);
            const char *p = s, *e = s + n;
            while (p <= e) {
                const char *q = memchr(p, ';', (size_t)(e - p));
                if (!q)
                    q = e;
                const char *a = p, *b = q;
                while (a < b && *a == ' ')
                    a++;
                while (b > a && b[-1] == ' ')
                    b--;
                if (b > a) {
                    const char *id = ingest_enum_lookup(c->values, a, (size_t)(b - a));
                    if (!id) {
                        char list[1000];
                        ingest_enum_describe(c->values, list, sizeof list);
                        return reject(L, (int)i, 0,
                                      "unknown %s item '%.*s' (expected items of: %s)", c->name,
                                      ingest_clip(a, (size_t)(b - a), 80), a, list);
                    }
                    if (L->flagbuf.len)
                        strbuf_addch(&L->flagbuf, ';');
                    strbuf_adds(&L->flagbuf, id);
                }
                p = q + 1;
            }
            if (!L->flagbuf.len)
                continue; /* only separators: empty */
            s = L->flagbuf.buf;
            n = L->flagbuf.len;
            break;
        }
        }
        if (bad)
            return reject(L, (int)i, 0, "%s", m);
        if ((c->flags & COL_RANGE) && (x < c->min || x > c->max)) {
            if (c->type == IT_MONEY)
                return reject(L, (int)i, 0, "%s '%.*s' must be more than 0", c->name,
                              ingest_clip(s, n, 40), s);
            if (c->max == LLONG_MAX)
                return reject(L, (int)i, 0, "%s '%lld' is out of range (at least %lld)", c->name, x,
                              c->min);
            return reject(L, (int)i, 0, "%s '%lld' is out of range %lld–%lld", c->name, x, c->min,
                          c->max);
        }
        v->s = s;
        v->n = n;
        v->i = x;
    }
    return 0;
}

static int apply_rules(struct loader *L, struct ingest_row *row)
{
    const struct ingest_feed *f = L->f;
    for (size_t r = 0; r < f->nrules; r++) {
        const struct ingest_rule *u = &f->rules[r];
        int c = ingest_feed_column(f, u->col);
        const struct feed_value *v = &row->v[c];
        if (u->when_col) {
            int w = ingest_feed_column(f, u->when_col);
            if (!in_list(u->when_in, row->v[w].s))
                continue;
        }
        switch (u->kind) {
        case RULE_RANGE:
            if (v->s && (v->i < u->min || v->i > u->max))
                return reject(L, c, 0, "%s '%lld' is out of range %lld–%lld %s", u->col, v->i,
                              u->min, u->max, u->why);
            break;
        case RULE_REQUIRED:
            if (!v->s)
                return reject(L, c, 0, "%s %s", u->col, u->why);
            break;
        case RULE_EMPTY:
            if (v->s)
                return reject(L, c, 0, "%s '%.*s' %s", u->col, ingest_clip(v->s, v->n, 40), v->s,
                              u->why);
            break;
        case RULE_IN:
            if (v->s && !in_list(u->in, v->s))
                return reject(L, c, 0, "%s '%s' is not allowed %s", u->col, v->s, u->why);
            break;
        case RULE_DATE_ORDER: {
            int o = ingest_feed_column(f, u->other);
            const struct feed_value *w = &row->v[o];
            if (v->s && w->s && v->i < w->i)
                return reject(L, c, 0, "%s '%.*s' is before %s '%.*s'", u->col, (int)v->n, v->s,
                              u->other, (int)w->n, w->s);
            break;
        }
        }
    }
    if (f->check) {
        int c = f->check(f, row, L->msg, sizeof L->msg);
        if (c >= 0) {
            L->reject_col = c;
            L->pending = 0;
            return -1;
        }
    }
    return 0;
}

/* The memory of found keys of reference r (NULL: none is kept for it). */
static struct refmemo *memo_of(struct loader *L, const struct ingest_ref *r)
{
    if (!L->memo || r->fetch || !strcmp(r->table, L->f->name))
        return NULL;
    for (size_t i = 0; i < MEMO_REFS; i++) {
        struct refmemo *m = &L->memo[i];
        if (m->ref == r)
            return m;
        if (!m->ref) {
            m->ref = r;
            return m;
        }
    }
    return NULL;
}

static const char *memo_key(const struct refmemo *m, size_t slot, size_t *n)
{
    const char *p = m->keys.buf + m->slot[slot] - 1;
    memcpy(n, p, sizeof *n);
    return p + sizeof *n;
}

static bool memo_has(const struct refmemo *m, const char *s, size_t n, size_t h)
{
    if (!m->cap)
        return false;
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->slot[i])
            return false;
        size_t kn;
        const char *k = memo_key(m, i, &kn);
        if (kn == n && !memcmp(k, s, n))
            return true;
    }
}

static size_t memo_hash(const char *s, size_t n)
{
    size_t h = 5381;
    for (size_t k = 0; k < n; k++)
        h = h * 33 + (unsigned char)s[k];
    return h ^ (h >> 17);
}

static void memo_add(struct refmemo *m, const char *s, size_t n, size_t h)
{
    if (m->n >= MEMO_MAX)
        return;
    if (2 * (m->n + 1) > m->cap) { /* grow: at most half full */
        size_t cap = m->cap ? 2 * m->cap : 1024, *old = m->slot, oldcap = m->cap;
        m->slot = xcalloc(cap, sizeof *m->slot);
        m->cap = cap;
        for (size_t i = 0; i < oldcap; i++) {
            if (!old[i])
                continue;
            size_t kn, j;
            const char *k = m->keys.buf + old[i] - 1;
            memcpy(&kn, k, sizeof kn);
            for (j = memo_hash(k + sizeof kn, kn) & (cap - 1); m->slot[j]; j = (j + 1) & (cap - 1))
                ;
            m->slot[j] = old[i];
        }
        free(old);
    }
    size_t i = h & (m->cap - 1);
    while (m->slot[i])
        i = (i + 1) & (m->cap - 1);
    m->slot[i] = m->keys.len + 1;
    strbuf_add(&m->keys, &n, sizeof n);
    strbuf_add(&m->keys, s, n);
    m->n++;
}

static void memo_free(struct loader *L)
{
    for (size_t i = 0; L->memo && i < MEMO_REFS; i++) {
        free(L->memo[i].slot);
        strbuf_release(&L->memo[i].keys);
    }
    free(L->memo);
    L->memo = NULL;
}

static int check_refs(struct loader *L, struct ingest_row *row)
{
    const struct ingest_feed *f = L->f;
    for (size_t i = 0; i < f->ncols; i++) {
        const struct ingest_ref *r = f->cols[i].ref;
        const struct feed_value *v = &row->v[i];
        if (!r || !v->s)
            continue;
        size_t h = 5381;
        for (size_t k = 0; k < v->n; k++)
            h = h * 33 + (unsigned char)v->s[k];
        struct refcache *rc = &L->cache[i][h & (REF_SLOTS - 1)];
        if (!(rc->valid && rc->keylen == v->n && !memcmp(rc->key, v->s, v->n))) {
            bool fetched_null = true;
            struct refmemo *m = memo_of(L, r);
            size_t mh = m ? memo_hash(v->s, v->n) : 0;
            int found = m && memo_has(m, v->s, v->n, mh);
            if (!found) {
                found = feed_store_ref(&L->fs, i, v->s, v->n, rc->fetched, sizeof rc->fetched,
                                       &fetched_null);
                if (found < 0)
                    return reject(L, (int)i, 0, "database error: %s", sqlite3_errmsg(L->db));
                if (found && m)
                    memo_add(m, v->s, v->n, mh);
            }
            rc->found = found;
            rc->fetched_null = fetched_null;
            rc->valid = v->n < sizeof rc->key;
            if (rc->valid) {
                memcpy(rc->key, v->s, v->n);
                rc->keylen = v->n;
            }
        }
        if (!rc->found)
            return reject(L, (int)i, 1, "unknown reference: %s '%.*s' is not in %s",
                          f->cols[i].name, ingest_clip(v->s, v->n, 80), v->s, r->table);
        if (r->kinds && (rc->fetched_null || !in_list(r->kinds, rc->fetched))) {
            char allowed[120] = "";
            for (const char *const *k = r->kinds; *k; k++)
                snprintf(allowed + strlen(allowed), sizeof allowed - strlen(allowed), "%s%s",
                         k == r->kinds ? "" : " or ", *k);
            return reject(L, (int)i, 0, "%s '%.*s' is a facility of kind '%s', expected %s",
                          f->cols[i].name, ingest_clip(v->s, v->n, 80), v->s,
                          rc->fetched_null ? "" : rc->fetched, allowed);
        }
        if (r->match) {
            int m = ingest_feed_column(f, r->match);
            const struct feed_value *w = &row->v[m];
            if (w->s && !rc->fetched_null &&
                (strlen(rc->fetched) != w->n || memcmp(rc->fetched, w->s, w->n)))
                return reject(L, (int)i, 0, "%s '%.*s' belongs to %s '%s', not to '%.*s'",
                              f->cols[i].name, ingest_clip(v->s, v->n, 80), v->s, r->match,
                              rc->fetched, ingest_clip(w->s, w->n, 80), w->s);
        }
    }
    return 0;
}

/* ---------- writing ---------- */

/* Write a valid row. Returns an outcome, or ZJ_EDB. */
static int write_row(struct loader *L, const struct ingest_row *row)
{
    const struct feed_value *key = &row->v[0];
    const char *extra = L->extra.buf;
    size_t extra_len = L->extra.len;
    int ins = feed_store_insert(&L->fs, row->v, extra, extra_len, L->batch_id);
    if (ins < 0)
        return db_error(L);
    if (ins)
        return OUT_LOADED;

    long long old_batch;
    if (feed_store_fetch(&L->fs, key->s, key->n, &old_batch) != 0)
        return db_error(L);
    int dup = old_batch == L->batch_id && L->retry_reject_id == 0;
    int same = !dup && feed_store_fetched_same(&L->fs, row->v, extra, extra_len);
    if (!dup) {
        /* unchanged: remember the key (a second insert of it means a duplicate);
         * changed: a duplicate if the key was met unchanged before */
        dup = same ? feed_store_seen_add(&L->fs, key->s, key->n)
                   : feed_store_seen_has(&L->fs, key->s, key->n);
        if (dup < 0) {
            feed_store_fetch_done(&L->fs);
            return db_error(L);
        }
    }
    if (dup && L->repeats && feed_store_fetched_same(&L->fs, row->v, extra, extra_len)) {
        feed_store_fetch_done(&L->fs);
        return OUT_UNCHANGED;
    }
    if (dup) {
        feed_store_fetch_done(&L->fs);
        reject(L, 0, 0,
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
        return db_error(L);
    return OUT_REPLACED;
}

static int store_reject(struct loader *L, long line, const char *raw, size_t raw_len,
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
                   ? db_error(L)
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
    return feed_store_reject_add(&L->fs, &r) ? db_error(L) : 0;
}

/* Store the reject of the current record (L->msg, L->reject_col, L->pending): raw is the
 * row as read, key its key field (NULL: none). 0 or ZJ_EDB. */
static int reject_row(struct loader *L, long line, const char *raw, size_t raw_len, const char *key,
                      size_t keylen)
{
    /* the raw row is stored as text: undecodable bytes and NULs as \xNN escapes */
    if (utf8_valid(raw, raw_len))
        return store_reject(L, line, raw, raw_len, key, keylen);
    strbuf esc = STRBUF_INIT;
    text_escape_n(&esc, raw, raw_len);
    int rc = store_reject(L, line, esc.buf ? esc.buf : "", esc.len, NULL, 0);
    strbuf_release(&esc);
    return rc;
}

/* The key field of the current record of rd as read (NULL: none). */
static const char *record_key(const struct loader *L, const csv_reader *rd, size_t *kn)
{
    *kn = 0;
    if (L->colpos[0] >= 0 && (size_t)L->colpos[0] < rd->nfields && !rd->error)
        return csv_field(rd, (size_t)L->colpos[0], kn);
    return NULL;
}

/* Validate the current record of rd into row, with L->extra (its unknown columns) and the
 * feed's warning said. 0 when valid, -1 when rejected (L->msg, L->reject_col). */
static int validate_row(struct loader *L, const csv_reader *rd, struct ingest_row *row)
{
    const struct ingest_feed *f = L->f;
    L->reject_col = -1;
    L->pending = 0;
    if (rd->error == CSV_UNTERMINATED_QUOTE)
        return reject(L, -1, 0,
                      "a quoted field opened on this line is never closed (missing '\"'); "
                      "the rest of the file was read as this one row");
    if (rd->error == CSV_TOO_LONG)
        return reject(L, -1, 0, "row longer than %u bytes", CSV_MAX_RECORD);
    if (memchr(rd->raw, 0, rd->raw_len))
        return reject(L, -1, 0, "row contains a NUL byte");
    if (L->utf8_rows && !utf8_valid(rd->raw, rd->raw_len)) {
        size_t ok = utf8_valid_prefix((const unsigned char *)rd->raw, rd->raw_len);
        return reject(L, -1, 0,
                      "row is not valid UTF-8 (byte 0x%02X at byte %zu of the row); the "
                      "file's other rows are UTF-8, so it was not read as GB18030",
                      (unsigned char)rd->raw[ok], ok + 1);
    }
    if (rd->nfields != L->nheader)
        return reject(L, -1, 0,
                      "row has %zu fields but the header has %zu (check commas and quotes)",
                      rd->nfields, L->nheader);
    if (parse_columns(L, rd, row, 1) || parse_columns(L, rd, row, 2) || apply_rules(L, row) ||
        check_refs(L, row))
        return -1;
    strbuf_reset(&L->extra);
    if (L->nextra) {
        for (size_t h = 0; h < L->nheader; h++) {
            size_t n;
            if (L->hcol[h] >= 0)
                continue;
            const char *s = csv_field(rd, h, &n);
            if (!n)
                continue;
            strbuf_addch(&L->extra, L->extra.len ? ',' : '{');
            strbuf_add_json_str(&L->extra, L->hname[h]);
            strbuf_addch(&L->extra, ':');
            strbuf_add_json_str(&L->extra, s);
        }
        if (L->extra.len)
            strbuf_addch(&L->extra, '}');
    }
    if (f->warn && f->warn(f, row, &L->warn_memo, L->msg, sizeof L->msg) >= 0) {
        if (L->warned < WARN_SHOWN)
            say(L, "warning: %s line %ld: %s", L->file, rd->rec_line, L->msg);
        else if (L->warned == WARN_SHOWN)
            say(L, "warning: %s: further warnings of this file not shown", L->file);
        L->warned++;
        L->msg[0] = 0;
    }
    return 0;
}

/* Validate and write the current record of rd. Returns an outcome or ZJ_EDB. */
static int process_row(struct loader *L, const csv_reader *rd)
{
    struct ingest_row row;
    int out = validate_row(L, rd, &row) == 0 ? write_row(L, &row) : OUT_REJECTED;
    if (out == OUT_REJECTED) {
        size_t kn;
        const char *k = utf8_valid(rd->raw, rd->raw_len) ? record_key(L, rd, &kn) : NULL;
        if (reject_row(L, rd->rec_line, rd->raw, rd->raw_len, k, k ? kn : 0))
            return ZJ_EDB;
    }
    return out;
}

static void count(struct ingest_counts *c, int out)
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
static int pending_begin(struct loader *L, long long size)
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
    /* about 8 bits per row of 32 bytes or more, between 8 KB and 4 MB */
    size_t bits = 1u << 16;
    while (bits < (1u << 25) && (long long)bits < size / 4)
        bits <<= 1;
    free(L->key_bits);
    L->key_bits = xcalloc(bits / 64, sizeof *L->key_bits);
    L->key_mask = bits - 1;
    strbuf_reset(&L->key_max);
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

/* Whether no key of rows[0..n) was met in an earlier row of the file, as far as the
 * filter can tell (a key above the greatest met is new; else the Bloom filter says
 * "maybe" or "no"); then the keys are noted. A "maybe" only costs the slower statement. */
static bool keys_fresh(struct loader *L, const struct feed_value *const rows[], size_t n)
{
    bool fresh = true;
    const strbuf *mx = &L->key_max;
    for (size_t r = 0; r < n && fresh; r++) {
        const struct feed_value *k = &rows[r][0];
        size_t m = k->n < mx->len ? k->n : mx->len;
        int c = m ? memcmp(k->s, mx->buf, m) : 0;
        if (c > 0 || (c == 0 && k->n > mx->len))
            continue;
        uint64_t h = key_hash(k->s, k->n), h2 = (h >> 32) | 1;
        bool all = true;
        for (int p = 0; p < KEY_PROBES && all; p++) {
            size_t b = (size_t)(h + (uint64_t)p * h2) & L->key_mask;
            all = (L->key_bits[b / 64] >> (b % 64)) & 1;
        }
        fresh = !all;
    }
    for (size_t r = 0; r < n; r++) {
        const struct feed_value *k = &rows[r][0];
        uint64_t h = key_hash(k->s, k->n), h2 = (h >> 32) | 1;
        for (int p = 0; p < KEY_PROBES; p++) {
            size_t b = (size_t)(h + (uint64_t)p * h2) & L->key_mask;
            L->key_bits[b / 64] |= (uint64_t)1 << (b % 64);
        }
        size_t m = k->n < mx->len ? k->n : mx->len;
        int c = m ? memcmp(k->s, mx->buf, m) : 0;
        if (c > 0 || (c == 0 && k->n > mx->len)) {
            strbuf_reset(&L->key_max);
            strbuf_add(&L->key_max, k->s, k->n);
        }
    }
    return fresh;
}

/* Keep the valid row (the current record of rd, row, L->extra) to be written later. */
static void pending_add(struct loader *L, const csv_reader *rd, const struct ingest_row *row)
{
    struct pending_row *p = &L->pend[L->npend++];
    strbuf *b = &L->pend_buf;
    size_t kn;
    const char *k = record_key(L, rd, &kn);
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
static int pending_write(struct loader *L, struct ingest_counts *c)
{
    const struct ingest_feed *f = L->f;
    const char *b = L->pend_buf.buf;
    const struct feed_value *rows[PEND_ROWS];
    const char *extra[PEND_ROWS];
    size_t extra_len[PEND_ROWS];
    unsigned char written[PEND_ROWS] = {0};
    size_t n = L->npend;
    L->npend = 0;
    for (size_t r = 0; r < n; r++) {
        struct pending_row *p = &L->pend[r];
        for (size_t i = 0; i < f->ncols; i++)
            p->v[i].s = p->null[i] ? NULL : b + p->off[i];
        rows[r] = p->v;
        extra[r] = b + p->extra_off;
        extra_len[r] = p->extra_len;
    }
    bool fresh = keys_fresh(L, rows, n);
    if (n == PEND_ROWS &&
        feed_store_insert_many(&L->fs, rows, extra, extra_len, L->batch_id, fresh, written) != 0)
        return db_error(L);
    for (size_t r = 0; r < n; r++) {
        const struct pending_row *p = &L->pend[r];
        int out = OUT_LOADED;
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
            if (out == OUT_REJECTED &&
                reject_row(L, p->line, b + p->raw_off, p->raw_len, b + p->key_off, p->key_len))
                return ZJ_EDB;
        }
        count(c, out);
    }
    strbuf_reset(&L->pend_buf);
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

static int batch_begin(struct loader *L, const char *dir, const char *sha, const char *enc,
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
        say(L, "database error: %s", sqlite3_errmsg(L->db));
    return rc;
}

static int batch_end(struct loader *L, const struct ingest_counts *c)
{
    struct feed_batch_counts bc = {c->read, c->loaded, c->replaced, c->unchanged, c->rejected};
    long written = c->loaded + c->replaced;
    int rc = feed_store_batch_end(L->db, L->batch_id, &bc, L->sha);
    if (rc == 0 && L->f->changed_persons_sql && written > 0)
        rc = feed_store_changed_persons(L->db, L->f->changed_persons_sql,
                                        L->f->changed_persons_by_person_sql, L->batch_id, written);
    /* J-01: the sealing of the persons whose birth date or judgments this batch wrote */
    if (rc == 0 && written > 0)
        rc = store_sealing_refresh_batch(L->db, L->f->name, L->batch_id);
    if (rc)
        say(L, "database error: %s", sqlite3_errmsg(L->db));
    return rc;
}

/* ---------- bulk mode ---------- */

/* A file much larger than the feed's table loads faster without the secondary indexes:
 * drop them (inside the file's transaction) and build them again at the end, sorted. */
static int bulk_begin(struct loader *L, const char *path)
{
    struct stat stt;
    if (stat(path, &stt) != 0 || stt.st_size < (8 << 20))
        return 0;
    /* the table's rows, counted up to the file's */
    long long rows = feed_store_rows_upto(L->db, L->f->name, (long long)(stt.st_size / 64 + 1));
    if (rows < 0)
        return ZJ_EDB;
    if (stt.st_size / 64 <= rows)
        return 0;
    int rc = feed_store_indexes_drop(L->db, L->f->name, L->index_sql, 8, &L->nindex);
    if (rc && L->nindex)
        say(L, "database error: %s", sqlite3_errmsg(L->db));
    return rc;
}

/* Build the indexes bulk_begin dropped. */
static int bulk_end(struct loader *L)
{
    int rc = 0;
    for (int i = 0; i < L->nindex; i++) {
        if (rc == 0 && feed_store_index_build(L->db, L->index_sql[i]) != 0) {
            say(L, "database error: %s", sqlite3_errmsg(L->db));
            rc = ZJ_EDB;
        }
        free(L->index_sql[i]);
    }
    L->nindex = 0;
    return rc;
}

/* ---------- one file ---------- */

/* Whether the file at path is exactly a UTF-8 byte order mark. */
static bool bom_only(const char *path)
{
    struct stat st;
    char b[3];
    FILE *f = stat(path, &st) == 0 && st.st_size == 3 ? fopen(path, "rb") : NULL;
    bool yes = f && fread(b, 1, 3, f) == 3 && !memcmp(b, "\xEF\xBB\xBF", 3);
    if (f)
        fclose(f);
    return yes;
}

/* Whether the file at path is UTF-16 text: it begins with a UTF-16 byte order mark, or its
 * first 8 characters are ASCII with a NUL beside each (a header row without the mark). */
static bool utf16_text(const char *path)
{
    unsigned char b[16];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(b, 1, sizeof b, f) : 0;
    if (f)
        fclose(f);
    if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        return true;
    size_t le = 0, be = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        le += b[i] != 0 && b[i] < 0x80 && b[i + 1] == 0;
        be += b[i] == 0 && b[i + 1] != 0 && b[i + 1] < 0x80;
    }
    return n == sizeof b && (le == sizeof b / 2 || be == sizeof b / 2);
}

static const char utf16_msg[] =
    "file is UTF-16 text, not UTF-8 or GB18030: save it as CSV (UTF-8, comma-separated) "
    "and import again";

/* The file could not be read as its encoding: set L->msg. Returns 1 when it is to be
 * read again as GB18030, 2 when it is to be read again as UTF-8 rejecting the rows that
 * are not (L->utf8_rows), 0 when it is refused, -1 on an I/O error.
 *
 * The file is read as GB18030 only when the evidence is unambiguous: it converts cleanly
 * and at most 1 in 100 of its non-ASCII lines is valid UTF-8 (a short GB18030 line can be
 * valid UTF-8 by chance; a line of UTF-8 Chinese text is practically never valid
 * GB18030-and-not-UTF-8 by chance). Otherwise it stays UTF-8 and each undecodable row is
 * rejected with its line, so no good row is stored as mojibake. */
static int encoding_fallback(struct loader *L, const char *path, long bad_line)
{
    long bad_off = 0, utf8_lines = 0, bad_lines = 0, first_bad = 0;
    if (utf16_text(path)) {
        snprintf(L->msg, sizeof L->msg, "%s", utf16_msg);
        return 0;
    }
    if (L->o->encoding != INGEST_ENC_GB18030 &&
        ingest_file_utf8_lines(path, &utf8_lines, &bad_lines, &first_bad) != 0) {
        say(L, "cannot read '%s': %s", path, strerror(errno));
        return -1;
    }
    int g = ingest_file_is_gb18030(path, &bad_off);
    if (g < 0) {
        say(L, "cannot read '%s': %s", path, strerror(errno));
        return -1;
    }
    if (L->o->encoding == INGEST_ENC_GB18030) {
        if (g == 0)
            snprintf(L->msg, sizeof L->msg, "file is not valid GB18030 (bad bytes at offset %ld)",
                     bad_off);
        return g;
    }
    if (utf8_lines == 0 && g == 1 && L->o->encoding == INGEST_ENC_UTF8) {
        snprintf(L->msg, sizeof L->msg,
                 "file is not valid UTF-8 (first bad byte on line %ld); if it is GB18030, "
                 "import with --encoding gb18030",
                 bad_line);
        return 0;
    }
    if (g == 1 && L->o->encoding == INGEST_ENC_AUTO && utf8_lines * 100 <= utf8_lines + bad_lines) {
        say(L, "'%s' is not valid UTF-8: read as GB18030", path);
        return 1;
    }
    say(L,
        "'%s': %ld line%s not valid UTF-8 (the first on line %ld) rejected; the file's "
        "other non-ASCII lines are UTF-8",
        path, bad_lines, bad_lines == 1 ? "" : "s", first_bad);
    return 2;
}

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

static void file_read_close(struct file_read *F)
{
    if (F->rd_init)
        csv_reader_release(&F->rd);
    F->rd_init = 0;
    ingest_source_close(&F->src);
}

/* A fixed file re-imported replaces its earlier rejects; the keys met unchanged start
 * empty. */
static int forget_earlier_reading(struct loader *L, const char *path)
{
    int rc = feed_store_rejects_forget(L->db, L->f->name, path, false, NULL);
    if (rc == 0)
        feed_store_seen_clear(L->db);
    if (rc)
        say(L, "database error: %s", sqlite3_errmsg(L->db));
    return rc;
}

/* Open the file and read its header row. Sets F->refused (with L->msg) for a file without
 * a usable header. Returns 0, NOT_UTF8 or ZJ_EIO. */
static int open_and_read_header(struct loader *L, struct file_read *F)
{
    if (ingest_source_open(&F->src, F->path, F->gb) != 0) {
        say(L, "cannot open '%s': %s", F->path, strerror(errno));
        return ZJ_EIO;
    }
    csv_reader_init(&F->rd, ingest_source_read, &F->src);
    F->rd_init = 1;
    int r = csv_next(&F->rd);
    if (r < 0) {
        say(L, "cannot read '%s': %s", F->path, strerror(errno));
        return ZJ_EIO;
    }
    if (!F->gb && !L->utf8_rows && F->src.u.bad)
        return NOT_UTF8;
    L->reject_col = -1;
    if (r == 0) {
        snprintf(L->msg, sizeof L->msg, "%s",
                 bom_only(F->path) ? "file holds only a byte order mark (no header row)"
                                   : "file is empty (no header row)");
        F->refused = 1;
    } else if (!utf8_valid(F->rd.raw, F->rd.raw_len)) {
        snprintf(L->msg, sizeof L->msg, "%s",
                 utf16_text(F->path) ? utf16_msg : "the header row is not valid UTF-8 text");
        F->refused = 1;
    } else if (loader_header(L, &F->rd) != 0) {
        F->refused = 1;
    }
    return 0;
}

/* Record the refused file: its batch (with the file's SHA-256) and one reject saying why
 * (L->msg). Returns ZJ_EINVAL, or ZJ_EIO / ZJ_EDB. */
static int refuse_file(struct loader *L, struct file_read *F)
{
    char sha[65] = "";
    int utf8_ok, rc;
    long bad_line;
    const char *raw = F->rd_init ? F->rd.raw : "";
    size_t raw_len = F->rd_init ? F->rd.raw_len : 0;
    if (ingest_file_scan(F->path, sha, &utf8_ok, &bad_line) != 0) {
        say(L, "cannot read '%s': %s", F->path, strerror(errno));
        return ZJ_EIO;
    }
    if ((rc = batch_begin(L, F->dir, sha, F->gb ? "gb18030" : "utf-8", NULL, 0)) != 0)
        return rc;
    L->pending = 0;
    long line = F->rd_init && F->rd.rec_line > 0 ? F->rd.rec_line : 1;
    strbuf esc = STRBUF_INIT;
    if (raw && !utf8_valid(raw, raw_len)) {
        text_escape_n(&esc, raw, raw_len);
        raw = esc.buf ? esc.buf : "";
        raw_len = esc.len;
    }
    rc = store_reject(L, line, raw, raw_len, NULL, 0);
    strbuf_release(&esc);
    if (rc != 0)
        return rc;
    if (!L->o->strict)
        say(L, "%s: %s", F->path, L->msg);
    F->c.files_rejected = 1;
    if ((rc = batch_end(L, &F->c)) != 0)
        return rc;
    return ZJ_EINVAL;
}

/* Validate and write the rows after the header, counting them in F->c. Returns 0,
 * NOT_UTF8, ZJ_EIO or ZJ_EDB. */
static int load_rows(struct loader *L, struct file_read *F)
{
    const struct ingest_options *o = L->o;
    struct stat st;
    int many = pending_begin(L, stat(F->path, &st) == 0 ? (long long)st.st_size : 0);
    for (;;) {
        int r = csv_next(&F->rd);
        if (r < 0) {
            if (F->src.bad)
                say(L, "%s: invalid GB18030 bytes near offset %ld", F->path, F->src.offset);
            else
                say(L, "cannot read '%s': %s", F->path, strerror(errno));
            return ZJ_EIO;
        }
        if (!F->gb && !L->utf8_rows && F->src.u.bad)
            return NOT_UTF8;
        if (r == 0)
            return many ? pending_write(L, &F->c) : 0;
        if (F->rd.nfields == 1 && F->rd.raw_len == 0 && !F->rd.error)
            continue; /* blank line */
        F->c.read++;
        if (!many) {
            int out = process_row(L, &F->rd);
            if (out < 0)
                return out;
            count(&F->c, out);
        } else {
            /* a valid row waits; a rejected one is stored after the rows before it */
            struct ingest_row row;
            if (validate_row(L, &F->rd, &row) == 0) {
                pending_add(L, &F->rd, &row);
                if (L->npend == PEND_ROWS && pending_write(L, &F->c) != 0)
                    return ZJ_EDB;
            } else {
                char msg[MSG_SZ];
                int col = L->reject_col, pending = L->pending;
                memcpy(msg, L->msg, sizeof msg);
                if (pending_write(L, &F->c) != 0)
                    return ZJ_EDB;
                memcpy(L->msg, msg, sizeof msg);
                L->reject_col = col;
                L->pending = pending;
                size_t kn;
                const char *k =
                    utf8_valid(F->rd.raw, F->rd.raw_len) ? record_key(L, &F->rd, &kn) : NULL;
                if (reject_row(L, F->rd.rec_line, F->rd.raw, F->rd.raw_len, k, k ? kn : 0))
                    return ZJ_EDB;
                count(&F->c, OUT_REJECTED);
            }
        }
        if (o->progress && (F->c.read & 0xFFFF) == 0) {
            /* the rows to come, estimated from the bytes read so far */
            struct stat fs;
            long total = 0;
            if (F->src.offset > 0 && stat(F->path, &fs) == 0)
                total = (long)((double)F->c.read * (double)fs.st_size / (double)F->src.offset);
            o->progress(L->f->name, F->c.read, total > F->c.read ? total : F->c.read);
        }
    }
}

static void warn_extra_columns(struct loader *L, const char *path)
{
    strbuf names = STRBUF_INIT;
    strbuf_init(&names, 64);
    for (size_t h = 0; h < L->nheader; h++)
        if (L->hcol[h] < 0)
            strbuf_addf(&names, "%s'%s'", names.len ? ", " : "", L->hname[h]);
    say(L, "warning: %s: unknown column%s %s kept in 'extra'", path, L->nextra > 1 ? "s" : "",
        names.buf);
    strbuf_release(&names);
}

/* One reading of the file inside the file's savepoint: its batch, its rows, its counts.
 * Returns 0, ZJ_EINVAL (refused), NOT_UTF8 (nothing to keep: roll back and read again),
 * ZJ_EIO or ZJ_EDB. */
static int read_file(struct loader *L, struct file_read *F)
{
    int rc;
    memset(&F->c, 0, sizeof F->c);
    if ((rc = forget_earlier_reading(L, F->path)) != 0)
        return rc;
    if (!F->refused && (rc = open_and_read_header(L, F)) != 0)
        return rc;
    if (F->refused)
        return refuse_file(L, F);
    if ((rc = batch_begin(L, F->dir, NULL, F->gb ? "gb18030" : "utf-8", F->rd.raw,
                          F->rd.raw_len)) != 0 ||
        (rc = bulk_begin(L, F->path)) != 0 || (rc = load_rows(L, F)) != 0)
        return rc;
    int utf8_ok;
    char sha[65];
    ingest_source_finish(&F->src, sha, &utf8_ok);
    if (!utf8_ok && !L->utf8_rows) /* a sequence cut short at the very end */
        return NOT_UTF8;
    if (L->nextra)
        warn_extra_columns(L, F->path);
    if ((rc = bulk_end(L)) != 0)
        return rc;
    snprintf(L->sha, sizeof L->sha, "%s", sha);
    rc = batch_end(L, &F->c);
    L->sha[0] = '\0';
    return rc;
}

/* After a reading that met bytes that are not UTF-8: undo it and decide how to read the
 * file again (as GB18030, as UTF-8 rejecting the bad rows, or refused). */
static int prepare_rereading(struct loader *L, struct file_read *F)
{
    long bad_line = F->src.u.bad_line ? F->src.u.bad_line : F->src.u.line;
    file_read_close(F);
    for (int i = 0; i < L->nindex; i++)
        free(L->index_sql[i]);
    L->nindex = 0;
    if (feed_store_file_undo(L->db) != 0) {
        say(L, "database error: %s", sqlite3_errmsg(L->db));
        return ZJ_EDB;
    }
    int g = encoding_fallback(L, F->path, bad_line);
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
static int load_file(struct loader *L, const char *dir, const char *path)
{
    const struct ingest_options *o = L->o;
    struct file_read F = {.dir = dir, .path = path, .src = {.fd = -1, .cd = (iconv_t)-1}};
    int rc = 0, in_tx = 0, in_sp = 0;

    L->file = path;
    L->warned = 0;
    ingest_warn_memo_free(L->warn_memo);
    L->warn_memo = NULL;
    L->utf8_rows = 0;
    F.gb = o->encoding == INGEST_ENC_GB18030;
    if (F.gb) {
        int g = encoding_fallback(L, path, 0);
        if (g < 0)
            return ZJ_EIO;
        F.refused = g == 0;
    }
    if (!o->strict) {
        if (store_begin(L->db) != 0) {
            say(L, "cannot start a transaction: %s", sqlite3_errmsg(L->db));
            return ZJ_EDB;
        }
        in_tx = 1;
    }
    if (feed_store_file_begin(L->db) != 0) {
        say(L, "cannot start a transaction: %s", sqlite3_errmsg(L->db));
        rc = ZJ_EDB;
    } else {
        in_sp = 1;
        rc = loader_prepare(L);
    }
    while (rc == 0 && (rc = read_file(L, &F)) == NOT_UTF8)
        rc = prepare_rereading(L, &F);

    for (int i = 0; i < L->nindex; i++) /* error before bulk_end: the rollback restores them */
        free(L->index_sql[i]);
    L->nindex = 0;
    file_read_close(&F);
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
            say(L, "cannot commit '%s': %s", path, sqlite3_errmsg(L->db));
            store_rollback(L->db);
            return ZJ_EDB;
        }
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

static int retry_feed(struct loader *L)
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
    if ((rc = batch_begin(L, NULL, NULL, NULL, NULL, 0)) != 0)
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
            int out = process_row(L, &rr);
            L->retry_reject_id = 0;
            if (out < 0) {
                csv_reader_release(&rr);
                rc = out;
                goto cleanup;
            }
            if (out != OUT_REJECTED) {
                c.retry_loaded++;
                count(&c, out);
                if (feed_store_reject_delete(db, ids[k]) != 0) {
                    rc = db_error(L);
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
        rc = batch_end(L, &bc);
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

/* ---------- directory ---------- */

static void loader_init(struct loader *L, sqlite3 *db, const struct ingest_options *o)
{
    memset(L, 0, sizeof *L);
    L->db = db;
    L->o = o;
    L->log = o->log ? o->log : stderr;
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
    memset(s, 0, sizeof *s);
    loader_init(&L, db, o);
    if (dir) {
        struct stat stt;
        absdir = realpath(dir, NULL);
        if (!absdir || stat(absdir, &stt) != 0 || !S_ISDIR(stt.st_mode)) {
            say(&L, "'%s' is not a directory", dir);
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
        say(&L, "database error: %s", sqlite3_errmsg(db));
        rc = ZJ_EDB;
        goto cleanup;
    }
    if (o->strict && store_begin(db) != 0) {
        say(&L, "cannot start a transaction: %s", sqlite3_errmsg(db));
        rc = ZJ_EDB;
        goto cleanup;
    }
    L.memo = xcalloc(MEMO_REFS, sizeof *L.memo);
    for (size_t i = 0; dir && i < ingest_feed_count; i++) {
        char *path = xasprintf("%s/%s.csv", absdir, ingest_feeds[i].name);
        if (access(path, F_OK) != 0) {
            free(path);
            continue;
        }
        L.f = &ingest_feeds[i];
        L.c = &s->feed[i];
        int r = load_file(&L, absdir, path);
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
    memo_free(&L); /* the retry looks every reference up */
    if (o->retry_rejects) {
        for (size_t i = 0; i < ingest_feed_count; i++) {
            L.f = &ingest_feeds[i];
            L.c = &s->feed[i];
            if ((rc = retry_feed(&L)) != 0)
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
    feed_store_session_end(db);
    memo_free(&L);
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
        rc = batch_begin(L, NULL, NULL, "xlsx", h.buf, h.len);
        strbuf_release(&h);
    }
    if (rc == 0)
        rc = feed_store_batch_source(db, L->batch_id, src->profile, src->sheet);
    if (rc) {
        say(L, "database error: %s", sqlite3_errmsg(db));
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
        out = store_reject(L, r->line, rd->raw, rd->raw_len, kn ? rd->out : NULL, kn)
                  ? ZJ_EDB
                  : OUT_REJECTED;
        S->sx.err_zh = NULL;
    } else {
        S->sx.converted_ok = 1;
        out = process_row(L, rd);
    }
    L->nheader = 0;
    if (out < 0)
        return out;
    count(&S->c, out);
    return 0;
}

int ingest_stream_end(struct ingest_stream *S, struct ingest_counts *add)
{
    int rc = batch_end(&S->L, &S->c);
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
    char mark[4096];
    snprintf(mark, sizeof mark, "%s.held", path);
    FILE *f = fopen(mark, "w");
    if (f)
        fclose(f);
    for (int i = 0; i < 2400 && access(path, F_OK) != 0; i++)
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
}
