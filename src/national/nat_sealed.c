/*
 * nat_sealed.c — the one place that says which persons are sealed (犯罪记录封存, issue 17)
 * so that publish keeps their identities home: the persons row goes out with name
 * '（封存）' and no id_number, and their activities and voter records (keyed by the
 * id_number) are not sent at all. A database marks sealing by the person_sealing table the
 * importer keeps (J-01, docs/sealing.md; sealed now = sealed_until IS NULL), and also by a
 * persons.sealed column (nonzero = sealed) or a table sealed(person_id) when present.
 */
#include "national/nat.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "util/xalloc.h"

static bool has_column(sqlite3 *db, const char *table, const char *column)
{
    sqlite3_stmt *st = NULL;
    bool found = false;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, column, -1, SQLITE_STATIC);
        found = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return found;
}

char *nat_sealed_condition(sqlite3 *db)
{
    static const char *const conds[] = {
        "coalesce(p.sealed, 0) <> 0",
        "p.person_id IN (SELECT person_id FROM sealed)",
        /* J-01 as the importer keeps it (docs/sealing.md): sealed now */
        "p.person_id IN (SELECT person_id FROM person_sealing WHERE sealed_until IS NULL)",
    };
    bool have[3] = {has_column(db, "persons", "sealed"), has_column(db, "sealed", "person_id"),
                    has_column(db, "person_sealing", "person_id")};
    char buf[512] = "";
    size_t n = 0;
    for (int i = 0; i < 3; i++)
        if (have[i])
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", n ? " OR " : "", conds[i]);
    if (!n)
        return NULL;
    char *out = xmalloc(n + 3);
    snprintf(out, n + 3, "(%s)", buf);
    return out;
}

int nat_sealed_signature(sqlite3 *db, char out[65])
{
    out[0] = 0;
    char *cond = nat_sealed_condition(db);
    if (!cond)
        return 0;
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT p.person_id FROM persons p WHERE %s ORDER BY 1", cond);
    free(cond);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "zhijian: sealed persons: %s\n", sqlite3_errmsg(db));
        return -1;
    }
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    long n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *id = sqlite3_column_text(st, 0);
        crypto_generichash_update(&h, id, (unsigned long long)sqlite3_column_bytes(st, 0) + 1);
        n++;
    }
    sqlite3_finalize(st);
    unsigned char dig[32];
    crypto_generichash_final(&h, dig, sizeof dig);
    if (n)
        sodium_bin2hex(out, 65, dig, sizeof dig);
    return 0;
}
