/* chunked_source.h — a csv_reader source (src/ingest/csv.h) over a buffer that hands
 * out at most `step` bytes per read, so that records and multi-byte characters are cut
 * at every position. Shared by tests/unit/test_ingest_csv.c and fuzz/fuzz_csv.c. */
#ifndef ZJ_TEST_CHUNKED_SOURCE_H
#define ZJ_TEST_CHUNKED_SOURCE_H
#include <string.h>
#include <sys/types.h>

struct chunked {
    const char *data;
    size_t len, pos, step;
};

static inline ssize_t chunked_read(void *ctx, char *buf, size_t cap)
{
    struct chunked *c = ctx;
    size_t n = c->len - c->pos;
    if (n > c->step)
        n = c->step;
    if (n > cap)
        n = cap;
    memcpy(buf, c->data + c->pos, n);
    c->pos += n;
    return (ssize_t)n;
}

#endif
