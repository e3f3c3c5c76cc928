/*
 * workbook.c — reading spreadsheets row by row (see workbook.h).
 *
 * xlsx: xl/workbook.xml and its relations give the sheets' names and parts; the shared
 * strings and the cell formats (which number formats are dates) are read first; then each
 * sheet's XML goes through expat in 64 KiB blocks straight from the zip stream. Element
 * names are compared without their namespace prefix.
 */
#include "sources/workbook.h"
#include "ingest/csv.h"
#include "ingest/encoding.h"
#include "util/lib_load.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <errno.h>
#include <expat.h>
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#define BLOCK (64 * 1024)
#define MAX_COLS 1024

const char *wb_col_letter(size_t i, char buf[8])
{
    char tmp[8];
    int n = 0;
    i++;
    while (i && n < 7) {
        tmp[n++] = (char)('A' + (i - 1) % 26);
        i = (i - 1) / 26;
    }
    for (int k = 0; k < n; k++)
        buf[k] = tmp[n - 1 - k];
    buf[n] = '\0';
    return buf;
}

enum wb_format workbook_format(const char *path)
{
    unsigned char m[4] = {0};
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(m, 1, 4, f) : 0;
    if (f)
        fclose(f);
    if (n == 4 && m[0] == 'P' && m[1] == 'K')
        return WB_XLSX;
    if (n == 4 && m[0] == 0xD0 && m[1] == 0xCF && m[2] == 0x11 && m[3] == 0xE0)
        return WB_XLS;
    return WB_CSV;
}

/* ---------- a row being built ---------- */

struct rowbuf {
    strbuf text;
    struct wb_cell cells[MAX_COLS];
    size_t off[MAX_COLS];
    size_t ncells;
    long row;
    int any;
};

static void row_reset(struct rowbuf *r)
{
    strbuf_reset(&r->text);
    r->ncells = 0;
    r->any = 0;
}

/* Put a cell at column c; the text is copied. */
static void row_put(struct rowbuf *r, size_t c, enum cell_kind k, const char *s, size_t n,
                    double num)
{
    if (c >= MAX_COLS)
        return;
    while (r->ncells <= c) {
        r->cells[r->ncells].kind = CELL_EMPTY;
        r->off[r->ncells] = (size_t)-1;
        r->ncells++;
    }
    r->cells[c].kind = k;
    r->cells[c].num = num;
    r->cells[c].len = n;
    r->off[c] = r->text.len;
    strbuf_add(&r->text, s, n);
    strbuf_addch(&r->text, '\0');
    if (k != CELL_EMPTY && n)
        r->any = 1;
}

/* Fix the text pointers (the buffer may have moved) and call fn. */
static int row_emit(struct rowbuf *r, wb_row_fn fn, void *ctx, const char *sheet, int idx,
                    double done)
{
    if (!r->any)
        return 0;
    for (size_t i = 0; i < r->ncells; i++) {
        if (r->off[i] == (size_t)-1) {
            r->cells[i].text = "";
            r->cells[i].len = 0;
        } else {
            r->cells[i].text = r->text.buf + r->off[i];
        }
    }
    struct wb_row w = {r->row, r->ncells, r->cells, done};
    return fn(ctx, sheet, idx, &w);
}

/* ---------- xlsx ---------- */

static const char *local(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (int i = 0; atts[i]; i += 2)
        if (!strcmp(local(atts[i]), name))
            return atts[i + 1];
    return NULL;
}

/* err "cannot read 'NAME' in the workbook: …"; returns -1. */
static int read_failed(zip_t *z, const char *name, char *err, size_t errsz)
{
    snprintf(err, errsz, "cannot read '%s' in the workbook: %s", name, zip_strerror(z));
    return -1;
}

/* err "<pre><name><post> is not well-formed XML (line N: …)" from parser p; returns -1. */
static int xml_failed(XML_Parser p, const char *pre, const char *name, const char *post, char *err,
                      size_t errsz)
{
    snprintf(err, errsz, "%s%s%s is not well-formed XML (line %lu: %s)", pre, name, post,
             (unsigned long)XML_GetCurrentLineNumber(p), XML_ErrorString(XML_GetErrorCode(p)));
    return -1;
}

/* Parse a part through expat with the given handlers, streaming. Returns 0, or -1 with err. */
static int parse_part(zip_t *z, const char *name, XML_StartElementHandler st,
                      XML_EndElementHandler en, XML_CharacterDataHandler ch, void *ud, int required,
                      char *err, size_t errsz, int *stopped)
{
    zip_file_t *f = zip_fopen(z, name, 0);
    if (!f) {
        if (!required)
            return 0;
        snprintf(err, errsz, "the workbook has no part '%s' (not an .xlsx workbook?)", name);
        return -1;
    }
    XML_Parser p = XML_ParserCreate("UTF-8");
    XML_SetUserData(p, ud);
    XML_SetElementHandler(p, st, en);
    XML_SetCharacterDataHandler(p, ch);
    char *buf = xmalloc(BLOCK);
    int rc = 0;
    for (;;) {
        zip_int64_t n = zip_fread(f, buf, BLOCK);
        if (n < 0) {
            rc = read_failed(z, name, err, errsz);
            break;
        }
        enum XML_Status s = XML_Parse(p, buf, (int)n, n == 0);
        if (s == XML_STATUS_SUSPENDED ||
            (s == XML_STATUS_ERROR && XML_GetErrorCode(p) == XML_ERROR_ABORTED)) {
            if (stopped)
                *stopped = 1;
            break;
        }
        if (s == XML_STATUS_ERROR) {
            rc = xml_failed(p, "'", name, "' in the workbook", err, errsz);
            break;
        }
        if (n == 0)
            break;
    }
    free(buf);
    XML_ParserFree(p);
    zip_fclose(f);
    return rc;
}

struct xlsx {
    XML_Parser parser;
    /* workbook */
    char *sheet_name[64], *sheet_rid[64];
    int nsheets;
    char *rel_id[128], *rel_target[128];
    int nrels;
    /* shared strings: in memory (sst, sst_off) up to sst_mem_limit bytes of text, then in
     * an unlinked temporary file (see sst_spill) */
    strbuf sst;
    size_t *sst_off;
    size_t nsst, sst_alloc;
    int in_si, in_t, in_rph;
    struct sst_file *spill;
    /* styles */
    int in_numfmts, in_cellxfs;
    int custom_date[512]; /* numFmtId (< 512) of custom formats that are dates */
    unsigned char *xf_date;
    size_t nxf, xf_alloc;
    /* sheet */
    struct rowbuf *row;
    wb_row_fn fn;
    void *ctx;
    const char *cur_sheet;
    int cur_index;
    size_t col, next_col;
    char ctype[16];
    long cstyle;
    int in_v, in_is_t, in_c;
    strbuf val;
    int result;                        /* fn's last non-zero answer */
    zip_uint64_t part_size, part_read; /* the sheet part's bytes, and those parsed */
};

static void wb_start(void *ud, const char *name, const char **atts)
{
    struct xlsx *x = ud;
    name = local(name);
    if (!strcmp(name, "sheet") && x->nsheets < 64) {
        const char *n = attr(atts, "name"), *id = NULL;
        for (int i = 0; atts[i]; i += 2)
            if (!strcmp(local(atts[i]), "id") && strchr(atts[i], ':'))
                id = atts[i + 1];
        if (n && id) {
            x->sheet_name[x->nsheets] = xstrdup(n);
            x->sheet_rid[x->nsheets++] = xstrdup(id);
        }
    } else if (!strcmp(name, "Relationship") && x->nrels < 128) {
        const char *id = attr(atts, "Id"), *t = attr(atts, "Target");
        if (id && t) {
            x->rel_id[x->nrels] = xstrdup(id);
            x->rel_target[x->nrels++] = xstrdup(t);
        }
    }
}

static void nop_end(void *ud, const char *name)
{
    (void)ud;
    (void)name;
}

static void nop_chars(void *ud, const char *s, int n)
{
    (void)ud;
    (void)s;
    (void)n;
}

/* ---------- shared strings beyond the memory limit ---------- */

/* Every text of a workbook Excel wrote is in xl/sharedStrings.xml: a roster of a million
 * prisoners has millions of distinct names, id numbers and dates there, read before the
 * first row. Up to sst_mem_limit bytes of text they stay in memory (one buffer, an offset
 * per string); beyond it the whole table goes to an unlinked temporary file, NUL-separated,
 * with the offset of every SST_GROUP-th string in memory, and a cell's string is found by
 * skipping at most SST_GROUP - 1 strings from its group's start through a small cache of
 * blocks (Excel numbers strings in order of first use, so a sheet's rows ask for nearby
 * strings and the few common ones). Memory then holds 8 bytes per SST_GROUP strings. */
#define SST_GROUP 64
#define SST_BLOCK (64 * 1024)
#define SST_CACHE 16

static size_t sst_mem_limit = 32u << 20;

void workbook_set_sst_limit(size_t bytes)
{
    sst_mem_limit = bytes;
}

struct sst_file {
    int fd;
    unsigned long long size; /* bytes in the file */
    unsigned long long *group;
    size_t ngroup, group_alloc;
    strbuf pending; /* written in large pieces */
    struct {
        unsigned long long no; /* block number + 1; 0: empty */
        size_t len;
        unsigned long use;
        unsigned char *data;
    } cache[SST_CACHE];
    unsigned long tick;
    strbuf one; /* the string last looked up */
    int failed;
};

/* Write what is pending at the end of the file. */
static int spill_flush(struct sst_file *f)
{
    size_t done = 0;
    while (done < f->pending.len) {
        ssize_t n =
            pwrite(f->fd, f->pending.buf + done, f->pending.len - done, (off_t)(f->size + done));
        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            f->failed = 1;
            return -1;
        }
        done += (size_t)n;
    }
    f->size += f->pending.len;
    strbuf_reset(&f->pending);
    return 0;
}

static void spill_free(struct sst_file *f)
{
    if (!f)
        return;
    if (f->fd >= 0)
        close(f->fd);
    for (int i = 0; i < SST_CACHE; i++)
        free(f->cache[i].data);
    free(f->group);
    strbuf_release(&f->pending);
    strbuf_release(&f->one);
    free(f);
}

/* Move the table read so far to a temporary file. Returns 0, or -1 (it stays in memory). */
static int sst_spill(struct xlsx *x)
{
    const char *dir = getenv("TMPDIR");
    char *path = xasprintf("%s/zhijian-sst-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd >= 0)
        unlink(path);
    free(path);
    if (fd < 0)
        return -1;
    struct sst_file *f = xcalloc(1, sizeof *f);
    f->fd = fd;
    strbuf_init(&f->one, 256);
    for (size_t i = 0; i < x->nsst; i += SST_GROUP) {
        XGROW(f->group, f->ngroup + 1, f->group_alloc);
        f->group[f->ngroup++] = x->sst_off[i];
    }
    f->pending = x->sst; /* written from the table's own buffer */
    if (spill_flush(f) != 0) {
        f->pending = (strbuf)STRBUF_INIT;
        spill_free(f);
        return -1;
    }
    strbuf_release(&f->pending);
    strbuf_init(&f->pending, (1 << 20) + 4096);
    strbuf_init(&x->sst, 0);
    free(x->sst_off);
    x->sst_off = NULL;
    x->sst_alloc = 0;
    x->spill = f;
    return 0;
}

/* Block b of the file, through the cache; NULL on a read error. */
static const unsigned char *spill_block(struct sst_file *f, unsigned long long b, size_t *len)
{
    int victim = 0;
    for (int i = 0; i < SST_CACHE; i++) {
        if (f->cache[i].no == b + 1) {
            f->cache[i].use = ++f->tick;
            *len = f->cache[i].len;
            return f->cache[i].data;
        }
        if (f->cache[i].use < f->cache[victim].use)
            victim = i;
    }
    if (!f->cache[victim].data)
        f->cache[victim].data = xmalloc(SST_BLOCK);
    ssize_t n;
    do
        n = pread(f->fd, f->cache[victim].data, SST_BLOCK, (off_t)(b * SST_BLOCK));
    while (n < 0 && errno == EINTR);
    if (n <= 0) {
        f->cache[victim].no = 0;
        return NULL;
    }
    f->cache[victim].no = b + 1;
    f->cache[victim].len = (size_t)n;
    f->cache[victim].use = ++f->tick;
    *len = (size_t)n;
    return f->cache[victim].data;
}

/* Shared string i (i < x->nsst), or NULL when the file cannot be read. */
static const char *sst_get(struct xlsx *x, size_t i)
{
    if (!x->spill)
        return x->sst.buf + x->sst_off[i];
    struct sst_file *f = x->spill;
    unsigned long long pos = f->group[i / SST_GROUP];
    size_t skip = i % SST_GROUP;
    strbuf_reset(&f->one);
    for (;;) {
        size_t len;
        const unsigned char *d = spill_block(f, pos / SST_BLOCK, &len);
        size_t at = (size_t)(pos % SST_BLOCK);
        if (!d || at >= len)
            return NULL;
        const unsigned char *z = memchr(d + at, '\0', len - at);
        size_t n = z ? (size_t)(z - d) - at : len - at;
        if (!skip)
            strbuf_add(&f->one, d + at, n);
        pos += n;
        if (!z)
            continue;
        pos++; /* the NUL */
        if (!skip)
            return f->one.buf;
        skip--;
    }
}

static void sst_start(void *ud, const char *name, const char **atts)
{
    struct xlsx *x = ud;
    (void)atts;
    name = local(name);
    if (!strcmp(name, "si")) {
        x->in_si = 1;
        if (x->spill) {
            struct sst_file *f = x->spill;
            if (x->nsst % SST_GROUP == 0) {
                XGROW(f->group, f->ngroup + 1, f->group_alloc);
                f->group[f->ngroup++] = f->size + f->pending.len;
            }
            x->nsst++;
        } else {
            XGROW(x->sst_off, x->nsst + 1, x->sst_alloc);
            x->sst_off[x->nsst++] = x->sst.len;
        }
    } else if (!strcmp(name, "t") && x->in_si) {
        x->in_t = 1;
    } else if (!strcmp(name, "rPh")) {
        x->in_rph = 1;
    }
}

static void sst_end(void *ud, const char *name)
{
    struct xlsx *x = ud;
    name = local(name);
    if (!strcmp(name, "si")) {
        x->in_si = 0;
        if (x->spill) {
            strbuf_addch(&x->spill->pending, '\0');
            if (x->spill->pending.len >= (1 << 20) && !x->spill->failed)
                spill_flush(x->spill);
        } else {
            strbuf_addch(&x->sst, '\0');
            if (x->sst.len > sst_mem_limit)
                sst_spill(x);
        }
    } else if (!strcmp(name, "t")) {
        x->in_t = 0;
    } else if (!strcmp(name, "rPh")) {
        x->in_rph = 0;
    }
}

static void sst_chars(void *ud, const char *s, int n)
{
    struct xlsx *x = ud;
    if (x->in_si && x->in_t && !x->in_rph)
        strbuf_add(x->spill ? &x->spill->pending : &x->sst, s, (size_t)n);
}

/* A custom number format code that shows a date: y, d (or 年月日) outside quotes and []. */
static int format_is_date(const char *code)
{
    int q = 0, b = 0;
    for (const char *p = code; *p; p++) {
        if (*p == '"')
            q = !q;
        else if (!q && *p == '[')
            b = 1;
        else if (!q && *p == ']')
            b = 0;
        else if (!q && !b && (*p == 'y' || *p == 'Y' || *p == 'd' || *p == 'D'))
            return 1;
        else if (!q && !b && *p == '\\')
            p += p[1] ? 1 : 0;
    }
    return strstr(code, "年") || strstr(code, "月") || strstr(code, "日");
}

static int builtin_date(long id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

static void sty_start(void *ud, const char *name, const char **atts)
{
    struct xlsx *x = ud;
    name = local(name);
    if (!strcmp(name, "numFmts")) {
        x->in_numfmts = 1;
    } else if (!strcmp(name, "cellXfs")) {
        x->in_cellxfs = 1;
    } else if (!strcmp(name, "numFmt") && x->in_numfmts) {
        const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
        long i = id ? strtol(id, NULL, 10) : -1;
        if (i >= 0 && i < 512 && code)
            x->custom_date[i] = format_is_date(code);
    } else if (!strcmp(name, "xf") && x->in_cellxfs) {
        const char *id = attr(atts, "numFmtId");
        long i = id ? strtol(id, NULL, 10) : 0;
        XGROW(x->xf_date, x->nxf + 1, x->xf_alloc);
        x->xf_date[x->nxf++] =
            (unsigned char)(builtin_date(i) || (i >= 0 && i < 512 && x->custom_date[i]));
    }
}

static void sty_end(void *ud, const char *name)
{
    struct xlsx *x = ud;
    name = local(name);
    if (!strcmp(name, "numFmts"))
        x->in_numfmts = 0;
    else if (!strcmp(name, "cellXfs"))
        x->in_cellxfs = 0;
}

/* Column index of a cell reference "AB12", or -1. */
static long ref_col(const char *r)
{
    long c = 0;
    int n = 0;
    for (; *r >= 'A' && *r <= 'Z'; r++, n++)
        c = c * 26 + (*r - 'A' + 1);
    return n && n <= 3 ? c - 1 : -1;
}

static void sh_start(void *ud, const char *name, const char **atts)
{
    struct xlsx *x = ud;
    name = local(name);
    if (!strcmp(name, "row")) {
        const char *r = attr(atts, "r");
        long n = r ? strtol(r, NULL, 10) : x->row->row + 1;
        row_reset(x->row);
        x->row->row = n > 0 ? n : x->row->row + 1;
        x->next_col = 0;
    } else if (!strcmp(name, "c")) {
        const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
        long c = r ? ref_col(r) : -1;
        x->col = c >= 0 ? (size_t)c : x->next_col;
        x->next_col = x->col + 1;
        snprintf(x->ctype, sizeof x->ctype, "%s", t ? t : "n");
        x->cstyle = s ? strtol(s, NULL, 10) : 0;
        x->in_c = 1;
        strbuf_reset(&x->val);
    } else if (!strcmp(name, "v") && x->in_c) {
        x->in_v = 1;
    } else if (!strcmp(name, "t") && x->in_c) {
        x->in_is_t = 1;
    }
}

static void sh_end(void *ud, const char *name)
{
    struct xlsx *x = ud;
    name = local(name);
    if (!strcmp(name, "v")) {
        x->in_v = 0;
    } else if (!strcmp(name, "t")) {
        x->in_is_t = 0;
    } else if (!strcmp(name, "c") && x->in_c) {
        x->in_c = 0;
        const char *v = x->val.buf ? x->val.buf : "";
        size_t n = x->val.len;
        if (!strcmp(x->ctype, "s")) {
            char *e;
            unsigned long i = strtoul(v, &e, 10);
            const char *s = n && !*e && i < x->nsst ? sst_get(x, i) : NULL;
            if (s) {
                row_put(x->row, x->col, CELL_TEXT, s, strlen(s), 0);
            } else {
                row_put(x->row, x->col, CELL_ERROR, v, n, 0);
            }
        } else if (!strcmp(x->ctype, "str") || !strcmp(x->ctype, "inlineStr")) {
            row_put(x->row, x->col, CELL_TEXT, v, n, 0);
        } else if (!strcmp(x->ctype, "b")) {
            row_put(x->row, x->col, CELL_BOOL, v, n, n && v[0] == '1');
        } else if (!strcmp(x->ctype, "e")) {
            row_put(x->row, x->col, CELL_ERROR, v, n, 0);
        } else if (n) {
            char *e;
            double d = strtod(v, &e);
            int date = x->cstyle >= 0 && (size_t)x->cstyle < x->nxf && x->xf_date[x->cstyle];
            row_put(x->row, x->col, *e ? CELL_TEXT : date ? CELL_DATE : CELL_NUMBER, v, n, d);
        }
    } else if (!strcmp(name, "row")) {
        double done = x->part_size ? (double)x->part_read / (double)x->part_size : 0;
        int r = row_emit(x->row, x->fn, x->ctx, x->cur_sheet, x->cur_index, done > 1 ? 1 : done);
        row_reset(x->row);
        if (r != 0) {
            x->result = r;
            XML_StopParser(x->parser, XML_FALSE);
        }
    }
}

static void sh_chars(void *ud, const char *s, int n)
{
    struct xlsx *x = ud;
    if (x->in_c && (x->in_v || x->in_is_t))
        strbuf_add(&x->val, s, (size_t)n);
}

/* parse_part with access to the parser (to stop it from a handler). */
static int parse_sheet(zip_t *z, const char *part, struct xlsx *x, char *err, size_t errsz)
{
    zip_file_t *f = zip_fopen(z, part, 0);
    if (!f) {
        snprintf(err, errsz, "the workbook has no sheet part '%s'", part);
        return -1;
    }
    XML_Parser p = XML_ParserCreate("UTF-8");
    x->parser = p;
    XML_SetUserData(p, x);
    XML_SetElementHandler(p, sh_start, sh_end);
    XML_SetCharacterDataHandler(p, sh_chars);
    char *buf = xmalloc(BLOCK);
    int rc = 0;
    x->result = 0;
    zip_stat_t zst;
    x->part_size = zip_stat(z, part, 0, &zst) == 0 && (zst.valid & ZIP_STAT_SIZE) ? zst.size : 0;
    x->part_read = 0;
    for (;;) {
        zip_int64_t n = zip_fread(f, buf, BLOCK);
        if (n > 0)
            x->part_read += (zip_uint64_t)n;
        if (n < 0) {
            rc = read_failed(z, part, err, errsz);
            break;
        }
        enum XML_Status s = XML_Parse(p, buf, (int)n, n == 0);
        if (x->result)
            break;
        if (s == XML_STATUS_ERROR) {
            rc = xml_failed(p, "sheet '", x->cur_sheet, "'", err, errsz);
            break;
        }
        if (n == 0)
            break;
    }
    free(buf);
    XML_ParserFree(p);
    x->parser = NULL;
    zip_fclose(f);
    if (rc == 0 && x->result < 0) {
        err[0] = '\0';
        rc = -1;
    }
    return rc;
}

static int read_xlsx(const char *path, int sheet, wb_row_fn fn, void *ctx, char *err, size_t errsz)
{
    const char *why = zip_lib_error(); /* loads libzip, then expat */
    if (why || (why = expat_lib_error())) {
        snprintf(err, errsz, "cannot read '%s' as an .xlsx workbook: %s", path, why);
        return -1;
    }
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        snprintf(err, errsz, "cannot open '%s' as an .xlsx workbook: %s", path,
                 zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return -1;
    }
    struct xlsx *x = xcalloc(1, sizeof *x);
    struct rowbuf *row = xcalloc(1, sizeof *row);
    strbuf_init(&x->sst, 4096);
    strbuf_init(&x->val, 256);
    strbuf_init(&row->text, 4096);
    x->row = row;
    x->fn = fn;
    x->ctx = ctx;
    int rc = parse_part(z, "xl/workbook.xml", wb_start, nop_end, nop_chars, x, 1, err, errsz, NULL);
    if (!rc)
        rc = parse_part(z, "xl/_rels/workbook.xml.rels", wb_start, nop_end, nop_chars, x, 1, err,
                        errsz, NULL);
    if (!rc)
        rc = parse_part(z, "xl/sharedStrings.xml", sst_start, sst_end, sst_chars, x, 0, err, errsz,
                        NULL);
    if (!rc && x->spill && (spill_flush(x->spill) != 0 || x->spill->failed)) {
        snprintf(err, errsz, "cannot write the shared strings to a temporary file: %s",
                 strerror(errno));
        rc = -1;
    }
    if (!rc)
        rc = parse_part(z, "xl/styles.xml", sty_start, sty_end, nop_chars, x, 0, err, errsz, NULL);
    if (!rc && !x->nsheets) {
        snprintf(err, errsz, "the workbook has no sheets");
        rc = -1;
    }
    if (!rc && sheet >= x->nsheets) {
        snprintf(err, errsz, "the workbook has %d sheet%s, no sheet %d", x->nsheets,
                 x->nsheets == 1 ? "" : "s", sheet + 1);
        rc = -1;
    }
    for (int i = 0; !rc && i < x->nsheets; i++) {
        if (sheet >= 0 && i != sheet)
            continue;
        const char *target = NULL;
        for (int k = 0; k < x->nrels; k++)
            if (!strcmp(x->rel_id[k], x->sheet_rid[i]))
                target = x->rel_target[k];
        if (!target) {
            snprintf(err, errsz, "sheet '%s' has no part in the workbook", x->sheet_name[i]);
            rc = -1;
            break;
        }
        char part[512];
        if (target[0] == '/')
            snprintf(part, sizeof part, "%s", target + 1);
        else
            snprintf(part, sizeof part, "xl/%s", target);
        x->cur_sheet = x->sheet_name[i];
        x->cur_index = i;
        rc = parse_sheet(z, part, x, err, errsz);
        if (rc == 0 && x->result == 1)
            x->result = 0; /* skip the rest of this sheet only */
    }
    for (int i = 0; i < x->nsheets; i++) {
        free(x->sheet_name[i]);
        free(x->sheet_rid[i]);
    }
    for (int i = 0; i < x->nrels; i++) {
        free(x->rel_id[i]);
        free(x->rel_target[i]);
    }
    strbuf_release(&x->sst);
    spill_free(x->spill);
    strbuf_release(&x->val);
    strbuf_release(&row->text);
    free(x->sst_off);
    free(x->xf_date);
    free(x);
    free(row);
    zip_discard(z);
    return rc;
}

/* ---------- xls ---------- */

static int read_xls(const char *path, int sheet, wb_row_fn fn, void *ctx, char *err, size_t errsz)
{
    const char *why = freexl_lib_error(); /* loads FreeXL */
    if (why) {
        snprintf(err, errsz, "cannot read '%s' as an .xls workbook: %s", path, why);
        return -1;
    }
    const void *h = NULL;
    int r = freexl_open(path, &h);
    if (r != FREEXL_OK) {
        snprintf(err, errsz, "cannot open '%s' as an .xls workbook (freexl error %d)", path, r);
        if (h)
            freexl_close(h);
        return -1;
    }
    unsigned int count = 0;
    freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &count);
    if (sheet >= 0 && (unsigned)sheet >= count) {
        snprintf(err, errsz, "the workbook has %u sheets, no sheet %d", count, sheet + 1);
        freexl_close(h);
        return -1;
    }
    struct rowbuf *row = xcalloc(1, sizeof *row);
    strbuf_init(&row->text, 4096);
    int rc = 0;
    for (unsigned s = 0; s < count && rc == 0; s++) {
        if (sheet >= 0 && s != (unsigned)sheet)
            continue;
        const char *name = NULL;
        unsigned int rows = 0;
        unsigned short cols = 0;
        if (freexl_get_worksheet_name(h, (unsigned short)s, &name) != FREEXL_OK ||
            freexl_select_active_worksheet(h, (unsigned short)s) != FREEXL_OK ||
            freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) {
            snprintf(err, errsz, "cannot read sheet %u of '%s'", s + 1, path);
            rc = -1;
            break;
        }
        char *sname = xstrdup(name ? name : "");
        for (unsigned int i = 0; i < rows; i++) {
            row_reset(row);
            row->row = (long)i + 1;
            for (unsigned short c = 0; c < cols && c < MAX_COLS; c++) {
                FreeXL_CellValue v;
                if (freexl_get_cell_value(h, i, c, &v) != FREEXL_OK)
                    continue;
                char num[64];
                switch (v.type) {
                case FREEXL_CELL_INT:
                    snprintf(num, sizeof num, "%d", v.value.int_value);
                    row_put(row, c, CELL_NUMBER, num, strlen(num), v.value.int_value);
                    break;
                case FREEXL_CELL_DOUBLE:
                    snprintf(num, sizeof num, "%.15g", v.value.double_value);
                    row_put(row, c, CELL_NUMBER, num, strlen(num), v.value.double_value);
                    break;
                case FREEXL_CELL_TEXT:
                case FREEXL_CELL_SST_TEXT:
                case FREEXL_CELL_DATE:
                case FREEXL_CELL_DATETIME:
                case FREEXL_CELL_TIME:
                    if (v.value.text_value)
                        row_put(row, c, CELL_TEXT, v.value.text_value, strlen(v.value.text_value),
                                0);
                    break;
                default:
                    break;
                }
            }
            int a = row_emit(row, fn, ctx, sname, (int)s, rows ? (double)(i + 1) / rows : 0);
            if (a == 1)
                break;
            if (a < 0) {
                err[0] = '\0';
                rc = -1;
                break;
            }
        }
        free(sname);
    }
    strbuf_release(&row->text);
    free(row);
    freexl_close(h);
    return rc;
}

/* ---------- csv ---------- */

static int read_csv(const char *path, wb_row_fn fn, void *ctx, char *err, size_t errsz)
{
    char sha[65];
    int utf8_ok = 1;
    long bad_line = 0, bad_off = 0;
    if (ingest_file_scan(path, sha, &utf8_ok, &bad_line) != 0) {
        snprintf(err, errsz, "cannot read '%s': %s", path, ingest_strerror(errno));
        return -1;
    }
    int gb = 0;
    if (!utf8_ok) {
        if (ingest_file_is_gb18030(path, &bad_off) != 1) {
            snprintf(err, errsz, "'%s' is neither UTF-8 (line %ld) nor GB18030", path, bad_line);
            return -1;
        }
        gb = 1;
    }
    struct ingest_source src = {.fd = -1, .cd = (iconv_t)-1};
    if (ingest_source_open(&src, path, gb) != 0) {
        snprintf(err, errsz, "cannot open '%s': %s", path, ingest_strerror(errno));
        return -1;
    }
    struct stat fst;
    long long fsize = stat(path, &fst) == 0 ? (long long)fst.st_size : 0;
    csv_reader rd;
    csv_reader_init(&rd, ingest_source_read, &src);
    struct rowbuf *row = xcalloc(1, sizeof *row);
    strbuf_init(&row->text, 4096);
    const char *slash = strrchr(path, '/');
    const char *sname = slash ? slash + 1 : path;
    int rc = 0, r;
    while ((r = csv_next(&rd)) == 1) {
        row_reset(row);
        row->row = rd.rec_line;
        for (size_t i = 0; i < rd.nfields; i++) {
            size_t n;
            const char *s = csv_field(&rd, i, &n);
            if (n)
                row_put(row, i, CELL_TEXT, s, n, 0);
        }
        int a =
            row_emit(row, fn, ctx, sname, 0, fsize > 0 ? (double)src.offset / (double)fsize : 0);
        if (a == 1)
            break;
        if (a < 0) {
            err[0] = '\0';
            rc = -1;
            break;
        }
    }
    if (r < 0) {
        snprintf(err, errsz, "cannot read '%s'", path);
        rc = -1;
    }
    csv_reader_release(&rd);
    ingest_source_close(&src);
    strbuf_release(&row->text);
    free(row);
    return rc;
}

int workbook_read(const char *path, int sheet, wb_row_fn fn, void *ctx, char *err, size_t errsz)
{
    err[0] = '\0';
    switch (workbook_format(path)) {
    case WB_XLSX:
        return read_xlsx(path, sheet, fn, ctx, err, errsz);
    case WB_XLS:
        return read_xls(path, sheet, fn, ctx, err, errsz);
    default:
        if (sheet > 0) {
            snprintf(err, errsz, "a CSV file has one sheet only");
            return -1;
        }
        return read_csv(path, fn, ctx, err, errsz);
    }
}
