/*
 * user_models.c — loading and running user model files (see user_models.h).
 *
 * A model_def's run_set receives no pointer to its own row, so each loaded file takes one
 * of USER_MODELS_MAX slots, and the slot's fixed trampoline function (user_run_<k>) runs
 * the slot's SQL. Files are validated when loaded by preparing their SQL against the
 * database being screened, or else an in-memory database built from the same embedded
 * schema (store_open(":memory:")).
 */
#include "models/user_models.h"
#include "models/sqlmodel.h"
#include "store/store.h"
#include "util/error.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <dirent.h>
#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define USER_FILE_MAX (1 << 20)

typedef struct user_slot {
    bool used;
    bool reads_screening; /* its SQL reads a table the screening writes (the leads …) */
    char *file, *id, *name, *family, *severity, *basis, *subject, *params, *sql;
    int n_index;
    char *index[USER_INDEX_MAX];     /* `-- index:` declarations, as written */
    char *index_sql[USER_INDEX_MAX]; /* their CREATE INDEX statements */
    int index_line[USER_INDEX_MAX];
} user_slot;

static user_slot slots[USER_MODELS_MAX];
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;

const char *user_models_dir(void)
{
    const char *d = getenv("ZJ_MODELS_DIR");
    return d && *d ? d : "./models";
}

/* ---- running ----------------------------------------------------------------------- */

static int user_emit(void *arg, const zj_lead *lead)
{
    return lead_sink_emit((lead_sink *)arg, lead);
}

/* Run slot k over ctx. SQL problems are reported on stderr and give no leads (0): a user
 * model never stops the screening. */
static int user_slot_run(int k, const model_ctx *ctx, lead_sink *sink)
{
    const user_slot *s = &slots[k];
    sqlite3_stmt *st = NULL;
    char why[256];
    int rc = 0;
    if (!s->used)
        return 0;
    sqlmodel_register_functions(ctx->db);
    /* an incremental run of a file with scope markers: over the persons being screened */
    char *sql = sqlmodel_scoped_sql(ctx->db, s->id, s->sql);
    int prc = sqlite3_prepare_v2(ctx->db, sql, -1, &st, NULL);
    free(sql);
    if (prc != SQLITE_OK || !st) {
        fprintf(stderr, "zhijian: %s: model '%s' skipped: %s\n", s->file, s->id,
                st ? sqlite3_errmsg(ctx->db) : "no statement");
        goto out;
    }
    if (!sqlite3_stmt_readonly(st)) {
        fprintf(stderr,
                "zhijian: %s: model '%s' skipped: only read-only SELECT statements "
                "are allowed\n",
                s->file, s->id);
        goto out;
    }
    if (sqlmodel_bind(st, ctx->as_of, s->params, why, sizeof why) != 0) {
        fprintf(stderr, "zhijian: %s: model '%s' skipped: %s\n", s->file, s->id, why);
        goto out;
    }
    sqlmodel_bind_law_params(st, ctx->params);
    sqlmodel m = {s->id, s->basis, s->severity, s->params, s->sql};
    int n = sqlmodel_run_stmt(st, &m, user_emit, sink, stderr);
    if (n < 0 && n != ZJ_EDB && n != ZJ_EINVAL)
        rc = n; /* the sink refused a lead: an engine error */
    else if (n < 0)
        fprintf(stderr, "zhijian: %s: model '%s' stopped on the error above\n", s->file, s->id);
out:
    sqlite3_finalize(st);
    return rc;
}

/* clang-format off */
#define USER_RUN(k)                                                                        \
    static int user_run_##k(const model_ctx *c, lead_sink *s) { return user_slot_run(k, c, s); }
#define USER_RUN8(b)                                                                       \
    USER_RUN(b##0) USER_RUN(b##1) USER_RUN(b##2) USER_RUN(b##3) USER_RUN(b##4)              \
    USER_RUN(b##5) USER_RUN(b##6) USER_RUN(b##7)
/* slots 0..63, named in octal digits to keep the macro short: 00..07, 10..17, … 70..77 */
USER_RUN8(0) USER_RUN8(1) USER_RUN8(2) USER_RUN8(3) USER_RUN8(4) USER_RUN8(5) USER_RUN8(6)
USER_RUN8(7)
#define USER_FN8(b)                                                                        \
    user_run_##b##0, user_run_##b##1, user_run_##b##2, user_run_##b##3, user_run_##b##4,    \
    user_run_##b##5, user_run_##b##6, user_run_##b##7
static int (*const trampolines[USER_MODELS_MAX])(const model_ctx *, lead_sink *) = {
    USER_FN8(0), USER_FN8(1), USER_FN8(2), USER_FN8(3),
    USER_FN8(4), USER_FN8(5), USER_FN8(6), USER_FN8(7),
};
/* clang-format on */

/* ---- loading ----------------------------------------------------------------------- */

static void slot_release(user_slot *s)
{
    free(s->file);
    free(s->id);
    free(s->name);
    free(s->family);
    free(s->severity);
    free(s->basis);
    free(s->subject);
    free(s->params);
    free(s->sql);
    for (int i = 0; i < s->n_index; i++) {
        free(s->index[i]);
        free(s->index_sql[i]);
    }
    memset(s, 0, sizeof *s);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = xmalloc(USER_FILE_MAX + 1);
    size_t n = fread(buf, 1, USER_FILE_MAX + 1, f);
    fclose(f);
    if (n > USER_FILE_MAX) {
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

static int line_of(const char *text, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off && text[i]; i++)
        line += text[i] == '\n';
    return line;
}

static char *trim_dup(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    char *r = xmalloc(n + 1);
    memcpy(r, s, n);
    r[n] = 0;
    return r;
}

static bool valid_id(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > 32)
        return false;
    for (const char *p = id; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
            return false;
    return true;
}

/* Parse the header of text into s; on a problem write "FILE:LINE: reason" to err and
 * return -1. *body gets the offset of the first line that is not a header comment. */
static int parse_header(const char *file, const char *text, user_slot *s, size_t *body,
                        int *params_line, FILE *err)
{
    static const char *const keys[] = {"id",    "name",    "family",    "severity",
                                       "basis", "subject", "parameters"};
    char **fields[] = {&s->id,    &s->name,    &s->family, &s->severity,
                       &s->basis, &s->subject, &s->params};
    const char *p = text;
    int line = 1;
    if (!strncmp(p, "\xEF\xBB\xBF", 3))
        p += 3;
    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        const char *q = p;
        while (q < p + len && (*q == ' ' || *q == '\t' || *q == '\r'))
            q++;
        if (q == p + len) { /* blank line */
        } else if (q + 1 < p + len && q[0] == '-' && q[1] == '-') {
            const char *k = q + 2;
            while (k < p + len && (*k == ' ' || *k == '\t'))
                k++;
            const char *ke = k;
            while (ke < p + len && (islower((unsigned char)*ke) || *ke == '_'))
                ke++;
            if (ke > k && ke < p + len && *ke == ':') {
                size_t kl = (size_t)(ke - k);
                int which = -1;
                for (int i = 0; i < 7; i++)
                    if (strlen(keys[i]) == kl && !strncmp(keys[i], k, kl))
                        which = i;
                if (which < 0 && kl == 5 && !strncmp(k, "index", 5)) {
                    if (s->n_index == USER_INDEX_MAX) {
                        if (err)
                            fprintf(err, "%s:%d: more than %d index declarations\n", file, line,
                                    USER_INDEX_MAX);
                        return -1;
                    }
                    s->index_line[s->n_index] = line;
                    s->index[s->n_index++] = trim_dup(ke + 1, (size_t)(p + len - ke - 1));
                    line++;
                    p += len + (eol ? 1 : 0);
                    continue;
                }
                if (which < 0) {
                    if (err)
                        fprintf(err, "%s:%d: unknown header key '%.*s'\n", file, line, (int)kl, k);
                    return -1;
                }
                if (*fields[which]) {
                    if (err)
                        fprintf(err, "%s:%d: header key '%s' given twice\n", file, line,
                                keys[which]);
                    return -1;
                }
                *fields[which] = trim_dup(ke + 1, (size_t)(p + len - ke - 1));
                if (which == 6)
                    *params_line = line;
                if (which == 0 && !valid_id(s->id)) {
                    if (err)
                        fprintf(err, "%s:%d: invalid model id '%s' (letters, digits, '-', '_')\n",
                                file, line, s->id);
                    return -1;
                }
                if (which == 3 && strcmp(s->severity, "high") && strcmp(s->severity, "medium") &&
                    strcmp(s->severity, "low")) {
                    if (err)
                        fprintf(err, "%s:%d: unknown severity '%s' (high, medium or low)\n", file,
                                line, s->severity);
                    return -1;
                }
                if (which == 6) {
                    json_error_t je;
                    json_t *o = json_loads(s->params, 0, &je);
                    bool ok = o && json_is_object(o);
                    json_decref(o);
                    if (!ok) {
                        if (err)
                            fprintf(err, "%s:%d: parameters are not a JSON object\n", file, line);
                        return -1;
                    }
                }
            }
        } else {
            break;
        }
        line++;
        p += len + (eol ? 1 : 0);
    }
    *body = (size_t)(p - text);
    const char *missing = !s->id ? "id" : !s->name ? "name" : !s->basis ? "basis" : NULL;
    if (missing) {
        if (err)
            fprintf(err, "%s:1: missing header '-- %s: …'\n", file, missing);
        return -1;
    }
    if (!s->family || !*s->family) {
        free(s->family);
        s->family = xstrdup("user");
    }
    if (!s->severity) {
        s->severity = xstrdup("medium");
    }
    if (!s->subject)
        s->subject = xstrdup("");
    if (!s->params || !*s->params) {
        free(s->params);
        s->params = xstrdup("{}");
    }
    return 0;
}

/* The tables a screening writes while its models run: a model reading one of them must
 * run after the per-person models' leads are stored (model.h MODEL_READS_LEADS). */
static const char *const screening_tables[] = {
    "leads",           "lead_history", "screenings", "nat_outbox", "score_hist", "score_hist_state",
    "changed_persons", "model_runs",   "score_pct",
};

/* sqlite3_set_authorizer callback while preparing a model's SQL: notes in *arg whether it
 * reads one of screening_tables (directly, or through a view or a subquery). */
static int note_reads(void *arg, int action, const char *table, const char *column,
                      const char *schema, const char *trigger)
{
    (void)column;
    (void)schema;
    (void)trigger;
    if (action == SQLITE_READ && table)
        for (size_t i = 0; i < sizeof screening_tables / sizeof *screening_tables; i++)
            if (!sqlite3_stricmp(table, screening_tables[i]))
                *(bool *)arg = true;
    return SQLITE_OK;
}

/* The name of the index a declaration asks for: zj_user_ and a hash of its text with
 * white space runs read as one space, so that re-indenting a file keeps its index. */
static void index_name(const char *decl, char out[32])
{
    uint64_t h = 0xcbf29ce484222325u; /* FNV-1a */
    bool space = false;
    for (const unsigned char *p = (const unsigned char *)decl; *p; p++) {
        if (isspace(*p)) {
            space = true;
            continue;
        }
        if (space) {
            h = (h ^ ' ') * 0x100000001b3u;
            space = false;
        }
        h = (h ^ *p) * 0x100000001b3u;
    }
    snprintf(out, 32, "zj_user_%016llx", (unsigned long long)h);
}

/* Check the i-th index declaration of s against vdb's schema (prepared, not run) and keep
 * its CREATE INDEX statement in s. Returns 0 or -1 (reported). */
static int check_index(sqlite3 *vdb, const char *file, user_slot *s, int i, FILE *err)
{
    char name[32];
    index_name(s->index[i], name);
    size_t n = strlen(s->index[i]) + 96;
    char *sql = xmalloc(n);
    snprintf(sql, n, "CREATE INDEX IF NOT EXISTS main.%s ON %s", name, s->index[i]);
    sqlite3_stmt *st = NULL;
    const char *tail = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(vdb, sql, -1, &st, &tail) != SQLITE_OK) {
        if (err)
            fprintf(err, "%s:%d: index: %s\n", file, s->index_line[i], sqlite3_errmsg(vdb));
    } else if (tail && strspn(tail, " \t\r\n") != strlen(tail)) {
        if (err)
            fprintf(err, "%s:%d: index: one index per line: TABLE(COLUMNS) [WHERE …]\n", file,
                    s->index_line[i]);
    } else {
        rc = 0;
    }
    sqlite3_finalize(st);
    if (rc == 0)
        s->index_sql[i] = sql;
    else
        free(sql);
    return rc;
}

/* Validate the SQL of s against vdb and note in s whether it reads what the screening
 * writes. Returns 0 or -1 (reported). */
static int check_sql(sqlite3 *vdb, const char *file, user_slot *s, size_t body, int params_line,
                     FILE *err)
{
    sqlite3_stmt *st = NULL, *st2 = NULL;
    const char *tail = NULL;
    char why[256];
    int rc = -1;
    int stmt_line = line_of(s->sql, body);
    s->reads_screening = false;
    sqlite3_set_authorizer(vdb, note_reads, &s->reads_screening);
    int prc = sqlite3_prepare_v2(vdb, s->sql, -1, &st, &tail);
    sqlite3_set_authorizer(vdb, NULL, NULL);
    if (prc != SQLITE_OK) {
        int off = sqlite3_error_offset(vdb);
        if (err)
            fprintf(err, "%s:%d: sql error: %s\n", file,
                    off >= 0 ? line_of(s->sql, (size_t)off) : stmt_line, sqlite3_errmsg(vdb));
        goto out;
    }
    if (!st) {
        if (err)
            fprintf(err, "%s:%d: no SELECT statement after the header\n", file, stmt_line);
        goto out;
    }
    if (!sqlite3_stmt_readonly(st)) {
        if (err)
            fprintf(err, "%s:%d: only read-only SELECT statements are allowed\n", file, stmt_line);
        goto out;
    }
    if (tail && *tail) {
        if (sqlite3_prepare_v2(vdb, tail, -1, &st2, NULL) != SQLITE_OK || st2) {
            if (err)
                fprintf(err, "%s:%d: only one statement is allowed in a model file\n", file,
                        line_of(s->sql, (size_t)(tail - s->sql)));
            goto out;
        }
    }
    if (sqlmodel_check_columns(st, why, sizeof why) != 0) {
        if (err)
            fprintf(err,
                    "%s:%d: %s (a model returns subject, person_id, facility_id, "
                    "region_code, summary, evidence [, severity])\n",
                    file, stmt_line, why);
        goto out;
    }
    if (sqlmodel_bind(st, 0, s->params, why, sizeof why) != 0) {
        if (err)
            fprintf(err, "%s:%d: %s\n", file, params_line, why);
        goto out;
    }
    for (int i = 0; i < s->n_index; i++)
        if (check_index(vdb, file, s, i, err) != 0)
            goto out;
    rc = 0;
out:
    sqlite3_finalize(st);
    sqlite3_finalize(st2);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int user_models_load(const char *dir, model_def **out, size_t *n, FILE *err)
{
    return user_models_load_with(NULL, dir, out, n, err);
}

int user_models_load_with(sqlite3 *schema, const char *dir, model_def **out, size_t *n, FILE *err)
{
    DIR *d = opendir(dir);
    char **names = NULL;
    size_t n_names = 0, alloc = 0, n_out = 0;
    sqlite3 *vdb = NULL;
    model_def *defs = NULL;
    int skipped = 0, rc = 0;
    *out = NULL;
    *n = 0;
    if (!d)
        return 0; /* no models directory: no user models */
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l > 4 && !strcmp(e->d_name + l - 4, ".sql") && e->d_name[0] != '.') {
            XGROW(names, n_names + 1, alloc);
            names[n_names++] = xstrdup(e->d_name);
        }
    }
    closedir(d);
    if (!n_names)
        goto out;
    qsort(names, n_names, sizeof *names, cmp_str);
    zj_diag diag = {0};
    sqlite3 *check = schema;
    /* the schema the SQL is checked against: the database's own, else one built in memory
     * (all the migrations: the larger part of loading the files) */
    if (!check && store_open(":memory:", 0, &vdb, &diag) != 0) {
        if (err)
            fprintf(err, "zhijian: cannot build the schema to check model files: %s\n",
                    diag.message);
        rc = ZJ_EDB;
        goto out;
    }
    if (!check)
        check = vdb;
    if (sqlmodel_register_functions(check) != 0) {
        if (err)
            fprintf(err, "zhijian: cannot check model files: %s\n", sqlite3_errmsg(check));
        rc = ZJ_EDB;
        goto out;
    }
    defs = xcalloc(n_names + 1, sizeof *defs);
    for (size_t i = 0; i < n_names; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        struct stat sb;
        if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
            continue;
        user_slot s = {0};
        size_t len = 0, body = 0;
        int params_line = 1;
        s.sql = read_file(path, &len);
        if (!s.sql) {
            if (err)
                fprintf(err, "%s:1: cannot read the file (or larger than 1 MB)\n", path);
            skipped++;
            continue;
        }
        if (parse_header(path, s.sql, &s, &body, &params_line, err) != 0 ||
            check_sql(check, path, &s, body, params_line, err) != 0) {
            slot_release(&s);
            skipped++;
            continue;
        }
        bool dup = false;
        for (size_t k = 0; k < n_out; k++)
            dup |= !strcmp(defs[k].id, s.id);
        if (dup) {
            if (err)
                fprintf(err, "%s:1: model id '%s' is already used by another model file\n", path,
                        s.id);
            slot_release(&s);
            skipped++;
            continue;
        }
        s.file = xstrdup(path);
        s.used = true;
        pthread_mutex_lock(&slots_lock);
        int k = -1;
        for (int j = 0; j < USER_MODELS_MAX && k < 0; j++)
            if (!slots[j].used)
                k = j;
        if (k >= 0)
            slots[k] = s;
        pthread_mutex_unlock(&slots_lock);
        if (k < 0) {
            if (err)
                fprintf(err, "%s:1: more than %d model files; skipped\n", path, USER_MODELS_MAX);
            slot_release(&s);
            skipped++;
            continue;
        }
        const user_slot *u = &slots[k];
        /* a scope marker (sqlmodel.h): the file scopes itself in incremental runs */
        bool scoped = strstr(u->sql, "/*scope ") || strstr(u->sql, "/*scope_cc ");
        defs[n_out++] = (model_def){u->id,
                                    u->name,
                                    u->family,
                                    u->severity,
                                    u->basis,
                                    u->subject,
                                    u->params,
                                    NULL,
                                    trampolines[k],
                                    0,
                                    (u->reads_screening ? MODEL_READS_LEADS : 0u) |
                                        (scoped ? MODEL_SCOPED : 0u)};
    }
    *out = defs;
    *n = n_out;
    defs = NULL;
out:
    for (size_t i = 0; i < n_names; i++)
        free(names[i]);
    free(names);
    free(defs);
    if (vdb)
        store_close(vdb);
    return rc ? rc : skipped;
}

void user_models_free(model_def *defs, size_t n)
{
    pthread_mutex_lock(&slots_lock);
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < USER_MODELS_MAX; k++)
            if (slots[k].used && defs[i].run_set == trampolines[k])
                slot_release(&slots[k]);
    pthread_mutex_unlock(&slots_lock);
    free(defs);
}

const char *user_models_source(const char *id)
{
    const char *r = NULL;
    pthread_mutex_lock(&slots_lock);
    for (int k = 0; id && k < USER_MODELS_MAX && !r; k++)
        if (slots[k].used && !strcmp(slots[k].id, id))
            r = slots[k].file;
    pthread_mutex_unlock(&slots_lock);
    return r;
}

const char *user_models_sql(const char *id)
{
    const char *r = NULL;
    pthread_mutex_lock(&slots_lock);
    for (int k = 0; id && k < USER_MODELS_MAX && !r; k++)
        if (slots[k].used && !strcmp(slots[k].id, id))
            r = slots[k].sql;
    pthread_mutex_unlock(&slots_lock);
    return r;
}

/* Whether db holds an index of that name. */
static bool has_index(sqlite3 *db, const char *sql)
{
    /* sql: "CREATE INDEX IF NOT EXISTS main.NAME ON …" */
    const char *name = strstr(sql, "main.") + 5;
    size_t len = strcspn(name, " ");
    sqlite3_stmt *st = NULL;
    bool yes = false;
    if (sqlite3_prepare_v2(db,
                           "SELECT 1 FROM main.sqlite_master WHERE type = 'index' AND name = ?1",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, (int)len, SQLITE_STATIC);
        yes = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return yes;
}

int user_models_ensure_indexes(sqlite3 *db, FILE *err)
{
    int made = 0;
    if (!db || sqlite3_db_readonly(db, "main") != 0)
        return 0;
    pthread_mutex_lock(&slots_lock);
    for (int k = 0; k < USER_MODELS_MAX; k++)
        for (int i = 0; slots[k].used && i < slots[k].n_index; i++) {
            const user_slot *s = &slots[k];
            if (!s->index_sql[i] || has_index(db, s->index_sql[i]))
                continue;
            char *msg = NULL;
            if (sqlite3_exec(db, s->index_sql[i], NULL, NULL, &msg) == SQLITE_OK) {
                made++;
            } else if (err) {
                fprintf(err, "zhijian: %s:%d: index of model '%s' not created: %s\n", s->file,
                        s->index_line[i], s->id, msg ? msg : sqlite3_errmsg(db));
            }
            sqlite3_free(msg);
        }
    pthread_mutex_unlock(&slots_lock);
    return made;
}

/* ---- the advice of `zhijian models check` -------------------------------------------- */

/* The size of a table or index of db in MB (dbstat), or -1 when unknown. */
static double object_mb(sqlite3 *db, const char *name)
{
    sqlite3_stmt *st = NULL;
    double mb = -1;
    if (sqlite3_prepare_v2(db, "SELECT sum(pgsize) FROM dbstat('main', 1) WHERE name = ?1", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
            mb = sqlite3_column_double(st, 0) / 1048576.0;
    }
    sqlite3_finalize(st);
    return mb;
}

/* Print the tables and indexes of the main database the statement of s reads from the
 * first row to the last (a cursor opened on it and rewound: SQLite's bytecode, as
 * EXPLAIN shows it). Returns how many. */
static int print_full_reads(sqlite3 *db, const user_slot *s, zj_date as_of, FILE *out)
{
    enum { MAX_CURSORS = 256 };
    int root[MAX_CURSORS] = {0};
    bool rewound[MAX_CURSORS] = {false};
    size_t n = strlen(s->sql) + 16;
    char *sql = xmalloc(n);
    snprintf(sql, n, "EXPLAIN %s", s->sql);
    sqlite3_stmt *st = NULL;
    int found = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(out, "  无法分析：%s\n", sqlite3_errmsg(db));
        goto out;
    }
    char why[256];
    sqlmodel_bind(st, as_of, s->params, why, sizeof why);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *op = (const char *)sqlite3_column_text(st, 1);
        int p1 = sqlite3_column_int(st, 2);
        if (!op || p1 < 0 || p1 >= MAX_CURSORS)
            continue;
        if (!strcmp(op, "OpenRead") && sqlite3_column_int(st, 4) == 0)
            root[p1] = sqlite3_column_int(st, 3);
        else if ((!strcmp(op, "Rewind") || !strcmp(op, "Last")) && root[p1] > 0)
            rewound[p1] = true;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT type, name, tbl_name FROM main.sqlite_master"
                           " WHERE rootpage = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        goto out;
    /* each object once, though several cursors read it */
    for (int c = 0; c < MAX_CURSORS; c++) {
        if (!rewound[c])
            continue;
        bool seen = false;
        for (int e = 0; e < c; e++)
            seen |= rewound[e] && root[e] == root[c];
        if (seen)
            continue;
        sqlite3_reset(st);
        sqlite3_bind_int(st, 1, root[c]);
        if (sqlite3_step(st) != SQLITE_ROW)
            continue;
        const char *type = (const char *)sqlite3_column_text(st, 0);
        const char *name = (const char *)sqlite3_column_text(st, 1);
        const char *tbl = (const char *)sqlite3_column_text(st, 2);
        double mb = object_mb(db, name);
        char size[32] = "";
        if (mb >= 0)
            snprintf(size, sizeof size, "，%.1f MB", mb);
        if (type && !strcmp(type, "index"))
            fprintf(out, "  整体读取：索引 %s（表 %s%s）\n", name, tbl, size);
        else
            fprintf(out, "  整体读取：表 %s%s\n", name, size);
        found++;
    }
out:
    sqlite3_finalize(st);
    free(sql);
    return found;
}

int user_models_check(sqlite3 *db, zj_date as_of, FILE *out)
{
    int n = 0;
    pthread_mutex_lock(&slots_lock);
    for (int k = 0; k < USER_MODELS_MAX; k++) {
        const user_slot *s = &slots[k];
        if (!s->used)
            continue;
        n++;
        fprintf(out, "%s  %s\n", s->id, s->file);
        for (int i = 0; i < s->n_index; i++) {
            const char *name = strstr(s->index_sql[i], "main.") + 5;
            fprintf(out, "  声明的索引 %.*s：%s（%s）\n", (int)strcspn(name, " "), name,
                    s->index[i],
                    has_index(db, s->index_sql[i]) ? "已建立" : "未建立：下次导入或筛查时建立");
        }
        if (print_full_reads(db, s, as_of, out) == 0)
            fprintf(out, "  整体读取：无（各表均经主键或索引查找）\n");
    }
    /* indexes of model files no loaded file declares */
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT name, tbl_name FROM main.sqlite_master WHERE type = 'index'"
                           " AND name LIKE 'zj\\_user\\_%' ESCAPE '\\' ORDER BY name",
                           -1, &st, NULL) == SQLITE_OK)
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *name = (const char *)sqlite3_column_text(st, 0);
            bool declared = false;
            for (int k = 0; k < USER_MODELS_MAX && !declared; k++)
                for (int i = 0; slots[k].used && i < slots[k].n_index; i++) {
                    const char *d = strstr(slots[k].index_sql[i], "main.") + 5;
                    declared |= strlen(name) == strcspn(d, " ") && !strncmp(d, name, strlen(name));
                }
            if (!declared)
                fprintf(out, "未被任何模型文件声明的索引：%s（表 %s；可 DROP INDEX %s 删除）\n",
                        name, (const char *)sqlite3_column_text(st, 1), name);
        }
    sqlite3_finalize(st);
    pthread_mutex_unlock(&slots_lock);
    return n;
}
