/* test_audit_hash.c — the audit log against unauthenticated input (issue 13): an actor is
 * stored as at most 64 printable characters whatever it was (250 KB, terminal escapes, the
 * U+001F separator, invalid UTF-8); entries whose fields differ only in where a separator
 * falls hash differently (hash_version 2, length-prefixed), where version 1 hashed them
 * alike; entries written with version 1 still verify, and a version-1 entry after a
 * version-2 one is a break. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/audit.h"
#include "store/stmt.h"
#include "cases_harness.h"
#include "util/error.h"
#include "util/text.h"

static int setup(void **state)
{
    (void)state;
    zj_diag d = {0};
    return store_open(":memory:", 0, &db, &d) ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(db); /* audit_append's statements are cached on the connection */
    return 0;
}

static const char *zero = "0000000000000000000000000000000000000000000000000000000000000000";

static void test_separator_in_a_field(void **state)
{
    (void)state;
    char a[65], b[65];
    /* version 1: "x\x1fy" + "z" and "x" + "y\x1fz" join to the same text */
    audit_entry_hash(1, zero, 7, "2026-01-01T00:00:00Z", "x\x1fy", "z", "o", "d", a);
    audit_entry_hash(1, zero, 7, "2026-01-01T00:00:00Z", "x", "y\x1fz", "o", "d", b);
    assert_string_equal(a, b);
    audit_entry_hash(2, zero, 7, "2026-01-01T00:00:00Z", "x\x1fy", "z", "o", "d", a);
    audit_entry_hash(2, zero, 7, "2026-01-01T00:00:00Z", "x", "y\x1fz", "o", "d", b);
    assert_string_not_equal(a, b);
    /* and a length that looks like a prefix cannot shift bytes between fields */
    audit_entry_hash(2, zero, 7, "t", "1:a,", "b", "o", "d", a);
    audit_entry_hash(2, zero, 7, "t", "1:a", ",b", "o", "d", b);
    assert_string_not_equal(a, b);
}

static void test_unauthenticated_actor(void **state)
{
    (void)state;
    size_t n = 250 * 1024;
    char *name = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        name[i] = "\x1b[31mA\x1f\r\n\x07\xff"[i % 12];
    name[n] = 0;
    assert_int_equal(audit_append(db, name, "login_failed", "account", "\x1b]0;x\x07"), 0);
    free(name);
    sqlite3_stmt *st = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(db, "SELECT actor, detail, hash_version FROM audit_log", -1, &st, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *actor = (const char *)sqlite3_column_text(st, 0);
    const char *detail = (const char *)sqlite3_column_text(st, 1);
    assert_true(strlen(actor) <= 64 && strlen(actor) > 0);
    assert_true(utf8_valid(actor, strlen(actor)));
    for (const char *p = actor; *p; p++)
        assert_true((unsigned char)*p >= 0x20 && *p != 0x7f);
    for (const char *p = detail; *p; p++)
        assert_true((unsigned char)*p >= 0x20 && *p != 0x7f);
    assert_int_equal(sqlite3_column_int(st, 2), 2);
    sqlite3_finalize(st);
    /* Chinese names keep their characters: 64 characters, not 64 bytes */
    char cn[400] = "";
    for (int i = 0; i < 70; i++)
        strcat(cn, "张");
    assert_int_equal(audit_append(db, cn, "login_failed", "account", ""), 0);
    assert_int_equal(query_long("SELECT length(actor) FROM audit_log WHERE seq = 2"), 64);
    long count = 0, bad = 0;
    char why[256];
    assert_int_equal(audit_verify(db, &count, &bad, why, sizeof why), 0);
    assert_int_equal(count, 2);
}

/* Insert entry seq with a version-v hash chained on the previous one. */
static void insert_entry(int v, long seq, const char *actor)
{
    char prev[65], h[65];
    if (seq == 1)
        strcpy(prev, zero);
    else {
        sqlite3_stmt *st = NULL;
        assert_int_equal(
            sqlite3_prepare_v2(db, "SELECT hash FROM audit_log WHERE seq = ?", -1, &st, NULL),
            SQLITE_OK);
        sqlite3_bind_int64(st, 1, seq - 1);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        strcpy(prev, (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    audit_entry_hash(v, prev, seq, "2025-01-01T00:00:00Z", actor, "login", "account", "", h);
    char sql[512];
    snprintf(sql, sizeof sql,
             "INSERT INTO audit_log(seq, at, actor, action, object, detail,"
             " prev_hash, hash, hash_version) VALUES (%ld, '2025-01-01T00:00:00Z', '%s', 'login',"
             " 'account', '', '%s', '%s', %d)",
             seq, actor, prev, h, v);
    exec(sql);
}

static void test_old_entries_verify(void **state)
{
    (void)state;
    insert_entry(1, 1, "old1");
    insert_entry(1, 2, "old2");
    assert_int_equal(audit_append(db, "new", "login", "account", ""), 0);
    long count = 0, bad = 0;
    char why[256] = "";
    assert_int_equal(audit_verify(db, &count, &bad, why, sizeof why), 0);
    assert_int_equal(count, 3);
    assert_int_equal(query_long("SELECT group_concat(hash_version, '') FROM audit_log"), 112);
    /* a version-1 entry after a version-2 one: a downgrade, refused */
    insert_entry(1, 4, "late");
    assert_int_equal(audit_verify(db, &count, &bad, why, sizeof why), ZJ_ETAMPER);
    assert_int_equal(bad, 4);
    assert_non_null(strstr(why, "hash version"));
}

static void test_text_helpers(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    assert_true(text_clean(&sb, "a\x1b[1mb\xc3", 7, 0, "?"));
    assert_string_equal(sb.buf, "a?[1mb?");
    strbuf_reset(&sb);
    assert_false(text_clean(&sb, "张三 ok", strlen("张三 ok"), 0, "?"));
    strbuf_reset(&sb);
    text_escape(&sb, "a\x1b\\\xe2\x80\xae"
                     "b\xff");
    assert_string_equal(sb.buf, "a\\x1B\\\\\\u{202E}b\\xFF");
    strbuf_release(&sb);
    assert_false(utf8_valid("a\0b", 3));
    assert_false(utf8_valid("\xed\xa0\x80", 3)); /* a surrogate */
    assert_false(utf8_valid("\xc0\xaf", 2));     /* an overlong '/' */
    assert_true(utf8_valid("\xf0\x9f\x98\x80", 4));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_separator_in_a_field),
        cmocka_unit_test_setup_teardown(test_unauthenticated_actor, setup, teardown),
        cmocka_unit_test_setup_teardown(test_old_entries_verify, setup, teardown),
        cmocka_unit_test(test_text_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
