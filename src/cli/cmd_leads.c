/*
 * cmd_leads.c — `zhijian leads [--model ID] [--status S] [--person ID] [--format csv|json]`
 * (cli.md): export the stored leads. CSV columns, exactly:
 * model_id,subject,person_id,facility_id,region_code,severity,status,first_seen,summary,
 * basis,evidence (evidence as JSON text). --format xlsx --out FILE: the same columns with
 * Chinese headings as a workbook for people (frozen header, sized columns).
 *
 * An export leaves the platform: a lead of a person whose record is sealed on the as-of
 * date (law.md J-01, J-03; docs/sealing.md) is masked as in the web's export (person id →
 * 已封存, name and id number masked in the texts), and stderr says how many. --purpose TEXT
 * exports them in full and records one read_sealed per sealed person under --actor.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/audit.h"
#include "cases/sealed.h"
#include "store/stmt.h"
#include "sources/xlsx_out.h"
#include "store/leads.h"
#include "store/store.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define N_CSV LEADS_CSV_COLUMNS

static const char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : NULL;
}

static const char *const json_keys[] = {
    "model_id",   "subject", "person_id", "facility_id", "region_code", "severity",      "status",
    "first_seen", "summary", "basis",     "evidence",    "last_seen",   "resolved_date", "family"};
#define N_JSON ((int)(sizeof json_keys / sizeof *json_keys))

/* One export: where rows go, and what is done with the rows of sealed persons. */
typedef struct leads_out {
    sqlite3 *db;
    zj_date on;          /* sealed on this date */
    const char *purpose; /* NULL: mask; else record the read */
    const char *actor;
    char **read; /* sealed persons whose read is recorded */
    size_t n_read, alloc_read;
    long masked; /* rows masked */
    int failed;
    strbuf sb;
    struct xlsx_out *x;
    json_t *arr;
} leads_out;

/* The row's cells (ncells of them) as exported: masked into tmp[] when its person is sealed
 * and no purpose was stated; with a purpose, the first read of each sealed person is
 * recorded in the audit log. */
static void row_cells(leads_out *o, sqlite3_stmt *st, int ncells, const char *cells[], char *tmp[])
{
    for (int i = 0; i < ncells; i++)
        cells[i] = col(st, i);
    if (!o->purpose) {
        if (sealed_mask_lead_row(o->db, o->on, cells, (size_t)ncells, tmp)) {
            for (int i = 0; i < ncells; i++)
                cells[i] = tmp[i];
            o->masked++;
        }
        return;
    }
    bool sealed = false;
    if (!cells[2] || sealed_check(o->db, cells[2], o->on, &sealed) != 0 || !sealed)
        return;
    for (size_t i = 0; i < o->n_read; i++)
        if (!strcmp(o->read[i], cells[2]))
            return;
    char detail[SEALED_PURPOSE_MAX + 32];
    snprintf(detail, sizeof detail, "cli leads; 事由：%s", o->purpose);
    if (audit_append(o->db, o->actor, "read_sealed", cells[2], detail) != 0)
        o->failed = 1;
    XGROW(o->read, o->n_read + 1, o->alloc_read);
    o->read[o->n_read++] = xstrdup(cells[2]);
}

static int print_csv(sqlite3_stmt *st, void *arg)
{
    leads_out *o = arg;
    const char *cells[N_CSV];
    char *tmp[N_CSV] = {0};
    row_cells(o, st, N_CSV, cells, tmp);
    strbuf_reset(&o->sb);
    leads_csv_row(&o->sb, cells);
    fwrite(o->sb.buf, 1, o->sb.len, stdout);
    sealed_row_free(tmp, N_CSV);
    return o->failed;
}

static int add_xlsx(sqlite3_stmt *st, void *arg)
{
    leads_out *o = arg;
    const char *cells[N_CSV];
    char *tmp[N_CSV] = {0};
    row_cells(o, st, N_CSV, cells, tmp);
    xlsx_out_row(o->x, cells);
    sealed_row_free(tmp, N_CSV);
    return o->failed;
}

static int add_json(sqlite3_stmt *st, void *arg)
{
    leads_out *o = arg;
    const char *cells[N_JSON];
    char *tmp[N_JSON] = {0};
    row_cells(o, st, N_JSON, cells, tmp);
    json_t *obj = json_object();
    for (int i = 0; i < N_JSON; i++) {
        const char *v = cells[i];
        json_t *val;
        if (i == 10 && v) {
            val = json_loads(v, 0, NULL);
            if (!val)
                val = json_string(v);
        } else {
            val = v ? json_string(v) : json_null();
        }
        json_object_set_new(obj, json_keys[i], val ? val : json_null());
    }
    if (tmp[2])
        json_object_set_new(obj, "sealed", json_true());
    json_array_append_new(o->arr, obj);
    sealed_row_free(tmp, N_JSON);
    return o->failed;
}

int cmd_leads(int argc, char **argv)
{
    const char *db_path = NULL, *format = "csv", *out = NULL, *purpose = NULL;
    const char *actor = cli_default_actor();
    zj_date on = cli_today();
    leads_filter f = {0};
    int rc = EXIT_OK;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            printf("usage: zhijian leads [--db PATH] [--model ID] [--status S] [--person ID]"
                   " [--family F] [--format csv|json|xlsx] [--out FILE]\n"
                   "                     [--as-of D] [--purpose TEXT [--actor NAME]]\n\n"
                   "Export the leads. csv columns: model_id,subject,person_id,facility_id,"
                   "region_code,severity,status,first_seen,summary,basis,evidence\n"
                   "status: open, assigned, verifying, case, dismissed, resolved\n"
                   "family: a model family (enterprise, juvenile, property, …) or an area: "
                   "涉企 (= enterprise), 犯罪记录封存 (= juvenile)\n"
                   "xlsx: the same columns with Chinese headings, written to --out FILE\n"
                   "The leads of a person whose record is sealed on the as-of date (default\n"
                   "today; law.md J-01, 已封存) are masked: person id 已封存, name and id number\n"
                   "masked in the texts. --purpose TEXT (办案需要 …) exports them in full and\n"
                   "records the read of each sealed person in the audit log under --actor NAME\n"
                   "(default $USER).\n");
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
        } else if (!strcmp(a, "--as-of") && i + 1 < argc) {
            if (cli_parse_as_of(argv[++i], &on) != 0)
                return EXIT_USAGE;
        } else if (!strcmp(a, "--purpose") && i + 1 < argc) {
            purpose = argv[++i];
        } else if (!strcmp(a, "--actor") && i + 1 < argc) {
            actor = argv[++i];
        } else {
            return cli_usage_error("leads", "unknown option '%s'", a);
        }
    }
    if (!strcmp(format, "xlsx") != (out != NULL))
        return cli_usage_error("leads", "--format xlsx goes with --out FILE");
    if (purpose) {
        zj_diag d = {0};
        if (sealed_purpose_ok(purpose, &d) != 0) {
            fprintf(stderr, "zhijian leads: %s（--purpose）\n", d.message);
            return EXIT_USAGE;
        }
    }
    sqlite3 *db = cli_open_db(db_path, 0);
    if (!db)
        return EXIT_FAIL;
    leads_out o = {.db = db, .on = on, .purpose = purpose, .actor = actor};
    strbuf_init(&o.sb, 256);
    if (out) {
        char err[300] = "";
        o.x = xlsx_out_open(out, "线索", "线索清单", xlsx_leads_headers, N_CSV, err, sizeof err);
        if (!o.x || leads_list(db, &f, add_xlsx, &o) != 0)
            rc = EXIT_FAIL;
        if (o.x && xlsx_out_close(o.x, err, sizeof err) != 0)
            rc = EXIT_FAIL;
        if (rc)
            fprintf(stderr, "zhijian leads: cannot write '%s'%s%s\n", out, err[0] ? ": " : "", err);
    } else if (!strcmp(format, "csv")) {
        fputs(LEADS_CSV_HEADER, stdout);
        if (leads_list(db, &f, print_csv, &o) != 0)
            rc = EXIT_FAIL;
    } else {
        o.arr = json_array();
        if (leads_list(db, &f, add_json, &o) != 0) {
            rc = EXIT_FAIL;
        } else {
            char *js = json_dumps(o.arr, JSON_INDENT(1));
            if (js)
                printf("%s\n", js);
            free(js);
        }
        json_decref(o.arr);
    }
    if (o.failed)
        fprintf(stderr, "zhijian leads: cannot record the read in the audit log\n");
    if (o.masked)
        fprintf(stderr,
                "zhijian leads: %ld 条线索的人员犯罪记录已依法封存，已隐去其身份（已封存）；"
                "查阅须 --purpose 说明事由\n",
                o.masked);
    for (size_t i = 0; i < o.n_read; i++)
        free(o.read[i]);
    free(o.read);
    strbuf_release(&o.sb);
    store_close(db);
    return rc;
}
