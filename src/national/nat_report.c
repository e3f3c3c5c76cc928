/*
 * nat_report.c — `zhijian report --pg URL` (docs/national.md): every indicator of the
 * provincial work report (src/report/indicators.c), computed in PostgreSQL for each
 * province over its partitions (search_path = nat_p<code>, whose views show the
 * province's rows under the provincial table names, so each indicator's SQL runs as
 * written: its :name parameters become $n), and for the country as the sum of the
 * provinces' rows. Provinces that have published (or are attached) are reported.
 */
#include "national/nat_report.h"
#include "national/pg.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define TEXTOID 25
#define INT4OID 23

static const char *const pnames[] = {"from", "to", "bfrom",  "bto", "region",
                                     "y0",   "y1", "sublen", "h09"};
enum { NPARAMS = sizeof pnames / sizeof pnames[0] };

/* sql with each :name replaced by $k (k = 1 + index in pnames), string literals kept. */
static int translate(const char *sql, strbuf *out)
{
    for (const char *s = sql; *s;) {
        if (*s == '\'') {
            const char *e = s + 1;
            while (*e && !(*e == '\'' && e[1] != '\''))
                e += *e == '\'' ? 2 : 1;
            if (*e)
                e++;
            strbuf_add(out, s, (size_t)(e - s));
            s = e;
        } else if (*s == ':' && (isalpha((unsigned char)s[1]) || s[1] == '_')) {
            size_t l = 1;
            while (isalnum((unsigned char)s[l]) || s[l] == '_')
                l++;
            int k = -1;
            for (int i = 0; i < NPARAMS; i++)
                if (strlen(pnames[i]) == l - 1 && !strncmp(pnames[i], s + 1, l - 1))
                    k = i;
            if (k < 0) {
                fprintf(stderr, "zhijian report: unknown parameter %.*s\n", (int)l, s);
                return -1;
            }
            strbuf_addf(out, "$%d", k + 1);
            s += l;
        } else {
            strbuf_addch(out, *s++);
        }
    }
    return 0;
}

static int one_province(PGconn *c, const report_params *p, const char *code, report *r, zj_diag *d)
{
    int rc = report_prepare(p, r, d);
    if (rc)
        return rc;
    char sublen[8], h09[16];
    snprintf(sublen, sizeof sublen, "%d", r->sublen);
    snprintf(h09, sizeof h09, "%d", r->h09);
    const char *values[NPARAMS] = {r->from, r->to,  r->base_from, r->base_to, r->region,
                                   r->y0s,  r->y1s, sublen,       h09};
    Oid types[NPARAMS] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID,
                          TEXTOID, TEXTOID, INT4OID, INT4OID};
    char sp[64];
    snprintf(sp, sizeof sp, "SET search_path = nat_p%s, pg_catalog", code);
    if (pg_exec(c, sp)) {
        zj_diag_set(d, "province", "province %s: no view schema nat_p%s", code, code);
        return ZJ_EDB;
    }
    strbuf sql = STRBUF_INIT;
    for (size_t i = 0; rc == 0 && i < r->n; i++) {
        report_value *v = &r->v[i];
        strbuf_reset(&sql);
        if (translate(v->def->sql, &sql)) {
            zj_diag_set(d, v->def->name, "indicator '%s': cannot translate its SQL", v->def->name);
            rc = ZJ_EDB;
            break;
        }
        /* every parameter is passed; PostgreSQL needs the types of those the SQL omits */
        PGresult *res = PQexecParams(c, sql.buf, NPARAMS, types, values, NULL, NULL, 0);
        if (PQresultStatus(res) != PGRES_TUPLES_OK) {
            zj_diag_set(d, v->def->name, "indicator '%s' (province %s): %s", v->def->name, code,
                        PQresultErrorMessage(res));
            rc = ZJ_EDB;
        } else {
            for (int k = 0; k < PQntuples(res); k++)
                report_add(v, PQgetisnull(res, k, 0) ? NULL : PQgetvalue(res, k, 0),
                           atol(PQgetvalue(res, k, 1)));
        }
        PQclear(res);
    }
    strbuf_release(&sql);
    pg_exec(c, "RESET search_path");
    return rc;
}

int nat_report_compute(PGconn *c, const report_params *p, const char *only, struct nat_report *nr,
                       zj_diag *d)
{
    memset(nr, 0, sizeof *nr);
    const char *params[1] = {only};
    PGresult *res = pg_query(c,
                             "SELECT province, name FROM nat.provinces p WHERE ($1::text IS NULL OR"
                             " province = $1) AND (layout = 'foreign' OR EXISTS (SELECT 1 FROM"
                             " nat.publish_state s WHERE s.province = p.province)) ORDER BY 1",
                             1, params);
    if (!res) {
        zj_diag_set(d, "pg", "not a national database (zhijian national init)");
        return ZJ_EDB;
    }
    nr->n = (size_t)PQntuples(res);
    nr->code = xcalloc(nr->n + 1, sizeof *nr->code);
    nr->name = xcalloc(nr->n + 1, sizeof *nr->name);
    nr->prov = xcalloc(nr->n + 1, sizeof *nr->prov);
    for (size_t i = 0; i < nr->n; i++) {
        nr->code[i] = xstrdup(PQgetvalue(res, (int)i, 0));
        nr->name[i] = xstrdup(PQgetvalue(res, (int)i, 1));
    }
    PQclear(res);
    int rc = report_prepare(p, &nr->country, d);
    for (size_t i = 0; rc == 0 && i < nr->n; i++) {
        rc = one_province(c, p, nr->code[i], &nr->prov[i], d);
        for (size_t k = 0; rc == 0 && k < nr->prov[i].n; k++) {
            const report_value *v = &nr->prov[i].v[k];
            for (size_t j = 0; j < v->n_rows; j++)
                report_add(&nr->country.v[k], v->rows[j].key, v->rows[j].n);
        }
    }
    return rc;
}

void nat_report_release(struct nat_report *nr)
{
    for (size_t i = 0; i < nr->n; i++) {
        report_release(&nr->prov[i]);
        free(nr->code[i]);
        free(nr->name[i]);
    }
    report_release(&nr->country);
    free(nr->prov);
    free(nr->code);
    free(nr->name);
    memset(nr, 0, sizeof *nr);
}

void nat_report_render(const struct nat_report *nr, const char *format, strbuf *out)
{
    if (!strcmp(format, "json")) {
        strbuf_adds(out, "{\"country\":");
        report_render_json(&nr->country, out);
        strbuf_adds(out, ",\n\"provinces\":[");
        for (size_t i = 0; i < nr->n; i++) {
            strbuf_addf(out, "%s{\"province\":\"%s\",\"name\":", i ? ",\n" : "", nr->code[i]);
            strbuf_add_json_str(out, nr->name[i]);
            strbuf_adds(out, ",\"report\":");
            report_render_json(&nr->prov[i], out);
            strbuf_adds(out, "}");
        }
        strbuf_adds(out, "]}\n");
    } else if (!strcmp(format, "md")) {
        strbuf_adds(out, "# 全国\n\n");
        report_render_md(&nr->country, out);
        for (size_t i = 0; i < nr->n; i++) {
            strbuf_addf(out, "\n\n# %s（%s）\n\n", nr->name[i], nr->code[i]);
            report_render_md(&nr->prov[i], out);
        }
    } else {
        report_render_html(nr->n == 1 ? &nr->prov[0] : &nr->country, out);
    }
}
