/*
 * cmd_screen.c — `zhijian screen [--as-of D] [--model ID]... [--jobs N] [--full]` (cli.md):
 * run the models through the engine (models/engine.h), store the leads, and print per
 * model the leads new, still open and resolved.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "law/law.h"
#include "models/catalog.h"
#include "models/engine.h"
#include "store/store.h"
#include "util/xalloc.h"

static void help(void)
{
    printf("usage: zhijian screen [--db PATH] [--as-of YYYY-MM-DD] [--model ID]... [--jobs N] "
           "[--full]\n\n"
           "Run the supervision models (all by default) over the persons whose data changed\n"
           "since the last screening (every person with --full, or on the first screening),\n"
           "store the leads by (model_id, subject) and print per model: new, still open,\n"
           "resolved.\n\n"
           "  --db PATH      database (default ./zhijian.db)\n"
           "  --as-of D      the date the law is evaluated on (default today)\n"
           "  --model ID     run only this model (repeatable)\n"
           "  --jobs N       worker threads (default 1)\n"
           "  --full         re-evaluate every person\n"
           "  --config FILE  legal parameters (cfg values of law.md, \"T-01.diagnosis_max_months = "
           "3\")\n");
}

static void progress(long done, long total)
{
    cli_progress("screening", done, total);
}

int cmd_screen(int argc, char **argv)
{
    const char *db_path = NULL;
    zj_date as_of = cli_today();
    const char **models = xcalloc((size_t)argc + 1, sizeof(*models));
    size_t n_models = 0;
    int jobs = 1, rc = EXIT_OK;
    bool full = false;
    struct law_params params;
    law_params_default(&params);
    sqlite3 *db = NULL;
    engine_result res = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            help();
            goto out;
        } else if (!strcmp(a, "--db") && i + 1 < argc) {
            db_path = argv[++i];
        } else if (!strcmp(a, "--as-of") && i + 1 < argc) {
            if (cli_parse_as_of(argv[++i], &as_of) != 0) {
                rc = EXIT_USAGE;
                goto out;
            }
        } else if (!strcmp(a, "--model") && i + 1 < argc) {
            models[n_models++] = argv[++i];
        } else if (!strcmp(a, "--jobs") && i + 1 < argc) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 1 || v > 64) {
                rc = cli_usage_error("screen", "invalid value '%s' for --jobs (1-64)", argv[i]);
                goto out;
            }
            jobs = (int)v;
        } else if (!strcmp(a, "--full")) {
            full = true;
        } else if (!strcmp(a, "--config") && i + 1 < argc) {
            zj_diag d = {0};
            if (law_params_load(argv[++i], &params, &d) != 0) {
                if (d.line)
                    fprintf(stderr, "zhijian screen: %s:%ld: %s\n", argv[i], d.line, d.message);
                else
                    fprintf(stderr, "zhijian screen: %s\n", d.message);
                rc = EXIT_USAGE;
                goto out;
            }
        } else {
            rc = cli_usage_error("screen", "unknown option '%s'", a);
            goto out;
        }
    }
    for (size_t i = 0; i < n_models; i++)
        if (!catalog_find(models[i])) {
            rc = cli_usage_error("screen", "unknown model '%s'", models[i]);
            goto out;
        }
    db = cli_open_db(db_path, 0);
    if (!db) {
        rc = EXIT_FAIL;
        goto out;
    }
    engine_opts o = {.as_of = as_of,
                     .models = models,
                     .n_models = n_models,
                     .jobs = jobs,
                     .full = full,
                     .on_progress = progress,
                     .params = &params};
    zj_diag d = {0};
    int e = engine_screen(db, &o, &res, &d);
    cli_progress_done();
    if (e) {
        fprintf(stderr, "zhijian screen: %s\n", d.message[0] ? d.message : zj_strerror(e));
        rc = zj_err_exit_code(e);
        goto out;
    }
    char asof[11];
    printf("screening %ld: as of %s, %s, %ld persons\n", res.screening_id, date_format(as_of, asof),
           res.full ? "full" : "incremental", res.persons);
    printf("%-8s %6s %10s %9s\n", "model", "new", "still_open", "resolved");
    long tn = 0, to = 0, tr = 0;
    for (size_t i = 0; i < res.n_stats; i++) {
        const leads_model_stat *s = &res.stats[i];
        printf("%-8s %6ld %10ld %9ld\n", s->model_id, s->new_leads, s->still_open, s->resolved);
        tn += s->new_leads;
        to += s->still_open;
        tr += s->resolved;
    }
    printf("%-8s %6ld %10ld %9ld\n", "total", tn, to, tr);
out:
    engine_result_release(&res);
    if (db)
        store_close(db);
    free(models);
    return rc;
}
