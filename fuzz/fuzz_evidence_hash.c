/*
 * fuzz_evidence_hash.c — leads_evidence_hash against the hash of jansson's text of the
 * parsed evidence (json_loads, "as_of" deleted, json_dumps JSON_COMPACT | JSON_SORT_KEYS;
 * the text as it is when it is not a JSON object): the two must be equal for every input.
 * Each input is tried as it is, and as the program of a small generator of JSON text
 * (nested objects and arrays, keys in any order and twice, "as_of" at any depth, strings
 * with escapes and UTF-8 good and bad, numbers as written in many ways, blanks), so that
 * mutations reach the well-formed texts too. Corpus: fuzz/corpus/evidence_hash/ (evidence
 * of every model family and the edge cases).
 */
#include <jansson.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/leads.h"
#include "util/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void reference_hash(const char *text, char out[65])
{
    unsigned char h[32];
    json_t *o = json_loads(text, 0, NULL);
    char *canon = NULL;
    if (o && json_is_object(o)) {
        json_object_del(o, "as_of");
        canon = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
        if (canon)
            text = canon;
    }
    crypto_generichash(h, sizeof(h), (const unsigned char *)text, strlen(text), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof(h));
    free(canon);
    json_decref(o);
}

static void check(const char *text)
{
    char a[65], b[65];
    leads_evidence_hash(text, a);
    reference_hash(text, b);
    if (strcmp(a, b)) {
        fprintf(stderr, "evidence hash differs from jansson's for: %s\n", text);
        abort();
    }
}

/* The generator: each table lists first what the canonicaliser writes itself (a "clean"
 * text has only those), then what makes it ask jansson. */
typedef struct gen {
    const uint8_t *d;
    size_t n, at;
    int wild;
    strbuf sb;
} gen;

static unsigned pick(gen *g, unsigned k)
{
    return g->at < g->n ? g->d[g->at++] % k : 0;
}

/* one of the first `clean` entries of a table of n, or any of them when g is wild */
static const char *pick_of(gen *g, const char *const *t, unsigned clean, unsigned n)
{
    return t[pick(g, g->wild ? n : clean)];
}

#define PICK(g, t, clean) pick_of(g, t, clean, sizeof t / sizeof t[0])

static void blank(gen *g)
{
    static const char *const b[] = {"", "", "", "", " ", "\n", "\t", "\r\n  "};
    strbuf_adds(&g->sb, b[pick(g, 8)]);
}

static void gen_string(gen *g, int key)
{
    static const char *const parts[] = {
        "a", "b", "as_of", "as_", "A", "z", "_", "0", "中", "文", "é", "😀", "\x7f", " ", "/", "'",
        "~", "\xf0\x9f\x98\x80", "\\\"", "\\\\", "\\n", "\\t", "\\b", "\\f", "\\r",
        /* 25 clean, 18 without escapes for keys */
        "\\/", "\\u4e2d", "\\u00e9", "\\u0041", "\\u0000", "\\u001f", "\\ud83d\\ude00", "\\ud83d",
        "\\udc00", "\\x", "\x01", "\xc3", "\xe4\xb8", "\xed\xa0\x80", "\xc0\x80",
        "\xf4\x90\x80\x80"};
    strbuf_addch(&g->sb, '"');
    unsigned n = pick(g, key ? 3 : 5) + (key && !g->wild);
    for (unsigned i = 0; i < n; i++)
        strbuf_adds(&g->sb, PICK(g, parts, key ? 18 : 25));
    strbuf_addch(&g->sb, '"');
}

static void gen_value(gen *g, int depth)
{
    static const char *const nums[] = {"0",
                                       "1",
                                       "-1",
                                       "42",
                                       "123456789012345678",
                                       "-12345678901234567",
                                       "-0",
                                       "007",
                                       "1.0",
                                       "1.5",
                                       "-2.25",
                                       "1e2",
                                       "1E+2",
                                       "1e-400",
                                       "1e400",
                                       "0.1",
                                       "1234567890123456789",
                                       "9223372036854775807",
                                       "-9223372036854775808",
                                       "9223372036854775808",
                                       "-",
                                       "1.",
                                       ".5",
                                       "2e",
                                       "3.000",
                                       "100000000000000000000"};
    static const char *const lits[] = {"true", "false", "null", "tru", "nul", "True", "nullx"};
    unsigned k = pick(g, depth > 4 ? 3 : 5);
    if (k == 0) {
        gen_string(g, 0);
    } else if (k == 1) {
        strbuf_adds(&g->sb, PICK(g, nums, 6));
    } else if (k == 2) {
        strbuf_adds(&g->sb, PICK(g, lits, 3));
    } else if (k == 3) {
        strbuf_addch(&g->sb, '[');
        unsigned n = pick(g, 4);
        for (unsigned i = 0; i < n; i++) {
            if (i)
                strbuf_addch(&g->sb, ',');
            blank(g);
            gen_value(g, depth + 1);
            blank(g);
        }
        strbuf_addch(&g->sb, ']');
    } else {
        strbuf_addch(&g->sb, '{');
        unsigned n = pick(g, 6);
        for (unsigned i = 0; i < n; i++) {
            if (i)
                strbuf_addch(&g->sb, ',');
            blank(g);
            gen_string(g, 1);
            blank(g);
            strbuf_addch(&g->sb, ':');
            blank(g);
            gen_value(g, depth + 1);
            blank(g);
        }
        strbuf_addch(&g->sb, '}');
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    check(text);
    free(text);

    gen g = {.d = data, .n = size};
    strbuf_init(&g.sb, 256);
    g.wild = pick(&g, 4) == 0;
    blank(&g);
    if (pick(&g, 16) == 0)
        gen_value(&g, 0);
    else {
        strbuf_addch(&g.sb, '{');
        unsigned n = 1 + pick(&g, 12);
        for (unsigned i = 0; i < n; i++) {
            if (i)
                strbuf_addch(&g.sb, ',');
            gen_string(&g, 1);
            strbuf_addch(&g.sb, ':');
            gen_value(&g, 1);
        }
        strbuf_addch(&g.sb, '}');
    }
    blank(&g);
    check(g.sb.buf);
    strbuf_release(&g.sb);
    return 0;
}
