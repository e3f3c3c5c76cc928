/*
 * import.c — a real source through a profile into the feeds (see import.h).
 *
 * The file is read once per feed of the profile (persons before judgments), each pass
 * streaming: rows before the header row are titles; the header row is the first of the
 * first HEADER_SCAN rows in which at least two cells are headers of the profile. A row
 * gives a row of a later feed only when it has that feed's key (a roster row of a person
 * without a judgment gives a persons row only).
 */
#include "sources/import.h"
#include "sources/convert.h"
#include "sources/facility.h"
#include "ingest/reason_zh.h"
#include "sources/workbook.h"
#include "store/store.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_SCAN 30
#define MAX_SRC_COLS 256
#define VAL_SZ 4096

struct sheet_map {
    int found; /* header row seen */
    int refused;
    int absent; /* the sheet has no column for a required column of this feed */
    long header_row;
    int pcol[MAX_SRC_COLS]; /* source column -> profile column, -1 none */
    size_t ncols;
    const char *letters[32], *headers[32]; /* per feed column, for the stream */
    char letter_store[32][8];
    char *header_store[32];
};

struct run {
    sqlite3 *db;
    const struct profile *p;
    const struct ingest_options *o;
    const char *path, *name;
    FILE *log, *check;
    int check_rows, shown;
    int feed; /* the feed of this pass */
    struct sheet_map map;
    int cur_sheet;
    char *sheet_name;
    struct ingest_stream *stream;
    struct ingest_counts *counts;
    long rows;
    int refused, failed;
    int any_header; /* some sheet of the file had the profile's header row */
    char vals[32][VAL_SZ];
    struct {
        char name[128], id[64];
    } fac[8]; /* facilities found by name, the last few (a roster names a few) */
    int nfac;
    strbuf raw;
    int rc;
};

static void say(struct run *R, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct run *R, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    FILE *f = R->check ? R->check : R->log;
    if (!R->check)
        fprintf(f, "zhijian import: ");
    vfprintf(f, fmt, ap);
    fputc('\n', f);
    va_end(ap);
}

static void map_reset(struct sheet_map *m)
{
    for (int i = 0; i < 32; i++)
        free(m->header_store[i]);
    memset(m, 0, sizeof *m);
}

/* A later feed whose required column has no column in the sheet and no constant (a roster
 * without 所属监狱 gives persons, not admissions): the feed is not read from this sheet,
 * and that is said once. */
static void note_absent(struct run *R)
{
    const struct profile *p = R->p;
    const struct ingest_feed *f = p->feeds[R->feed].f;
    for (size_t fc = 0; fc < f->ncols && !R->map.absent; fc++) {
        if (!(f->cols[fc].flags & COL_REQUIRED) || R->map.letters[fc])
            continue;
        int filled = 0;
        for (int i = 0; i < p->nconsts; i++)
            if (p->consts[i].to.feed == R->feed && p->consts[i].to.col == (int)fc)
                filled = 1;
        if (filled)
            continue;
        const char *h = NULL;
        for (int k = 0; k < p->ncols && !h; k++)
            for (int t = 0; t < p->cols[k].nto; t++)
                if (p->cols[k].to[t].feed == R->feed && p->cols[k].to[t].col == (int)fc)
                    h = p->cols[k].headers[0];
        if (!h)
            continue;
        R->map.absent = 1;
        say(R, "%s [%s]: no column '%s' (%s.%s): no %s rows are read from this sheet", R->name,
            R->sheet_name, h, f->name, f->cols[fc].name, f->name);
    }
}

/* Is row r the header row? Fills m when it is. */
static int try_header(struct run *R, const struct wb_row *r)
{
    const struct profile *p = R->p;
    int hits = 0, detect = 0;
    for (size_t c = 0; c < r->ncells && c < MAX_SRC_COLS; c++) {
        const struct wb_cell *cell = &r->cells[c];
        if (cell->kind != CELL_TEXT)
            continue;
        int k = profile_column_for_header(p, cell->text, cell->len);
        if (k >= 0) {
            hits++;
            for (int d = 0; d < p->ndetect; d++)
                for (int h = 0; h < p->cols[k].nheaders; h++)
                    if (!strcmp(p->cols[k].headers[h], p->detect[d]))
                        detect++;
        }
    }
    if (hits < 2 || (p->ndetect && !detect))
        return 0;
    struct sheet_map *m = &R->map;
    m->found = 1;
    m->header_row = r->row;
    m->ncols = r->ncells < MAX_SRC_COLS ? r->ncells : MAX_SRC_COLS;
    strbuf unknown = STRBUF_INIT;
    strbuf_init(&unknown, 128);
    int seen[PROFILE_MAX_COLUMNS] = {0};
    for (size_t c = 0; c < m->ncols; c++) {
        const struct wb_cell *cell = &r->cells[c];
        m->pcol[c] = -1;
        if (cell->kind == CELL_EMPTY || !cell->len)
            continue;
        int k = profile_column_for_header(p, cell->text, cell->len);
        char L[8];
        wb_col_letter(c, L);
        if (k < 0) {
            strbuf_addf(&unknown, "%s'%s' (%s)", unknown.len ? ", " : "", cell->text, L);
            continue;
        }
        if (seen[k] && p->cols[k].conv != PC_IGNORE) {
            say(R, "%s [%s]: columns %s and %s are both '%s': the sheet is refused", R->name,
                R->sheet_name, wb_col_letter((size_t)seen[k] - 1, (char[8]){0}), L,
                p->cols[k].headers[0]);
            m->refused = 1;
            continue;
        }
        seen[k] = (int)c + 1;
        m->pcol[c] = k;
        if (p->cols[k].conv == PC_IGNORE)
            continue;
        for (int t = 0; t < p->cols[k].nto; t++) {
            if (p->cols[k].to[t].feed != R->feed)
                continue;
            int fc = p->cols[k].to[t].col;
            snprintf(m->letter_store[fc], sizeof m->letter_store[fc], "%s", L);
            m->letters[fc] = m->letter_store[fc];
            free(m->header_store[fc]);
            m->header_store[fc] = xstrdup(cell->text);
            m->headers[fc] = m->header_store[fc];
        }
    }
    if (unknown.len && (R->feed == 0 || R->check))
        say(R, "%s [%s] row %ld: unknown column%s not loaded: %s", R->name, R->sheet_name, r->row,
            strchr(unknown.buf, ',') ? "s" : "", unknown.buf);
    strbuf_release(&unknown);
    for (int k = 0; k < p->ncols; k++) {
        if (p->cols[k].required && !seen[k]) {
            say(R, "%s [%s]: missing required column '%s': the sheet is refused", R->name,
                R->sheet_name, p->cols[k].headers[0]);
            m->refused = 1;
        }
    }
    if (R->feed > 0 && !m->refused)
        note_absent(R);
    return 1;
}

/* The cell as text (numbers as written). */
static const char *cell_text(const struct wb_cell *c, size_t *n)
{
    *n = c->len;
    return c->text;
}

static void fmt_date(zj_date d, char *out)
{
    date_format(d, out);
}

/* Convert the cell of profile column k into R->vals for the targets in feed R->feed.
 * Returns 0, or -1 with e and *bad_col (a feed column). */
static int convert_cell(struct run *R, int k, const struct wb_cell *cell, struct cv_err *e,
                        int *bad_col)
{
    const struct profile_column *pc = &R->p->cols[k];
    int first = -1;
    for (int t = 0; t < pc->nto; t++)
        if (pc->to[t].feed == R->feed) {
            first = pc->to[t].col;
            break;
        }
    if (first < 0 || pc->conv == PC_IGNORE)
        return 0;
    *bad_col = first;
    size_t n;
    const char *s = cell_text(cell, &n);
    if (n >= VAL_SZ - 1) {
        snprintf(e->en, sizeof e->en, "cell longer than %d bytes", VAL_SZ - 2);
        snprintf(e->zh, sizeof e->zh, "单元格内容超过 %d 字节", VAL_SZ - 2);
        return -1;
    }
    char one[VAL_SZ] = "";
    /* composite results by target column name */
    const char *names[4] = {NULL, NULL, NULL, NULL};
    char cvals[4][64] = {"", "", "", ""};
    int composite = 0;
    switch (pc->conv) {
    case PC_TEXT: { /* as written: only blanks around it go */
        const char *a = s, *b = s + n;
        for (;;) {
            if (a < b && (*a == ' ' || *a == '\t' || *a == '\r' || *a == '\n'))
                a++;
            else if (b - a >= 3 && !memcmp(a, "\xe3\x80\x80", 3))
                a += 3;
            else
                break;
        }
        for (;;) {
            if (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r' || b[-1] == '\n'))
                b--;
            else if (b - a >= 3 && !memcmp(b - 3, "\xe3\x80\x80", 3))
                b -= 3;
            else
                break;
        }
        snprintf(one, sizeof one, "%.*s", (int)(b - a), a);
        break;
    }
    case PC_ENUM:
        cv_fold(s, n, one, sizeof one);
        break;
    case PC_DATE: {
        zj_date d;
        if (cell->kind == CELL_DATE || cell->kind == CELL_NUMBER) {
            if (cv_excel_serial(cell->num, &d, e))
                return -1;
        } else if (cv_date(s, n, &d, e)) {
            return -1;
        }
        fmt_date(d, one);
        break;
    }
    case PC_INT: {
        long long v;
        if (cell->kind == CELL_NUMBER && cell->num == (double)(long long)cell->num)
            v = (long long)cell->num;
        else if (cv_int(s, n, &v, e))
            return -1;
        snprintf(one, sizeof one, "%lld", v);
        break;
    }
    case PC_MONEY: {
        long long fen;
        if (cv_money(s, n, &fen, e))
            return -1;
        snprintf(one, sizeof one, "%lld.%02lld", fen / 100, fen % 100);
        break;
    }
    case PC_BOOL: {
        int b;
        if (cell->kind == CELL_BOOL)
            b = cell->num != 0;
        else if (cv_bool(s, n, &b, e))
            return -1;
        snprintf(one, sizeof one, "%d", b);
        break;
    }
    case PC_GENDER: {
        const char *g;
        if (cv_gender(s, n, &g, e))
            return -1;
        snprintf(one, sizeof one, "%s", g);
        break;
    }
    case PC_ID_NUMBER: {
        char id[19];
        if (cv_id_number(s, n, id, e))
            return -1;
        snprintf(one, sizeof one, "%s", id);
        break;
    }
    case PC_CHARGES:
        if (cv_charges_as_written(s, n, one, sizeof one, e) || cv_charges_known(one, e))
            return -1;
        break;
    case PC_PENALTY: {
        const char *pen;
        if (cv_penalty(s, n, &pen, e))
            return -1;
        snprintf(one, sizeof one, "%s", pen);
        break;
    }
    case PC_SENTENCE:
    case PC_NEW_TERM: {
        struct cv_sentence st;
        if (cv_sentence(s, n, &st, e))
            return -1;
        composite = 1;
        int nt = pc->conv == PC_NEW_TERM;
        names[0] = nt ? "new_penalty" : "penalty";
        names[1] = nt ? "new_term_months" : "term_months";
        names[2] = "term_days";
        names[3] = "probation_months";
        snprintf(cvals[0], sizeof cvals[0], "%s", st.penalty ? st.penalty : "");
        if (st.months >= 0)
            snprintf(cvals[1], sizeof cvals[1], "%d", st.months);
        if (st.days > 0)
            snprintf(cvals[2], sizeof cvals[2], "%d", st.days);
        if (st.probation_months >= 0)
            snprintf(cvals[3], sizeof cvals[3], "%d", st.probation_months);
        break;
    }
    case PC_TERM: {
        int m, d;
        if (cv_months(s, n, &m, &d, e))
            return -1;
        composite = 1;
        names[0] = "term_months";
        names[1] = "term_days";
        names[2] = "reduction_months";
        names[3] = "reduction_days";
        snprintf(cvals[0], sizeof cvals[0], "%d", m);
        snprintf(cvals[2], sizeof cvals[2], "%d", m);
        snprintf(cvals[3], sizeof cvals[3], "%d", d); /* a reduction has its days, 0 or more */
        if (d > 0)
            snprintf(cvals[1], sizeof cvals[1], "%d", d);
        break;
    }
    case PC_DPR: {
        char b[64];
        size_t k2 = cv_fold(s, n, b, sizeof b);
        composite = 1;
        names[0] = "dpr_months";
        names[1] = "dpr_life";
        if (!strcmp(b, "终身") || !strcmp(b, "剥夺政治权利终身")) {
            snprintf(cvals[1], sizeof cvals[1], "1");
        } else if (!strcmp(b, "无") || !strcmp(b, "否") || !strcmp(b, "不剥夺")) {
            snprintf(cvals[1], sizeof cvals[1], "0");
        } else {
            int m, d;
            const char *q = b;
            if (!strncmp(q, "剥夺政治权利", strlen("剥夺政治权利")))
                q += strlen("剥夺政治权利");
            if (cv_months(q, strlen(q), &m, &d, e) || d) {
                if (e) {
                    snprintf(e->en, sizeof e->en,
                             "cannot read the deprivation of political rights '%.*s'", (int)k2, b);
                    snprintf(e->zh, sizeof e->zh, "无法识别的剥夺政治权利期限“%.*s”", (int)k2, b);
                }
                return -1;
            }
            snprintf(cvals[0], sizeof cvals[0], "%d", m);
            snprintf(cvals[1], sizeof cvals[1], "0");
        }
        break;
    }
    case PC_FLAGS: {
        char b[VAL_SZ];
        size_t k2 = cv_fold(s, n, b, sizeof b), o = 0;
        for (size_t i = 0; i < k2 && o + 2 < sizeof one;) {
            if (!strncmp(b + i, "、", 3)) {
                one[o++] = ';';
                i += 3;
            } else if (b[i] == ',' || b[i] == ' ') {
                one[o++] = ';';
                i++;
            } else {
                one[o++] = b[i++];
            }
        }
        one[o] = '\0';
        break;
    }
    case PC_FACILITY: {
        char b[128];
        size_t k2 = cv_fold(s, n, b, sizeof b);
        if (!k2)
            return 0;
        if (!R->db) { /* profile check: read, not looked up */
            snprintf(one, sizeof one, "%s", b);
            break;
        }
        int hit = -1;
        for (int i = 0; i < R->nfac && hit < 0; i++)
            if (!strcmp(R->fac[i].name, b))
                hit = i;
        if (hit < 0) {
            char id[64];
            int rc = sources_facility_find(R->db, b, NULL, id, NULL);
            if (rc < 0) {
                snprintf(e->en, sizeof e->en, "database error looking up facility '%s'", b);
                snprintf(e->zh, sizeof e->zh, "查找场所“%s”时数据库出错", b);
                return -1;
            }
            if (rc > 0) {
                snprintf(
                    e->en, sizeof e->en,
                    rc == 1
                        ? "no facility is named '%s' (load the facilities first, or write its id)"
                        : "several facilities are named '%s': write its id",
                    b);
                snprintf(e->zh, sizeof e->zh,
                         rc == 1 ? "机构表中没有名为“%s”的场所（请先导入机构表，或填写场所编号）"
                                 : "有多个场所名为“%s”，请填写场所编号",
                         b);
                return -1;
            }
            hit = R->nfac < 8 ? R->nfac++ : 7;
            snprintf(R->fac[hit].name, sizeof R->fac[hit].name, "%s", b);
            snprintf(R->fac[hit].id, sizeof R->fac[hit].id, "%s", id);
        }
        snprintf(one, sizeof one, "%s", R->fac[hit].id);
        break;
    }
    case PC_IGNORE:
        break;
    }
    const struct ingest_feed *f = R->p->feeds[R->feed].f;
    for (int t = 0; t < pc->nto; t++) {
        if (pc->to[t].feed != R->feed)
            continue;
        int fc = pc->to[t].col;
        if (!composite) {
            snprintf(R->vals[fc], VAL_SZ, "%s", one);
            continue;
        }
        for (int q = 0; q < 4; q++)
            if (names[q] && !strcmp(names[q], f->cols[fc].name))
                snprintf(R->vals[fc], VAL_SZ, "%s", cvals[q]);
    }
    return 0;
}

static void check_row_print(struct run *R, const struct wb_row *r, const char *err_cell,
                            const struct cv_err *e)
{
    const struct ingest_feed *f = R->p->feeds[R->feed].f;
    fprintf(R->check, "  row %ld → %s:", r->row, f->name);
    if (e) {
        fprintf(R->check, " REJECTED at %s: %s (%s)\n", err_cell, e->zh, e->en);
        return;
    }
    for (size_t i = 0; i < f->ncols; i++)
        if (R->vals[i][0])
            fprintf(R->check, " %s=%s", f->cols[i].name, R->vals[i]);
    fputc('\n', R->check);
}

static int start_stream(struct run *R)
{
    if (R->check)
        return 0;
    struct ingest_stream_source src = {
        .file = R->name,
        .sheet = R->sheet_name,
        .profile = R->p->name,
        .letters = R->map.letters,
        .headers = R->map.headers,
        .repeats = R->p->feeds[R->feed].repeats,
    };
    int rc = ingest_stream_begin(R->db, R->p->feeds[R->feed].f->name, R->o, &src, &R->stream);
    return rc;
}

static int end_stream(struct run *R)
{
    int rc = 0;
    if (R->stream) {
        rc = ingest_stream_end(R->stream, R->counts);
        R->stream = NULL;
    }
    return rc;
}

/* A sheet refused as a whole: one reject naming it (stored with the first feed). */
static int refuse_sheet(struct run *R, const struct wb_row *r, const char *en, const char *zh)
{
    R->refused = 1;
    if (R->check || R->feed != 0)
        return 0;
    int rc = R->stream ? 0 : start_stream(R);
    if (rc)
        return rc;
    const char *vals[32] = {0};
    strbuf_reset(&R->raw);
    for (size_t c = 0; r && c < r->ncells; c++) {
        if (c)
            strbuf_addch(&R->raw, ',');
        strbuf_add_csv_field(&R->raw, r->cells[c].text);
    }
    struct ingest_stream_row row = {r ? r->row : 1, vals, R->raw.buf ? R->raw.buf : "", -1, en, zh};
    rc = ingest_stream_row(R->stream, &row);
    if (R->counts)
        R->counts->files_rejected++;
    return rc;
}

/* A sheet without the profile's header row (a notes sheet) is skipped, and said so once. */
static void note_headless(struct run *R)
{
    if (R->sheet_name && !R->map.found && R->feed == 0)
        say(R, "%s [%s]: no header row of profile '%s' in the first %d rows: sheet skipped",
            R->name, R->sheet_name, R->p->name, HEADER_SCAN);
}

/* The profile's constants of this pass's feed: values, then templates ({feed.column}
 * parts) where the row gave nothing and every part is there. Returns the feed column of
 * an empty part of a template that makes the feed's key, or -1. */
static int fill_constants(struct run *R)
{
    int missing = -1;
    const struct ingest_feed *f = R->p->feeds[R->feed].f;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < R->p->nconsts; i++) {
            const struct profile_constant *k = &R->p->consts[i];
            bool tmpl = strchr(k->value, '{') != NULL;
            if (k->to.feed != R->feed || tmpl != (pass == 1))
                continue;
            char *dst = R->vals[k->to.col];
            if (!tmpl) {
                snprintf(dst, VAL_SZ, "%s", k->value);
                continue;
            }
            if (dst[0])
                continue;
            char out[VAL_SZ];
            size_t o = 0;
            bool ok = true;
            for (const char *q = k->value; *q && ok;) {
                const char *b = *q == '{' ? strchr(q, '}') : NULL;
                if (!b) {
                    if (o + 1 < sizeof out)
                        out[o++] = *q;
                    q++;
                    continue;
                }
                const char *dot = memchr(q, '.', (size_t)(b - q));
                const char *v = NULL;
                size_t vc = 0;
                for (size_t c = 0; dot && c < f->ncols; c++)
                    if (strlen(f->cols[c].name) == (size_t)(b - dot - 1) &&
                        !strncmp(f->cols[c].name, dot + 1, (size_t)(b - dot - 1)))
                        v = R->vals[c], vc = c;
                if (!v || !v[0]) {
                    ok = false;
                    if (k->to.col == 0 && v)
                        missing = (int)vc;
                } else
                    o += (size_t)snprintf(out + o, o < sizeof out ? sizeof out - o : 0, "%s", v);
                q = b + 1;
            }
            if (ok && o < sizeof out) {
                out[o] = '\0';
                snprintf(dst, VAL_SZ, "%s", out);
            }
        }
    return missing;
}

/* The header of the profile column that fills feed column fc of this pass, and the letter
 * of its source column ("" when the sheet has none). */
static const char *part_header(struct run *R, int fc, char letter[8])
{
    letter[0] = '\0';
    for (int k = 0; k < R->p->ncols; k++)
        for (int t = 0; t < R->p->cols[k].nto; t++)
            if (R->p->cols[k].to[t].feed == R->feed && R->p->cols[k].to[t].col == fc) {
                for (size_t c = 0; c < R->map.ncols; c++)
                    if (R->map.pcol[c] == k)
                        wb_col_letter(c, letter);
                return R->p->cols[k].headers[0];
            }
    return R->p->feeds[R->feed].f->cols[fc].name;
}

/* "FILE → feed" for the progress of this pass. */
static const char *progress_what(struct run *R, const struct ingest_feed *f)
{
    static _Thread_local char what[300];
    const char *b = strrchr(R->name, '/');
    snprintf(what, sizeof what, "%s → %s", b ? b + 1 : R->name, f->name);
    return what;
}

static int on_row(void *ctx, const char *sheet, int idx, const struct wb_row *r)
{
    struct run *R = ctx;
    if (idx != R->cur_sheet || !R->sheet_name) {
        if ((R->rc = end_stream(R)) != 0)
            return -1;
        note_headless(R);
        free(R->sheet_name);
        R->sheet_name = xstrdup(sheet);
        R->cur_sheet = idx;
        map_reset(&R->map);
    }
    struct sheet_map *m = &R->map;
    if (!m->found) {
        if (r->row > HEADER_SCAN)
            return 1;
        if (try_header(R, r)) {
            R->any_header = 1;
            if (m->refused) {
                if ((R->rc =
                         refuse_sheet(R, r, "the sheet is refused: see the header row",
                                      "表头不符合要求（缺少必填列或列重复），整个工作表未导入")))
                    return -1;
                return 1;
            }
            if (R->check) {
                fprintf(R->check, "sheet '%s': header row %ld; %s:\n", sheet, r->row,
                        R->p->feeds[R->feed].f->name);
                for (size_t c = 0; c < m->ncols; c++) {
                    int k = m->pcol[c];
                    if (k < 0)
                        continue;
                    char L[8];
                    fprintf(R->check, "  %-3s %-14s %-9s →", wb_col_letter(c, L), r->cells[c].text,
                            profile_conv_name(R->p->cols[k].conv));
                    for (int t = 0; t < R->p->cols[k].nto; t++)
                        fprintf(R->check, " %s.%s", R->p->feeds[R->p->cols[k].to[t].feed].f->name,
                                R->p->feeds[R->p->cols[k].to[t].feed]
                                    .f->cols[R->p->cols[k].to[t].col]
                                    .name);
                    fputc('\n', R->check);
                }
                R->shown = 0;
            }
            if (m->absent)
                return 1;
            if ((R->rc = start_stream(R)) != 0)
                return -1;
        }
        return 0;
    }
    if (R->check && R->shown >= R->check_rows)
        return 1;
    const struct ingest_feed *f = R->p->feeds[R->feed].f;
    for (size_t i = 0; i < f->ncols; i++)
        R->vals[i][0] = '\0';
    struct cv_err e;
    int bad_col = -1, bad = 0;
    char bad_cell[16] = "";
    int any = 0, own = 0; /* own: a value for this feed alone */
    for (size_t c = 0; c < r->ncells && c < m->ncols; c++) {
        int k = m->pcol[c];
        if (k < 0 || r->cells[c].kind == CELL_EMPTY || !r->cells[c].len)
            continue;
        any = 1;
        if (R->p->cols[k].conv != PC_IGNORE) {
            int here = 0, elsewhere = 0;
            for (int t = 0; t < R->p->cols[k].nto; t++)
                R->p->cols[k].to[t].feed == R->feed ? here++ : elsewhere++;
            if (here && !elsewhere)
                own = 1;
        }
        if (bad)
            continue;
        if (convert_cell(R, k, &r->cells[c], &e, &bad_col) != 0) {
            bad = 1;
            char L[8];
            snprintf(bad_cell, sizeof bad_cell, "%s%ld", wb_col_letter(c, L), r->row);
        }
    }
    if (!any)
        return 0;
    int missing = fill_constants(R);
    if (R->feed > 0 && !R->vals[0][0] && !bad) {
        if (missing < 0 || !own)
            return 0; /* no key of this feed on the row */
        /* the row has this feed's facts but not a part of its key */
        char L[8];
        const char *h = part_header(R, missing, L);
        bad = 1;
        bad_col = missing;
        snprintf(bad_cell, sizeof bad_cell, "%s%ld", L, L[0] ? r->row : 0L);
        if (!L[0])
            bad_cell[0] = '\0';
        snprintf(e.en, sizeof e.en, "'%s' is empty: the row's %s cannot be made", h,
                 R->p->feeds[R->feed].f->cols[0].name);
        snprintf(e.zh, sizeof e.zh, "“%s”为空，无法生成%s", h,
                 column_label_zh(R->p->feeds[R->feed].f->cols[0].name));
    }
    R->rows++;
    if (R->check) {
        R->shown++;
        check_row_print(R, r, bad_cell, bad ? &e : NULL);
        return 0;
    }
    strbuf_reset(&R->raw);
    for (size_t c = 0; c < r->ncells; c++) {
        if (c)
            strbuf_addch(&R->raw, ',');
        strbuf_add_csv_field(&R->raw, r->cells[c].text);
    }
    const char *vals[32];
    for (size_t i = 0; i < f->ncols; i++)
        vals[i] = R->vals[i];
    struct ingest_stream_row row = {
        r->row, vals, R->raw.buf, bad ? bad_col : -1, bad ? e.en : NULL, bad ? e.zh : NULL};
    if ((R->rc = ingest_stream_row(R->stream, &row)) != 0)
        return -1;
    if (R->o->progress && (R->rows & 0xFFF) == 0)
        R->o->progress(progress_what(R, f), R->rows,
                       r->done > 0 ? (long)((double)R->rows / r->done) : 0);
    return 0;
}

/* One pass over the file for feed k. */
static int pass(struct run *R, int k, char *err, size_t errsz)
{
    R->feed = k;
    R->cur_sheet = -1;
    free(R->sheet_name);
    R->sheet_name = NULL;
    map_reset(&R->map);
    R->rows = 0;
    R->any_header = 0;
    int rc = workbook_read(R->path, -1, on_row, R, err, errsz);
    if (rc != 0) {
        if (R->stream) {
            ingest_stream_abort(R->stream);
            R->stream = NULL;
        }
        return R->rc ? R->rc : ZJ_EIO;
    }
    note_headless(R);
    if (!R->any_header && k == 0) {
        say(R, "%s: no sheet has a header row of profile '%s': the file is refused", R->name,
            R->p->name);
        if ((R->rc =
                 refuse_sheet(R, NULL, "no sheet has a header row of the profile in its first rows",
                              "没有哪个工作表的前30行中有该模板的表头行，整个文件未导入")))
            return R->rc;
    }
    return end_stream(R);
}

static int run_all(struct run *R, struct ingest_summary *s)
{
    char err[600];
    int rc = 0;
    strbuf_init(&R->raw, 1024);
    for (int k = 0; k < R->p->nfeeds && rc == 0; k++) {
        R->counts = s ? &s->feed[R->p->feeds[k].f - ingest_feeds] : NULL;
        rc = pass(R, k, err, sizeof err);
        if (rc && err[0])
            say(R, "%s", err);
        if (R->o && R->o->progress && !R->check) {
            if (rc == 0 && (k == 0 || R->rows)) /* the pass's last count */
                R->o->progress(progress_what(R, R->p->feeds[k].f), R->rows, R->rows);
            R->o->progress(NULL, 0, 0);
        }
    }
    free(R->sheet_name);
    R->sheet_name = NULL;
    map_reset(&R->map);
    strbuf_release(&R->raw);
    return rc;
}

int sources_import(sqlite3 *db, const char *path, const char *name, const struct profile *p,
                   const struct ingest_options *o, struct ingest_summary *s)
{
    struct run R;
    memset(&R, 0, sizeof R);
    R.db = db;
    R.p = p;
    R.o = o;
    R.path = path;
    R.name = name ? name : path;
    R.log = o->log ? o->log : stderr;
    if (ingest_session_begin(db) != 0 || store_begin(db) != 0) {
        ingest_session_end(db);
        fprintf(R.log, "zhijian import: cannot start a transaction: %s\n", sqlite3_errmsg(db));
        return ZJ_EDB;
    }
    struct ingest_summary mine;
    memset(&mine, 0, sizeof mine);
    int rc = run_all(&R, &mine);
    long rejected = 0;
    for (size_t i = 0; i < ingest_feed_count; i++)
        rejected += mine.feed[i].rejected;
    if (rc == 0 && o->strict && (rejected || R.refused)) {
        store_rollback(db);
        rc = ZJ_ESTRICT;
    } else if (rc == 0) {
        if (store_commit(db) != 0) {
            fprintf(R.log, "zhijian import: cannot commit '%s': %s\n", R.name, sqlite3_errmsg(db));
            store_rollback(db);
            rc = ZJ_EDB;
        }
    } else {
        store_rollback(db);
    }
    ingest_session_end(db);
    if (rc == 0 || rc == ZJ_ESTRICT) {
        for (size_t i = 0; i < ingest_feed_count; i++) {
            struct ingest_counts *a = &s->feed[i], *b = &mine.feed[i];
            a->read += b->read;
            a->loaded += b->loaded;
            a->replaced += b->replaced;
            a->unchanged += b->unchanged;
            a->rejected += b->rejected;
            a->files += b->files ? 1 : 0;
            a->files_rejected += b->files_rejected;
        }
        s->rejected += rejected;
        if (R.refused)
            s->files_rejected++;
    }
    if (rc == 0 && R.refused)
        rc = ZJ_EINVAL;
    return rc;
}

int sources_check(const char *path, const struct profile *p, int rows, FILE *out)
{
    struct run R;
    memset(&R, 0, sizeof R);
    R.p = p;
    R.path = path;
    R.name = path;
    R.check = out;
    R.check_rows = rows;
    struct ingest_options o = {0};
    R.o = &o;
    fprintf(out, "profile %s (%s) on %s\n", p->name, p->label, path);
    int rc = run_all(&R, NULL);
    if (rc == 0 && R.refused)
        rc = ZJ_EINVAL;
    return rc;
}

/* ---------- detection ---------- */

struct detect {
    const struct profile *p;
    int best;
};

static int detect_row(void *ctx, const char *sheet, int idx, const struct wb_row *r)
{
    struct detect *D = ctx;
    (void)sheet;
    (void)idx;
    if (r->row > HEADER_SCAN)
        return 1;
    int hits = 0, det = 0;
    for (size_t c = 0; c < r->ncells; c++) {
        if (r->cells[c].kind != CELL_TEXT)
            continue;
        int k = profile_column_for_header(D->p, r->cells[c].text, r->cells[c].len);
        if (k < 0)
            continue;
        hits++;
        for (int d = 0; d < D->p->ndetect; d++)
            for (int h = 0; h < D->p->cols[k].nheaders; h++)
                if (!strcmp(D->p->cols[k].headers[h], D->p->detect[d]))
                    det++;
    }
    if (det >= D->p->ndetect && hits > D->best)
        D->best = hits;
    return 0;
}

int sources_detect(const char *path, char *name, size_t cap, char *err, size_t errsz)
{
    const char *const *names = profile_builtin_names();
    int best = 0;
    name[0] = '\0';
    for (size_t i = 0; names[i]; i++) {
        struct profile *p;
        char e[300];
        if (profile_load(names[i], &p, e, sizeof e) != 0)
            continue;
        struct detect D = {p, 0};
        char e2[300];
        int rc = workbook_read(path, -1, detect_row, &D, e2, sizeof e2);
        profile_free(p);
        if (rc != 0) {
            snprintf(err, errsz, "%s", e2);
            return -1;
        }
        if (D.best > best) {
            best = D.best;
            snprintf(name, cap, "%s", names[i]);
        }
    }
    if (!best) {
        snprintf(err, errsz,
                 "no shipped profile matches the headers of '%s' (see 'zhijian "
                 "profile list'; give one with --profile)",
                 path);
        return -1;
    }
    return 0;
}
