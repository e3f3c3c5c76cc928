/*
 * reader.c — the reader loop of one file (ingest_int.h): its header row, its rows read,
 * validated and written one by one or many at a time, progress, a file refused as a whole
 * (empty, UTF-16, no usable header), the encoding decided when the bytes are not UTF-8, and
 * bulk mode (a file much larger than its table loads without the secondary indexes).
 */
#include "ingest/ingest_int.h"
#include "util/error.h"
#include "util/text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---------- bulk mode ---------- */

/* A file much larger than the feed's table loads faster without the secondary indexes:
 * drop them (inside the file's transaction) and build them again at the end, sorted. */
static int bulk_begin(struct loader *L, const char *path)
{
    struct stat stt;
    if (stat(path, &stt) != 0 || stt.st_size < (8 << 20))
        return 0;
    /* the table's rows, counted up to the file's */
    long long rows = feed_store_rows_upto(L->db, L->f->name, (long long)(stt.st_size / 64 + 1));
    if (rows < 0)
        return ZJ_EDB;
    if (stt.st_size / 64 <= rows)
        return 0;
    int rc = feed_store_indexes_drop(L->db, L->f->name, L->index_sql, 8, &L->nindex);
    if (rc && L->nindex)
        loader_say(L, "database error: %s", sqlite3_errmsg(L->db));
    feed_store_cache_spills(L->db); /* counted from here */
    return rc;
}

/* Build the indexes bulk_begin dropped. SQLite sizes a sort's runs in memory by the page
 * cache, so each build gets a cache of what the import's (L->cache_kib) has not filled
 * yet, and at least L->sort_kib: the sort and the cache stay within the cache's size (plus
 * L->sort_kib) instead of the sort holding as much again as the cache; a larger sort
 * writes its runs to temporary files. When the file's rows did not fit in the cache (it
 * wrote pages out before the COMMIT), L->sort_kib: the table is read back for the builds
 * anyway. */
static int bulk_end(struct loader *L)
{
    int rc = 0;
    bool spilled = L->nindex && L->sort_kib && feed_store_cache_spills(L->db) > 0;
    for (int i = 0; i < L->nindex; i++) {
        long long kib = 0;
        if (rc == 0 && L->sort_kib) {
            kib = spilled ? L->sort_kib : L->cache_kib - feed_store_cache_used(L->db) / 1024;
            if (kib < L->sort_kib)
                kib = L->sort_kib;
            if (kib < L->cache_kib) {
                feed_store_cache_size(L->db, -kib, NULL);
                if (!L->index_kib || kib < L->index_kib)
                    L->index_kib = kib;
            } else {
                kib = 0;
            }
        }
        if (rc == 0 && feed_store_index_build(L->db, L->index_sql[i]) != 0) {
            loader_say(L, "database error: %s", sqlite3_errmsg(L->db));
            rc = ZJ_EDB;
        }
        if (kib)
            feed_store_cache_size(L->db, -L->cache_kib, NULL);
        free(L->index_sql[i]);
    }
    L->nindex = 0;
    return rc;
}

/* ---------- one file ---------- */

/* Whether the file at path is exactly a UTF-8 byte order mark. */
static bool bom_only(const char *path)
{
    struct stat st;
    char b[3];
    FILE *f = stat(path, &st) == 0 && st.st_size == 3 ? fopen(path, "rb") : NULL;
    bool yes = f && fread(b, 1, 3, f) == 3 && !memcmp(b, "\xEF\xBB\xBF", 3);
    if (f)
        fclose(f);
    return yes;
}

/* Whether the file at path is UTF-16 text: it begins with a UTF-16 byte order mark, or its
 * first 8 characters are ASCII with a NUL beside each (a header row without the mark). */
static bool utf16_text(const char *path)
{
    unsigned char b[16];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(b, 1, sizeof b, f) : 0;
    if (f)
        fclose(f);
    if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        return true;
    size_t le = 0, be = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        le += b[i] != 0 && b[i] < 0x80 && b[i + 1] == 0;
        be += b[i] == 0 && b[i + 1] != 0 && b[i + 1] < 0x80;
    }
    return n == sizeof b && (le == sizeof b / 2 || be == sizeof b / 2);
}

static const char utf16_msg[] =
    "file is UTF-16 text, not UTF-8 or GB18030: save it as CSV (UTF-8, comma-separated) "
    "and import again";

/* The file could not be read as its encoding: set L->msg. Returns 1 when it is to be
 * read again as GB18030, 2 when it is to be read again as UTF-8 rejecting the rows that
 * are not (L->utf8_rows), 0 when it is refused, -1 on an I/O error.
 *
 * The file is read as GB18030 only when the evidence is unambiguous: it converts cleanly
 * and at most 1 in 100 of its non-ASCII lines is valid UTF-8 (a short GB18030 line can be
 * valid UTF-8 by chance; a line of UTF-8 Chinese text is practically never valid
 * GB18030-and-not-UTF-8 by chance). Otherwise it stays UTF-8 and each undecodable row is
 * rejected with its line, so no good row is stored as mojibake. */
int loader_encoding_fallback(struct loader *L, const char *path, long bad_line)
{
    long bad_off = 0, utf8_lines = 0, bad_lines = 0, first_bad = 0;
    if (utf16_text(path)) {
        snprintf(L->msg, sizeof L->msg, "%s", utf16_msg);
        return 0;
    }
    if (L->o->encoding != INGEST_ENC_GB18030 &&
        ingest_file_utf8_lines(path, &utf8_lines, &bad_lines, &first_bad) != 0) {
        loader_say(L, "cannot read '%s': %s", path, strerror(errno));
        return -1;
    }
    int g = ingest_file_is_gb18030(path, &bad_off);
    if (g < 0) {
        loader_say(L, "cannot read '%s': %s", path, strerror(errno));
        return -1;
    }
    if (L->o->encoding == INGEST_ENC_GB18030) {
        if (g == 0)
            snprintf(L->msg, sizeof L->msg, "file is not valid GB18030 (bad bytes at offset %ld)",
                     bad_off);
        return g;
    }
    if (utf8_lines == 0 && g == 1 && L->o->encoding == INGEST_ENC_UTF8) {
        snprintf(L->msg, sizeof L->msg,
                 "file is not valid UTF-8 (first bad byte on line %ld); if it is GB18030, "
                 "import with --encoding gb18030",
                 bad_line);
        return 0;
    }
    if (g == 1 && L->o->encoding == INGEST_ENC_AUTO && utf8_lines * 100 <= utf8_lines + bad_lines) {
        loader_say(L, "'%s' is not valid UTF-8: read as GB18030", path);
        return 1;
    }
    loader_say(L,
               "'%s': %ld line%s not valid UTF-8 (the first on line %ld) rejected; the file's "
               "other non-ASCII lines are UTF-8",
               path, bad_lines, bad_lines == 1 ? "" : "s", first_bad);
    return 2;
}

void loader_file_close(struct file_read *F)
{
    if (F->rd_init)
        csv_reader_release(&F->rd);
    F->rd_init = 0;
    ingest_source_close(&F->src);
}

/* A fixed file re-imported replaces its earlier rejects; the keys met unchanged start
 * empty. */
static int forget_earlier_reading(struct loader *L, const char *path)
{
    int rc = feed_store_rejects_forget(L->db, L->f->name, path, false, NULL);
    if (rc == 0)
        feed_store_seen_clear(L->db);
    if (rc)
        loader_say(L, "database error: %s", sqlite3_errmsg(L->db));
    return rc;
}

/* Open the file and read its header row. Sets F->refused (with L->msg) for a file without
 * a usable header. Returns 0, NOT_UTF8 or ZJ_EIO. */
static int open_and_read_header(struct loader *L, struct file_read *F)
{
    if (ingest_source_open(&F->src, F->path, F->gb) != 0) {
        loader_say(L, "cannot open '%s': %s", F->path, ingest_strerror(errno));
        return ZJ_EIO;
    }
    csv_reader_init(&F->rd, ingest_source_read, &F->src);
    F->rd_init = 1;
    int r = csv_next(&F->rd);
    if (r < 0) {
        loader_say(L, "cannot read '%s': %s", F->path, strerror(errno));
        return ZJ_EIO;
    }
    if (!F->gb && !L->utf8_rows && F->src.u.bad)
        return NOT_UTF8;
    L->reject_col = -1;
    if (r == 0) {
        snprintf(L->msg, sizeof L->msg, "%s",
                 bom_only(F->path) ? "file holds only a byte order mark (no header row)"
                                   : "file is empty (no header row)");
        F->refused = 1;
    } else if (!utf8_valid(F->rd.raw, F->rd.raw_len)) {
        snprintf(L->msg, sizeof L->msg, "%s",
                 utf16_text(F->path) ? utf16_msg : "the header row is not valid UTF-8 text");
        F->refused = 1;
    } else if (loader_header(L, &F->rd) != 0) {
        F->refused = 1;
    }
    return 0;
}

/* Record the refused file: its batch (with the file's SHA-256) and one reject saying why
 * (L->msg). Returns ZJ_EINVAL, or ZJ_EIO / ZJ_EDB. */
static int refuse_file(struct loader *L, struct file_read *F)
{
    char sha[65] = "";
    int utf8_ok, rc;
    long bad_line;
    const char *raw = F->rd_init ? F->rd.raw : "";
    size_t raw_len = F->rd_init ? F->rd.raw_len : 0;
    if (ingest_file_scan(F->path, sha, &utf8_ok, &bad_line) != 0) {
        loader_say(L, "cannot read '%s': %s", F->path, ingest_strerror(errno));
        return ZJ_EIO;
    }
    if ((rc = loader_batch_begin(L, F->dir, sha, F->gb ? "gb18030" : "utf-8", NULL, 0)) != 0)
        return rc;
    L->pending = 0;
    long line = F->rd_init && F->rd.rec_line > 0 ? F->rd.rec_line : 1;
    strbuf esc = STRBUF_INIT;
    if (raw && !utf8_valid(raw, raw_len)) {
        text_escape_n(&esc, raw, raw_len);
        raw = esc.buf ? esc.buf : "";
        raw_len = esc.len;
    }
    rc = loader_store_reject(L, line, raw, raw_len, NULL, 0);
    strbuf_release(&esc);
    if (rc != 0)
        return rc;
    if (!L->o->strict)
        loader_say(L, "%s: %s", F->path, L->msg);
    F->c.files_rejected = 1;
    if ((rc = loader_batch_end(L, &F->c)) != 0)
        return rc;
    return ZJ_EINVAL;
}

/* Validate and write the rows after the header, counting them in F->c. Returns 0,
 * NOT_UTF8, ZJ_EIO or ZJ_EDB. */
static int load_rows(struct loader *L, struct file_read *F)
{
    const struct ingest_options *o = L->o;
    struct stat st;
    int many = loader_pending_begin(L, stat(F->path, &st) == 0 ? (long long)st.st_size : 0);
    if (many && L->rdb)
        return loader_rows_ahead(L, F);
    for (;;) {
        int r = csv_next(&F->rd);
        if (r < 0) {
            if (F->src.bad)
                loader_say(L, "%s: invalid GB18030 bytes near offset %ld", F->path, F->src.offset);
            else
                loader_say(L, "cannot read '%s': %s", F->path, strerror(errno));
            return ZJ_EIO;
        }
        if (!F->gb && !L->utf8_rows && F->src.u.bad)
            return NOT_UTF8;
        if (r == 0)
            return many ? loader_pending_write(L, &F->c) : 0;
        if (F->rd.nfields == 1 && F->rd.raw_len == 0 && !F->rd.error)
            continue; /* blank line */
        F->c.read++;
        if (!many) {
            int out = loader_process_row(L, &F->rd);
            if (out < 0)
                return out;
            loader_count(&F->c, out);
        } else {
            /* a valid row waits; a rejected one is stored after the rows before it */
            struct ingest_row row;
            if (loader_validate_row(L, &F->rd, &row) == 0) {
                loader_pending_add(L, &F->rd, &row);
                if (L->npend == PEND_ROWS && loader_pending_write(L, &F->c) != 0)
                    return ZJ_EDB;
            } else {
                char msg[MSG_SZ];
                int col = L->reject_col, pending = L->pending;
                memcpy(msg, L->msg, sizeof msg);
                if (loader_pending_write(L, &F->c) != 0)
                    return ZJ_EDB;
                memcpy(L->msg, msg, sizeof msg);
                L->reject_col = col;
                L->pending = pending;
                size_t kn;
                const char *k =
                    utf8_valid(F->rd.raw, F->rd.raw_len) ? loader_record_key(L, &F->rd, &kn) : NULL;
                if (loader_reject_row(L, F->rd.rec_line, F->rd.raw, F->rd.raw_len, k, k ? kn : 0))
                    return ZJ_EDB;
                loader_count(&F->c, OUT_REJECTED);
            }
        }
        if (o->progress && (F->c.read & 0xFFFF) == 0) {
            /* the rows to come, estimated from the bytes read so far */
            struct stat fs;
            long total = 0;
            if (F->src.offset > 0 && stat(F->path, &fs) == 0)
                total = (long)((double)F->c.read * (double)fs.st_size / (double)F->src.offset);
            o->progress(L->f->name, F->c.read, total > F->c.read ? total : F->c.read);
        }
    }
}

static void warn_extra_columns(struct loader *L, const char *path)
{
    strbuf names = STRBUF_INIT;
    strbuf_init(&names, 64);
    for (size_t h = 0; h < L->nheader; h++)
        if (L->hcol[h] < 0)
            strbuf_addf(&names, "%s'%s'", names.len ? ", " : "", L->hname[h]);
    loader_say(L, "warning: %s: unknown column%s %s kept in 'extra'", path,
               L->nextra > 1 ? "s" : "", names.buf);
    strbuf_release(&names);
}

/* One reading of the file inside the file's savepoint: its batch, its rows, its counts.
 * Returns 0, ZJ_EINVAL (refused), NOT_UTF8 (nothing to keep: roll back and read again),
 * ZJ_EIO or ZJ_EDB. */
int loader_read_file(struct loader *L, struct file_read *F)
{
    int rc;
    memset(&F->c, 0, sizeof F->c);
    if ((rc = forget_earlier_reading(L, F->path)) != 0)
        return rc;
    if (!F->refused && (rc = open_and_read_header(L, F)) != 0)
        return rc;
    if (F->refused)
        return refuse_file(L, F);
    if ((rc = loader_batch_begin(L, F->dir, NULL, F->gb ? "gb18030" : "utf-8", F->rd.raw,
                                 F->rd.raw_len)) != 0 ||
        (rc = bulk_begin(L, F->path)) != 0 || (rc = load_rows(L, F)) != 0)
        return rc;
    L->t_rows = loader_now();
    int utf8_ok;
    char sha[65];
    ingest_source_finish(&F->src, sha, &utf8_ok);
    if (!utf8_ok && !L->utf8_rows) /* a sequence cut short at the very end */
        return NOT_UTF8;
    if (L->nextra)
        warn_extra_columns(L, F->path);
    if ((rc = bulk_end(L)) != 0)
        return rc;
    L->t_index = loader_now();
    snprintf(L->sha, sizeof L->sha, "%s", sha);
    rc = loader_batch_end(L, &F->c);
    L->t_end = loader_now();
    L->sha[0] = '\0';
    return rc;
}
