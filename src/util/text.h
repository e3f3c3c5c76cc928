/*
 * text.h — UTF-8 helpers for text that crosses a trust boundary: validation (RFC 3629: no
 * overlongs, no surrogates, at most U+10FFFF), cleaning what an unauthenticated request or
 * a feed may store (controls and invalid bytes replaced, length bounded), and escaping for
 * a terminal.
 */
#ifndef ZJ_UTIL_TEXT_H
#define ZJ_UTIL_TEXT_H
#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

/* One sequence at s (n ≥ 1 bytes available): its length when valid, 0 when valid so far
 * but cut short, -1 when invalid. */
int utf8_seq_check(const unsigned char *s, size_t n);

/* Length of the longest prefix of s[0..n) that is valid UTF-8. */
size_t utf8_valid_prefix(const unsigned char *s, size_t n);

/* Whether s[0..n) is valid UTF-8 without NUL bytes. */
bool utf8_valid(const char *s, size_t n);

/* Whether code point cp is a control to keep out of stored and printed text: C0, DEL, C1,
 * the line/paragraph separators and the bidirectional overrides and isolates. */
bool text_is_control(unsigned cp);

/* Append s[0..n) to out as printable text of at most max_chars characters (0: no limit):
 * tab, CR and LF become a space, any other control (text_is_control) becomes '?', each
 * invalid UTF-8 byte becomes repl ("?" or "\uFFFD"). Returns true when s was changed or
 * cut. */
bool text_clean(strbuf *out, const char *s, size_t n, size_t max_chars, const char *repl);

/* Whether s is a plain name: 1 to 63 bytes of ASCII letters, digits, '_', '-' and '.'
 * (account names, procuratorate and facility ids). NULL is not. */
bool text_is_plain_name(const char *s);

/* Append s for a terminal: controls and invalid bytes as \xNN (a multi-byte control as
 * \u{XXXX}), a backslash as \\, everything else as it is. text_escape_n: s[0..n), which
 * may hold NUL bytes. */
void text_escape(strbuf *out, const char *s);
void text_escape_n(strbuf *out, const char *s, size_t n);

#endif
