/*
 * nat_init.c — `zhijian national init` and `national attach` (nat.h): the national schema
 * on PostgreSQL, its migrations, the mirrored tables partitioned by province, the
 * provinces' partitions, roles and view schemas, and postgres_fdw federation.
 *
 * Migrations: nat.schema_migrations(name) holds "national-1" (nat_schema.sql, applied
 * once) and one "mirror:<name>" row per SQLite migration whose tables the national side
 * mirrors; the mirror itself is brought up to date on every init (tables created, missing
 * columns added), so a province's newer schema needs only `national init` again.
 */
#include "national/nat.h"
#include "national/pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "law/law.h"
#include "store/store.h"
#include "util/embedded.h"
#include "util/xalloc.h"

static bool valid_province(const char *p)
{
    return strlen(p) == 2 && p[0] >= '1' && p[0] <= '6' && p[1] >= '0' && p[1] <= '9' &&
           nat_province_name(p);
}

static int exec_sb(PGconn *c, strbuf *sb)
{
    int rc = pg_exec(c, sb->buf);
    strbuf_reset(sb);
    return rc;
}

/* The national tier's own migrations, applied once each, in order. */
static const char *const nat_migrations[][2] = {
    {"national-1", "src/national/nat_schema.sql"},
    {"national-2", "src/national/nat_schema_2.sql"},
    {"national-3", "src/national/nat_schema_3.sql"},
};

static int apply_static(PGconn *c)
{
    if (pg_exec(c, "CREATE SCHEMA IF NOT EXISTS nat;"
                   "CREATE TABLE IF NOT EXISTS nat.schema_migrations("
                   " name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"))
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof nat_migrations / sizeof nat_migrations[0]; i++) {
        const char *name = nat_migrations[i][0];
        char *have =
            pg_value(c, "SELECT count(*) FROM nat.schema_migrations WHERE name = $1", 1, &name);
        if (!have)
            return -1;
        if (!strcmp(have, "0")) {
            const struct zj_embedded *e = zj_embedded_find(nat_migrations[i][1]);
            rc = e && !pg_exec(c, (const char *)e->data) &&
                         !pg_execp(c, "INSERT INTO nat.schema_migrations(name) VALUES ($1)", 1,
                                   &name)
                     ? 0
                     : -1;
        }
        free(have);
    }
    if (rc)
        return rc;
    const struct zj_embedded *f = zj_embedded_find("src/national/nat_funcs.sql");
    return f ? pg_exec(c, (const char *)f->data) : -1;
}

static int fill_charges(PGconn *c)
{
    if (pg_exec(c, "TRUNCATE nat.charges, nat.charge_categories") ||
        pg_copy_begin(c, "COPY nat.charge_categories(id) FROM STDIN"))
        return -1;
    strbuf sb = STRBUF_INIT;
    for (unsigned bit = 1; bit <= LAW_CAT_NEGLIGENT; bit <<= 1)
        strbuf_addf(&sb, "%s\n", law_charge_cat_id(bit));
    int rc = pg_copy_send(c, sb.buf, sb.len) || pg_copy_end(c) ? -1 : 0;
    strbuf_reset(&sb);
    if (!rc && (rc = pg_copy_begin(c, "COPY nat.charges(name, categories) FROM STDIN")) == 0) {
        for (size_t i = 0; i < law_charge_table_size(); i++) {
            unsigned cats = 0;
            const char *name = law_charge_table_name(i, &cats);
            pg_copy_field(&sb, name, strlen(name));
            strbuf_addch(&sb, '\t');
            int first = 1;
            for (unsigned bit = 1; bit <= LAW_CAT_NEGLIGENT; bit <<= 1)
                if (cats & bit) {
                    strbuf_addf(&sb, "%s%s", first ? "" : ",", law_charge_cat_id(bit));
                    first = 0;
                }
            strbuf_addch(&sb, '\n');
        }
        rc = pg_copy_send(c, sb.buf, sb.len) || pg_copy_end(c) ? -1 : 0;
    }
    strbuf_release(&sb);
    return rc;
}

/* The mirrored tables from the SQLite schema the program carries. */
static int mirror(PGconn *c, sqlite3 *lite)
{
    strbuf sb = STRBUF_INIT;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < nat_n_tables; i++) {
        const struct nat_table *t = &nat_tables[i];
        char **cols, **types;
        size_t n;
        if (nat_columns(lite, t, &cols, &types, &n)) {
            fprintf(stderr, "zhijian: national: no table '%s' in the provincial schema\n", t->name);
            return -1;
        }
        strbuf_addf(&sb, "CREATE TABLE IF NOT EXISTS nat.%s (province text NOT NULL", t->name);
        for (size_t k = 0; k < n; k++)
            strbuf_addf(&sb, ", %s %s", cols[k], types[k]);
        strbuf_addf(&sb, ") PARTITION BY LIST (province);");
        for (size_t k = 0; k < n; k++)
            strbuf_addf(&sb, "ALTER TABLE nat.%s ADD COLUMN IF NOT EXISTS %s %s;", t->name, cols[k],
                        types[k]);
        rc = exec_sb(c, &sb);
        nat_columns_free(cols, types, n);
    }
    sqlite3_stmt *st = NULL;
    if (rc == 0 && sqlite3_prepare_v2(lite, "SELECT name FROM schema_migrations ORDER BY rowid", -1,
                                      &st, NULL) == SQLITE_OK) {
        while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
            char name[128];
            snprintf(name, sizeof name, "mirror:%s", (const char *)sqlite3_column_text(st, 0));
            const char *p = name;
            rc = pg_execp(c,
                          "INSERT INTO nat.schema_migrations(name) VALUES ($1)"
                          " ON CONFLICT (name) DO NOTHING",
                          1, &p);
        }
    }
    sqlite3_finalize(st);
    strbuf_release(&sb);
    return rc;
}

static const char *const own_tables[][2] = {
    {"publish_state", "tbl"},
    {"national_leads", "model_id, subject"},
};

static int add_province(PGconn *c, const char *p)
{
    const char *params[2] = {p, nat_province_name(p)};
    char *layout = pg_value(c,
                            "INSERT INTO nat.provinces(province, name) VALUES ($1, $2)"
                            " ON CONFLICT (province) DO UPDATE SET name = EXCLUDED.name"
                            " RETURNING layout",
                            2, params);
    if (!layout)
        return -1;
    bool local = !strcmp(layout, "local");
    free(layout);
    strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb,
                "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'zj_p%s')"
                " THEN CREATE ROLE zj_p%s NOLOGIN; END IF; END $$;"
                "GRANT USAGE ON SCHEMA nat TO zj_p%s;"
                "GRANT SELECT ON nat.provinces, nat.screenings, nat.cross_rounds, nat.cross_members"
                " TO zj_p%s;"
                "GRANT EXECUTE ON FUNCTION nat.indexes_off(text, text), nat.indexes_on(text, text)"
                " TO zj_p%s;"
                "CREATE SCHEMA IF NOT EXISTS nat_p%s;",
                p, p, p, p, p, p);
    for (size_t i = 0; i < nat_n_tables + 2; i++) {
        const char *name = i < nat_n_tables ? nat_tables[i].name : own_tables[i - nat_n_tables][0];
        const char *key = i < nat_n_tables ? nat_tables[i].key : own_tables[i - nat_n_tables][1];
        if (local) {
            strbuf_addf(
                &sb,
                "CREATE TABLE IF NOT EXISTS nat.%s_p%s PARTITION OF nat.%s (PRIMARY KEY (%s))"
                " FOR VALUES IN ('%s');",
                name, p, name, key, p);
            const char *ix = i < nat_n_tables ? nat_tables[i].indexes : NULL;
            for (int k = 0; ix && *ix; k++) {
                size_t l = strcspn(ix, ";");
                strbuf_addf(&sb, "CREATE INDEX IF NOT EXISTS %s_p%s_i%d ON nat.%s_p%s (%.*s);",
                            name, p, k, name, p, (int)l, ix);
                ix += l + (ix[l] == ';');
            }
        }
        if (!strcmp(name, "national_leads"))
            strbuf_addf(&sb, "GRANT SELECT ON nat.%s_p%s TO zj_p%s;", name, p, p);
        else
            strbuf_addf(&sb,
                        "GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON nat.%s_p%s TO zj_p%s;",
                        name, p, p);
        if (i < nat_n_tables)
            strbuf_addf(&sb,
                        "CREATE OR REPLACE VIEW nat_p%s.%s AS SELECT * FROM nat.%s"
                        " WHERE province = '%s';",
                        p, name, name, p);
    }
    int rc = exec_sb(c, &sb);
    strbuf_release(&sb);
    return rc;
}

int nat_init(PGconn *c, const char *provinces)
{
    char *list = xstrdup(provinces);
    for (char *s = strtok(list, ","); s; s = strtok(NULL, ","))
        if (!valid_province(s)) {
            fprintf(stderr, "zhijian national: unknown province code '%s' (two digits, 11…65)\n",
                    s);
            free(list);
            return -1;
        }
    sqlite3 *lite = NULL;
    zj_diag d = {0};
    if (store_open(":memory:", 0, &lite, &d)) {
        fprintf(stderr, "zhijian national: %s\n", d.message);
        free(list);
        return -1;
    }
    strcpy(list, provinces);
    int rc = pg_exec(c, "BEGIN; SELECT pg_advisory_xact_lock(20020)");
    if (!rc)
        rc = apply_static(c);
    if (!rc)
        rc = mirror(c, lite);
    if (!rc)
        rc = fill_charges(c);
    for (char *s = strtok(list, ","); !rc && s; s = strtok(NULL, ","))
        rc = add_province(c, s);
    rc = rc ? (pg_exec(c, "ROLLBACK"), -1) : pg_exec(c, "COMMIT");
    store_close(lite);
    free(list);
    return rc;
}

static void add_literal(PGconn *c, strbuf *sb, const char *s)
{
    char *q = PQescapeLiteral(c, s, strlen(s));
    strbuf_adds(sb, q ? q : "''");
    PQfreemem(q);
}

int nat_attach(PGconn *c, const char *p, const char *url)
{
    if (!valid_province(p)) {
        fprintf(stderr, "zhijian national: unknown province code '%s'\n", p);
        return -1;
    }
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(url, &err);
    if (!opts) {
        fprintf(stderr, "zhijian national: invalid --server '%s': %s", url, err ? err : "\n");
        PQfreemem(err);
        return -1;
    }
    strbuf srv = STRBUF_INIT, map = STRBUF_INIT, sb = STRBUF_INIT;
    for (PQconninfoOption *o = opts; o->keyword; o++) {
        if (!o->val || !*o->val)
            continue;
        bool user = !strcmp(o->keyword, "user") || !strcmp(o->keyword, "password");
        if (!user && strcmp(o->keyword, "host") && strcmp(o->keyword, "hostaddr") &&
            strcmp(o->keyword, "port") && strcmp(o->keyword, "dbname") &&
            strcmp(o->keyword, "sslmode"))
            continue;
        strbuf *t = user ? &map : &srv;
        strbuf_addf(t, "%s%s ", t->len ? ", " : "", o->keyword);
        add_literal(c, t, o->val);
    }
    PQconninfoFree(opts);
    char *layout = pg_value(c, "SELECT layout FROM nat.provinces WHERE province = $1", 1, &p);
    if (!layout || !*layout) {
        if (layout)
            fprintf(stderr,
                    "zhijian national: province %s is not registered (national init"
                    " --provinces %s first)\n",
                    p, p);
        free(layout);
        strbuf_release(&srv);
        strbuf_release(&map);
        return -1;
    }
    free(layout);
    strbuf_addf(&sb,
                "BEGIN; SELECT pg_advisory_xact_lock(20020);"
                "CREATE EXTENSION IF NOT EXISTS postgres_fdw;"
                "DROP SERVER IF EXISTS zj_prov_%s CASCADE;"
                "CREATE SERVER zj_prov_%s FOREIGN DATA WRAPPER postgres_fdw"
                " OPTIONS (%s%sfetch_size '10000');"
                "CREATE USER MAPPING FOR PUBLIC SERVER zj_prov_%s%s%s%s;",
                p, p, srv.buf ? srv.buf : "", srv.len ? ", " : "", p, map.len ? " OPTIONS (" : "",
                map.buf ? map.buf : "", map.len ? ")" : "");
    for (size_t i = 0; i < nat_n_tables + 2; i++) {
        const char *name = i < nat_n_tables ? nat_tables[i].name : own_tables[i - nat_n_tables][0];
        strbuf_addf(&sb,
                    "DROP TABLE IF EXISTS nat.%s_p%s CASCADE;"
                    "CREATE FOREIGN TABLE nat.%s_p%s PARTITION OF nat.%s FOR VALUES IN ('%s')"
                    " SERVER zj_prov_%s OPTIONS (schema_name 'nat', table_name '%s_p%s');"
                    "GRANT SELECT ON nat.%s_p%s TO zj_p%s;",
                    name, p, name, p, name, p, p, name, p, name, p, p);
    }
    strbuf_addf(&sb,
                "UPDATE nat.provinces SET layout = 'foreign', server = 'zj_prov_%s'"
                " WHERE province = '%s';",
                p, p);
    int rc = pg_exec(c, sb.buf);
    rc = rc ? (pg_exec(c, "ROLLBACK"), -1) : pg_exec(c, "COMMIT");
    strbuf_release(&srv);
    strbuf_release(&map);
    strbuf_release(&sb);
    return rc;
}
