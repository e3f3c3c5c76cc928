/*
 * rows.c — one row read (ingest_int.h): the header row mapped to the feed's columns, a row
 * validated against the feed's column table (feeds.h) — sizes, types, dates within their
 * range, enums and flags, the feed's rules and check hook — and its references looked up,
 * through a direct-mapped cache per column and the keys found earlier in the run.
 */
#include "ingest/ingest_int.h"
#include "ingest/reason_zh.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static int in_list(const char *const *list, const char *s)
{
    if (!s)
        return 0;
    for (; *list; list++)
        if (!strcmp(*list, s))
            return 1;
    return 0;
}

/* Set up the header mapping from the current record of rd. Returns 0, or -1 with L->msg
 * and L->reject_col set (the file is refused). */
int loader_header(struct loader *L, const csv_reader *rd)
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

/* The columns that the rules, the scheduled dates and the references of feed L->f name,
 * looked up by name once (loader_prepare) instead of for every row. */
void loader_resolve_columns(struct loader *L)
{
    const struct ingest_feed *f = L->f;
    for (size_t r = 0; r < f->nrules && r < MAX_RULES; r++) {
        const struct ingest_rule *u = &f->rules[r];
        L->rule_cols[r][0] = ingest_feed_column(f, u->col);
        L->rule_cols[r][1] = u->when_col ? ingest_feed_column(f, u->when_col) : -1;
        L->rule_cols[r][2] = u->other ? ingest_feed_column(f, u->other) : -1;
    }
    for (size_t i = 0; i < f->ncols && i < MAX_COLS; i++) {
        const struct ingest_column *c = &f->cols[i];
        L->sched_of[i] = c->sched_col ? ingest_feed_column(f, c->sched_col) : -1;
        L->match_of[i] = c->ref && c->ref->match ? ingest_feed_column(f, c->ref->match) : -1;
    }
}

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

int loader_reject(struct loader *L, int col, int pending, const char *fmt, ...)
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
                return loader_reject(L, (int)i, 0, "required field '%s' is empty", c->name);
            continue;
        }
        size_t max = (c->flags & COL_KEY) || c->ref ? INGEST_MAX_ID : INGEST_MAX_TEXT;
        if (n > max)
            return loader_reject(L, (int)i, 0, "field '%s' is %zu bytes long (at most %zu)",
                                 c->name, n, max);
        if (has_bom(s, n))
            return loader_reject(L, (int)i, 0,
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
                int k = L->sched_of[i];
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
                return loader_reject(L, (int)i, 0, "unknown %s '%.*s' (expected one of: %s)",
                                     c->name, ingest_clip(s, n, 80), s, list);
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
                        return loader_reject(L, (int)i, 0,
                                             "unknown %s item '%.*s' (expected items of: %s)",
                                             c->name, ingest_clip(a, (size_t)(b - a), 80), a, list);
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
            return loader_reject(L, (int)i, 0, "%s", m);
        if ((c->flags & COL_RANGE) && (x < c->min || x > c->max)) {
            if (c->type == IT_MONEY)
                return loader_reject(L, (int)i, 0, "%s '%.*s' must be more than 0", c->name,
                                     ingest_clip(s, n, 40), s);
            if (c->max == LLONG_MAX)
                return loader_reject(L, (int)i, 0, "%s '%lld' is out of range (at least %lld)",
                                     c->name, x, c->min);
            return loader_reject(L, (int)i, 0, "%s '%lld' is out of range %lld–%lld", c->name, x,
                                 c->min, c->max);
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
        const int *rc = L->rule_cols[r < MAX_RULES ? r : 0];
        int c = r < MAX_RULES ? rc[0] : ingest_feed_column(f, u->col);
        const struct feed_value *v = &row->v[c];
        if (u->when_col) {
            int w = r < MAX_RULES ? rc[1] : ingest_feed_column(f, u->when_col);
            if (!in_list(u->when_in, row->v[w].s))
                continue;
        }
        switch (u->kind) {
        case RULE_RANGE:
            if (v->s && (v->i < u->min || v->i > u->max))
                return loader_reject(L, c, 0, "%s '%lld' is out of range %lld–%lld %s", u->col,
                                     v->i, u->min, u->max, u->why);
            break;
        case RULE_REQUIRED:
            if (!v->s)
                return loader_reject(L, c, 0, "%s %s", u->col, u->why);
            break;
        case RULE_EMPTY:
            if (v->s)
                return loader_reject(L, c, 0, "%s '%.*s' %s", u->col, ingest_clip(v->s, v->n, 40),
                                     v->s, u->why);
            break;
        case RULE_IN:
            if (v->s && !in_list(u->in, v->s))
                return loader_reject(L, c, 0, "%s '%s' is not allowed %s", u->col, v->s, u->why);
            break;
        case RULE_DATE_ORDER: {
            int o = r < MAX_RULES ? rc[2] : ingest_feed_column(f, u->other);
            const struct feed_value *w = &row->v[o];
            if (v->s && w->s && v->i < w->i)
                return loader_reject(L, c, 0, "%s '%.*s' is before %s '%.*s'", u->col, (int)v->n,
                                     v->s, u->other, (int)w->n, w->s);
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

/* The memory of found keys of reference r (NULL: none is kept for it): the references
 * without a fetched column, and those whose fetched column a column of the row must match
 * (judgment_id, exam_id, change_id: their person_id, which an import does not change once
 * the feed is loaded, as it does not delete the row). */
static struct refmemo *memo_of(struct loader *L, const struct ingest_ref *r)
{
    if (!L->memo || (r->fetch && !r->match) || !strcmp(r->table, L->f->name))
        return NULL;
    for (size_t i = 0; i < MEMO_REFS; i++) {
        struct refmemo *m = &L->memo->ref[i];
        if (m->ref == r)
            return m;
        if (!m->ref) {
            m->ref = r;
            return m;
        }
    }
    return NULL;
}

/* The entry of key s (its fetched value follows the key), NULL when not kept. */
static const unsigned char *memo_find(const struct refmemo *m, const char *s, size_t n, size_t h)
{
    if (!m->cap)
        return NULL;
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->slot[i])
            return NULL;
        const unsigned char *k = (const unsigned char *)m->keys.buf + m->slot[i] - 1;
        if (k[0] == n && !memcmp(k + 1, s, n))
            return k + 1 + n;
    }
}

static size_t memo_hash(const char *s, size_t n)
{
    size_t h = 5381;
    for (size_t k = 0; k < n; k++)
        h = h * 33 + (unsigned char)s[k];
    return h ^ (h >> 17);
}

/* Keep key s (hash h) with its fetched value (NULL: none), within the references' budget.
 * Returns false when it does not fit. */
static bool memo_add(struct refmemos *ms, struct refmemo *m, const char *s, size_t n, size_t h,
                     const char *fetched, size_t fn)
{
    size_t entry = 2 + n + (fetched ? fn : 0);
    if (n > UCHAR_MAX || fn >= UCHAR_MAX || ms->bytes + entry > ms->max_bytes ||
        m->keys.len + entry >= UINT32_MAX)
        return false;
    if (2 * (m->n + 1) > m->cap) { /* grow: at most half full */
        size_t cap = m->cap ? 2 * m->cap : 1024, oldcap = m->cap;
        if (ms->bytes + entry + (cap - oldcap) * sizeof *m->slot > ms->max_bytes)
            return false;
        uint32_t *old = m->slot;
        m->slot = xcalloc(cap, sizeof *m->slot);
        m->cap = cap;
        ms->bytes += (cap - oldcap) * sizeof *m->slot;
        for (size_t i = 0; i < oldcap; i++) {
            if (!old[i])
                continue;
            const unsigned char *k = (const unsigned char *)m->keys.buf + old[i] - 1;
            size_t j;
            for (j = memo_hash((const char *)k + 1, k[0]) & (cap - 1); m->slot[j];
                 j = (j + 1) & (cap - 1))
                ;
            m->slot[j] = old[i];
        }
        free(old);
    }
    size_t i = h & (m->cap - 1);
    while (m->slot[i])
        i = (i + 1) & (m->cap - 1);
    m->slot[i] = (uint32_t)m->keys.len + 1;
    unsigned char len = (unsigned char)n;
    strbuf_add(&m->keys, &len, 1);
    strbuf_add(&m->keys, s, n);
    len = fetched ? (unsigned char)(fn + 1) : 0;
    strbuf_add(&m->keys, &len, 1);
    if (fetched)
        strbuf_add(&m->keys, fetched, fn);
    m->n++;
    ms->bytes += entry;
    return true;
}

struct memo_load {
    struct refmemos *ms;
    struct refmemo *m;
};

/* feed_store_ref_all's callback: a key of the table into the memory, unless kept; stops
 * the reading (1) when the memory is full. */
static int memo_load_one(void *arg, const char *key, size_t n, const char *fetched, size_t fn)
{
    struct memo_load *ml = arg;
    size_t h = memo_hash(key, n);
    if (memo_find(ml->m, key, n, h) || memo_add(ml->ms, ml->m, key, n, h, fetched, fn))
        return 0;
    return 1;
}

void loader_memo_new(struct loader *L, size_t max_bytes)
{
    L->memo = xcalloc(1, sizeof *L->memo);
    L->memo->max_bytes = max_bytes;
}

void loader_memo_free(struct loader *L)
{
    for (size_t i = 0; L->memo && i < MEMO_REFS; i++) {
        free(L->memo->ref[i].slot);
        strbuf_release(&L->memo->ref[i].keys);
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
            const unsigned char *e = m ? memo_find(m, v->s, v->n, mh) : NULL;
            if (!e && m && r->fetch && !m->loaded && ++m->misses > L->memo_load_after) {
                /* a reference met this often: its table read once into the memory, as much
                 * of it as fits */
                m->loaded = 1;
                struct memo_load ml = {L->memo, m};
                if (feed_store_ref_all(&L->fs, i, sizeof rc->fetched - 1, memo_load_one, &ml) < 0)
                    return loader_reject(L, (int)i, 0, "database error: %s", sqlite3_errmsg(L->db));
                e = memo_find(m, v->s, v->n, mh);
            }
            int found = e != NULL;
            if (e) {
                size_t vn = e[0];
                fetched_null = vn == 0;
                if (vn)
                    memcpy(rc->fetched, e + 1, vn - 1);
                rc->fetched[vn ? vn - 1 : 0] = '\0';
            } else {
                found = feed_store_ref(&L->fs, i, v->s, v->n, rc->fetched, sizeof rc->fetched,
                                       &fetched_null);
                if (found < 0)
                    return loader_reject(L, (int)i, 0, "database error: %s", sqlite3_errmsg(L->db));
                if (found && m)
                    memo_add(L->memo, m, v->s, v->n, mh, fetched_null ? NULL : rc->fetched,
                             fetched_null ? 0 : strlen(rc->fetched));
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
            return loader_reject(L, (int)i, 1, "unknown reference: %s '%.*s' is not in %s",
                                 f->cols[i].name, ingest_clip(v->s, v->n, 80), v->s, r->table);
        if (r->kinds && (rc->fetched_null || !in_list(r->kinds, rc->fetched))) {
            char allowed[120] = "";
            for (const char *const *k = r->kinds; *k; k++)
                snprintf(allowed + strlen(allowed), sizeof allowed - strlen(allowed), "%s%s",
                         k == r->kinds ? "" : " or ", *k);
            return loader_reject(L, (int)i, 0, "%s '%.*s' is a facility of kind '%s', expected %s",
                                 f->cols[i].name, ingest_clip(v->s, v->n, 80), v->s,
                                 rc->fetched_null ? "" : rc->fetched, allowed);
        }
        if (r->match) {
            int m = L->match_of[i];
            const struct feed_value *w = &row->v[m];
            if (w->s && !rc->fetched_null &&
                (strlen(rc->fetched) != w->n || memcmp(rc->fetched, w->s, w->n)))
                return loader_reject(L, (int)i, 0, "%s '%.*s' belongs to %s '%s', not to '%.*s'",
                                     f->cols[i].name, ingest_clip(v->s, v->n, 80), v->s, r->match,
                                     rc->fetched, ingest_clip(w->s, w->n, 80), w->s);
        }
    }
    return 0;
}

/* The key field of the current record of rd as read (NULL: none). */
const char *loader_record_key(const struct loader *L, const csv_reader *rd, size_t *kn)
{
    *kn = 0;
    if (L->colpos[0] >= 0 && (size_t)L->colpos[0] < rd->nfields && !rd->error)
        return csv_field(rd, (size_t)L->colpos[0], kn);
    return NULL;
}

/* Validate the current record of rd into row, with L->extra (its unknown columns) and the
 * feed's warning said. 0 when valid, -1 when rejected (L->msg, L->reject_col). */
int loader_validate_row(struct loader *L, const csv_reader *rd, struct ingest_row *row)
{
    const struct ingest_feed *f = L->f;
    L->reject_col = -1;
    L->pending = 0;
    if (rd->error == CSV_UNTERMINATED_QUOTE)
        return loader_reject(L, -1, 0,
                             "a quoted field opened on this line is never closed (missing '\"'); "
                             "the rest of the file was read as this one row");
    if (rd->error == CSV_TOO_LONG)
        return loader_reject(L, -1, 0, "row longer than %u bytes", CSV_MAX_RECORD);
    if (memchr(rd->raw, 0, rd->raw_len))
        return loader_reject(L, -1, 0, "row contains a NUL byte");
    if (L->utf8_rows && !utf8_valid(rd->raw, rd->raw_len)) {
        size_t ok = utf8_valid_prefix((const unsigned char *)rd->raw, rd->raw_len);
        return loader_reject(L, -1, 0,
                             "row is not valid UTF-8 (byte 0x%02X at byte %zu of the row); the "
                             "file's other rows are UTF-8, so it was not read as GB18030",
                             (unsigned char)rd->raw[ok], ok + 1);
    }
    if (rd->nfields != L->nheader)
        return loader_reject(L, -1, 0,
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
            loader_say(L, "warning: %s line %ld: %s", L->file, rd->rec_line, L->msg);
        else if (L->warned == WARN_SHOWN)
            loader_say(L, "warning: %s: further warnings of this file not shown", L->file);
        L->warned++;
        L->msg[0] = 0;
    }
    return 0;
}
