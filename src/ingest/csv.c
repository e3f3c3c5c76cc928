/*
 * csv.c — the streaming RFC 4180 reader (see csv.h).
 *
 * A record is parsed from its first byte each time: when the buffer ends inside it, the
 * unread bytes move to the front, more input is read, and the record is parsed again.
 * That happens at most once per read block, so the cost stays linear.
 */
#include "ingest/csv.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define CSV_BLOCK (256u << 10)

/* Bytes that end an unquoted run: ',', '"', CR, LF (constant: readers run on several
 * threads at once). */
static const unsigned char special[256] = {[','] = 1, ['"'] = 1, ['\r'] = 1, ['\n'] = 1};

void csv_reader_init(csv_reader *r, csv_read_fn read, void *ctx)
{
    memset(r, 0, sizeof *r);
    r->read = read;
    r->ctx = ctx;
    r->cap = CSV_BLOCK;
    r->buf = xmalloc(r->cap);
    r->out_cap = r->cap + 2;
    r->out = xmalloc(r->out_cap);
    r->fields_cap = 64;
    r->field_off = xmalloc(r->fields_cap * sizeof *r->field_off);
    r->field_len = xmalloc(r->fields_cap * sizeof *r->field_len);
    r->line = 1;
    r->at_start = 1;
}

void csv_reader_release(csv_reader *r)
{
    free(r->buf);
    free(r->out);
    free(r->field_off);
    free(r->field_len);
    memset(r, 0, sizeof *r);
}

ssize_t csv_mem_read(void *ctx, char *buf, size_t cap)
{
    struct csv_mem_source *m = ctx;
    size_t n = m->len - m->pos;
    if (n > cap)
        n = cap;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return (ssize_t)n;
}

static void add_field(csv_reader *r, size_t off, size_t len)
{
    if (r->nfields == r->fields_cap) {
        r->fields_cap *= 2;
        r->field_off = xrealloc(r->field_off, r->fields_cap * sizeof *r->field_off);
        r->field_len = xrealloc(r->field_len, r->fields_cap * sizeof *r->field_len);
    }
    r->field_off[r->nfields] = off;
    r->field_len[r->nfields] = len;
    r->nfields++;
}

/* Try to parse one record at r->pos. Returns 1 when done (record set, pos advanced),
 * 0 when more input is needed (nothing changed but scratch). */
static int parse_record(csv_reader *r)
{
    const char *b = r->buf;
    size_t p = r->pos, end = r->end;
    int eof = r->eof;
    char *o = r->out;
    size_t on = 0, fstart = 0;
    long lines = 0;
    size_t rec_end;

    r->nfields = 0;
    r->error = CSV_OK;
    for (;;) {
        /* at the start of a field */
        fstart = on;
        if (p < end && b[p] == '"') {
            p++;
            for (;;) {
                const char *q = p < end ? memchr(b + p, '"', end - p) : NULL;
                size_t stop = q ? (size_t)(q - b) : end;
                for (size_t i = p; i < stop; i++) {
                    char c = b[i];
                    if (c == '\n')
                        lines++;
                    else if (c == '\r') {
                        if (i + 1 < end) {
                            if (b[i + 1] != '\n')
                                lines++;
                        } else if (!eof) {
                            return 0;
                        } else {
                            lines++;
                        }
                    }
                    o[on++] = c;
                }
                p = stop;
                if (!q) {
                    if (!eof)
                        return 0;
                    /* quoted field open at the end of the input */
                    add_field(r, fstart, on - fstart);
                    o[on++] = '\0';
                    r->error = CSV_UNTERMINATED_QUOTE;
                    rec_end = p;
                    goto done;
                }
                if (p + 1 >= end && !eof)
                    return 0;
                if (p + 1 < end && b[p + 1] == '"') {
                    o[on++] = '"';
                    p += 2;
                    continue;
                }
                p++; /* closing quote */
                break;
            }
        }
        /* unquoted bytes (or text after a closing quote, kept literally) */
        while (p < end) {
            unsigned char c = (unsigned char)b[p];
            if (!special[c] || c == '"') {
                o[on++] = (char)c;
                p++;
                continue;
            }
            break;
        }
        if (p >= end) {
            if (!eof)
                return 0;
            if (p == r->pos) /* nothing left at all */
                return 0;
            add_field(r, fstart, on - fstart);
            o[on++] = '\0';
            rec_end = p;
            goto done;
        }
        char c = b[p];
        add_field(r, fstart, on - fstart);
        o[on++] = '\0';
        if (c == ',') {
            p++;
            if (p >= end && eof) { /* trailing comma at the end of the input */
                add_field(r, on, 0);
                o[on++] = '\0';
                rec_end = p;
                goto done;
            }
            continue;
        }
        rec_end = p;
        if (c == '\n') {
            p++;
        } else { /* '\r' */
            if (p + 1 >= end && !eof)
                return 0;
            p += (p + 1 < end && b[p + 1] == '\n') ? 2 : 1;
        }
        lines++;
        goto done;
    }
done:
    r->raw = b + r->pos;
    r->raw_len = rec_end - r->pos;
    r->rec_line = r->line;
    r->line += lines;
    r->pos = p;
    return 1;
}

/* Skip the rest of an over-long record up to the next line end. */
static int skip_line(csv_reader *r)
{
    for (;;) {
        char *nl = memchr(r->buf + r->pos, '\n', r->end - r->pos);
        if (nl) {
            r->pos = (size_t)(nl - r->buf) + 1;
            r->line++;
            return 0;
        }
        r->pos = r->end = 0;
        ssize_t n = r->read(r->ctx, r->buf, r->cap);
        if (n < 0) {
            r->io_error = 1;
            return -1;
        }
        if (n == 0) {
            r->eof = 1;
            return 0;
        }
        r->end = (size_t)n;
    }
}

int csv_next(csv_reader *r)
{
    for (;;) {
        if (r->io_error)
            return -1;
        if (r->at_start && (r->end - r->pos >= 3 || r->eof)) {
            r->at_start = 0;
            if (r->end - r->pos >= 3 && !memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3))
                r->pos += 3;
        }
        if (!r->at_start) {
            if (r->pos >= r->end && r->eof)
                return 0;
            if (parse_record(r))
                return 1;
            if (r->eof)
                return 0;
        }
        /* need more input: move the unread bytes to the front, grow if full */
        if (r->pos > 0) {
            memmove(r->buf, r->buf + r->pos, r->end - r->pos);
            r->end -= r->pos;
            r->pos = 0;
        }
        if (r->end == r->cap) {
            if (r->cap >= CSV_MAX_RECORD) {
                /* report the record as too long, with its first bytes, then skip it */
                r->nfields = 0;
                add_field(r, 0, 0);
                r->out[0] = '\0';
                r->error = CSV_TOO_LONG;
                r->rec_line = r->line;
                /* keep the raw prefix in out, after the empty field */
                size_t keep = r->cap < r->out_cap - 2 ? r->cap : r->out_cap - 2;
                memcpy(r->out + 1, r->buf, keep);
                r->raw = r->out + 1;
                r->raw_len = keep;
                r->pos = r->end;
                if (skip_line(r) < 0)
                    return -1;
                return 1;
            }
            r->cap *= 2;
            r->buf = xrealloc(r->buf, r->cap);
            r->out_cap = r->cap + 2;
            r->out = xrealloc(r->out, r->out_cap);
        }
        ssize_t n;
        do
            n = r->read(r->ctx, r->buf + r->end, r->cap - r->end);
        while (n < 0 && errno == EINTR);
        if (n < 0) {
            r->io_error = 1;
            return -1;
        }
        if (n == 0)
            r->eof = 1;
        r->end += (size_t)n;
    }
}
