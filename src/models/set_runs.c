/*
 * set_runs.c — the set-based models' last runs (see set_runs.h).
 */
#include "models/set_runs.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ingest/feeds.h"
#include "law/law.h"
#include "models/models2.h"
#include "models/user_models.h"
#include "store/store.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* sqlite3_set_authorizer callback: every table a statement reads, as SQLite resolves it
 * (subqueries and common table expressions are resolved to their tables; a table read
 * without a column, as by count(*), is reported with an empty column name). */
static int note_table(void *arg, int action, const char *table, const char *column,
                      const char *schema, const char *trigger)
{
    (void)column;
    (void)trigger;
    set_reads *r = arg;
    if (action != SQLITE_READ || !table)
        return SQLITE_OK;
    /* the engine's own scope tables; json_each and json_tree are functions of their
     * arguments */
    if ((schema && !strcmp(schema, "temp")) || !strcmp(table, "json_each") ||
        !strcmp(table, "json_tree"))
        return SQLITE_OK;
    if (!strcmp(table, "leads")) {
        r->leads = true;
        return SQLITE_OK;
    }
    if (!ingest_feed_find(table)) {
        r->untracked = true;
        return SQLITE_OK;
    }
    for (size_t i = 0; i < r->n; i++)
        if (!strcmp(r->table[i], table))
            return SQLITE_OK;
    XGROW(r->table, r->n + 1, r->alloc);
    r->table[r->n++] = xstrdup(table);
    return SQLITE_OK;
}

void set_reads_begin(sqlite3 *db, set_reads *r)
{
    /* The first use of an eponymous virtual table (json_each, json_tree) on a connection
     * declares it, and SQLite (3.40) reports that as a read of main.sqlite_master, which
     * would leave the model using it first (a full run's CUS-01) "untracked": set them up
     * before the authorizer is on. */
    sqlite3_exec(db, "SELECT 1 FROM json_each('[]'), json_tree('[]')", NULL, NULL, NULL);
    sqlite3_set_authorizer(db, note_table, r);
}

void set_reads_end(sqlite3 *db)
{
    sqlite3_set_authorizer(db, NULL, NULL);
}

void set_reads_release(set_reads *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->table[i]);
    free(r->table);
    memset(r, 0, sizeof(*r));
}

long long set_runs_mark(sqlite3 *db)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT ifnull(max(batch_id), 0) FROM import_batches");
    long long v = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

void set_runs_fingerprint(const model_def *m, const struct law_params *lp, char out[65])
{
    out[0] = 0;
    /* the program: a built-in model's SQL and code are in it */
    struct stat sb;
    if (stat("/proc/self/exe", &sb) != 0 || sodium_init() < 0)
        return;
    strbuf b = STRBUF_INIT;
    strbuf_addf(&b, "%llu:%llu:%lld:%lld.%09ld\n", (unsigned long long)sb.st_dev,
                (unsigned long long)sb.st_ino, (long long)sb.st_size, (long long)sb.st_mtim.tv_sec,
                (long)sb.st_mtim.tv_nsec);
    strbuf_addf(&b, "%s\n%s\n", m->id, m->params ? m->params : "");
    const char *sql = user_models_sql(m->id);
    strbuf_addf(&b, "%s\n", sql ? sql : "");
    struct law_params defp;
    lp = law_params_or_default(lp, &defp);
    for (size_t i = 0, n = law_params_count(); i < n; i++) {
        long v = 0;
        const char *k = law_params_key(i, lp, &v);
        strbuf_addf(&b, "%s=%ld\n", k, v);
    }
    unsigned char h[32];
    crypto_generichash(h, sizeof(h), (const unsigned char *)b.buf, b.len, NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof(h));
    strbuf_release(&b);
}

/* The leads rows a model reads (SQL, ?1 the as-of date), for the models that read them. */
static const char *leads_read_sql(const char *model_id)
{
    return !strcmp(model_id, "DUTY-01") ? models_duty01_leads_sql : NULL;
}

bool set_runs_reads_lead_rows(const char *model_id)
{
    return leads_read_sql(model_id) != NULL;
}

bool set_runs_reads_leads_of(const char *model_id, const char *lead_model)
{
    return !strcmp(model_id, "DUTY-01") && models_duty01_reads_model(lead_model);
}

void set_runs_leads_digest(sqlite3 *db, const char *model_id, zj_date as_of, char out[65])
{
    out[0] = 0;
    const char *sql = leads_read_sql(model_id);
    if (!sql || sodium_init() < 0)
        return;
    sqlite3_stmt *st = store_prepare(db, sql);
    if (!st)
        return;
    char d[11];
    sqlite3_bind_text(st, 1, date_format(as_of, d), -1, SQLITE_TRANSIENT);
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    int step, ncol = sqlite3_column_count(st);
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        for (int i = 0; i < ncol; i++) {
            const unsigned char *v = sqlite3_column_text(st, i);
            /* each value with its length, NULL as length -1 */
            long long n = v ? (long long)sqlite3_column_bytes(st, i) : -1;
            crypto_generichash_update(&h, (const unsigned char *)&n, sizeof n);
            if (v)
                crypto_generichash_update(&h, v, (unsigned long long)n);
        }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE)
        return;
    unsigned char b[32];
    crypto_generichash_final(&h, b, sizeof b);
    sodium_bin2hex(out, 65, b, sizeof b);
}

struct set_runs_snap {
    struct snap_row {
        char *model_id, *as_of, *fp, *digest; /* digest NULL: none */
        bool inputs_kept;                     /* no batch after its mark wrote a table read */
    } * r;
    size_t n, alloc; /* in model_id order (the table's key) */
};

set_runs_snap *set_runs_snap_read(sqlite3 *db)
{
    /* per row: whether no batch after the run's mark wrote a row into a table the run
     * read; the tables are ' '-separated names without spaces */
    sqlite3_stmt *st =
        store_prepare(db, "SELECT r.model_id, r.as_of, r.fingerprint, r.leads_digest,"
                          " r.reads IS NOT NULL AND NOT EXISTS (SELECT 1 FROM import_batches b"
                          "  WHERE b.batch_id > r.batch_id AND b.loaded + b.replaced > 0"
                          "  AND instr(' ' || r.reads || ' ', ' ' || b.feed || ' ') > 0)"
                          " FROM model_runs r ORDER BY r.model_id");
    if (!st)
        return NULL;
    set_runs_snap *s = xcalloc(1, sizeof(*s));
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *v[4];
        for (int i = 0; i < 4; i++)
            v[i] = (const char *)sqlite3_column_text(st, i);
        if (!v[0] || !v[1] || !v[2])
            continue;
        XGROW(s->r, s->n + 1, s->alloc);
        struct snap_row *r = &s->r[s->n++];
        r->model_id = xstrdup(v[0]);
        r->as_of = xstrdup(v[1]);
        r->fp = xstrdup(v[2]);
        r->digest = v[3] ? xstrdup(v[3]) : NULL;
        r->inputs_kept = sqlite3_column_int(st, 4) == 1;
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE) {
        set_runs_snap_free(s);
        return NULL;
    }
    return s;
}

bool set_runs_snap_unchanged(const set_runs_snap *s, const char *model_id, zj_date as_of,
                             const char *fp, const char *digest)
{
    if (!s || !fp || !*fp)
        return false;
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(s->r[mid].model_id, model_id);
        if (!c) {
            const struct snap_row *r = &s->r[mid];
            char d[11];
            /* the same as_of, fingerprint and digest ("" or NULL: none) */
            bool same_digest =
                digest && *digest ? r->digest && !strcmp(r->digest, digest) : r->digest == NULL;
            return !strcmp(r->as_of, date_format(as_of, d)) && !strcmp(r->fp, fp) && same_digest &&
                   r->inputs_kept;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

void set_runs_snap_free(set_runs_snap *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->r[i].model_id);
        free(s->r[i].as_of);
        free(s->r[i].fp);
        free(s->r[i].digest);
    }
    free(s->r);
    free(s);
}

bool set_runs_unchanged(sqlite3 *db, const char *model_id, zj_date as_of, const char *fp,
                        const char *digest)
{
    set_runs_snap *s = set_runs_snap_read(db);
    bool yes = set_runs_snap_unchanged(s, model_id, as_of, fp, digest);
    set_runs_snap_free(s);
    return yes;
}

int set_runs_record(sqlite3 *db, const char *model_id, zj_date as_of, const char *fp,
                    long long mark, const set_reads *read, const char *digest, bool scoped)
{
    char d[11];
    strbuf t = STRBUF_INIT;
    bool ok = fp && *fp && mark >= 0;
    bool known = ok && read && !read->untracked && (!read->leads || (digest && *digest));
    for (size_t i = 0; known && i < read->n; i++)
        strbuf_addf(&t, "%s%s", i ? " " : "", read->table[i]);
    sqlite3_stmt *st = NULL;
    if (scoped) /* from the state this run brought up to date, or none */
        st = store_prepare(db, "UPDATE model_runs SET batch_id = ?4"
                               " WHERE model_id = ?1 AND as_of = ?2 AND fingerprint = ?3");
    else
        st = store_prepare(db, "INSERT OR REPLACE INTO model_runs(model_id, as_of, fingerprint,"
                               " batch_id, reads, leads_digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    sqlite3_stmt *del = store_prepare(db, "DELETE FROM model_runs WHERE model_id = ?1");
    int rc = st && del ? 0 : ZJ_EDB;
    if (rc == 0) {
        sqlite3_bind_text(st, 1, model_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, date_format(as_of, d), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, fp ? fp : "", -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, mark);
        if (!scoped && known)
            sqlite3_bind_text(st, 5, t.buf ? t.buf : "", -1, SQLITE_STATIC);
        else if (!scoped)
            sqlite3_bind_null(st, 5);
        if (!scoped)
            store_bind_text_or_null(st, 6, read && read->leads ? digest : NULL);
        bool gone = !ok;
        if (ok && sqlite3_step(st) != SQLITE_DONE)
            rc = ZJ_EDB;
        else if (ok && scoped && sqlite3_changes(db) == 0)
            gone = true;
        sqlite3_bind_text(del, 1, model_id, -1, SQLITE_STATIC);
        if (rc == 0 && gone && sqlite3_step(del) != SQLITE_DONE)
            rc = ZJ_EDB;
    }
    if (rc)
        fprintf(stderr, "zhijian: recording the run of model '%s': %s\n", model_id,
                sqlite3_errmsg(db));
    sqlite3_finalize(st);
    sqlite3_finalize(del);
    strbuf_release(&t);
    return rc;
}
