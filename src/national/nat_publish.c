/*
 * nat_publish.c — `zhijian publish` (nat.h, docs/national.md): a province's database
 * sends what changed since its last publish to the national PostgreSQL database, one
 * transaction per table, as the province's role (which may write its own partitions
 * only), then takes back the national models' leads for the province.
 *
 * Per table, inside one PostgreSQL transaction: lock the province's publishing (advisory
 * lock), read the table's state row (watermark, sealed signature); a table without a row
 * (first publish) or whose sealed signature changed is sent in full (TRUNCATE of the
 * partition and COPY); otherwise the changed keys (batch_id or nat_outbox seq after the
 * watermark) are deleted from the partition and their current rows COPYed; the new
 * watermark is written in the same transaction. The SQLite side is read in one read
 * transaction per table (one snapshot). Publishing twice sends nothing the second time;
 * a publish killed at any point leaves each table as it was before or as after, and the
 * next one completes. Sent outbox entries are removed after the commit.
 */
#include "national/nat.h"
#include "national/pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/leads.h"
#include "store/store.h"
#include "util/xalloc.h"

#define FLUSH_BYTES (1 << 18)

struct pub {
    sqlite3 *db;
    PGconn *c;
    const char *p;
    char *sealed; /* condition on persons p, or NULL */
    char sig[65]; /* sealed signature */
    bool verbose;
    bool set_aside; /* the national side has nat.indexes_off/on (migration national-2) */
    struct nat_publish_stats *st;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool sealed_matters(const struct nat_table *t)
{
    return !strcmp(t->name, "persons") || !strcmp(t->name, "activities") ||
           !strcmp(t->name, "voters");
}

/* SELECT list and FROM of the rows of t as published (sealed identities withheld). */
static void select_rows(struct pub *u, const struct nat_table *t, char **cols, size_t n, strbuf *sb)
{
    bool persons = !strcmp(t->name, "persons");
    strbuf_adds(sb, "SELECT ");
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_adds(sb, ", ");
        if (persons && u->sealed && !strcmp(cols[i], "name"))
            strbuf_addf(sb, "CASE WHEN %s THEN '（封存）' ELSE p.name END", u->sealed);
        else if (persons && u->sealed && !strcmp(cols[i], "id_number"))
            strbuf_addf(sb, "CASE WHEN %s THEN NULL ELSE p.id_number END", u->sealed);
        else
            strbuf_addf(sb, "%s.\"%s\"", persons ? "p" : "t", cols[i]);
    }
    strbuf_addf(sb, " FROM %s %s WHERE 1", t->name, persons ? "p" : "t");
    if (u->sealed && (!strcmp(t->name, "activities") || !strcmp(t->name, "voters")))
        strbuf_addf(sb,
                    " AND t.id_number NOT IN (SELECT p.id_number FROM persons p WHERE %s"
                    " AND p.id_number IS NOT NULL)",
                    u->sealed);
}

static int key_count(const struct nat_table *t)
{
    int k = 1;
    for (const char *s = t->key; *s; s++)
        k += *s == ',';
    return k;
}

/* The i-th key column name into buf. */
static const char *key_col(const struct nat_table *t, int i, char buf[64])
{
    const char *s = t->key;
    while (i-- > 0)
        s = strchr(s, ',') + 1;
    size_t l = strcspn(s, ",");
    snprintf(buf, 64, "%.*s", (int)l, s);
    return buf;
}

static const char *col_type(char **cols, char **types, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(cols[i], name))
            return types[i];
    return "text";
}

static long long sqlite_ll(sqlite3 *db, const char *sql, const char *arg, long long w)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        int i = 1;
        if (arg)
            sqlite3_bind_text(st, i++, arg, -1, SQLITE_STATIC);
        if (sqlite3_bind_parameter_count(st) >= i)
            sqlite3_bind_int64(st, i, w);
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_type(st, 0) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 0);
    } else {
        fprintf(stderr, "zhijian publish: %s\n", sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    return v;
}

/* COPY the rows of the statement (columns 0..n-1, after the province) into target. */
static long copy_rows(struct pub *u, sqlite3_stmt *st, size_t n, const char *target, int *err)
{
    strbuf sb = STRBUF_INIT;
    long rows = 0;
    if (pg_copy_begin(u->c, target)) {
        *err = 1;
        return 0;
    }
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        strbuf_adds(&sb, u->p);
        for (size_t i = 0; i < n; i++) {
            strbuf_addch(&sb, '\t');
            const char *v = sqlite3_column_type(st, (int)i) == SQLITE_NULL
                                ? NULL
                                : (const char *)sqlite3_column_text(st, (int)i);
            pg_copy_field(&sb, v, v ? (size_t)sqlite3_column_bytes(st, (int)i) : 0);
        }
        strbuf_addch(&sb, '\n');
        rows++;
        if (sb.len >= FLUSH_BYTES) {
            if (pg_copy_send(u->c, sb.buf, sb.len)) {
                *err = 1;
                break;
            }
            strbuf_reset(&sb);
        }
    }
    if (s != SQLITE_DONE && !*err) {
        fprintf(stderr, "zhijian publish: %s\n", sqlite3_errmsg(u->db));
        *err = 1;
    }
    if (!*err && sb.len && pg_copy_send(u->c, sb.buf, sb.len))
        *err = 1;
    if (pg_copy_end(u->c))
        *err = 1;
    strbuf_release(&sb);
    return rows;
}

static int publish_table(struct pub *u, const struct nat_table *t, size_t ti)
{
    double t0 = now_s();
    char **cols, **types;
    size_t n;
    if (nat_columns(u->db, t, &cols, &types, &n)) {
        fprintf(stderr, "zhijian publish: no table '%s' in the database\n", t->name);
        return -1;
    }
    int rc = -1, err = 0;
    bool full = false, skip = false;
    long rows = 0, keys = 0;
    long long W = 0, newW = 0;
    strbuf sb = STRBUF_INIT;
    sqlite3_stmt *st = NULL;
    const char *sig = sealed_matters(t) ? u->sig : "";
    char lockp[32];
    snprintf(lockp, sizeof lockp, "%d", atoi(u->p));
    const char *lp[1] = {lockp};
    if (pg_exec(u->c, "BEGIN") ||
        pg_execp(u->c, "SELECT pg_advisory_xact_lock(20021, $1::int)", 1, lp))
        goto out;
    strbuf_addf(
        &sb, "SELECT watermark, coalesce(signature, '') FROM nat.publish_state_p%s WHERE tbl = $1",
        u->p);
    PGresult *r = pg_query(u->c, sb.buf, 1, &t->name);
    strbuf_reset(&sb);
    if (!r)
        goto out;
    if (PQntuples(r) == 0 || strcmp(PQgetvalue(r, 0, 1), sig))
        full = true;
    else
        W = atoll(PQgetvalue(r, 0, 0));
    PQclear(r);

    if (store_exec(u->db, "BEGIN", NULL))
        goto out;
    if (t->tracking == NAT_BATCH) {
        newW = sqlite_ll(u->db, "SELECT max(batch_id) FROM import_batches", NULL, 0);
        if (!full && !strcmp(t->name, "import_batches"))
            skip = newW <= W;
        else if (!full)
            skip = sqlite_ll(u->db,
                             "SELECT EXISTS (SELECT 1 FROM import_batches WHERE feed = ?1"
                             " AND batch_id > ?2)",
                             t->name, W) == 0;
    } else {
        newW = sqlite_ll(u->db, "SELECT max(seq) FROM nat_outbox", NULL, 0);
        if (!full)
            skip = sqlite_ll(u->db,
                             "SELECT EXISTS (SELECT 1 FROM nat_outbox WHERE tbl = ?1"
                             " AND seq > ?2)",
                             t->name, W) == 0;
    }
    if (newW < 0)
        goto out;
    if (skip) {
        rc = 0;
        goto out;
    }

    /* the changed rows' keys */
    int nk = key_count(t);
    char kb[64];
    const char *alias = !strcmp(t->name, "persons") ? "p" : "t";
    strbuf changed = STRBUF_INIT;
    if (!full) {
        if (t->tracking == NAT_BATCH)
            strbuf_addf(&changed, " AND %s.batch_id > ?1", alias);
        else if (nk == 1 && !strcmp(col_type(cols, types, n, t->key), "bigint"))
            strbuf_addf(&changed,
                        " AND %s.%s IN (SELECT CAST(key AS INTEGER) FROM nat_outbox"
                        " WHERE tbl = '%s' AND seq > ?1)",
                        alias, t->key, t->name);
        else {
            strbuf_adds(&changed, " AND CAST(");
            for (int i = 0; i < nk; i++)
                strbuf_addf(&changed, "%s%s.%s", i ? " AS TEXT) || char(31) || CAST(" : "", alias,
                            key_col(t, i, kb));
            strbuf_addf(&changed,
                        " AS TEXT) IN (SELECT key FROM nat_outbox WHERE tbl = '%s'"
                        " AND seq > ?1)",
                        t->name);
        }
        /* the changed keys are deleted on the national side, then their rows sent */
        strbuf_adds(&sb, "CREATE TEMP TABLE zj_keys (");
        for (int i = 0; i < nk; i++) {
            key_col(t, i, kb);
            strbuf_addf(&sb, "%s%s %s", i ? ", " : "", kb, col_type(cols, types, n, kb));
        }
        strbuf_adds(&sb, ") ON COMMIT DROP");
        if (pg_exec(u->c, sb.buf))
            goto out_changed;
        strbuf_reset(&sb);
        if (t->tracking == NAT_BATCH) {
            strbuf_adds(&sb, "SELECT ");
            for (int i = 0; i < nk; i++)
                strbuf_addf(&sb, "%s%s.%s", i ? ", " : "", alias, key_col(t, i, kb));
            strbuf_addf(&sb, " FROM %s %s WHERE 1%s", t->name, alias, changed.buf);
        } else {
            strbuf_addf(&sb, "SELECT DISTINCT key FROM nat_outbox WHERE tbl = '%s' AND seq > ?1",
                        t->name);
        }
        if (sqlite3_prepare_v2(u->db, sb.buf, -1, &st, NULL) != SQLITE_OK) {
            fprintf(stderr, "zhijian publish: %s\n  in: %s\n", sqlite3_errmsg(u->db), sb.buf);
            goto out_changed;
        }
        sqlite3_bind_int64(st, 1, W);
        strbuf_reset(&sb);
        {
            strbuf kbuf = STRBUF_INIT;
            if (pg_copy_begin(u->c, "COPY zj_keys FROM STDIN"))
                err = 1;
            int s;
            while (!err && (s = sqlite3_step(st)) == SQLITE_ROW) {
                if (t->tracking == NAT_BATCH) {
                    for (int i = 0; i < nk; i++) {
                        if (i)
                            strbuf_addch(&kbuf, '\t');
                        const char *v = sqlite3_column_type(st, i) == SQLITE_NULL
                                            ? NULL
                                            : (const char *)sqlite3_column_text(st, i);
                        pg_copy_field(&kbuf, v, v ? (size_t)sqlite3_column_bytes(st, i) : 0);
                    }
                } else {
                    /* outbox keys: the columns joined by char(31) */
                    const char *v = (const char *)sqlite3_column_text(st, 0);
                    for (int i = 0; i < nk; i++) {
                        size_t l = strcspn(v, "\x1f");
                        if (i)
                            strbuf_addch(&kbuf, '\t');
                        pg_copy_field(&kbuf, v, l);
                        v += l + (v[l] != 0);
                    }
                }
                strbuf_addch(&kbuf, '\n');
                keys++;
                if (kbuf.len >= FLUSH_BYTES) {
                    err = pg_copy_send(u->c, kbuf.buf, kbuf.len) != 0;
                    strbuf_reset(&kbuf);
                }
            }
            if (!err && kbuf.len)
                err = pg_copy_send(u->c, kbuf.buf, kbuf.len) != 0;
            if (pg_copy_end(u->c))
                err = 1;
            strbuf_release(&kbuf);
        }
        sqlite3_finalize(st);
        st = NULL;
        strbuf_reset(&sb);
        if (err)
            goto out_changed;
        strbuf_addf(&sb, "DELETE FROM nat.%s_p%s x USING zj_keys k WHERE ", t->name, u->p);
        for (int i = 0; i < nk; i++) {
            key_col(t, i, kb);
            strbuf_addf(&sb, "%sx.%s = k.%s", i ? " AND " : "", kb, kb);
        }
        if (pg_exec(u->c, sb.buf))
            goto out_changed;
        strbuf_reset(&sb);
    } else {
        /* TRUNCATE makes new files even for an empty partition: only when it has rows */
        strbuf_addf(&sb, "SELECT EXISTS (SELECT 1 FROM nat.%s_p%s)", t->name, u->p);
        char *any = pg_value(u->c, sb.buf, 0, NULL);
        strbuf_reset(&sb);
        strbuf_addf(&sb, "TRUNCATE nat.%s_p%s", t->name, u->p);
        int bad = !any || (!strcmp(any, "t") && pg_exec(u->c, sb.buf));
        free(any);
        strbuf_reset(&sb);
        /* an empty partition takes its rows faster without indexes, built again after */
        const char *ip[2] = {u->p, t->name};
        if (bad || (u->set_aside && pg_execp(u->c, "SELECT nat.indexes_off($1, $2)", 2, ip)))
            goto out_changed;
    }
    select_rows(u, t, cols, n, &sb);
    strbuf_adds(&sb, changed.buf ? changed.buf : "");
    if (sqlite3_prepare_v2(u->db, sb.buf, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "zhijian publish: %s\n  in: %s\n", sqlite3_errmsg(u->db), sb.buf);
        goto out_changed;
    }
    if (!full)
        sqlite3_bind_int64(st, 1, W);
    strbuf_reset(&sb);
    strbuf_addf(&sb, "COPY nat.%s_p%s (province", t->name, u->p);
    for (size_t i = 0; i < n; i++)
        strbuf_addf(&sb, ", \"%s\"", cols[i]);
    strbuf_adds(&sb, ") FROM STDIN");
    rows = copy_rows(u, st, n, sb.buf, &err);
    sqlite3_finalize(st);
    st = NULL;
    strbuf_reset(&sb);
    if (err)
        goto out_changed;
    if (full && u->set_aside) {
        const char *ip[2] = {u->p, t->name};
        if (pg_execp(u->c, "SELECT nat.indexes_on($1, $2)", 2, ip))
            goto out_changed;
    }
    {
        char wbuf[32], rbuf[32];
        snprintf(wbuf, sizeof wbuf, "%lld", newW);
        snprintf(rbuf, sizeof rbuf, "%ld", rows);
        const char *sp[5] = {u->p, t->name, wbuf, sig, rbuf};
        strbuf_addf(
            &sb,
            "INSERT INTO nat.publish_state_p%s(province, tbl, watermark, signature, rows_sent)"
            " VALUES ($1, $2, $3::bigint, $4, $5::bigint) ON CONFLICT (tbl) DO UPDATE SET"
            " watermark = EXCLUDED.watermark, signature = EXCLUDED.signature,"
            " rows_sent = EXCLUDED.rows_sent, published_at = now()",
            u->p);
        if (pg_execp(u->c, sb.buf, 5, sp))
            goto out_changed;
    }
    if (pg_exec(u->c, "COMMIT"))
        goto out_changed;
    rc = 0;
    u->st->rows_sent += rows;
    u->st->keys_deleted += keys;
    u->st->tables_changed++;
    if (ti < sizeof u->st->full / sizeof u->st->full[0])
        u->st->full[ti] = full;
out_changed:
    strbuf_release(&changed);
out:
    if (st)
        sqlite3_finalize(st);
    store_rollback(u->db);
    if (rc)
        pg_exec(u->c, "ROLLBACK");
    else if (skip)
        pg_exec(u->c, "COMMIT");
    else if (t->tracking == NAT_OUTBOX) {
        sqlite3_stmt *d =
            store_prepare(u->db, "DELETE FROM nat_outbox WHERE tbl = ?1 AND seq <= ?2");
        if (d) {
            sqlite3_bind_text(d, 1, t->name, -1, SQLITE_STATIC);
            sqlite3_bind_int64(d, 2, newW);
            sqlite3_step(d);
            sqlite3_finalize(d);
        }
    }
    if (u->verbose && rc == 0)
        fprintf(stderr, "publish %-22s %-11s %9ld rows %7ld keys %7.2f s\n", t->name,
                skip   ? "unchanged"
                : full ? "full"
                       : "incremental",
                rows, keys, now_s() - t0);
    strbuf_release(&sb);
    nat_columns_free(cols, types, n);
    return rc;
}

static char *dup_col(PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NULL : xstrdup(PQgetvalue(r, row, col));
}

/* Does the province hold the national open leads already: each with its evidence (in
 * any status: a lead the province dismissed stays dismissed), and no open national-model
 * lead the national side no longer raises? Then applying them would only touch every
 * lead's last_seen, and the next publish would send them all back again. */
static bool leads_at_home(sqlite3 *db, const lead_rec *L, size_t n, const char *const *models,
                          size_t nm)
{
    if (store_exec(db,
                   "CREATE TEMP TABLE IF NOT EXISTS nat_pull (model_id TEXT, subject TEXT,"
                   " evidence TEXT); DELETE FROM temp.nat_pull",
                   NULL))
        return false;
    sqlite3_stmt *ins = store_prepare(db, "INSERT INTO temp.nat_pull VALUES (?1, ?2, ?3)");
    if (!ins)
        return false;
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_text(ins, 1, L[i].model_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, L[i].subject, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 3, L[i].evidence, -1, SQLITE_STATIC);
        sqlite3_step(ins);
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    strbuf sb = STRBUF_INIT;
    strbuf_adds(
        &sb, "SELECT (SELECT count(*) FROM temp.nat_pull n WHERE NOT EXISTS (SELECT 1 FROM"
             " leads l WHERE l.model_id = n.model_id AND l.subject = n.subject AND"
             " l.evidence IS n.evidence)) + (SELECT count(*) FROM leads l WHERE l.model_id IN (");
    for (size_t i = 0; i < nm; i++)
        strbuf_addf(&sb, "%s'%s'", i ? ", " : "", models[i]);
    strbuf_adds(&sb, ") AND l.status IN " LEAD_OPEN_STATUSES " AND NOT EXISTS (SELECT 1 FROM"
                     " temp.nat_pull n WHERE n.model_id = l.model_id AND n.subject = l.subject))");
    long long missing = sqlite_ll(db, sb.buf, NULL, 0);
    strbuf_release(&sb);
    store_exec(db, "DELETE FROM temp.nat_pull", NULL);
    return missing == 0;
}

/* The province's national leads into the local leads table (resolved there when the
 * national side no longer has them open). */
static int take_leads(struct pub *u)
{
    static const char *const models[] = {"NAT-01", "NAT-02", "NAT-03", "NAT-04", "NAT-05"};
    enum { NM = sizeof models / sizeof models[0] };
    strbuf sb = STRBUF_INIT;
    strbuf_addf(&sb,
                "SELECT model_id, subject, person_id, facility_id, region_code, family,"
                " severity, summary, evidence, basis FROM nat.national_leads_p%s"
                " WHERE status = 'open' ORDER BY model_id, subject",
                u->p);
    PGresult *r = pg_query(u->c, sb.buf, 0, NULL);
    strbuf_reset(&sb);
    if (!r)
        return -1;
    /* the as-of of the last national screening: from nat.screenings, or (a province's own
     * server in the federated layout, where the national side writes the leads only) the
     * leads' last_seen */
    strbuf_addf(
        &sb,
        "SELECT greatest((SELECT max(as_of) FROM nat.screenings WHERE finished_at IS NOT NULL),"
        " (SELECT max(last_seen) FROM nat.national_leads_p%s))",
        u->p);
    char *asof = pg_value(u->c, sb.buf, 0, NULL);
    strbuf_release(&sb);
    zj_date as_of;
    if (!asof || !*asof || date_parse(asof, (unsigned)strlen(asof), &as_of)) {
        free(asof);
        PQclear(r);
        return asof ? 0 : -1; /* no national screening yet */
    }
    free(asof);
    size_t n = (size_t)PQntuples(r);
    lead_rec *L = xcalloc(n ? n : 1, sizeof *L);
    for (size_t i = 0; i < n; i++) {
        int k = (int)i;
        L[i].model_id = dup_col(r, k, 0);
        L[i].subject = dup_col(r, k, 1);
        L[i].person_id = dup_col(r, k, 2);
        L[i].facility_id = dup_col(r, k, 3);
        L[i].region_code = dup_col(r, k, 4);
        L[i].family = dup_col(r, k, 5);
        L[i].severity = dup_col(r, k, 6);
        L[i].summary = dup_col(r, k, 7);
        L[i].evidence = dup_col(r, k, 8);
        L[i].basis = dup_col(r, k, 9);
    }
    PQclear(r);
    if (leads_at_home(u->db, L, n, models, NM)) {
        for (size_t i = 0; i < n; i++)
            leads_rec_release(&L[i]);
        free(L);
        u->st->leads_received = (long)n;
        return 0;
    }
    leads_model_stat stats[NM];
    bool per_person[NM];
    for (size_t i = 0; i < NM; i++) {
        memset(&stats[i], 0, sizeof stats[i]);
        stats[i].model_id = models[i];
        per_person[i] = false;
    }
    /* national leads carry a screening id of their own kind: minus the pull's time */
    long sid = -(long)time(NULL);
    int rc = store_begin(u->db);
    if (!rc)
        rc = leads_apply(u->db, sid, as_of, L, n, stats, per_person, NM, NULL);
    rc = rc ? (store_rollback(u->db), -1) : store_commit(u->db);
    for (size_t i = 0; i < n; i++)
        leads_rec_release(&L[i]);
    free(L);
    u->st->leads_received = (long)n;
    return rc;
}

int nat_publish(sqlite3 *db, PGconn *c, const char *province, const char *role, bool verbose,
                struct nat_publish_stats *st)
{
    memset(st, 0, sizeof *st);
    if (!nat_province_name(province)) {
        fprintf(stderr, "zhijian publish: unknown province code '%s'\n", province);
        return -1;
    }
    char rolebuf[32];
    if (!role) {
        snprintf(rolebuf, sizeof rolebuf, "zj_p%s", province);
        role = rolebuf;
    }
    strbuf sb = STRBUF_INIT;
    strbuf_adds(&sb, "SET ROLE ");
    pg_ident(&sb, role);
    int rc = pg_exec(c, sb.buf);
    strbuf_release(&sb);
    if (rc)
        return -1;
    char *layout =
        pg_value(c, "SELECT layout FROM nat.provinces WHERE province = $1", 1, &province);
    if (!layout || !*layout) {
        if (layout)
            fprintf(stderr,
                    "zhijian publish: province %s is not registered on this server"
                    " (zhijian national init --provinces %s)\n",
                    province, province);
        free(layout);
        return -1;
    }
    if (strcmp(layout, "local")) {
        fprintf(stderr,
                "zhijian publish: province %s is attached from its own server here;"
                " publish to that server\n",
                province);
        free(layout);
        return -1;
    }
    free(layout);
    struct pub u = {.db = db, .c = c, .p = province, .verbose = verbose, .st = st};
    char *fn =
        pg_value(c, "SELECT to_regprocedure('nat.indexes_off(text, text)') IS NOT NULL", 0, NULL);
    u.set_aside = fn && !strcmp(fn, "t");
    free(fn);
    u.sealed = nat_sealed_condition(db);
    rc = nat_sealed_signature(db, u.sig);
    for (size_t i = 0; rc == 0 && i < nat_n_tables; i++)
        rc = publish_table(&u, &nat_tables[i], i);
    if (rc == 0)
        rc = take_leads(&u);
    free(u.sealed);
    return rc;
}
