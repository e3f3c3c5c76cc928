/*
 * encoding.c — UTF-8 validation (RFC 3629: no overlongs, no surrogates, at most
 * U+10FFFF), SHA-256 of a file (OpenSSL's
 * libcrypto, which uses the CPU's SHA instructions), and the GB18030-to-UTF-8 source (see
 * encoding.h).
 */
#include "ingest/encoding.h"
#include "util/lib_load.h"
#include "util/text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void utf8_scan_init(struct utf8_scan *u)
{
    memset(u, 0, sizeof *u);
    u->line = 1;
}

void utf8_scan_block(struct utf8_scan *u, const unsigned char *s, size_t n)
{
    size_t i = 0;
    if (u->bad)
        return;
    if (u->npend) {
        unsigned char tmp[8];
        size_t take = n < 4 ? n : 4;
        memcpy(tmp, u->pend, (size_t)u->npend);
        memcpy(tmp + u->npend, s, take);
        int k = utf8_seq_check(tmp, (size_t)u->npend + take);
        if (k < 0) {
            u->bad = 1;
            u->bad_line = u->line;
            return;
        }
        if (k == 0) { /* still cut short: the block was tiny */
            memcpy(u->pend + u->npend, s, n);
            u->npend += (int)n;
            return;
        }
        i = (size_t)k - (size_t)u->npend;
        u->npend = 0;
    }
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c == '\n')
                u->line++;
            i++;
            continue;
        }
        int k = utf8_seq_check(s + i, n - i);
        if (k < 0) {
            u->bad = 1;
            u->bad_line = u->line;
            return;
        }
        if (k == 0) {
            u->npend = (int)(n - i);
            memcpy(u->pend, s + i, n - i);
            return;
        }
        i += (size_t)k;
    }
}

int utf8_scan_finish(struct utf8_scan *u)
{
    if (!u->bad && u->npend) {
        u->bad = 1;
        u->bad_line = u->line;
    }
    return u->bad ? -1 : 0;
}

static ssize_t read_full(int fd, void *buf, size_t n)
{
    ssize_t r;
    do
        r = read(fd, buf, n);
    while (r < 0 && errno == EINTR);
    return r;
}

/* A SHA-256 context, or NULL: errno ELIBACC when libcrypto cannot be loaded
 * (ingest_strerror says why), ENOMEM when out of memory. */
static EVP_MD_CTX *sha256_new(void)
{
    if (crypto_lib_error()) {
        errno = ELIBACC;
        return NULL;
    }
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    if (c && EVP_DigestInit_ex(c, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(c);
        c = NULL;
    }
    return c;
}

/* The digest of c as 64 lowercase hex digits. */
static void sha256_hex(EVP_MD_CTX *c, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_DigestFinal_ex(c, d, &n) != 1)
        n = 0;
    for (unsigned int i = 0; i < n && i < 32; i++) {
        hex[2 * i] = digits[d[i] >> 4];
        hex[2 * i + 1] = digits[d[i] & 15];
    }
    hex[n == 32 ? 64 : 0] = '\0';
}

const char *ingest_strerror(int err)
{
    const char *why = err == ELIBACC ? crypto_lib_error() : NULL;
    return why ? why : strerror(err);
}

int ingest_file_scan(const char *path, char hex[65], int *utf8_ok, long *bad_line)
{
    enum { SCAN_BLOCK = 1 << 18 };
    struct utf8_scan u;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    EVP_MD_CTX *st = sha256_new();
    if (!st) {
        int e = errno == ELIBACC ? ELIBACC : ENOMEM;
        close(fd);
        errno = e;
        return -1;
    }
    /* the block is the call's own: imports run on several threads at once */
    unsigned char *buf = malloc(SCAN_BLOCK);
    if (!buf) {
        close(fd);
        EVP_MD_CTX_free(st);
        errno = ENOMEM;
        return -1;
    }
    utf8_scan_init(&u);
    for (;;) {
        ssize_t n = read_full(fd, buf, SCAN_BLOCK);
        if (n < 0) {
            int e = errno;
            close(fd);
            EVP_MD_CTX_free(st);
            free(buf);
            errno = e;
            return -1;
        }
        if (n == 0)
            break;
        EVP_DigestUpdate(st, buf, (size_t)n);
        utf8_scan_block(&u, buf, (size_t)n);
    }
    close(fd);
    free(buf);
    sha256_hex(st, hex);
    EVP_MD_CTX_free(st);
    *utf8_ok = utf8_scan_finish(&u) == 0;
    *bad_line = u.bad_line;
    return 0;
}

int ingest_source_open(struct ingest_source *s, const char *path, int gb18030)
{
    memset(s, 0, sizeof *s);
    s->cd = (iconv_t)-1;
    utf8_scan_init(&s->u);
    s->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (s->fd < 0)
        return -1;
    if (!(s->sha = sha256_new())) {
        int e = errno == ELIBACC ? ELIBACC : ENOMEM;
        close(s->fd);
        s->fd = -1;
        errno = e;
        return -1;
    }
    if (gb18030) {
        s->cd = iconv_open("UTF-8", "GB18030");
        if (s->cd == (iconv_t)-1) {
            int e = errno;
            ingest_source_close(s);
            errno = e;
            return -1;
        }
    }
    return 0;
}

void ingest_source_close(struct ingest_source *s)
{
    if (s->cd != (iconv_t)-1)
        iconv_close(s->cd);
    if (s->fd >= 0)
        close(s->fd);
    if (s->sha) /* none when libcrypto could not be loaded */
        EVP_MD_CTX_free(s->sha);
    s->sha = NULL;
    s->cd = (iconv_t)-1;
    s->fd = -1;
}

ssize_t ingest_source_read(void *ctx, char *buf, size_t cap)
{
    struct ingest_source *s = ctx;
    if (s->cd == (iconv_t)-1) {
        ssize_t n = read_full(s->fd, buf, cap);
        if (n > 0) {
            s->offset += n;
            EVP_DigestUpdate(s->sha, buf, (size_t)n);
            utf8_scan_block(&s->u, (const unsigned char *)buf, (size_t)n);
        }
        return n;
    }
    for (;;) {
        int need_more = 0;
        if (s->inlen > 0) {
            char *ip = s->in, *op = buf;
            size_t il = s->inlen, ol = cap;
            size_t rc = iconv(s->cd, &ip, &il, &op, &ol);
            int e = errno;
            size_t used = s->inlen - il;
            memmove(s->in, s->in + used, il);
            s->inlen = il;
            s->offset += (long)used;
            size_t produced = cap - ol;
            if (rc == (size_t)-1) {
                if (e == EILSEQ) {
                    s->bad = 1;
                    if (produced)
                        return (ssize_t)produced;
                    errno = EILSEQ;
                    return -1;
                }
                if (e == EINVAL)
                    need_more = 1; /* a sequence cut at the end of the block */
                else if (e == E2BIG && produced == 0) {
                    errno = E2BIG;
                    return -1;
                }
            }
            if (produced)
                return (ssize_t)produced;
        }
        if (s->in_eof) {
            if (s->inlen > 0) { /* truncated sequence at the end of the file */
                s->bad = 1;
                errno = EILSEQ;
                return -1;
            }
            return 0;
        }
        (void)need_more;
        ssize_t n = read_full(s->fd, s->in + s->inlen, sizeof s->in - s->inlen);
        if (n < 0)
            return -1;
        EVP_DigestUpdate(s->sha, s->in + s->inlen, (size_t)n);
        if (n == 0)
            s->in_eof = 1;
        s->inlen += (size_t)n;
    }
}

void ingest_source_finish(struct ingest_source *s, char hex[65], int *utf8_ok)
{
    sha256_hex(s->sha, hex);
    *utf8_ok = s->cd != (iconv_t)-1 || utf8_scan_finish(&s->u) == 0;
}

/* Classify the line just ended (u, high: it held a byte >= 0x80). */
static void line_end(struct utf8_scan *u, int high, long line, long *ok, long *bad, long *first_bad)
{
    if (utf8_scan_finish(u) != 0) {
        if (!*bad)
            *first_bad = line;
        ++*bad;
    } else if (high) {
        ++*ok;
    }
    utf8_scan_init(u);
}

int ingest_file_utf8_lines(const char *path, long *utf8_lines, long *bad_lines,
                           long *first_bad_line)
{
    static _Thread_local unsigned char buf[1 << 16];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct utf8_scan u;
    utf8_scan_init(&u);
    long line = 1;
    int high = 0, rc = 0;
    *utf8_lines = *bad_lines = *first_bad_line = 0;
    for (;;) {
        ssize_t n = read_full(fd, buf, sizeof buf);
        if (n < 0) {
            rc = -1;
            break;
        }
        if (n == 0)
            break;
        size_t start = 0;
        for (size_t i = 0; i < (size_t)n; i++) {
            high |= buf[i] >= 0x80;
            if (buf[i] != '\n')
                continue;
            utf8_scan_block(&u, buf + start, i - start);
            line_end(&u, high, line++, utf8_lines, bad_lines, first_bad_line);
            high = 0;
            start = i + 1;
        }
        utf8_scan_block(&u, buf + start, (size_t)n - start);
    }
    if (rc == 0)
        line_end(&u, high, line, utf8_lines, bad_lines, first_bad_line);
    int e = errno;
    close(fd);
    errno = e;
    return rc;
}

int ingest_file_is_gb18030(const char *path, long *bad_offset)
{
    static _Thread_local char out[1 << 16]; /* imports run on several threads at once */
    struct ingest_source s;
    if (ingest_source_open(&s, path, 1) != 0)
        return -1;
    int rc = 1;
    for (;;) {
        ssize_t n = ingest_source_read(&s, out, sizeof out);
        if (n == 0)
            break;
        if (n < 0) {
            rc = s.bad ? 0 : -1;
            break;
        }
        if (s.bad) {
            rc = 0;
            break;
        }
    }
    if (rc == 0 && bad_offset)
        *bad_offset = s.offset;
    ingest_source_close(&s);
    return rc;
}
