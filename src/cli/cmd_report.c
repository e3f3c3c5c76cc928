/*
 * cmd_report.c — `zhijian report [--from D] [--to D] [--base-year Y] [--region P]
 * [--format html|md|json] [--out FILE] [--simulate SEED [--as-of D]]` (cli.md): the work
 * report of spec/workflow.md "Report". Defaults: --to today, --from 1 January of --to's
 * year, base period the same days one year earlier, the whole country, html on stdout.
 * --simulate first runs office_simulate_year (a year of casework up to --as-of, default
 * --to) on the database: for demos and tests.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/simulate.h"
#include "law/law.h"
#include "national/nat_report.h"
#include "national/pg.h"
#include "report/report.h"
#include "store/store.h"
#include "util/strbuf.h"

static void usage(void)
{
    printf(
        "usage: zhijian report [--db PATH] [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
        "                      [--base-year YYYY] [--region PREFIX] [--format html|md|json]\n"
        "                      [--out FILE] [--simulate SEED [--as-of YYYY-MM-DD]]\n"
        "       zhijian report --pg URL [--province P] [same period, region and format options]\n\n"
        "The work report (工作报告): correction notices by area, commutations/paroles/\n"
        "temporary execution outside prison per year against a base year, leads and cases per\n"
        "model, inspections, complaints, re-imprisonments, political-rights corrections,\n"
        "duty-crime transfers. Every figure is a named query; --format json lists them with\n"
        "their counts and SQL.\n\n"
        "  --from, --to    the period (default: 1 January of --to's year .. today)\n"
        "  --base-year Y   compare with the same days of year Y (default: the year before)\n"
        "  --region P      a region code prefix (2, 4 or 6 digits); default the country\n"
        "  --format F      html (self-contained, inline SVG charts), md, json (default html)\n"
        "  --out FILE      write to FILE instead of stdout\n"
        "  --config FILE   law parameters (\"H-09.years = 3\": re-offending counted within\n"
        "                  N years of a release)\n"
        "  --simulate S    first simulate a year of casework (seed S) up to --as-of\n"
        "  --pg URL        the national report from the national PostgreSQL database\n"
        "                  (docs/national.md): every indicator by province and for the\n"
        "                  country (json: {country, provinces[]}; md: both; html: the country)\n"
        "  --province P    with --pg: only province P\n");
}

static int parse_date_opt(const char *opt, const char *arg, zj_date *out)
{
    if (!arg || date_parse(arg, (unsigned)strlen(arg), out) != 0)
        return cli_usage_error("report", "invalid date '%s' for %s (expected YYYY-MM-DD)",
                               arg ? arg : "", opt);
    return 0;
}

static int write_out(const strbuf *out, const char *out_path)
{
    int rc = EXIT_OK;
    FILE *f = out_path ? fopen(out_path, "wb") : stdout;
    if (!f) {
        fprintf(stderr, "zhijian report: cannot write '%s'\n", out_path);
        return EXIT_FAIL;
    }
    if (fwrite(out->buf, 1, out->len, f) != out->len)
        rc = EXIT_FAIL;
    if (out_path && fclose(f) != 0)
        rc = EXIT_FAIL;
    if (rc)
        fprintf(stderr, "zhijian report: cannot write '%s'\n", out_path ? out_path : "stdout");
    return rc;
}

static int national_report(const char *url, const char *province, const report_params *p,
                           const char *format, const char *out_path)
{
    PGconn *c = pg_connect(url);
    if (!c)
        return EXIT_FAIL;
    struct nat_report nr;
    zj_diag diag = {0};
    int e = nat_report_compute(c, p, province, &nr, &diag);
    pg_close(c);
    int rc = EXIT_OK;
    if (e) {
        fprintf(stderr, "zhijian report: %s\n", diag.message);
        rc = EXIT_FAIL;
    } else if (nr.n == 0) {
        fprintf(stderr, "zhijian report: no province has published to this database%s%s\n",
                province ? ": " : "", province ? province : "");
        rc = EXIT_FAIL;
    } else {
        strbuf out = STRBUF_INIT;
        nat_report_render(&nr, format, &out);
        rc = write_out(&out, out_path);
        strbuf_release(&out);
    }
    nat_report_release(&nr);
    return rc;
}

int cmd_report(int argc, char **argv)
{
    const char *db_path = NULL, *format = "html", *out_path = NULL, *region = "";
    const char *pg_url = NULL, *province = NULL;
    zj_date from = ZJ_DATE_NONE, to = ZJ_DATE_NONE, as_of = ZJ_DATE_NONE;
    int base_year = 0, reoffend_years = 0;
    bool simulate = false;
    unsigned long long seed = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage();
            return EXIT_OK;
        } else if (!strcmp(a, "--db") && v) {
            db_path = v;
            i++;
        } else if (!strcmp(a, "--from") && v) {
            if (parse_date_opt(a, v, &from))
                return EXIT_USAGE;
            i++;
        } else if (!strcmp(a, "--to") && v) {
            if (parse_date_opt(a, v, &to))
                return EXIT_USAGE;
            i++;
        } else if (!strcmp(a, "--as-of") && v) {
            if (parse_date_opt(a, v, &as_of))
                return EXIT_USAGE;
            i++;
        } else if (!strcmp(a, "--base-year") && v) {
            char *end;
            long y = strtol(v, &end, 10);
            if (*end || y < 1900 || y > 9999)
                return cli_usage_error("report", "invalid year '%s' for --base-year", v);
            base_year = (int)y;
            i++;
        } else if (!strcmp(a, "--config") && v) {
            zj_diag cd = {0};
            struct law_params lp;
            if (law_params_load(v, &lp, &cd) != 0) {
                if (cd.line)
                    fprintf(stderr, "zhijian report: %s:%ld: %s\n", v, cd.line, cd.message);
                else
                    fprintf(stderr, "zhijian report: %s\n", cd.message);
                return EXIT_USAGE;
            }
            reoffend_years = lp.h09_years;
            i++;
        } else if (!strcmp(a, "--pg") && v) {
            pg_url = v;
            i++;
        } else if (!strcmp(a, "--province") && v) {
            province = v;
            i++;
        } else if (!strcmp(a, "--region") && v) {
            region = v;
            i++;
        } else if (!strcmp(a, "--format") && v) {
            format = v;
            i++;
        } else if (!strcmp(a, "--out") && v) {
            out_path = v;
            i++;
        } else if (!strcmp(a, "--simulate") && v) {
            char *end;
            seed = strtoull(v, &end, 10);
            if (*end)
                return cli_usage_error("report", "invalid seed '%s' for --simulate", v);
            simulate = true;
            i++;
        } else {
            return cli_usage_error("report", "unknown option '%s'", a);
        }
    }
    if (strcmp(format, "html") && strcmp(format, "md") && strcmp(format, "json"))
        return cli_usage_error("report", "unknown format '%s' (html, md, json)", format);
    size_t rl = strlen(region);
    if (rl > 6 || rl % 2 || strspn(region, "0123456789") != rl)
        return cli_usage_error("report", "invalid region '%s' (2, 4 or 6 digits)", region);
    if (to == ZJ_DATE_NONE)
        to = as_of != ZJ_DATE_NONE ? as_of : cli_today();
    int y, m, d;
    date_to_ymd(to, &y, &m, &d);
    if (from == ZJ_DATE_NONE)
        from = date_from_ymd(y, 1, 1);
    if (from > to)
        return cli_usage_error("report", "--from is after --to");
    report_params p = {.from = from,
                       .to = to,
                       .base_from = ZJ_DATE_NONE,
                       .base_to = ZJ_DATE_NONE,
                       .region = region,
                       .reoffend_years = reoffend_years};
    if (base_year) {
        int shift = (y - base_year) * 12;
        p.base_from = date_add_months(from, -shift);
        p.base_to = date_add_months(to, -shift);
    }

    if (province && !pg_url)
        return cli_usage_error("report", "--province needs --pg");
    if (pg_url) {
        if (simulate)
            return cli_usage_error("report",
                                   "--simulate works on a province's database, not with --pg");
        return national_report(pg_url, province, &p, format, out_path);
    }

    sqlite3 *db = cli_open_db(db_path, 0);
    if (!db)
        return EXIT_FAIL;
    int rc = EXIT_OK;
    report r = {0};
    strbuf out = STRBUF_INIT;
    zj_diag diag = {0};
    if (simulate) {
        int s = office_simulate_year(db, as_of != ZJ_DATE_NONE ? as_of : to, (uint64_t)seed);
        if (s < 0) {
            fprintf(stderr, "zhijian report: simulation failed: %s\n", zj_strerror(s));
            rc = EXIT_FAIL;
            goto cleanup;
        }
    }
    if (report_compute(db, &p, &r, &diag) != 0) {
        fprintf(stderr, "zhijian report: %s\n", diag.message);
        rc = EXIT_FAIL;
        goto cleanup;
    }
    if (!strcmp(format, "json"))
        report_render_json(&r, &out);
    else if (!strcmp(format, "md"))
        report_render_md(&r, &out);
    else
        report_render_html(&r, &out);
    rc = write_out(&out, out_path);
cleanup:
    report_release(&r);
    strbuf_release(&out);
    store_close(db);
    return rc;
}
