/* text.c — UTF-8 validation, cleaning and escaping (see text.h). */
#include "util/text.h"

#include <ctype.h>
#include <string.h>

int utf8_seq_check(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    int len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return -1;
    if (c < 0xE0)
        len = 2;
    else if (c < 0xF0) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c < 0xF5) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return -1;
    for (int i = 1; i < len; i++) {
        if ((size_t)i >= n)
            return 0;
        unsigned char b = s[i];
        if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF))
            return -1;
    }
    return len;
}

size_t utf8_valid_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        int k = utf8_seq_check(s + i, n - i);
        if (k <= 0)
            return i;
        i += (size_t)k;
    }
    return n;
}

bool utf8_valid(const char *s, size_t n)
{
    return utf8_valid_prefix((const unsigned char *)s, n) == n && !memchr(s, 0, n);
}

/* The code point of the valid sequence s of length k. */
static unsigned decode(const unsigned char *s, int k)
{
    if (k == 1)
        return s[0];
    unsigned cp = s[0] & (0xFFu >> (k + 1));
    for (int i = 1; i < k; i++)
        cp = cp << 6 | (s[i] & 0x3Fu);
    return cp;
}

bool text_is_control(unsigned cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

bool text_clean(strbuf *out, const char *str, size_t n, size_t max_chars, const char *repl)
{
    const unsigned char *s = (const unsigned char *)str;
    bool changed = false;
    size_t chars = 0, i = 0;
    while (i < n) {
        if (max_chars && chars == max_chars)
            return true;
        int k = utf8_seq_check(s + i, n - i);
        if (k <= 0) {
            strbuf_adds(out, repl);
            changed = true;
            i++;
        } else {
            unsigned cp = decode(s + i, k);
            if (text_is_control(cp)) {
                strbuf_addch(out, cp == '\t' || cp == '\r' || cp == '\n' ? ' ' : '?');
                changed = true;
            } else {
                strbuf_add(out, s + i, (size_t)k);
            }
            i += (size_t)k;
        }
        chars++;
    }
    return changed;
}

void text_escape(strbuf *out, const char *str)
{
    text_escape_n(out, str, str ? strlen(str) : 0);
}

void text_escape_n(strbuf *out, const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        int k = utf8_seq_check(s + i, n - i);
        if (k <= 0) {
            strbuf_addf(out, "\\x%02X", s[i]);
            i++;
            continue;
        }
        unsigned cp = decode(s + i, k);
        if (cp == '\\')
            strbuf_adds(out, "\\\\");
        else if (text_is_control(cp))
            strbuf_addf(out, cp < 0x100 ? "\\x%02X" : "\\u{%04X}", cp);
        else
            strbuf_add(out, s + i, (size_t)k);
        i += (size_t)k;
    }
}

bool text_is_plain_name(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 63)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-' && *s != '.')
            return false;
    return true;
}
