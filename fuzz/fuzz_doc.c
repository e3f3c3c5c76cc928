/*
 * fuzz_doc.c — fuzz target for reading court documents (src/docs_intake): the bytes go
 * through doc_text (docx through libzip and expat, text through the UTF-8/GB18030/UTF-16
 * decoders) and doc_extract. PDF input is left to poppler's own fuzzing (OSS-Fuzz) and
 * skipped, so a replay stays fast. Checks: nothing reads or writes out of bounds
 * (sanitizers); a refusal gives both reasons; the text is valid UTF-8 of the length told;
 * every extracted field has a source sentence and a confidence in [0, 1].
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "docs_intake/doc_extract.h"
#include "docs_intake/doc_text.h"
#include "ingest/encoding.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (doc_format_of(data, size) == DOC_PDF)
        return 0;
    char *text;
    size_t n;
    enum doc_format f;
    const char *enc;
    struct doc_err e;
    memset(&e, 0, sizeof e);
    if (doc_text(data, size, &text, &n, &f, &enc, &e) != 0) {
        if (!e.en[0] || !e.zh[0])
            abort();
        return 0;
    }
    if (strlen(text) != n || utf8_valid_prefix((const unsigned char *)text, n) != n)
        abort();
    json_t *j = doc_extract(text, n, "fuzz");
    json_t *src = json_object_get(j, "sources"), *conf = json_object_get(j, "confidence");
    if (!json_is_array(json_object_get(j, "persons")) ||
        json_object_size(src) != json_object_size(conf))
        abort();
    const char *k;
    json_t *v;
    json_object_foreach(conf, k, v)
    {
        double c = json_number_value(v);
        const char *s = json_string_value(json_object_get(src, k));
        if (!json_is_number(v) || c < 0 || c > 1 || !s ||
            utf8_valid_prefix((const unsigned char *)s, strlen(s)) != strlen(s))
            abort();
    }
    json_decref(j);
    free(text);
    return 0;
}
