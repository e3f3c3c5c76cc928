/*
 * layout.c — tables stored in a given order (see store.h, store_layout).
 *
 * A table laid out by a store_layout_spec is a WITHOUT ROWID table whose primary key is
 * (group, order, key): the rows of one group (a person, or one parent record) lie
 * together in the order the screening engine reads them, so its cursors walk the table
 * itself instead of an index and a rowid lookup per row. The key stays unique (UNIQUE(key):
 * an upsert target and the parent key of REFERENCES).
 *
 * The conversion follows SQLite's recipe for changing a table's definition: with foreign
 * key enforcement off, in one transaction per table, a new table is built from the old
 * one's columns (PRAGMA table_info: type, NOT NULL, default; PRAGMA foreign_key_list:
 * REFERENCES); the rows wait in a temporary table while the old table is dropped and the
 * new one created under the same name (so nothing that names it has to change) and filled
 * in key order; then the old table's indexes and triggers are created again — except an
 * index that is a prefix of the new primary key, which it would only duplicate. A table
 * whose definition holds what these pragmas do not report (CHECK, COLLATE, generated
 * columns, composite or acting foreign keys) is left as it is.
 */
#include "store/store.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Case-insensitive substring search. */
static bool has_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (; s && *s; s++)
        if (!strncasecmp(s, w, n))
            return true;
    return false;
}

/* Whether each table of specs has exactly its primary key, into laid[]: 1 yes, 0 no, -1 no
 * such table, -2 when it could not be told. One statement for all (at every open: one
 * statement instead of two per table). */
static void has_pk_all(sqlite3 *db, const struct store_layout_spec *specs, size_t n, int *laid)
{
    strbuf names = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        laid[i] = -2;
        char *q = sqlite3_mprintf("%s%Q", i ? ", " : "", specs[i].table);
        strbuf_adds(&names, q);
        sqlite3_free(q);
    }
    /* a table without a declared primary key has one row, pk NULL */
    char *sql = sqlite3_mprintf("SELECT m.name, p.name, p.pk FROM sqlite_schema m"
                                " LEFT JOIN pragma_table_info(m.name) p ON p.pk > 0"
                                " WHERE m.type = 'table' AND m.name IN (%s)",
                                names.buf ? names.buf : "''");
    strbuf_release(&names);
    sqlite3_stmt *st = store_prepare(db, sql);
    sqlite3_free(sql);
    if (!st)
        return;
    size_t *ncols = xcalloc(n + 1, sizeof(*ncols));
    int step;
    for (size_t i = 0; i < n; i++)
        laid[i] = -1; /* no such table, until a row names it */
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        const char *name = (const char *)sqlite3_column_text(st, 1);
        int pos = sqlite3_column_int(st, 2);
        for (size_t i = 0; t && i < n; i++) {
            if (strcmp(specs[i].table, t))
                continue;
            if (laid[i] == -1)
                laid[i] = 1;
            if (sqlite3_column_type(st, 2) == SQLITE_NULL)
                continue;
            ncols[i]++;
            if (pos < 1 || (size_t)pos > specs[i].npk || !name ||
                strcmp(name, specs[i].pk[pos - 1]))
                laid[i] = 0;
        }
    }
    sqlite3_finalize(st);
    for (size_t i = 0; i < n; i++) {
        if (step != SQLITE_DONE)
            laid[i] = -2;
        else if (laid[i] == 1 && ncols[i] != specs[i].npk)
            laid[i] = 0;
    }
    free(ncols);
}

/* has_pk_all of table t alone: 1, 0, or -1 (no such table, or it could not be told). */
static int has_pk(sqlite3 *db, const char *t, const char *const *pk, size_t n)
{
    struct store_layout_spec one = {.table = t, .npk = n};
    for (size_t i = 0; i < n && i < 3; i++)
        one.pk[i] = pk[i];
    int laid;
    has_pk_all(db, &one, 1, &laid);
    return laid == -2 ? -1 : laid;
}

/* The CREATE TABLE statement of the clustered version of t, or NULL when the
 * table holds something the pragmas do not describe (see the file comment). */
static char *clustered_ddl(sqlite3 *db, const char *t, const char *const *pk, size_t npk)
{
    char *sql =
        sqlite3_mprintf("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = %Q", t);
    sqlite3_stmt *st = store_prepare(db, sql);
    sqlite3_free(sql);
    if (!st)
        return NULL;
    bool plain = sqlite3_step(st) == SQLITE_ROW;
    if (plain) {
        const char *ddl = (const char *)sqlite3_column_text(st, 0);
        plain = ddl && !has_word(ddl, "CHECK") && !has_word(ddl, "COLLATE") &&
                !has_word(ddl, "GENERATED") && !has_word(ddl, "AUTOINCREMENT") &&
                !has_word(ddl, "WITHOUT ROWID");
    }
    sqlite3_finalize(st);
    if (!plain)
        return NULL;

    /* foreign keys: single-column, without actions */
    sql = sqlite3_mprintf("SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete "
                          "FROM pragma_foreign_key_list(%Q)",
                          t);
    st = store_prepare(db, sql);
    sqlite3_free(sql);
    if (!st)
        return NULL;
    size_t nfk = 0, afk = 0;
    struct fk {
        char *from, *table, *to;
    } *fks = NULL;
    while (plain && sqlite3_step(st) == SQLITE_ROW) {
        const char *upd = (const char *)sqlite3_column_text(st, 5);
        const char *del = (const char *)sqlite3_column_text(st, 6);
        if (sqlite3_column_int(st, 1) != 0 || sqlite3_column_type(st, 4) == SQLITE_NULL ||
            (upd && strcmp(upd, "NO ACTION")) || (del && strcmp(del, "NO ACTION"))) {
            plain = false;
            break;
        }
        XGROW(fks, nfk + 1, afk);
        fks[nfk].table = xstrdup((const char *)sqlite3_column_text(st, 2));
        fks[nfk].from = xstrdup((const char *)sqlite3_column_text(st, 3));
        fks[nfk].to = xstrdup((const char *)sqlite3_column_text(st, 4));
        nfk++;
    }
    sqlite3_finalize(st);
    for (size_t i = 0; i < nfk; i++)
        for (size_t j = 0; j < i; j++)
            if (!strcmp(fks[i].from, fks[j].from))
                plain = false; /* two references from one column: keep the table */

    strbuf ddl = STRBUF_INIT;
    char *out = NULL;
    sql = sqlite3_mprintf("SELECT name, type, \"notnull\", dflt_value, hidden "
                          "FROM pragma_table_xinfo(%Q) ORDER BY cid",
                          t);
    st = plain ? store_prepare(db, sql) : NULL;
    sqlite3_free(sql);
    if (st) {
        char *head = sqlite3_mprintf("CREATE TABLE main.\"%w\" (", t);
        strbuf_adds(&ddl, head);
        sqlite3_free(head);
        int ncol = 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *name = (const char *)sqlite3_column_text(st, 0);
            const char *type = (const char *)sqlite3_column_text(st, 1);
            int notnull = sqlite3_column_int(st, 2);
            const char *dflt = (const char *)sqlite3_column_text(st, 3);
            if (sqlite3_column_int(st, 4) != 0) {
                plain = false;
                break;
            }
            for (size_t k = 0; k < npk; k++)
                notnull |= !strcmp(name, pk[k]);
            char *c = sqlite3_mprintf("%s\"%w\" %s%s", ncol++ ? ", " : "", name, type ? type : "",
                                      notnull ? " NOT NULL" : "");
            strbuf_adds(&ddl, c);
            sqlite3_free(c);
            if (dflt)
                strbuf_addf(&ddl, " DEFAULT %s", dflt);
            for (size_t i = 0; i < nfk; i++) {
                if (strcmp(fks[i].from, name))
                    continue;
                c = sqlite3_mprintf(" REFERENCES \"%w\"(\"%w\")", fks[i].table, fks[i].to);
                strbuf_adds(&ddl, c);
                sqlite3_free(c);
            }
        }
        sqlite3_finalize(st);
        strbuf_adds(&ddl, ", PRIMARY KEY (");
        for (size_t k = 0; k < npk; k++) {
            char *c = sqlite3_mprintf("%s\"%w\"", k ? ", " : "", pk[k]);
            strbuf_adds(&ddl, c);
            sqlite3_free(c);
        }
        char *u = sqlite3_mprintf("), UNIQUE (\"%w\")) WITHOUT ROWID", pk[npk - 1]);
        strbuf_adds(&ddl, u);
        sqlite3_free(u);
        if (plain && ncol > 0)
            out = xstrdup(ddl.buf);
    }
    strbuf_release(&ddl);
    for (size_t i = 0; i < nfk; i++) {
        free(fks[i].table);
        free(fks[i].from);
        free(fks[i].to);
    }
    free(fks);
    return out;
}

/* Whether index idx of t only repeats a prefix of the primary key pk (not unique, not
 * partial, every column a plain column in pk's order). */
static bool index_redundant(sqlite3 *db, const char *t, const char *idx, const char *const *pk,
                            size_t npk)
{
    char *sql = sqlite3_mprintf("SELECT 1 FROM pragma_index_list(%Q) WHERE name = %Q AND "
                                "\"unique\" = 0 AND partial = 0",
                                t, idx);
    sqlite3_stmt *st = store_prepare(db, sql);
    sqlite3_free(sql);
    bool ok = st && sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    if (!ok)
        return false;
    sql = sqlite3_mprintf("SELECT seqno, name FROM pragma_index_info(%Q) ORDER BY seqno", idx);
    st = store_prepare(db, sql);
    sqlite3_free(sql);
    if (!st)
        return false;
    size_t n = 0;
    while (ok && sqlite3_step(st) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 1);
        ok = n < npk && name && !strcmp(name, pk[n]);
        n++;
    }
    sqlite3_finalize(st);
    return ok && n > 0;
}

/* Convert table t to the clustered layout, in one transaction. */
static int cluster_table(sqlite3 *db, const char *t, const char *const *pk, size_t npk, zj_diag *d)
{
    if (store_begin(db) != 0) {
        zj_diag_set(d, "", "layout of '%s': %s", t, sqlite3_errmsg(db));
        return ZJ_EDB;
    }
    int rc = 0;
    /* another process may have converted it since we looked */
    if (has_pk(db, t, pk, npk) != 0) {
        store_rollback(db);
        return 0;
    }
    char *ddl = clustered_ddl(db, t, pk, npk);
    if (!ddl) {
        store_rollback(db);
        return 0;
    }
    /* the indexes and triggers to create again */
    char **again = NULL;
    size_t n_again = 0, a_again = 0;
    char *sql = sqlite3_mprintf("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = %Q "
                                "AND type IN ('index', 'trigger') AND sql IS NOT NULL "
                                "ORDER BY type, name",
                                t);
    sqlite3_stmt *st = store_prepare(db, sql);
    sqlite3_free(sql);
    if (!st)
        rc = ZJ_EDB;
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(st, 0);
        const char *name = (const char *)sqlite3_column_text(st, 1);
        if (!strcmp(type, "index") && index_redundant(db, t, name, pk, npk))
            continue;
        XGROW(again, n_again + 1, a_again);
        again[n_again++] = xstrdup((const char *)sqlite3_column_text(st, 2));
    }
    sqlite3_finalize(st);

    strbuf cols = STRBUF_INIT, order = STRBUF_INIT;
    sql = sqlite3_mprintf("SELECT name FROM pragma_table_info(%Q) ORDER BY cid", t);
    st = rc == 0 ? store_prepare(db, sql) : NULL;
    sqlite3_free(sql);
    if (!st)
        rc = ZJ_EDB;
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        char *c = sqlite3_mprintf("%s\"%w\"", cols.len ? ", " : "", sqlite3_column_text(st, 0));
        strbuf_adds(&cols, c);
        sqlite3_free(c);
    }
    sqlite3_finalize(st);
    for (size_t k = 0; k < npk; k++) {
        char *c = sqlite3_mprintf("%s\"%w\"", k ? ", " : "", pk[k]);
        strbuf_adds(&order, c);
        sqlite3_free(c);
    }
    /* the rows wait in a temporary table (on disk: temp_store = FILE) while the table is
     * created again under its own name, so no reference to it has to be rewritten */
    sql = sqlite3_mprintf("SELECT 1 FROM \"%w\" LIMIT 1", t);
    st = rc == 0 ? store_prepare(db, sql) : NULL;
    sqlite3_free(sql);
    bool rows = st && sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    if (rc == 0 && rows) {
        char *save = sqlite3_mprintf(
            "CREATE TEMP TABLE zj_layout_rows AS SELECT %s FROM main.\"%w\"", cols.buf, t);
        rc = store_exec(db, save, d);
        sqlite3_free(save);
    }
    if (rc == 0) {
        char *drop = sqlite3_mprintf("DROP TABLE main.\"%w\"", t);
        rc = store_exec(db, drop, d);
        sqlite3_free(drop);
    }
    if (rc == 0)
        rc = store_exec(db, ddl, d);
    if (rc == 0 && rows) {
        char *fill =
            sqlite3_mprintf("INSERT INTO main.\"%w\"(%s) SELECT %s FROM temp.zj_layout_rows"
                            " ORDER BY %s; DROP TABLE temp.zj_layout_rows;",
                            t, cols.buf, cols.buf, order.buf);
        rc = store_exec(db, fill, d);
        sqlite3_free(fill);
    }
    for (size_t i = 0; i < n_again; i++) {
        if (rc == 0)
            rc = store_exec(db, again[i], d);
        free(again[i]);
    }
    free(again);
    strbuf_release(&cols);
    strbuf_release(&order);
    free(ddl);
    if (rc == 0)
        rc = store_commit(db);
    if (rc != 0) {
        store_rollback(db);
        if (d && !d->field[0])
            snprintf(d->field, sizeof d->field, "layout of %s", t);
        return ZJ_EDB;
    }
    return 0;
}

int store_layout(sqlite3 *db, const struct store_layout_spec *specs, size_t n, zj_diag *d)
{
    int rc = 0;
    bool pragmas = false;
    int *laid = xcalloc(n + 1, sizeof(*laid));
    has_pk_all(db, specs, n, laid);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const struct store_layout_spec *sp = &specs[i];
        if (sp->npk == 0 || sp->npk > 3)
            continue;
        if (laid[i] == -2)
            laid[i] = has_pk(db, sp->table, sp->pk, sp->npk);
        if (laid[i] != 0)
            continue;
        if (!pragmas) {
            /* outside any transaction: foreign keys off while tables are swapped; sorts
             * of big tables spill to disk rather than grow memory */
            rc = store_exec(db, "PRAGMA foreign_keys = OFF; PRAGMA temp_store = FILE;", d);
            pragmas = true;
        }
        if (rc == 0)
            rc = cluster_table(db, sp->table, sp->pk, sp->npk, d);
    }
    if (pragmas)
        store_exec(db, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;", NULL);
    free(laid);
    return rc;
}
