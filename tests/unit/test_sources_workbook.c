/* test_sources_workbook.c — the .xlsx reader's shared strings (src/sources/workbook.c): a
 * workbook written the way Excel writes one (every text an index into
 * xl/sharedStrings.xml, rich text with phonetic runs) read with the table in memory and
 * with it spilled to a temporary file (limit 0) gives the same cells — strings across
 * group and block boundaries, one longer than a block, empty strings, indexes out of
 * range. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "sources/workbook.h"
#include "util/strbuf.h"

#define NSTR 3000
#define COLS 3

static char *strings[NSTR];

static char *make_string(int i)
{
    strbuf b = STRBUF_INIT;
    strbuf_init(&b, 64);
    if (i % 97 == 5) {
        /* empty */
    } else if (i == 1234) { /* longer than a block of the spill file */
        for (int k = 0; k < 30000; k++)
            strbuf_adds(&b, "监狱");
    } else {
        strbuf_addf(&b, "罪犯%05d号·%s", i, i % 3 ? "王某" : "李四&<>");
    }
    return strbuf_detach(&b, NULL);
}

static void add_escaped(strbuf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '&')
            strbuf_adds(b, "&amp;");
        else if (*s == '<')
            strbuf_adds(b, "&lt;");
        else if (*s == '>')
            strbuf_adds(b, "&gt;");
        else
            strbuf_addch(b, *s);
    }
}

static void add_part(zip_t *z, const char *name, strbuf *b)
{
    size_t n;
    char *data = strbuf_detach(b, &n);
    zip_source_t *src = zip_source_buffer(z, data, n, 1);
    assert_non_null(src);
    assert_true(zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) >= 0);
}

/* The workbook: row r (1…NSTR/COLS) holds strings (r-1)*COLS … in reverse order of
 * columns, so lookups go back and forth; the last row adds an index out of range. */
static void write_workbook(const char *path)
{
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    strbuf b = STRBUF_INIT;
    strbuf_init(&b, 256);
    strbuf_adds(&b,
                "<workbook xmlns:r=\"r\"><sheets><sheet name=\"名单\" sheetId=\"1\" r:id=\"rId1\"/>"
                "</sheets></workbook>");
    add_part(z, "xl/workbook.xml", &b);
    strbuf_init(&b, 256);
    strbuf_adds(&b, "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
                    "</Relationships>");
    add_part(z, "xl/_rels/workbook.xml.rels", &b);
    strbuf_init(&b, 1 << 20);
    strbuf_addf(&b, "<sst count=\"%d\" uniqueCount=\"%d\">", NSTR, NSTR);
    for (int i = 0; i < NSTR; i++) {
        if (i % 10 == 7) { /* rich text with a phonetic run that is not part of the text */
            size_t h = strlen(strings[i]) / 2;
            while (h && (strings[i][h] & 0xC0) == 0x80)
                h--;
            strbuf_adds(&b, "<si><r><t>");
            char first[64];
            memcpy(first, strings[i], h);
            first[h] = '\0';
            add_escaped(&b, first);
            strbuf_adds(&b, "</t></r><r><t>");
            add_escaped(&b, strings[i] + h);
            strbuf_adds(&b, "</t></r><rPh><t>ズイ</t></rPh></si>");
        } else {
            strbuf_adds(&b, "<si><t>");
            add_escaped(&b, strings[i]);
            strbuf_adds(&b, "</t></si>");
        }
    }
    strbuf_adds(&b, "</sst>");
    add_part(z, "xl/sharedStrings.xml", &b);
    strbuf_init(&b, 1 << 20);
    strbuf_adds(&b, "<worksheet><sheetData>");
    for (int r = 0; r < NSTR / COLS; r++) {
        strbuf_addf(&b, "<row r=\"%d\">", r + 1);
        for (int c = COLS - 1; c >= 0; c--)
            strbuf_addf(&b, "<c r=\"%c%d\" t=\"s\"><v>%d</v></c>", 'A' + c, r + 1, r * COLS + c);
        strbuf_adds(&b, "</row>");
    }
    strbuf_addf(&b,
                "<row r=\"%d\"><c r=\"A%d\" t=\"s\"><v>%d</v></c>"
                "<c r=\"B%d\" t=\"s\"><v>0</v></c></row>",
                NSTR / COLS + 1, NSTR / COLS + 1, NSTR, NSTR / COLS + 1);
    strbuf_adds(&b, "</sheetData></worksheet>");
    add_part(z, "xl/worksheets/sheet1.xml", &b);
    assert_int_equal(zip_close(z), 0);
}

struct seen {
    int rows, bad;
};

static int on_row(void *ctx, const char *sheet, int idx, const struct wb_row *r)
{
    struct seen *s = ctx;
    (void)idx;
    assert_string_equal(sheet, "名单");
    s->rows++;
    if (r->row == NSTR / COLS + 1) { /* index out of range: an error cell; then string 0 */
        assert_int_equal(r->cells[0].kind, CELL_ERROR);
        assert_string_equal(r->cells[1].text, strings[0]);
        return 0;
    }
    for (int c = 0; c < COLS; c++) {
        int i = (int)(r->row - 1) * COLS + c;
        if ((size_t)c >= r->ncells) {
            s->bad += strings[i][0] != '\0';
            continue;
        }
        if (strcmp(r->cells[c].text, strings[i]) || r->cells[c].len != strlen(strings[i]))
            s->bad++;
    }
    return 0;
}

static void read_with_limit(const char *path, size_t limit)
{
    workbook_set_sst_limit(limit);
    struct seen s = {0, 0};
    char err[300];
    assert_int_equal(workbook_read(path, -1, on_row, &s, err, sizeof err), 0);
    assert_int_equal(s.rows, NSTR / COLS + 1);
    assert_int_equal(s.bad, 0);
}

static void test_shared_strings(void **state)
{
    (void)state;
    for (int i = 0; i < NSTR; i++)
        strings[i] = make_string(i);
    char path[] = "/tmp/zj-test-sst-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    write_workbook(path);
    read_with_limit(path, 32u << 20); /* in memory */
    read_with_limit(path, 0);         /* from the file at once */
    read_with_limit(path, 20000);     /* spilled part way through the table */
    workbook_set_sst_limit(32u << 20);
    unlink(path);
    for (int i = 0; i < NSTR; i++)
        free(strings[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_shared_strings)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
