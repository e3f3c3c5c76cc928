/*
 * export.c — a profile's feeds written as the source system's workbook (see export.h).
 */
#include "sources/export.h"
#include "ingest/csv.h"
#include "ingest/encoding.h"
#include "law/law.h"
#include "sources/xlsx_out.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---------- one feed's CSV in memory ---------- */

struct table {
    const struct ingest_feed *f;
    char ***rows; /* rows[i][c]: value of feed column c, NULL = empty */
    size_t n, alloc;
    /* key index (open addressing on the join column) */
    long *slot;
    size_t nslot;
    int keycol;
    unsigned char *used;
    int absent; /* no CSV of this feed in the directory */
};

static void table_free(struct table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        for (size_t c = 0; c < t->f->ncols; c++)
            free(t->rows[i][c]);
        free(t->rows[i]);
    }
    free(t->rows);
    free(t->slot);
    free(t->used);
}

static int table_load(struct table *t, const struct ingest_feed *f, const char *dir, char *err,
                      size_t errsz)
{
    memset(t, 0, sizeof *t);
    t->f = f;
    char *path = xasprintf("%s/%s.csv", dir, f->name);
    struct ingest_source src = {.fd = -1, .cd = (iconv_t)-1};
    if (ingest_source_open(&src, path, 0) != 0) {
        snprintf(err, errsz, "cannot open '%s': %s", path, ingest_strerror(errno));
        free(path);
        return -1;
    }
    free(path);
    csv_reader rd;
    csv_reader_init(&rd, ingest_source_read, &src);
    int pos[32];
    int rc = 0;
    if (csv_next(&rd) != 1) {
        snprintf(err, errsz, "%s.csv has no header", f->name);
        rc = -1;
    } else {
        for (size_t c = 0; c < f->ncols; c++) {
            pos[c] = -1;
            for (size_t h = 0; h < rd.nfields; h++)
                if (!strcmp(csv_field(&rd, h, NULL), f->cols[c].name))
                    pos[c] = (int)h;
        }
        while (csv_next(&rd) == 1) {
            if (rd.nfields == 1 && rd.raw_len == 0)
                continue;
            XGROW(t->rows, t->n + 1, t->alloc);
            char **r = xcalloc(f->ncols, sizeof *r);
            for (size_t c = 0; c < f->ncols; c++) {
                size_t n;
                if (pos[c] >= 0 && (size_t)pos[c] < rd.nfields) {
                    const char *s = csv_field(&rd, (size_t)pos[c], &n);
                    if (n)
                        r[c] = xstrndup(s, n);
                }
            }
            t->rows[t->n++] = r;
        }
    }
    csv_reader_release(&rd);
    ingest_source_close(&src);
    return rc;
}

static size_t hash(const char *s)
{
    size_t h = 5381;
    for (; *s; s++)
        h = h * 33 + (unsigned char)*s;
    return h;
}

static void table_index(struct table *t, int keycol)
{
    t->keycol = keycol;
    t->nslot = 16;
    while (t->nslot < t->n * 2)
        t->nslot *= 2;
    t->slot = xmalloc(t->nslot * sizeof *t->slot);
    for (size_t i = 0; i < t->nslot; i++)
        t->slot[i] = -1;
    t->used = xcalloc(t->n ? t->n : 1, 1);
    for (size_t i = 0; i < t->n; i++) {
        const char *k = t->rows[i][keycol];
        if (!k)
            continue;
        size_t h = hash(k) & (t->nslot - 1);
        while (t->slot[h] >= 0)
            h = (h + 1) & (t->nslot - 1);
        t->slot[h] = (long)i;
    }
}

static long table_find(const struct table *t, const char *k)
{
    if (!k)
        return -1;
    size_t h = hash(k) & (t->nslot - 1);
    while (t->slot[h] >= 0) {
        if (!strcmp(t->rows[t->slot[h]][t->keycol], k))
            return t->slot[h];
        h = (h + 1) & (t->nslot - 1);
    }
    return -1;
}

/* ---------- written forms ---------- */

static void cn_small(strbuf *b, int n) /* 0 … 99 */
{
    static const char *const d[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n >= 100 || n < 0) {
        strbuf_addf(b, "%d", n);
    } else if (n < 10) {
        strbuf_adds(b, d[n]);
    } else {
        if (n / 10 > 1)
            strbuf_adds(b, d[n / 10]);
        strbuf_adds(b, "十");
        if (n % 10)
            strbuf_adds(b, d[n % 10]);
    }
}

static void num(strbuf *b, int n, int cn)
{
    if (cn)
        cn_small(b, n);
    else
        strbuf_addf(b, "%d", n);
}

/* 三年六个月十五天 / 3年6个月 / 一年零三个月 */
static void term(strbuf *b, int months, int days, long i)
{
    int cn = i % 2 == 0, y = months / 12, m = months % 12;
    if (y)
        num(b, y, cn), strbuf_adds(b, "年");
    if (m) {
        if (y && cn && i % 4 == 2)
            strbuf_adds(b, "零");
        num(b, m, cn), strbuf_adds(b, "个月");
    }
    if (days > 0)
        num(b, days, cn), strbuf_adds(b, "天");
    if (!y && !m && days <= 0)
        strbuf_adds(b, "0个月");
}

static void date_form(strbuf *b, const char *ymd, long i)
{
    int y, m, d;
    if (sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) != 3) {
        strbuf_adds(b, ymd);
        return;
    }
    switch (i % 5) {
    case 1:
        strbuf_addf(b, "%d.%d.%d", y, m, d);
        break;
    case 2:
        strbuf_addf(b, "%d年%d月%d日", y, m, d);
        break;
    case 3:
        strbuf_addf(b, "%04d%02d%02d", y, m, d);
        break;
    default: { /* 二〇一五年三月二日, zero as 〇 or ○ */
        static const char *const dg[] = {"〇", "一", "二", "三", "四",
                                         "五", "六", "七", "八", "九"};
        char ys[8];
        snprintf(ys, sizeof ys, "%04d", y);
        for (int k = 0; k < 4; k++)
            strbuf_adds(b, ys[k] == '0' && (i / 5) % 2 ? "○" : dg[ys[k] - '0']);
        strbuf_adds(b, "年");
        cn_small(b, m);
        strbuf_adds(b, "月");
        cn_small(b, d);
        strbuf_adds(b, "日");
    }
    }
}

static const char *enum_label(const struct ingest_column *c, const char *id)
{
    for (const struct ingest_enum_value *v = c->values; v && v->id; v++)
        if (!strcmp(v->id, id))
            return v->label ? v->label : id;
    return id;
}

/* The Chinese words of a penalty id (law.h's label); an unknown id is kept as it is. */
static const char *penalty_words(const char *p)
{
    int v = law_penalty_from_str(p);
    return v > 0 && !strcmp(law_penalty_id((enum law_penalty)v), p)
               ? law_penalty_label((enum law_penalty)v)
               : p;
}

/* The value of feed column named `name` among the targets of pc in the joined record. */
static const char *slot_val(const struct profile *p, const struct profile_column *pc,
                            char **const *rec, const char *name)
{
    for (int t = 0; t < pc->nto; t++) {
        const struct ingest_feed *f = p->feeds[pc->to[t].feed].f;
        if (!strcmp(f->cols[pc->to[t].col].name, name) && rec[pc->to[t].feed])
            return rec[pc->to[t].feed][pc->to[t].col];
    }
    return NULL;
}

static int ival(const char *s)
{
    return s ? atoi(s) : -1;
}

/* Write profile column k of the joined record rec (per feed: its row or NULL). */
static void put_cell(struct xlsx_out *x, size_t col, const struct profile *p, int k,
                     char **const *rec, long i, strbuf *b, const struct table *fac)
{
    const struct profile_column *pc = &p->cols[k];
    const char *v = NULL;
    const struct ingest_column *ic = NULL;
    for (int t = 0; t < pc->nto && !v; t++) {
        if (rec[pc->to[t].feed]) {
            v = rec[pc->to[t].feed][pc->to[t].col];
            ic = &p->feeds[pc->to[t].feed].f->cols[pc->to[t].col];
        }
    }
    strbuf_reset(b);
    switch (pc->conv) {
    case PC_IGNORE:
        return;
    case PC_TEXT:
        xlsx_out_text(x, col, v);
        return;
    case PC_DATE:
        if (!v)
            return;
        if (i % 5 == 0) {
            xlsx_out_date(x, col, v);
            return;
        }
        date_form(b, v, i);
        break;
    case PC_INT:
        if (v)
            xlsx_out_number(x, col, atof(v));
        return;
    case PC_MONEY: {
        if (!v)
            return;
        long long yuan = atoll(v);
        const char *dot = strchr(v, '.');
        int cents = dot ? atoi(dot + 1) : 0;
        if (i % 3 == 0)
            strbuf_addf(b, "%s", v);
        else if (i % 3 == 2 && !cents && yuan % 1000 == 0 && yuan)
            strbuf_addf(b, yuan % 10000 ? "%lld.%lld万元" : "%lld万元", yuan / 10000,
                        (yuan % 10000) / 1000);
        else
            strbuf_addf(b, "%s元", v);
        break;
    }
    case PC_BOOL:
        if (v)
            strbuf_adds(b, strcmp(v, "0") ? "是" : "否");
        break;
    case PC_GENDER:
        if (v)
            strbuf_adds(b, !strcmp(v, "M") ? "男" : !strcmp(v, "F") ? "女" : v);
        break;
    case PC_ID_NUMBER:
        if (v && strlen(v) == 18 && v[6] == '1' && v[7] == '9' && i % 3 == 0)
            strbuf_addf(b, "%.6s%.9s", v, v + 8);
        else if (v)
            strbuf_adds(b, v);
        break;
    case PC_CHARGES:
        for (const char *s = v; s && *s; s++) {
            if (*s == ';')
                strbuf_adds(b, "；");
            else
                strbuf_addch(b, *s);
        }
        break;
    case PC_PENALTY:
        if (v)
            strbuf_adds(b, penalty_words(v));
        break;
    case PC_ENUM:
        if (v)
            strbuf_adds(b, i % 2 == 0 && ic ? enum_label(ic, v) : v);
        break;
    case PC_FACILITY: { /* its name where the name is its own, else its id */
        long r = fac && fac->rows ? table_find(fac, v) : -1;
        const char *name = r >= 0 ? fac->rows[r][1] : NULL;
        xlsx_out_text(x, col, name && fac->used[r] ? name : v);
        return;
    }
    case PC_FLAGS:
        for (const char *s = v; s && *s;) {
            const char *e = strchr(s, ';');
            size_t n = e ? (size_t)(e - s) : strlen(s);
            char one[64];
            snprintf(one, sizeof one, "%.*s", (int)n, s);
            if (b->len)
                strbuf_adds(b, "、");
            strbuf_adds(b, ic ? enum_label(ic, one) : one);
            s += n + (e ? 1 : 0);
        }
        break;
    case PC_SENTENCE: {
        const char *pen = slot_val(p, pc, rec, "penalty");
        int m = ival(slot_val(p, pc, rec, "term_months")),
            d = ival(slot_val(p, pc, rec, "term_days"));
        int pr = ival(slot_val(p, pc, rec, "probation_months"));
        if (pen)
            strbuf_adds(b, penalty_words(pen));
        if (m >= 0 || d > 0)
            term(b, m > 0 ? m : 0, d, i);
        if (pr >= 0) {
            strbuf_adds(b, i % 3 ? "，缓刑" : ",缓刑考验期");
            term(b, pr, 0, i);
        }
        break;
    }
    case PC_TERM: {
        const char *ms = slot_val(p, pc, rec, "reduction_months");
        const char *ds = slot_val(p, pc, rec, "reduction_days");
        if (!ms)
            ms = slot_val(p, pc, rec, "term_months"), ds = slot_val(p, pc, rec, "term_days");
        if (!ms)
            break;
        if (i % 2 == 0 && slot_val(p, pc, rec, "reduction_months"))
            strbuf_adds(b, "减刑");
        term(b, atoi(ms), ival(ds), i);
        break;
    }
    case PC_DPR: {
        const char *life = slot_val(p, pc, rec, "dpr_life");
        const char *ms = slot_val(p, pc, rec, "dpr_months");
        if (life && !strcmp(life, "1"))
            strbuf_adds(b, "终身");
        else if (ms)
            term(b, atoi(ms), 0, i);
        else if (life)
            strbuf_adds(b, "无");
        break;
    }
    case PC_NEW_TERM: {
        const char *pen = slot_val(p, pc, rec, "new_penalty");
        const char *ms = slot_val(p, pc, rec, "new_term_months");
        if (pen)
            strbuf_adds(b, penalty_words(pen));
        if (ms)
            term(b, atoi(ms), 0, i);
        break;
    }
    }
    if (b->len)
        xlsx_out_text(x, col, b->buf);
}

/* Whether row (of feed k) has the value of each plain constant of the profile on that
 * feed: a profile whose constant says event_type = detain writes only such events. */
static int constants_hold(const struct profile *p, int k, char **row)
{
    for (int i = 0; i < p->nconsts; i++) {
        const struct profile_constant *c = &p->consts[i];
        if (c->to.feed == k && !strchr(c->value, '{') &&
            (!row[c->to.col] || strcmp(row[c->to.col], c->value)))
            return 0;
    }
    return 1;
}

long sources_export(const struct profile *p, const char *dir, const char *out, char *err,
                    size_t errsz)
{
    if (p->nfeeds > 2) {
        snprintf(err, errsz, "export handles profiles of one or two feeds");
        return -1;
    }
    struct table t[2];
    memset(t, 0, sizeof t);
    for (int k = 0; k < p->nfeeds; k++) {
        char *csv = xasprintf("%s/%s.csv", dir, p->feeds[k].f->name);
        int absent = k > 0 && access(csv, F_OK) != 0; /* a roster of persons without events */
        free(csv);
        if (absent) {
            t[k].f = p->feeds[k].f;
            t[k].absent = 1;
            continue;
        }
        if (table_load(&t[k], p->feeds[k].f, dir, err, errsz) != 0) {
            for (int j = 0; j < k; j++)
                table_free(&t[j]);
            return -1;
        }
    }
    int ja = -1, jb = -1;
    if (p->nfeeds == 2) {
        for (int c = 0; c < p->ncols && ja < 0; c++) {
            const struct profile_column *pc = &p->cols[c];
            int a = -1, b = -1;
            for (int q = 0; q < pc->nto; q++) {
                if (pc->to[q].feed == 0)
                    a = pc->to[q].col;
                else
                    b = pc->to[q].col;
            }
            if (a >= 0 && b >= 0)
                ja = a, jb = b;
        }
        if (ja < 0) {
            snprintf(err, errsz, "profile %s: no column targets both feeds (the join)", p->name);
            table_free(&t[0]);
            table_free(&t[1]);
            return -1;
        }
        table_index(&t[0], ja);
    }
    /* facilities by id, for the columns that name them; used[r]: the name is its own */
    struct table fac;
    memset(&fac, 0, sizeof fac);
    for (int c = 0; c < p->ncols; c++) {
        char e2[300];
        if (p->cols[c].conv != PC_FACILITY || fac.f)
            continue;
        if (table_load(&fac, ingest_feed_find("facilities"), dir, e2, sizeof e2) != 0) {
            memset(&fac, 0, sizeof fac);
            break;
        }
        table_index(&fac, 0);
        for (size_t r = 0; r < fac.n; r++) {
            int twin = 0;
            for (size_t q = 0; q < fac.n && fac.rows[r][1]; q++)
                if (q != r && fac.rows[q][1] && !strcmp(fac.rows[q][1], fac.rows[r][1]))
                    twin = 1;
            fac.used[r] = fac.rows[r][1] && !twin;
        }
    }
    /* the columns written: not those that fill only feeds without a CSV */
    const char *headers[PROFILE_MAX_COLUMNS];
    int cols[PROFILE_MAX_COLUMNS], ncols = 0;
    for (int c = 0; c < p->ncols; c++) {
        int live = p->cols[c].nto == 0;
        for (int q = 0; q < p->cols[c].nto; q++)
            live |= !t[p->cols[c].to[q].feed].absent;
        if (!live)
            continue;
        cols[ncols] = c;
        headers[ncols++] = p->cols[c].headers[0];
    }
    char title[200];
    snprintf(title, sizeof title, "%s", p->label);
    struct xlsx_out *x = xlsx_out_open(out, p->label, title, headers, (size_t)ncols, err, errsz);
    long written = 0;
    if (x) {
        strbuf b = STRBUF_INIT;
        strbuf_init(&b, 256);
        char **rec[2];
        struct table *last = &t[p->nfeeds - 1];
        for (size_t r = 0; r < last->n; r++) {
            if (!constants_hold(p, p->nfeeds - 1, last->rows[r]))
                continue;
            rec[0] = rec[1] = NULL;
            if (p->nfeeds == 2) {
                rec[1] = last->rows[r];
                long a = table_find(&t[0], rec[1][jb]);
                if (a >= 0) {
                    rec[0] = t[0].rows[a];
                    t[0].used[a] = 1;
                }
            } else {
                rec[0] = last->rows[r];
            }
            for (int c = 0; c < ncols; c++)
                put_cell(x, (size_t)c, p, cols[c], rec, written, &b, &fac);
            xlsx_out_next_row(x);
            written++;
        }
        for (size_t r = 0; p->nfeeds == 2 && r < t[0].n; r++) {
            if (t[0].used[r])
                continue;
            rec[0] = t[0].rows[r];
            rec[1] = NULL;
            for (int c = 0; c < ncols; c++)
                put_cell(x, (size_t)c, p, cols[c], rec, written, &b, &fac);
            xlsx_out_next_row(x);
            written++;
        }
        strbuf_release(&b);
        if (xlsx_out_close(x, err, errsz) != 0)
            written = -1;
    } else {
        written = -1;
    }
    for (int k = 0; k < p->nfeeds; k++)
        table_free(&t[k]);
    if (fac.f)
        table_free(&fac);
    return written;
}
