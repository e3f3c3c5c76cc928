/*
 * encoding.h — reading a feed file as UTF-8: a scan that hashes the file (SHA-256,
 * OpenSSL's libcrypto) and checks that it is valid UTF-8, a check that it is valid
 * GB18030, and a csv_read_fn source that passes UTF-8 through or converts GB18030 to UTF-8 with
 * glibc iconv, block by block (memory does not depend on the file size).
 */
#ifndef ZJ_INGEST_ENCODING_H
#define ZJ_INGEST_ENCODING_H
#include <iconv.h>
#include <openssl/evp.h>
#include <stddef.h>
#include <sys/types.h>

#include "util/text.h"

/* Validate UTF-8 incrementally. Feed blocks with utf8_scan_block; state carries a
 * sequence cut at a block end. */
struct utf8_scan {
    unsigned char pend[4];
    int npend;
    int bad;       /* 1 once an invalid sequence was seen */
    long line;     /* current line (1-based) */
    long bad_line; /* line of the first invalid byte */
};
void utf8_scan_init(struct utf8_scan *u);
void utf8_scan_block(struct utf8_scan *u, const unsigned char *s, size_t n);
/* Finish: an incomplete sequence at the end is invalid. Returns 0 when valid, -1 if not. */
int utf8_scan_finish(struct utf8_scan *u);

/* What errno err of the functions below means: for ELIBACC why libcrypto (the files'
 * SHA-256) cannot be loaded, else strerror(err). */
const char *ingest_strerror(int err);

/* Read the file at path once: its SHA-256 as 64 lowercase hex digits into hex, and whether
 * it is valid UTF-8 (*utf8_ok, *bad_line). Returns 0 or -1 (errno set) on an I/O error. */
int ingest_file_scan(const char *path, char hex[65], int *utf8_ok, long *bad_line);

/* The evidence of a file's encoding, line by line: lines holding bytes >= 0x80 that are
 * valid UTF-8 (*utf8_lines) and lines that are not valid UTF-8 (*bad_lines, the first one
 * on *first_bad_line). Returns 0 or -1 (errno set) on an I/O error. */
int ingest_file_utf8_lines(const char *path, long *utf8_lines, long *bad_lines,
                           long *first_bad_line);

/* Whether the file at path converts cleanly from GB18030: 1 yes, 0 no (*bad_offset set to
 * the byte offset of the first bad sequence), -1 on an I/O error. */
int ingest_file_is_gb18030(const char *path, long *bad_offset);

/* A source for csv_reader: fd, optionally through iconv (GB18030 to UTF-8). It hashes
 * the file's bytes as they are read (SHA-256) and, when passing through, checks that they
 * are UTF-8 (u.bad), so one pass does everything. */
struct ingest_source {
    int fd;
    EVP_MD_CTX *sha; /* SHA-256 of the bytes read (libcrypto: the CPU's SHA instructions) */
    struct utf8_scan u;
    iconv_t cd; /* (iconv_t)-1: pass through */
    char in[65536];
    size_t inlen;
    int in_eof;
    int bad;     /* an invalid or truncated sequence was met */
    long offset; /* bytes of the file consumed */
};
/* Open path for reading; gb18030 non-zero converts. Returns 0 or -1 (errno set). */
int ingest_source_open(struct ingest_source *s, const char *path, int gb18030);
void ingest_source_close(struct ingest_source *s);
/* After the end of the input: the SHA-256 of all bytes read, as 64 hex digits, and whether
 * they were valid UTF-8 (pass-through sources only; 1 for converting ones). */
void ingest_source_finish(struct ingest_source *s, char hex[65], int *utf8_ok);
/* The csv_read_fn of a source (ctx = struct ingest_source *). */
ssize_t ingest_source_read(void *ctx, char *buf, size_t cap);

#endif
