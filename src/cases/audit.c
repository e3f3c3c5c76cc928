/* audit.c — appending to and verifying the hash-chained audit log (see audit.h). */
#include "cases/audit.h"
#include "store/stmt.h"
#include "store/store.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/text.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AUDIT_HASH_VERSION 2
#define AUDIT_HASH_VERSION_SQL "2"
#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

void audit_entry_hash(int version, const char *prev, long seq, const char *at, const char *actor,
                      const char *action, const char *object, const char *detail, char out[65])
{
    strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, prev);
    if (version == 1) {
        strbuf_addf(&sb, "%ld\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", seq, at, actor, action, object,
                    detail);
    } else {
        char num[24];
        snprintf(num, sizeof num, "%ld", seq);
        const char *f[] = {num, at, actor, action, object, detail};
        for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
            strbuf_addf(&sb, "%zu:", strlen(f[i]));
            strbuf_adds(&sb, f[i]);
            strbuf_addch(&sb, ',');
        }
    }
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)sb.buf, sb.len, NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
    strbuf_release(&sb);
}

/* What a field may hold: printable text of at most max characters (text.h). */
static const char *clean(strbuf *sb, const char *s, size_t max)
{
    strbuf_init(sb, 0);
    s = s ? s : "";
    text_clean(sb, s, strlen(s), max, "?");
    return sb->buf ? sb->buf : "";
}

static int append_clean(sqlite3 *db, const char *actor, const char *action, const char *object,
                        const char *detail)
{
    int own = sqlite3_get_autocommit(db);
    if (own && store_begin(db) != 0)
        return ZJ_EDB;
    int rc = ZJ_EDB;
    char prev[65] = ZERO_HASH, hash[65], now[21];
    long seq = 1;
    sqlite3_stmt *last =
        store_stmt(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    sqlite3_stmt *ins = store_stmt(db, "INSERT INTO audit_log(seq, at, actor, action, object,"
                                       " detail, prev_hash, hash, hash_version)"
                                       " VALUES (?,?,?,?,?,?,?,?," AUDIT_HASH_VERSION_SQL ")");
    if (!last || !ins)
        goto out;
    if (sqlite3_step(last) == SQLITE_ROW) {
        seq = sqlite3_column_int64(last, 0) + 1;
        snprintf(prev, sizeof prev, "%s", store_col(last, 1));
    }
    store_stmt_done(last);
    store_now(now);
    audit_entry_hash(AUDIT_HASH_VERSION, prev, seq, now, actor, action, object, detail, hash);
    sqlite3_bind_int64(ins, 1, seq);
    sqlite3_bind_text(ins, 2, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 3, actor, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 4, action, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 5, object, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 6, detail, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 7, prev, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 8, hash, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(ins) == SQLITE_DONE)
        rc = 0;
out:
    store_stmt_done(last);
    store_stmt_done(ins);
    if (own) {
        rc = store_end(db, rc);
    }
    return rc;
}

int audit_append(sqlite3 *db, const char *actor, const char *action, const char *object,
                 const char *detail)
{
    strbuf ca, cb, cc, cd;
    int rc =
        append_clean(db, clean(&ca, actor, AUDIT_ACTOR_MAX), clean(&cb, action, AUDIT_ACTION_MAX),
                     clean(&cc, object, AUDIT_OBJECT_MAX), clean(&cd, detail, AUDIT_DETAIL_MAX));
    strbuf_release(&ca);
    strbuf_release(&cb);
    strbuf_release(&cc);
    strbuf_release(&cd);
    return rc;
}

int audit_change_begin(sqlite3 *db)
{
    return store_begin(db) == 0 ? 0 : ZJ_EDB;
}

int audit_change_end(sqlite3 *db, int rc, const char *actor, const char *object, const char *detail)
{
    if (rc == 0 && audit_append(db, actor, "change", object, detail) != 0)
        rc = ZJ_EDB;
    return store_end(db, rc);
}

static int exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : ZJ_EDB;
}

int audit_change_open(sqlite3 *db, bool *own)
{
    *own = sqlite3_get_autocommit(db) != 0;
    return *own ? audit_change_begin(db) : exec(db, "SAVEPOINT audit_change");
}

int audit_change_close(sqlite3 *db, bool own, int rc, const char *actor, const char *object,
                       const char *detail)
{
    if (own)
        return audit_change_end(db, rc, actor, object, detail);
    if (rc == 0 && audit_append(db, actor, "change", object, detail) != 0)
        rc = ZJ_EDB;
    if (rc)
        exec(db, "ROLLBACK TO audit_change");
    exec(db, "RELEASE audit_change");
    return rc;
}

int audit_verify(sqlite3 *db, long *count, long *bad_seq, char *why, size_t why_n)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT seq, at, actor, action, object, detail, prev_hash, hash,"
                           " hash_version FROM audit_log ORDER BY seq",
                           -1, &st, NULL) != SQLITE_OK)
        return ZJ_EDB;
    char prev[65] = ZERO_HASH, h[65];
    long expect = 1, n = 0;
    int rc = 0, r, last_version = 1;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        long seq = sqlite3_column_int64(st, 0);
        const char *at = store_col(st, 1), *actor = store_col(st, 2), *action = store_col(st, 3),
                   *object = store_col(st, 4), *detail = store_col(st, 5),
                   *stored_prev = store_col(st, 6), *stored = store_col(st, 7);
        if (seq != expect) {
            snprintf(why, why_n, "entry %ld is missing (next present entry is %ld)", expect, seq);
            *bad_seq = expect;
            rc = ZJ_ETAMPER;
            break;
        }
        if (strcmp(stored_prev, prev) != 0) {
            snprintf(why, why_n, "entry %ld does not follow entry %ld (previous hash differs)", seq,
                     seq - 1);
            *bad_seq = seq;
            rc = ZJ_ETAMPER;
            break;
        }
        int version = sqlite3_column_int(st, 8);
        if ((version != 1 && version != 2) || version < last_version) {
            snprintf(why, why_n, "entry %ld has hash version %d after version %d", seq, version,
                     last_version);
            *bad_seq = seq;
            rc = ZJ_ETAMPER;
            break;
        }
        last_version = version;
        audit_entry_hash(version, prev, seq, at, actor, action, object, detail, h);
        if (strcmp(h, stored) != 0) {
            snprintf(why, why_n, "entry %ld was altered (hash differs)", seq);
            *bad_seq = seq;
            rc = ZJ_ETAMPER;
            break;
        }
        memcpy(prev, h, sizeof prev);
        expect++;
        n++;
    }
    if (rc == 0 && r != SQLITE_DONE)
        rc = ZJ_EDB;
    sqlite3_finalize(st);
    *count = n;
    return rc;
}

int audit_head(sqlite3 *db, long *seq, char hash[static 65])
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", -1, &st,
                           NULL) != SQLITE_OK)
        return ZJ_EDB;
    int rc = ZJ_ENOTFOUND;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *seq = (long)sqlite3_column_int64(st, 0);
        snprintf(hash, 65, "%s", store_col(st, 1));
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

int audit_check_anchor(sqlite3 *db, const char *anchor, long count, char *why, size_t why_n)
{
    char *end = NULL;
    long long seq = strtoll(anchor, &end, 10);
    if (!end || *end != ':' || seq < 1)
        return ZJ_EINVAL;
    const char *want = end + 1;
    if (seq > count) {
        snprintf(why, why_n, "anchored entry %lld is gone (log has %ld entries)", seq, count);
        return ZJ_ETAMPER;
    }
    sqlite3_stmt *st = NULL;
    int ok = sqlite3_prepare_v2(db, "SELECT hash FROM audit_log WHERE seq = ?", -1, &st, NULL) ==
             SQLITE_OK;
    if (ok) {
        sqlite3_bind_int64(st, 1, seq);
        ok = sqlite3_step(st) == SQLITE_ROW && strcmp(store_col(st, 0), want) == 0;
    }
    sqlite3_finalize(st);
    if (!ok) {
        snprintf(why, why_n, "entry %lld does not match the anchor", seq);
        return ZJ_ETAMPER;
    }
    return 0;
}
