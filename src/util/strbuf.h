/*
 * strbuf.h — a growable NUL-terminated byte buffer (after git's strbuf).
 * `buf` is always valid and NUL-terminated after strbuf_init; `len` excludes the NUL.
 * strbuf_release frees the contents; strbuf_detach hands the string to the caller.
 */
#ifndef ZJ_STRBUF_H
#define ZJ_STRBUF_H
#include <stddef.h>

typedef struct strbuf {
    char *buf;
    size_t len;
    size_t alloc;
} strbuf;

#define STRBUF_INIT                                                                                \
    {                                                                                              \
        0                                                                                          \
    }

void strbuf_init(strbuf *sb, size_t hint);
void strbuf_release(strbuf *sb);
char *strbuf_detach(strbuf *sb, size_t *len);
void strbuf_reset(strbuf *sb);
void strbuf_grow(strbuf *sb, size_t extra);
void strbuf_add(strbuf *sb, const void *data, size_t n);
void strbuf_adds(strbuf *sb, const char *s);
void strbuf_addch(strbuf *sb, char c);
void strbuf_addf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append s as a JSON string literal, with quotes and escapes. NULL appends null. */
void strbuf_add_json_str(strbuf *sb, const char *s);
/* Append s escaped for HTML text and attribute values. */
void strbuf_add_html(strbuf *sb, const char *s);
/* Whether a spreadsheet would read cell text s as a formula: it begins with = + - @, a tab
 * or CR (or their full-width forms ＝ ＋ － ＠), and is not a plain decimal number such as
 * -12 or +3.5. Every export (CSV, and spreadsheets) neutralises such cells. */
int cell_formula_like(const char *s);
/* Append s as one CSV cell of an export read by people in a spreadsheet (quoted when it
 * holds , " CR or LF). A formula-like cell (cell_formula_like) is written as text: prefixed
 * with ' and quoted. */
void strbuf_add_csv(strbuf *sb, const char *s);
/* Append s as one CSV field read back by a program (feed files, a row kept for a retry):
 * quoted when it holds , " CR or LF, otherwise as it is — never neutralised. */
void strbuf_add_csv_field(strbuf *sb, const char *s);

#endif
