/*
 * fuzz_csv.c — fuzz target for the streaming CSV reader (src/ingest/csv.h), the UTF-8
 * scan and the value checks (src/ingest/validate.h). The first input byte picks the read
 * size, so records cut at every position are exercised. Checks: the raw bytes of each
 * record lie inside the input (or are the kept prefix of an over-long record), line numbers
 * never go back, fields hold no more bytes than the raw record, and the whole-buffer
 * and byte-by-byte UTF-8 scans agree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/csv.h"
#include "ingest/encoding.h"
#include "ingest/validate.h"

#include "../tests/unit/chunked_source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    struct chunked c = {(const char *)data + 1, size - 1, 0, (size_t)(data[0] % 17) + 1};
    if (data[0] >= 200)
        c.step = 1 << 20;
    csv_reader r;
    csv_reader_init(&r, chunked_read, &c);
    long last_line = 0;
    size_t records = 0;
    while (csv_next(&r) == 1) {
        if (r.rec_line < last_line)
            abort();
        last_line = r.rec_line;
        if (r.nfields < 1)
            abort();
        size_t total = 0;
        for (size_t i = 0; i < r.nfields; i++) {
            size_t n;
            const char *f = csv_field(&r, i, &n);
            if (f[n] != '\0')
                abort();
            total += n;
            char msg[600];
            long long v;
            zj_date d;
            int b;
            ingest_parse_int(f, n, &v, msg, sizeof msg);
            ingest_parse_money(f, n, &v, msg, sizeof msg);
            ingest_parse_bool(f, n, &b, msg, sizeof msg);
            ingest_check_id_number(f, n, msg, sizeof msg);
            ingest_check_region(f, n, msg, sizeof msg);
            ingest_check_date(f, n, -7397, 84000, "lo", "hi", &d, msg, sizeof msg);
            ingest_check_month(f, n, -7397, 84000, "lo", "hi", msg, sizeof msg);
        }
        if (r.error != CSV_TOO_LONG && total > r.raw_len)
            abort();
        records++;
    }
    if (records > size)
        abort();
    csv_reader_release(&r);

    struct utf8_scan whole, bytes;
    utf8_scan_init(&whole);
    utf8_scan_init(&bytes);
    utf8_scan_block(&whole, data, size);
    for (size_t i = 0; i < size; i++)
        utf8_scan_block(&bytes, data + i, 1);
    int a = utf8_scan_finish(&whole), b = utf8_scan_finish(&bytes);
    if (a != b || (a == 0) != (utf8_valid_prefix(data, size) == size))
        abort();
    return 0;
}
