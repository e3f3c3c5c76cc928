/*
 * nat_screen.c — `zhijian national screen` (nat.h): the national models of nat_models.sql
 * over every province's tables, in one transaction: their leads are upserted into
 * nat.national_leads by (province, model_id, subject) — first_seen kept, a resolved lead
 * raised again reopens — and the open leads no model raised this time are resolved.
 */
#include "national/nat.h"
#include "national/pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/embedded.h"
#include "util/xalloc.h"

static const char *const nat_models[] = {"NAT-01", "NAT-02", "NAT-03", "NAT-04", "NAT-05"};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long count_of(PGconn *c, const char *sql, int n, const char *const *params)
{
    PGresult *r = pg_query(c, sql, n, params);
    if (!r)
        return -1;
    long v = atol(PQcmdTuples(r));
    PQclear(r);
    return v;
}

int nat_screen(PGconn *c, zj_date as_of, bool verbose)
{
    const struct zj_embedded *e = zj_embedded_find("src/national/nat_models.sql");
    if (!e)
        return -1;
    char asof[11];
    date_format(as_of, asof);
    const char *a1[1] = {asof};
    /* Planner statistics first: publishes COPY rows in faster than autovacuum analyzes them,
     * autovacuum never analyzes a partitioned table as a whole, and the foreign partitions
     * of the federated layout have none until analyzed (postgres_fdw fetches the province's
     * whole table for it); without them NAT-05's join was planned as over empty tables.
     * Only the tables the models read (named "nat.<table>" in nat_models.sql), and only the
     * parents: ANALYZE of a partitioned table samples it as a whole and analyzes each of
     * its partitions, local or foreign. */
    strbuf names = STRBUF_INIT;
    strbuf_adds(&names, "{");
    for (const char *q = strstr((const char *)e->data, "nat."); q; q = strstr(q + 4, "nat.")) {
        size_t l = strspn(q + 4, "abcdefghijklmnopqrstuvwxyz_0123456789");
        if (l && (q == (const char *)e->data || !strchr("abcdefghijklmnopqrstuvwxyz_", q[-1])))
            strbuf_addf(&names, "%s%.*s", names.len > 1 ? "," : "", (int)l, q + 4);
    }
    strbuf_adds(&names, "}");
    const char *an[1] = {names.buf};
    PGresult *tabs = pg_query(c,
                              "SELECT DISTINCT format('ANALYZE nat.%I', k.relname)"
                              " FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace"
                              " WHERE n.nspname = 'nat' AND k.relkind IN ('r', 'p', 'f')"
                              " AND NOT k.relispartition AND k.relname = ANY($1::text[])"
                              " ORDER BY 1",
                              1, an);
    strbuf_release(&names);
    if (!tabs)
        return -1;
    double t0 = now_s();
    for (int i = 0; i < PQntuples(tabs); i++)
        if (pg_exec(c, PQgetvalue(tabs, i, 0))) {
            PQclear(tabs);
            return -1;
        }
    if (verbose)
        fprintf(stderr, "national screen ANALYZE of %d tables: %.2f s\n", PQntuples(tabs),
                now_s() - t0);
    PQclear(tabs);
    /* No JIT: the foreign scans' costs make the planner compile every model (≈ 6 s of a
     * federated NAT-04 at 3 × 30,000 persons) for queries that run for a few seconds. */
    if (pg_exec(c, "BEGIN; SET LOCAL jit = off; SELECT pg_advisory_xact_lock(20022)"))
        return -1;
    char *sid =
        pg_value(c, "INSERT INTO nat.screenings(as_of) VALUES ($1) RETURNING screening_id", 1, a1);
    int rc = sid && *sid ? 0 : -1;
    if (!rc)
        rc = pg_exec(c, "CREATE TEMP TABLE nat_found (province text, model_id text, subject text,"
                        " person_id text, facility_id text, region_code text, family text,"
                        " severity text, summary text, evidence text, basis text) ON COMMIT DROP");
    /* the statements of nat_models.sql, each after a line "-- @@ <name>" */
    const char *text = (const char *)e->data;
    for (const char *s = strstr(text, "\n-- @@ "); !rc && s;) {
        s++;
        const char *name = s + 6;
        size_t nl = strcspn(name, "\n");
        const char *next = strstr(name, "\n-- @@ ");
        size_t len = next ? (size_t)(next - s) + 1 : strlen(s);
        char *stmt = xmalloc(len + 1);
        memcpy(stmt, s, len);
        stmt[len] = 0;
        t0 = now_s();
        PGresult *r = pg_query(c, stmt, strstr(stmt, "$1") ? 1 : 0, a1);
        if (!r)
            rc = -1;
        else if (verbose)
            fprintf(stderr, "national screen %.*s: %s %s, %.2f s\n", (int)nl, name, PQcmdTuples(r),
                    strncmp(name, "NAT-", 4) ? "rows" : "leads", now_s() - t0);
        PQclear(r);
        free(stmt);
        s = next;
    }
    long n_new = 0, n_open = 0, n_res = 0;
    const char *a2[2] = {asof, sid};
    if (!rc) {
        n_open =
            count_of(c,
                     "UPDATE nat.national_leads l SET person_id = f.person_id,"
                     " facility_id = f.facility_id, region_code = f.region_code,"
                     " family = f.family, severity = f.severity, summary = f.summary,"
                     " evidence = f.evidence, basis = f.basis, last_seen = $1, status = 'open',"
                     " resolved_date = NULL, screening_id = $2::bigint FROM nat_found f"
                     " WHERE l.province = f.province AND l.model_id = f.model_id"
                     " AND l.subject = f.subject",
                     2, a2);
        n_new = count_of(
            c,
            "INSERT INTO nat.national_leads(province, model_id, subject, person_id,"
            " facility_id, region_code, family, severity, status, first_seen, last_seen,"
            " summary, evidence, basis, screening_id) SELECT f.province, f.model_id,"
            " f.subject, f.person_id, f.facility_id, f.region_code, f.family, f.severity,"
            " 'open', $1, $1, f.summary, f.evidence, f.basis, $2::bigint FROM nat_found f"
            " WHERE NOT EXISTS (SELECT 1 FROM nat.national_leads l WHERE"
            " l.province = f.province AND l.model_id = f.model_id AND l.subject = f.subject)",
            2, a2);
        n_res = count_of(c,
                         "UPDATE nat.national_leads SET status = 'resolved', resolved_date = $1,"
                         " screening_id = $2::bigint WHERE status = 'open'"
                         " AND screening_id IS DISTINCT FROM $2::bigint",
                         2, a2);
        rc = n_open < 0 || n_new < 0 || n_res < 0 ? -1 : 0;
    }
    if (!rc) {
        char b1[24], b2[24], b3[24];
        snprintf(b1, sizeof b1, "%ld", n_new);
        snprintf(b2, sizeof b2, "%ld", n_open);
        snprintf(b3, sizeof b3, "%ld", n_res);
        const char *a4[4] = {sid, b1, b2, b3};
        rc = pg_execp(c,
                      "UPDATE nat.screenings SET finished_at = now(), leads_new = $2::bigint,"
                      " leads_open = $3::bigint, leads_resolved = $4::bigint"
                      " WHERE screening_id = $1::bigint",
                      4, a4);
    }
    PGresult *r =
        rc ? NULL : pg_query(c, "SELECT model_id, count(*) FROM nat_found GROUP BY 1", 0, NULL);
    if (!rc && !r)
        rc = -1;
    if (!rc) {
        printf("national screening %s as of %s: %ld new leads, %ld raised again, %ld resolved\n",
               sid, asof, n_new, n_open, n_res);
        for (size_t m = 0; m < sizeof nat_models / sizeof nat_models[0]; m++) {
            long n = 0;
            for (int i = 0; i < PQntuples(r); i++)
                if (!strcmp(PQgetvalue(r, i, 0), nat_models[m]))
                    n = atol(PQgetvalue(r, i, 1));
            printf("  %s %ld\n", nat_models[m], n);
        }
    }
    PQclear(r);
    rc = rc ? (pg_exec(c, "ROLLBACK"), -1) : pg_exec(c, "COMMIT");
    free(sid);
    return rc;
}
