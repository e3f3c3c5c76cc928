/*
 * csv.h — a streaming RFC 4180 reader: comma separated, '"' quoting with "" inside quotes,
 * CRLF, LF or lone CR line ends, line ends inside quoted fields, an optional UTF-8 BOM at
 * the start. It reads through a caller-supplied read function (a file descriptor, an
 * iconv converter, a memory buffer) into one buffer that holds at most the current record
 * plus one read block, so memory does not grow with the size of the input.
 *
 * For each record it gives the fields (unquoted, NUL-terminated), the physical line on
 * which the record starts (1-based), and the raw bytes of the record as they were in the
 * input (without the line end), for rejects.
 *
 * Lenient where RFC 4180 is silent and nothing is lost: a '"' inside an unquoted field
 * and text after a closing quote are kept literally. A quoted field still open at the end
 * of the input, and a record longer than CSV_MAX_RECORD bytes, are reported as a record
 * with `error` set (the raw bytes kept, truncated at CSV_MAX_RECORD).
 */
#ifndef ZJ_INGEST_CSV_H
#define ZJ_INGEST_CSV_H
#include <stddef.h>
#include <sys/types.h>

#define CSV_MAX_RECORD (4u << 20) /* 4 MiB: larger records are refused */

/* Read up to cap bytes into buf. Returns the count, 0 at the end, -1 on an I/O error. */
typedef ssize_t (*csv_read_fn)(void *ctx, char *buf, size_t cap);

enum csv_record_error {
    CSV_OK = 0,
    CSV_UNTERMINATED_QUOTE, /* a quoted field was still open at the end of the input */
    CSV_TOO_LONG,           /* the record exceeds CSV_MAX_RECORD */
};

typedef struct csv_reader {
    csv_read_fn read;
    void *ctx;
    char *buf; /* input bytes; [pos, end) not consumed yet */
    size_t cap, pos, end;
    int eof, io_error, at_start;
    long line; /* physical line of the next unread byte (1-based) */
    /* The current record (valid until the next csv_next call). */
    char *out; /* field bytes, each field NUL-terminated */
    size_t out_cap;
    size_t *field_off;
    size_t *field_len;
    size_t nfields, fields_cap;
    const char *raw; /* the record's bytes in the input, not NUL-terminated */
    size_t raw_len;
    long rec_line;
    enum csv_record_error error;
} csv_reader;

/* Set up r to read through read(ctx, …). Allocates the buffers; csv_reader_release frees. */
void csv_reader_init(csv_reader *r, csv_read_fn read, void *ctx);
void csv_reader_release(csv_reader *r);

/* Read the next record. Returns 1 when a record is available (r->nfields >= 1, possibly
 * with r->error set), 0 at the end of the input, -1 on an I/O error of the read function. */
int csv_next(csv_reader *r);

/* Field i (0-based, i < r->nfields) of the current record: NUL-terminated, borrowed until
 * the next csv_next; its length in *len when len is non-NULL. */
static inline const char *csv_field(const csv_reader *r, size_t i, size_t *len)
{
    if (len)
        *len = r->field_len[i];
    return r->out + r->field_off[i];
}

/* A csv_read_fn over a memory buffer: ctx is a struct csv_mem_source. */
struct csv_mem_source {
    const char *data;
    size_t len, pos;
};
ssize_t csv_mem_read(void *ctx, char *buf, size_t cap);

#endif
