/*
 * test_docs_extract.c — reading court documents (src/docs_intake): the text of .docx,
 * PDF and .txt (UTF-8, GB18030, UTF-16, CR LF, one line), refusals of damaged files, and
 * the accuracy of the extracted facts, field by field, on tests/fixtures/docs against the
 * facts written by hand in expected.json (target: at least 99 % of the fields).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs_intake/doc_extract.h"
#include "docs_intake/doc_text.h"

static const char *src_dir(void)
{
    const char *d = getenv("ZJ_SOURCE_DIR");
    return d && *d ? d : ZJ_SOURCE_DIR;
}

static char *fixture_text(const char *name, enum doc_format *fmt, const char **enc)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/docs/%s", src_dir(), name);
    unsigned char *data;
    size_t len, tlen;
    struct doc_err e;
    assert_int_equal(doc_read_file(path, &data, &len, &e), 0);
    char *text;
    int rc = doc_text(data, len, &text, &tlen, fmt, enc, &e);
    if (rc != 0)
        fail_msg("%s: %s", name, e.en);
    assert_int_equal(strlen(text), tlen);
    free(data);
    return text;
}

static void test_formats(void **state)
{
    (void)state;
    enum doc_format f;
    const char *enc;
    char *t = fixture_text("01_judgment_theft.docx", &f, &enc);
    assert_int_equal(f, DOC_DOCX);
    assert_null(enc);
    /* runs joined, paragraphs one per line */
    assert_non_null(strstr(t, "\n（2019）辽0204刑初318号\n"));
    assert_non_null(strstr(t, "被告人赵永强犯盗窃罪，判处有期徒刑三年六个月"));
    free(t);

    t = fixture_text("03_judgment_drugs_three.pdf", &f, &enc);
    assert_int_equal(f, DOC_PDF);
    assert_non_null(strstr(t, "河南省郑州市金水区人民法院"));
    size_t fl;
    char *flat = doc_flatten(t, strlen(t), &fl);
    /* the id number is cut by a line end in the PDF; flattening joins it */
    assert_non_null(strstr(flat, "公民身份号码410105197011202536"));
    free(flat);
    free(t);

    t = fixture_text("04_judgment_murder_gb.txt", &f, &enc);
    assert_int_equal(f, DOC_TXT);
    assert_string_equal(enc, "GB18030");
    assert_non_null(strstr(t, "被告人周海涛犯故意杀人罪，判处无期徒刑"));
    free(t);

    t = fixture_text("02_judgment_robbery_two.txt", &f, &enc);
    assert_string_equal(enc, "UTF-8");
    assert_null(strchr(t, '\r'));
    free(t);
}

static void test_text_edge(void **state)
{
    (void)state;
    char *t;
    size_t n;
    enum doc_format f;
    const char *enc;
    struct doc_err e;
    /* UTF-16 LE with BOM */
    const unsigned char u16[] = {0xFF, 0xFE, 0x11, 0x62, 0x0D, 0x00, 0x0A, 0x00, 0x41, 0x00};
    assert_int_equal(doc_text(u16, sizeof u16, &t, &n, &f, &enc, &e), 0);
    assert_string_equal(enc, "UTF-16");
    assert_string_equal(t, "我\nA");
    free(t);
    /* UTF-8 BOM dropped, NUL becomes a blank */
    const unsigned char bom[] = {0xEF, 0xBB, 0xBF, 'a', 0, 'b'};
    assert_int_equal(doc_text(bom, sizeof bom, &t, &n, &f, &enc, &e), 0);
    assert_string_equal(t, "a b");
    free(t);
    /* neither UTF-8 nor GB18030 */
    const unsigned char bad[] = {'a', 0x81, 0x20, 0xFF};
    assert_int_equal(doc_text(bad, sizeof bad, &t, &n, &f, &enc, &e), -1);
    assert_non_null(strstr(e.zh, "GB18030"));
    /* a zip that is not a docx, a damaged zip, a damaged PDF */
    const unsigned char zip[] = "PK\3\4garbage";
    assert_int_equal(doc_text(zip, sizeof zip - 1, &t, &n, &f, &enc, &e), -1);
    assert_int_equal(f, DOC_DOCX);
    assert_true(e.zh[0] != 0);
    const unsigned char pdf[] = "%PDF-1.4\n1 0 obj << >> endobj\n";
    assert_int_equal(doc_text(pdf, sizeof pdf - 1, &t, &n, &f, &enc, &e), -1);
    assert_int_equal(f, DOC_PDF);
    /* empty text is text */
    assert_int_equal(doc_text((const unsigned char *)"", 0, &t, &n, &f, &enc, &e), 0);
    assert_int_equal(n, 0);
    free(t);
}

/* Field paths of an extraction (what expected.json lists): every leaf but file, sources
 * and confidence; persons[i] as a path step. */
static void leaves(json_t *v, const char *prefix, json_t *out)
{
    if (json_is_object(v)) {
        const char *k;
        json_t *x;
        json_object_foreach(v, k, x)
        {
            if (!prefix[0] &&
                (!strcmp(k, "file") || !strcmp(k, "sources") || !strcmp(k, "confidence")))
                continue;
            char p[160];
            snprintf(p, sizeof p, "%s%s%s", prefix, prefix[0] ? "." : "", k);
            leaves(x, p, out);
        }
    } else if (json_is_array(v) && strlen(prefix) >= 7 &&
               !strcmp(prefix + strlen(prefix) - 7, "persons")) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
        {
            char p[160];
            snprintf(p, sizeof p, "%s[%zu]", prefix, i);
            leaves(x, p, out);
        }
    } else {
        json_object_set(out, prefix, v);
    }
}

/* The field's name without the person: persons[1].original.term_end -> original.term_end */
static const char *field_kind(const char *path)
{
    const char *d = strchr(path, ']');
    return d && d[1] == '.' ? d + 2 : path;
}

static void test_accuracy(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/docs/expected.json", src_dir());
    json_error_t je;
    json_t *expected = json_load_file(path, 0, &je);
    if (!expected)
        fail_msg("%s: %s", path, je.text);
    assert_true(json_object_size(expected) >= 16);
    json_t *per_kind = json_object(); /* kind -> [right, total] */
    long right = 0, total = 0;
    const char *file;
    json_t *want;
    json_object_foreach(expected, file, want)
    {
        enum doc_format f;
        const char *enc;
        char *text = fixture_text(file, &f, &enc);
        json_t *got = doc_extract(text, strlen(text), file);
        free(text);
        json_t *gl = json_object();
        leaves(got, "", gl);
        json_t *sources = json_object_get(got, "sources"),
               *conf = json_object_get(got, "confidence");
        /* union of the expected and the extracted fields */
        json_t *all = json_deep_copy(want);
        json_object_update_missing(all, gl);
        const char *fp;
        json_t *v;
        json_object_foreach(all, fp, v)
        {
            (void)v;
            json_t *w = json_object_get(want, fp), *g = json_object_get(gl, fp);
            int ok = w && g && json_equal(w, g);
            if (!ok) {
                char *ws = w ? json_dumps(w, JSON_ENCODE_ANY) : NULL;
                char *gs = g ? json_dumps(g, JSON_ENCODE_ANY) : NULL;
                printf("  %s %s: expected %s got %s\n", file, fp, ws ? ws : "(none)",
                       gs ? gs : "(none)");
                free(ws);
                free(gs);
            }
            if (g) { /* every extracted field has its sentence and a confidence */
                const char *s = json_string_value(json_object_get(sources, fp));
                json_t *c = json_object_get(conf, fp);
                if (!s || !*s || !json_is_number(c) || json_number_value(c) < 0 ||
                    json_number_value(c) > 1)
                    fail_msg("%s %s: no source sentence or confidence", file, fp);
            }
            const char *k = field_kind(fp);
            json_t *pk = json_object_get(per_kind, k);
            if (!pk) {
                pk = json_pack("[i,i]", 0, 0);
                json_object_set_new(per_kind, k, pk);
            }
            json_array_set_new(pk, 0, json_integer(json_integer_value(json_array_get(pk, 0)) + ok));
            json_array_set_new(pk, 1, json_integer(json_integer_value(json_array_get(pk, 1)) + 1));
            right += ok;
            total++;
        }
        json_decref(all);
        json_decref(gl);
        json_decref(got);
    }
    printf("field accuracy on %zu documents:\n", json_object_size(expected));
    const char *k;
    json_t *pk;
    json_object_foreach(per_kind, k, pk)
    {
        long r = (long)json_integer_value(json_array_get(pk, 0)),
             t = (long)json_integer_value(json_array_get(pk, 1));
        printf("  %-28s %3ld/%-3ld %6.1f %%\n", k, r, t, 100.0 * r / t);
    }
    printf("  %-28s %3ld/%-3ld %6.2f %%\n", "all fields", right, total, 100.0 * right / total);
    json_decref(per_kind);
    json_decref(expected);
    assert_true(total >= 300);
    assert_true(right * 100 >= total * 99);
}

static void test_phrasing(void **state)
{
    (void)state;
    /* zeros written 〇 ○ Ο 0, the new end in its own sentence, no year in the case number */
    const char *t = "河北省承德市中级人民法院刑事裁定书郑刑执字第88号罪犯甲乙丙，男，一九七Ο年"
                    "二月三日出生，现押河北省承德监狱服刑。本院于2010年1月5日作出(2010)承刑初字"
                    "第9号刑事判决，以被告人甲乙丙犯盗窃罪，判处有期徒刑五年。刑期自2009年12月1日"
                    "起至2014年11月30日止。执行机关河北省承德监狱于二○一二年三月一日提出减刑建议。"
                    "本院认为，确有悔改表现。裁定如下：对罪犯甲乙丙减去有期徒刑一年零二个月十五天。"
                    "刑期执行至2013年9月15日止。本裁定送达后即发生法律效力。二〇一二年四月〇九日";
    json_t *j = doc_extract(t, strlen(t), NULL);
    json_t *p = json_array_get(json_object_get(j, "persons"), 0);
    json_t *c = json_object_get(p, "change");
    assert_string_equal(json_string_value(json_object_get(j, "case_no")), "郑刑执字第88号");
    assert_string_equal(json_string_value(json_object_get(j, "decision_date")), "2012-04-09");
    assert_string_equal(json_string_value(json_object_get(p, "birth_date")), "1970-02-03");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(p, "original"), "case_no")),
        "（2010）承刑初字第9号");
    assert_int_equal(json_integer_value(json_object_get(c, "reduction_months")), 14);
    assert_int_equal(json_integer_value(json_object_get(c, "reduction_days")), 15);
    assert_string_equal(json_string_value(json_object_get(c, "term_end_after")), "2013-09-15");
    assert_string_equal(json_string_value(json_object_get(c, "proposal_date")), "2012-03-01");
    json_decref(j);
    /* a date that does not exist: the field is there, null, confidence 0 */
    t = "某某人民法院刑事裁定书（2012）某刑更1号罪犯张某某，男，1980年2月30日出生。";
    j = doc_extract(t, strlen(t), NULL);
    p = json_array_get(json_object_get(j, "persons"), 0);
    assert_true(json_is_null(json_object_get(p, "birth_date")));
    assert_true(json_number_value(json_object_get(json_object_get(j, "confidence"),
                                                  "persons[0].birth_date")) == 0);
    json_decref(j);
    /* nothing at all */
    j = doc_extract("", 0, "x");
    assert_int_equal(json_array_size(json_object_get(j, "persons")), 0);
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_text_edge),
        cmocka_unit_test(test_phrasing),
        cmocka_unit_test(test_accuracy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
