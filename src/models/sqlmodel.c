/*
 * sqlmodel.c — running one SQL SELECT as a model (see sqlmodel.h): binding the as-of date
 * and named parameters, checking the result columns, turning rows into leads.
 */
#include "models/sqlmodel.h"
#include "law/law.h"
#include "models/catalog.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* m2_add_months(date_text, n): law.md §1 add_months with month-end clamping; NULL in,
 * NULL out. */
static void fn_add_months(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_null(cx);
        return;
    }
    const char *s = (const char *)sqlite3_value_text(argv[0]);
    zj_date d;
    if (!s || strlen(s) < 10 || date_parse(s, 10, &d) != 0) {
        sqlite3_result_null(cx);
        return;
    }
    char buf[11];
    date_format(date_add_months(d, sqlite3_value_int(argv[1])), buf);
    sqlite3_result_text(cx, buf, 10, SQLITE_TRANSIENT);
}

int sqlmodel_register_functions(sqlite3 *db)
{
    int rc = sqlite3_create_function_v2(db, "m2_add_months", 2,
                                        SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                        fn_add_months, NULL, NULL, NULL);
    /* SQLITE_BUSY: already registered and in use by a running statement. */
    return rc == SQLITE_OK || rc == SQLITE_BUSY ? 0 : ZJ_EDB;
}

int sqlmodel_bind(sqlite3_stmt *st, zj_date as_of, const char *params_json, char *err,
                  size_t errlen)
{
    char buf[11];
    int idx = sqlite3_bind_parameter_index(st, ":as_of");
    if (idx > 0)
        sqlite3_bind_text(st, idx, date_format(as_of, buf), -1, SQLITE_TRANSIENT);
    if (!params_json || !*params_json)
        return 0;
    json_error_t je;
    json_t *o = json_loads(params_json, 0, &je);
    if (!o || !json_is_object(o)) {
        if (err)
            snprintf(err, errlen, "parameters are not a JSON object: %s",
                     o ? "not an object" : je.text);
        json_decref(o);
        return ZJ_EINVAL;
    }
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v)
    {
        char name[128];
        snprintf(name, sizeof name, ":%s", key);
        idx = sqlite3_bind_parameter_index(st, name);
        if (idx <= 0)
            continue;
        if (json_is_integer(v))
            sqlite3_bind_int64(st, idx, (sqlite3_int64)json_integer_value(v));
        else if (json_is_real(v))
            sqlite3_bind_double(st, idx, json_real_value(v));
        else if (json_is_boolean(v))
            sqlite3_bind_int(st, idx, json_is_true(v));
        else if (json_is_string(v))
            sqlite3_bind_text(st, idx, json_string_value(v), -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(st, idx);
    }
    json_decref(o);
    return 0;
}

void sqlmodel_bind_law_params(sqlite3_stmt *st, const struct law_params *lp)
{
    size_t n = law_params_count();
    for (size_t i = 0; i < n; i++) {
        long v = 0;
        const char *key = law_params_key(i, lp, &v);
        char name[96];
        size_t k = 0;
        name[k++] = ':';
        for (const char *s = key; *s && k < sizeof name - 1; s++) {
            if (*s == '-')
                continue;
            name[k++] = *s == '.' ? '_' : (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
        }
        name[k] = 0;
        int idx = sqlite3_bind_parameter_index(st, name);
        if (idx > 0)
            sqlite3_bind_int64(st, idx, v);
    }
}

enum {
    COL_SUBJECT,
    COL_SUMMARY,
    COL_EVIDENCE,
    COL_PERSON,
    COL_FACILITY,
    COL_REGION,
    COL_SEVERITY,
    COL_BASIS,
    COL_N
};
static const char *const col_names[COL_N] = {"subject",     "summary",     "evidence", "person_id",
                                             "facility_id", "region_code", "severity", "basis"};

static void map_columns(sqlite3_stmt *st, int map[COL_N])
{
    for (int k = 0; k < COL_N; k++)
        map[k] = -1;
    int n = sqlite3_column_count(st);
    for (int i = 0; i < n; i++) {
        const char *name = sqlite3_column_name(st, i);
        for (int k = 0; k < COL_N; k++)
            if (name && map[k] < 0 && !strcmp(name, col_names[k]))
                map[k] = i;
    }
}

int sqlmodel_check_columns(sqlite3_stmt *st, char *err, size_t errlen)
{
    int map[COL_N];
    if (sqlite3_column_count(st) == 0) {
        if (err)
            snprintf(err, errlen, "statement returns no columns");
        return ZJ_EINVAL;
    }
    map_columns(st, map);
    for (int k = COL_SUBJECT; k <= COL_EVIDENCE; k++)
        if (map[k] < 0) {
            if (err)
                snprintf(err, errlen, "missing result column '%s'", col_names[k]);
            return ZJ_EINVAL;
        }
    return 0;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    return i < 0 ? NULL : (const char *)sqlite3_column_text(st, i);
}

int sqlmodel_run_stmt(sqlite3_stmt *st, const sqlmodel *m, sqlmodel_emit_fn emit, void *arg,
                      FILE *err)
{
    int map[COL_N];
    char why[256];
    if (sqlmodel_check_columns(st, why, sizeof why) != 0) {
        if (err)
            fprintf(err, "zhijian: model '%s': %s\n", m->model_id, why);
        return ZJ_EINVAL;
    }
    map_columns(st, map);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        zj_lead l = {
            .model_id = m->model_id,
            .subject = col_text(st, map[COL_SUBJECT]),
            .person_id = col_text(st, map[COL_PERSON]),
            .facility_id = col_text(st, map[COL_FACILITY]),
            .region_code = col_text(st, map[COL_REGION]),
            .severity = col_text(st, map[COL_SEVERITY]),
            .summary = col_text(st, map[COL_SUMMARY]),
            .evidence = col_text(st, map[COL_EVIDENCE]),
            .basis = col_text(st, map[COL_BASIS]),
        };
        if (!l.subject || !*l.subject)
            continue; /* a lead needs a subject; such a row is a model bug, not data */
        if (!l.severity || (strcmp(l.severity, "high") && strcmp(l.severity, "medium") &&
                            strcmp(l.severity, "low")))
            l.severity = m->severity;
        if (!l.basis || !*l.basis)
            l.basis = m->basis;
        if (!l.summary)
            l.summary = "";
        if (!l.evidence || !*l.evidence)
            l.evidence = "{}";
        int e = emit(arg, &l);
        if (e < 0) {
            sqlite3_reset(st);
            return e;
        }
        n++;
    }
    if (rc != SQLITE_DONE) {
        if (err)
            fprintf(err, "zhijian: model '%s': %s\n", m->model_id,
                    sqlite3_errmsg(sqlite3_db_handle(st)));
        sqlite3_reset(st);
        return ZJ_EDB;
    }
    sqlite3_reset(st);
    return n;
}

/* Whether this run of m is an incremental one scoped to temp.screen_scope: the engine
 * creates that table only for incremental runs, and m is listed in catalog.c. */
static bool run_scoped(sqlite3 *db, const char *model_id)
{
    if (!catalog_set_scoped(model_id))
        return false;
    sqlite3_stmt *st = NULL;
    bool yes = false;
    /* screen_scope_all (m_conditions.c): the scope holds every person, run unscoped */
    if (sqlite3_prepare_v2(db,
                           "SELECT count(*) FROM temp.sqlite_master"
                           " WHERE name IN ('screen_scope', 'screen_scope_all')",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        yes = sqlite3_column_int(st, 0) == 1;
    sqlite3_finalize(st);
    return yes;
}

/* The SQL of a model for an incremental run (see sqlmodel_scoped_sql in sqlmodel.h). */
static char *scoped_sql(const char *sql)
{
    static const struct {
        const char *marker, *in;
    } kinds[] = {
        {"/*scope ", " IN (SELECT person_id FROM temp.screen_scope)"},
        {"/*scope_cc ", " IN (SELECT c_.cc_id FROM corrections c_ WHERE c_.person_id IN"
                        " (SELECT person_id FROM temp.screen_scope))"},
    };
    strbuf b = STRBUF_INIT;
    const char *s = sql;
    for (;;) {
        const char *k = NULL;
        size_t which = 0;
        for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
            const char *f = strstr(s, kinds[i].marker);
            if (f && (!k || f < k)) {
                k = f;
                which = i;
            }
        }
        const char *e = k ? strstr(k, "*/") : NULL;
        if (!e)
            break;
        const char *expr = k + strlen(kinds[which].marker);
        strbuf_add(&b, s, (size_t)(k - s));
        strbuf_adds(&b, " AND ");
        strbuf_add(&b, expr, (size_t)(e - expr));
        strbuf_adds(&b, kinds[which].in);
        s = e + 2;
    }
    strbuf_adds(&b, s);
    return strbuf_detach(&b, NULL);
}

int sqlmodel_scope_seed(sqlite3 *db, const char *key, bool *done)
{
    static const char seed_sql[] =
        "CREATE TEMP TABLE IF NOT EXISTS screen_scope_widened(k TEXT PRIMARY KEY) WITHOUT ROWID;"
        "CREATE TEMP TABLE IF NOT EXISTS screen_scope_seed(person_id TEXT PRIMARY KEY)"
        " WITHOUT ROWID;"
        "INSERT INTO temp.screen_scope_seed SELECT person_id FROM temp.screen_scope"
        " WHERE NOT EXISTS (SELECT 1 FROM temp.screen_scope_widened);";
    sqlite3_stmt *st = NULL;
    int rc = ZJ_EDB;
    *done = false;
    if (sqlite3_exec(db, seed_sql, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO temp.screen_scope_widened(k) VALUES (?1)", -1,
                           &st, NULL) != SQLITE_OK)
        goto out;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        goto out;
    *done = sqlite3_changes(db) == 0;
    rc = 0;
out:
    if (rc)
        fprintf(stderr, "zhijian: widening the scope for %s: %s\n", key, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return rc;
}

bool sqlmodel_run_is_scoped(sqlite3 *db, const char *model_id)
{
    return run_scoped(db, model_id);
}

char *sqlmodel_scoped_sql(sqlite3 *db, const char *model_id, const char *sql)
{
    return run_scoped(db, model_id) ? scoped_sql(sql) : xstrdup(sql);
}

/* A text bound to the named parameter name of a model's statement (NULL name: none). */
typedef struct named_text {
    const char *name, *text;
    size_t len;
} named_text;

/* sqlmodel_run, restricted to temp.screen_scope when scoped (see scoped_sql), with extra
 * (when not NULL) bound too. */
static int run_sql(sqlite3 *db, zj_date as_of, const struct law_params *lp, const sqlmodel *m,
                   bool scoped, const named_text *extra, sqlmodel_emit_fn emit, void *arg,
                   FILE *err)
{
    sqlite3_stmt *st = NULL;
    char why[256];
    char *sql = scoped ? scoped_sql(m->sql) : NULL;
    int rc;
    if (sqlmodel_register_functions(db) != 0) {
        rc = ZJ_EDB;
        goto out;
    }
    if (sqlite3_prepare_v2(db, sql ? sql : m->sql, -1, &st, NULL) != SQLITE_OK) {
        if (err)
            fprintf(err, "zhijian: model '%s': %s\n", m->model_id, sqlite3_errmsg(db));
        rc = ZJ_EDB;
        goto out;
    }
    if ((rc = sqlmodel_bind(st, as_of, m->params, why, sizeof why)) != 0) {
        if (err)
            fprintf(err, "zhijian: model '%s': %s\n", m->model_id, why);
        goto out;
    }
    sqlmodel_bind_law_params(st, lp);
    if (extra)
        sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, extra->name), extra->text,
                          (int)extra->len, SQLITE_STATIC);
    rc = sqlmodel_run_stmt(st, m, emit, arg, err);
out:
    sqlite3_finalize(st);
    free(sql);
    return rc;
}

int sqlmodel_run(sqlite3 *db, zj_date as_of, const struct law_params *lp, const sqlmodel *m,
                 sqlmodel_emit_fn emit, void *arg, FILE *err)
{
    return run_sql(db, as_of, lp, m, false, NULL, emit, arg, err);
}

int sqlmodel_emit_to_sink(void *arg, const zj_lead *lead)
{
    return lead_sink_emit((lead_sink *)arg, lead);
}

int sqlmodel_run_set(const model_ctx *ctx, lead_sink *sink, const sqlmodel *m)
{
    int rc = run_sql(ctx->db, ctx->as_of, ctx->params, m, run_scoped(ctx->db, m->model_id), NULL,
                     sqlmodel_emit_to_sink, sink, stderr);
    return rc < 0 ? rc : 0;
}

int sqlmodel_run_set_list(const model_ctx *ctx, lead_sink *sink, const sqlmodel *m,
                          const char *name, const strbuf *list)
{
    named_text extra = {name, list->buf, list->len};
    int rc = run_sql(ctx->db, ctx->as_of, ctx->params, m, false, &extra, sqlmodel_emit_to_sink,
                     sink, stderr);
    return rc < 0 ? rc : 0;
}

sqlite3_stmt *sqlmodel_prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlmodel_register_functions(db) != 0 ||
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "zhijian: sql error: %s\n  in: %.200s\n", sqlite3_errmsg(db), sql);
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

zj_date sqlmodel_col_date(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    zj_date d;
    if (!s || strlen(s) < 10 || date_parse(s, 10, &d) != 0)
        return ZJ_DATE_NONE;
    return d;
}
