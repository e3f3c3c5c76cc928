/*
 * cmd_facilities.c — `zhijian facilities [--rank] [--as-of D] [--format text|csv|json]
 * [--config FILE]`:
 * the facility risk ranking FAC-01 (spec/models.md 场所风险画像; workflow.md: the starting
 * point of an inspection): facilities ordered by open leads per 100 persons held at the
 * as-of date, with the open leads by model family. The as-of date defaults to that of the
 * last screening (today when none ran). --rank is the default (and only) listing.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "law/law.h"
#include "models/models2.h"
#include "store/store.h"

static void help(void)
{
    printf("usage: zhijian facilities [--db PATH] [--rank] [--as-of YYYY-MM-DD] "
           "[--format text|csv|json] [--config FILE]\n\n"
           "FAC-01 场所风险画像: facilities ranked by open leads (open, assigned, verifying)\n"
           "per 100 persons held at the as-of date (persons in custody at the facility, or\n"
           "under active community correction at the agency), with open leads by model\n"
           "family. Facilities holding nobody but with open leads come last (rate '-').\n\n"
           "  --db PATH      database (default ./zhijian.db)\n"
           "  --as-of D      date for persons held (default: the last screening's, else today)\n"
           "  --format F     text (default), csv or json\n"
           "  --config FILE  law parameters; H-09.years (3): the re-offending columns count the\n"
           "                 releases between 2N and N years before the as-of date and those\n"
           "                 re-offending within N years\n");
}

/* The as-of date of the last finished screening, or ZJ_DATE_NONE. */
static zj_date last_screening_as_of(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    zj_date d = ZJ_DATE_NONE;
    if (sqlite3_prepare_v2(db,
                           "SELECT as_of FROM screenings WHERE finished_at IS NOT NULL"
                           " ORDER BY screening_id DESC LIMIT 1",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        const char *s = (const char *)sqlite3_column_text(st, 0);
        if (s && strlen(s) >= 10 && date_parse(s, 10, &d) != 0)
            d = ZJ_DATE_NONE;
    }
    sqlite3_finalize(st);
    return d;
}

int cmd_facilities(int argc, char **argv)
{
    const char *db_path = NULL, *format = "text";
    zj_date as_of = ZJ_DATE_NONE;
    struct law_params params;
    law_params_default(&params);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            help();
            return EXIT_OK;
        } else if (!strcmp(a, "--db") && i + 1 < argc) {
            db_path = argv[++i];
        } else if (!strcmp(a, "--rank")) {
            /* the default listing */
        } else if (!strcmp(a, "--as-of") && i + 1 < argc) {
            if (cli_parse_as_of(argv[++i], &as_of) != 0)
                return EXIT_USAGE;
        } else if (!strcmp(a, "--format") && i + 1 < argc) {
            format = argv[++i];
            if (strcmp(format, "text") && strcmp(format, "csv") && strcmp(format, "json"))
                return cli_usage_error("facilities", "unknown format '%s' (text, csv or json)",
                                       format);
        } else if (!strcmp(a, "--config") && i + 1 < argc) {
            zj_diag d = {0};
            if (law_params_load(argv[++i], &params, &d) != 0) {
                if (d.line)
                    fprintf(stderr, "zhijian facilities: %s:%ld: %s\n", argv[i], d.line, d.message);
                else
                    fprintf(stderr, "zhijian facilities: %s\n", d.message);
                return EXIT_USAGE;
            }
        } else {
            return cli_usage_error("facilities", "unknown option '%s'", a);
        }
    }
    sqlite3 *db = cli_open_db(db_path, STORE_READONLY);
    if (!db)
        return EXIT_FAIL;
    if (as_of == ZJ_DATE_NONE)
        as_of = last_screening_as_of(db);
    if (as_of == ZJ_DATE_NONE)
        as_of = cli_today();
    int rc = models_facility_rank(db, as_of, &params, format, stdout);
    store_close(db);
    return rc ? EXIT_FAIL : EXIT_OK;
}
