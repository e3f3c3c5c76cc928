/* test_ingest_csv.c — the streaming RFC 4180 reader (src/ingest/csv.h) and the encoding
 * layer (src/ingest/encoding.h): quoting, "" escapes, CRLF/LF/CR, line ends inside quotes,
 * BOM, physical line numbers, raw bytes, reads cut at every byte, UTF-8 validation and
 * GB18030 conversion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "ingest/csv.h"
#include "ingest/encoding.h"

#include "chunked_source.h"

/* Render all records of input as "line|raw|f1/f2/…\n" for comparison. */
static char *render(const char *input, size_t len, size_t step)
{
    struct chunked s = {input, len, 0, step};
    csv_reader r;
    csv_reader_init(&r, chunked_read, &s);
    size_t cap = 4096, n = 0;
    char *out = malloc(cap);
    out[0] = '\0';
    while (csv_next(&r) == 1) {
        char tmp[1024];
        int k = snprintf(tmp, sizeof tmp, "%ld%s|%.*s|", r.rec_line, r.error ? "!" : "",
                         (int)r.raw_len, r.raw);
        for (size_t i = 0; i < r.nfields; i++)
            k += snprintf(tmp + k, sizeof tmp - (size_t)k, "%s[%s]", i ? "/" : "",
                          csv_field(&r, i, NULL));
        k += snprintf(tmp + k, sizeof tmp - (size_t)k, "\n");
        if (n + (size_t)k + 1 > cap)
            out = realloc(out, cap *= 2);
        memcpy(out + n, tmp, (size_t)k + 1);
        n += (size_t)k;
    }
    csv_reader_release(&r);
    return out;
}

static void check(const char *input, const char *want)
{
    size_t len = strlen(input);
    /* the same records whatever the read size */
    static const size_t steps[] = {1, 2, 3, 7, 1 << 20};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        char *got = render(input, len, steps[i]);
        if (strcmp(got, want))
            fail_msg("step %zu:\ninput: %s\ngot:\n%swant:\n%s", steps[i], input, got, want);
        free(got);
    }
}

static void test_basic(void **state)
{
    (void)state;
    check("a,b,c\n1,2,3\n", "1|a,b,c|[a]/[b]/[c]\n2|1,2,3|[1]/[2]/[3]\n");
    check("a,b\r\n1,2\r\n", "1|a,b|[a]/[b]\n2|1,2|[1]/[2]\n"); /* CRLF */
    check("a,b\r1,2\r", "1|a,b|[a]/[b]\n2|1,2|[1]/[2]\n");     /* lone CR */
    check("a,b\n1,2", "1|a,b|[a]/[b]\n2|1,2|[1]/[2]\n");       /* no final newline */
    check("a,,\n", "1|a,,|[a]/[]/[]\n");                       /* empty fields */
    check("a,b,", "1|a,b,|[a]/[b]/[]\n");                      /* trailing comma at EOF */
    check("\n\na\n", "1||[]\n2||[]\n3|a|[a]\n");               /* blank lines */
    check("", "");
}

static void test_quotes(void **state)
{
    (void)state;
    check("\"a,b\",\"say \"\"hi\"\"\"\n", "1|\"a,b\",\"say \"\"hi\"\"\"|[a,b]/[say \"hi\"]\n");
    /* line ends inside quotes: the record starts on line 2, the next one on line 4 */
    check("h\n\"x\ny\r\nz\",2\nnext,3\n",
          "1|h|[h]\n2|\"x\ny\r\nz\",2|[x\ny\r\nz]/[2]\n5|next,3|[next]/[3]\n");
    check("\"\",\"\"\n", "1|\"\",\"\"|[]/[]\n");
    /* lenient: quote inside an unquoted field, text after a closing quote */
    check("ab\"c,\"d\"e\n", "1|ab\"c,\"d\"e|[ab\"c]/[de]\n");
    /* unterminated quote: one record to the end, flagged */
    check("a,\"open\nb,c\n", "1!|a,\"open\nb,c\n|[a]/[open\nb,c\n]\n");
    check("\"中文,字段\",王五\n", "1|\"中文,字段\",王五|[中文,字段]/[王五]\n");
}

static void test_bom(void **state)
{
    (void)state;
    check("\xEF\xBB\xBFid,name\n1,x\n", "1|id,name|[id]/[name]\n2|1,x|[1]/[x]\n");
    check("\xEF\xBB\xBF", "");
    /* a BOM later in the file is data */
    check("a\n\xEF\xBB\xBF"
          "b\n",
          "1|a|[a]\n2|\xEF\xBB\xBF"
          "b|[\xEF\xBB\xBF"
          "b]\n");
}

static void test_long_record(void **state)
{
    (void)state;
    /* a record larger than the first buffer (256 KiB) is read whole */
    size_t n = 600000;
    char *in = malloc(n + 16);
    assert_non_null(in);
    if (!in)
        return;
    memcpy(in, "h\n\"", 3);
    memset(in + 3, 'x', n);
    memcpy(in + 3 + n, "\",1\nz\n", 7);
    struct csv_mem_source m = {in, strlen(in), 0};
    csv_reader r;
    csv_reader_init(&r, csv_mem_read, &m);
    assert_int_equal(csv_next(&r), 1);
    assert_int_equal(csv_next(&r), 1);
    assert_int_equal(r.nfields, 2);
    size_t len;
    csv_field(&r, 0, &len);
    assert_int_equal(len, n);
    assert_int_equal(r.rec_line, 2);
    assert_int_equal(csv_next(&r), 1);
    assert_string_equal(csv_field(&r, 0, NULL), "z");
    assert_int_equal(r.rec_line, 3);
    assert_int_equal(csv_next(&r), 0);
    csv_reader_release(&r);
    free(in);
}

static void test_utf8(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int ok;
    } cases[] = {
        {"plain ascii", 1},      {"中文 UTF-8", 1}, {"\xF0\x9F\x98\x80", 1}, /* 4-byte */
        {"\xC0\xAF", 0},                                                     /* overlong */
        {"\xED\xA0\x80", 0},                                                 /* surrogate */
        {"\xF4\x90\x80\x80", 0},                                             /* > U+10FFFF */
        {"\xD5\xC5\xC8\xFD", 0},                                             /* 张三 in GB18030 */
        {"\xE4\xB8", 0}, /* cut short at the end */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        /* fed byte by byte and whole: the same verdict */
        for (int bytewise = 0; bytewise < 2; bytewise++) {
            struct utf8_scan u;
            utf8_scan_init(&u);
            const unsigned char *s = (const unsigned char *)cases[i].s;
            size_t n = strlen(cases[i].s);
            if (bytewise)
                for (size_t k = 0; k < n; k++)
                    utf8_scan_block(&u, s + k, 1);
            else
                utf8_scan_block(&u, s, n);
            assert_int_equal(utf8_scan_finish(&u) == 0, cases[i].ok);
        }
    }
    assert_int_equal(utf8_valid_prefix((const unsigned char *)"ab\xC0", 3), 2);
}

static void test_gb18030(void **state)
{
    (void)state;
    char path[] = "/tmp/zj_test_gbXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    /* "name\n张三\n" in GB18030 */
    const char gb[] = "name\n\xD5\xC5\xC8\xFD\n";
    assert_int_equal(write(fd, gb, sizeof gb - 1), (ssize_t)(sizeof gb - 1));
    close(fd);
    char hex[65];
    int ok;
    long bad_line;
    assert_int_equal(ingest_file_scan(path, hex, &ok, &bad_line), 0);
    assert_int_equal(ok, 0);
    assert_int_equal(bad_line, 2);
    assert_int_equal(strlen(hex), 64);
    long off;
    assert_int_equal(ingest_file_is_gb18030(path, &off), 1);
    struct ingest_source src;
    assert_int_equal(ingest_source_open(&src, path, 1), 0);
    csv_reader r;
    csv_reader_init(&r, ingest_source_read, &src);
    assert_int_equal(csv_next(&r), 1);
    assert_int_equal(csv_next(&r), 1);
    assert_string_equal(csv_field(&r, 0, NULL), "张三");
    assert_int_equal(csv_next(&r), 0);
    csv_reader_release(&r);
    ingest_source_close(&src);
    /* bytes that are not GB18030 either */
    fd = open(path, O_WRONLY | O_TRUNC);
    assert_int_equal(write(fd, "a\n\x81\x20\n", 5), 5);
    close(fd);
    assert_int_equal(ingest_file_is_gb18030(path, &off), 0);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic), cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_bom),   cmocka_unit_test(test_long_record),
        cmocka_unit_test(test_utf8),  cmocka_unit_test(test_gb18030),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
