/*
 * cmd_leads.c — `zhijian leads [--model ID] [--status S] [--person ID] [--format csv|json]`
 * (cli.md): export the stored leads. CSV columns, exactly:
 * model_id,subject,person_id,facility_id,region_code,severity,status,first_seen,summary,
 * basis,evidence (evidence as JSON text). --format xlsx --out FILE: the same columns with
 * Chinese headings as a workbook for people (frozen header, sized columns).
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sources/xlsx_out.h"
#include "store/leads.h"
#include "store/store.h"
#include "util/strbuf.h"

#define N_CSV LEADS_CSV_COLUMNS

static const char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : NULL;
}

static int print_csv(sqlite3_stmt *st, void *arg)
{
    strbuf *sb = arg;
    const char *cells[N_CSV];
    for (int i = 0; i < N_CSV; i++)
        cells[i] = col(st, i);
    strbuf_reset(sb);
    leads_csv_row(sb, cells);
    fwrite(sb->buf, 1, sb->len, stdout);
    return 0;
}

static int add_xlsx(sqlite3_stmt *st, void *arg)
{
    const char *cells[N_CSV];
    for (int i = 0; i < N_CSV; i++)
        cells[i] = col(st, i);
    xlsx_out_row(arg, cells);
    return 0;
}

static const char *const json_keys[] = {"model_id", "subject", "person_id", "facility_id",
                                        "region_code", "severity", "status", "first_seen",
                                        "summary", "basis", "evidence", "last_seen",
                                        "resolved_date", "family"};

static int add_json(sqlite3_stmt *st, void *arg)
{
    json_t *arr = arg, *o = json_object();
    for (int i = 0; i < (int)(sizeof(json_keys) / sizeof(*json_keys)); i++) {
        const char *v = col(st, i);
        json_t *val;
        if (i == 10 && v) {
            val = json_loads(v, 0, NULL);
            if (!val)
                val = json_string(v);
        } else {
            val = v ? json_string(v) : json_null();
        }
        json_object_set_new(o, json_keys[i], val ? val : json_null());
    }
    json_array_append_new(arr, o);
    return 0;
}

int cmd_leads(int argc, char **argv)
{
    const char *db_path = NULL, *format = "csv", *out = NULL;
    leads_filter f = {0};
    int rc = EXIT_OK;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            printf("usage: zhijian leads [--db PATH] [--model ID] [--status S] [--person ID]"
                   " [--family F] [--format csv|json|xlsx] [--out FILE]\n\n"
                   "Export the leads. csv columns: model_id,subject,person_id,facility_id,"
                   "region_code,severity,status,first_seen,summary,basis,evidence\n"
                   "status: open, assigned, verifying, case, dismissed, resolved\n"
                   "family: a model family (enterprise, juvenile, property, …) or an area: "
                   "涉企 (= enterprise), 犯罪记录封存 (= juvenile)\n"
                   "xlsx: the same columns with Chinese headings, written to --out FILE\n");
            return EXIT_OK;
        } else if (!strcmp(a, "--db") && i + 1 < argc) {
            db_path = argv[++i];
        } else if (!strcmp(a, "--model") && i + 1 < argc) {
            f.model_id = argv[++i];
        } else if (!strcmp(a, "--status") && i + 1 < argc) {
            f.status = argv[++i];
        } else if (!strcmp(a, "--person") && i + 1 < argc) {
            f.person_id = argv[++i];
        } else if ((!strcmp(a, "--family") || !strcmp(a, "--area")) && i + 1 < argc) {
            f.family = argv[++i];
        } else if (!strcmp(a, "--format") && i + 1 < argc) {
            format = argv[++i];
            if (strcmp(format, "csv") && strcmp(format, "json") && strcmp(format, "xlsx"))
                return cli_usage_error("leads", "unknown format '%s' (csv, json or xlsx)", format);
        } else if (!strcmp(a, "--out") && i + 1 < argc) {
            out = argv[++i];
        } else {
            return cli_usage_error("leads", "unknown option '%s'", a);
        }
    }
    if (!strcmp(format, "xlsx") != (out != NULL))
        return cli_usage_error("leads", "--format xlsx goes with --out FILE");
    sqlite3 *db = cli_open_db(db_path, 0);
    if (!db)
        return EXIT_FAIL;
    if (out) {
        char err[300];
        struct xlsx_out *x = xlsx_out_open(out, "线索", "线索清单", xlsx_leads_headers, N_CSV,
                                           err, sizeof err);
        if (!x || leads_list(db, &f, add_xlsx, x) != 0)
            rc = EXIT_FAIL;
        if (x && xlsx_out_close(x, err, sizeof err) != 0)
            rc = EXIT_FAIL;
        if (rc)
            fprintf(stderr, "zhijian leads: cannot write '%s'%s%s\n", out, err[0] ? ": " : "",
                    err);
    } else if (!strcmp(format, "csv")) {
        strbuf sb = STRBUF_INIT;
        fputs(LEADS_CSV_HEADER, stdout);
        if (leads_list(db, &f, print_csv, &sb) != 0)
            rc = EXIT_FAIL;
        strbuf_release(&sb);
    } else {
        json_t *arr = json_array();
        if (leads_list(db, &f, add_json, arr) != 0) {
            rc = EXIT_FAIL;
        } else {
            char *s = json_dumps(arr, JSON_INDENT(1));
            if (s)
                printf("%s\n", s);
            free(s);
        }
        json_decref(arr);
    }
    store_close(db);
    return rc;
}
