/*
 * cmd_models.c — `zhijian models [--format text|json]` (cli.md): the model catalog: id,
 * name, family, severity, subject, basis, parameters, source (built-in or file);
 * `zhijian models check`: what the user model files' SQL reads whole (user_models_check).
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/catalog.h"
#include "models/stats.h"
#include "models/user_models.h"
#include "store/store.h"

/* `zhijian models check [--db PATH] [--as-of D]`: what the model files' SQL reads whole. */
static int models_check(int argc, char **argv)
{
    const char *db_path = NULL;
    zj_date as_of = cli_today();
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            printf("usage: zhijian models check [--db PATH] [--as-of D]\n\n"
                   "For each user model file: the indexes it declares (-- index:) and whether\n"
                   "the database holds them; the tables and indexes its SQL reads from the\n"
                   "first row to the last, with their size; then the zj_user_ indexes no\n"
                   "file declares. Writes nothing. See docs/models.md \"Indexes for a user "
                   "model\".\n");
            return EXIT_OK;
        } else if (!strcmp(a, "--db") && i + 1 < argc) {
            db_path = argv[++i];
        } else if (!strcmp(a, "--as-of") && i + 1 < argc) {
            if (cli_parse_as_of(argv[++i], &as_of) != 0)
                return EXIT_USAGE;
        } else {
            return cli_usage_error("models", "unknown option '%s'", a);
        }
    }
    sqlite3 *db = cli_open_db(db_path, STORE_READONLY);
    if (!db)
        return EXIT_FAIL;
    user_models_init_with(db); /* checked against this database's schema; read-only: no index */
    if (user_models_check(db, as_of, stdout) == 0)
        printf("%s 中没有模型文件\n", user_models_dir());
    store_close(db);
    return EXIT_OK;
}

int cmd_models(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "check"))
        return models_check(argc, argv);
    const char *format = "text";
    const char *db_path = NULL; /* --stats reads the leads */
    bool stats = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            printf("usage: zhijian models [--db PATH] [--format text|json] [--stats]\n"
                   "       zhijian models check [--db PATH] [--as-of D]\n\n"
                   "The model catalog: id, name, family, basis, parameters, source.\n"
                   "--stats: per model, leads raised, open, dismissed, turned into cases and "
                   "the conversion rate (线索 → 成案).\n"
                   "User models: the .sql files of $ZJ_MODELS_DIR (default ./models).\n");
            return EXIT_OK;
        } else if (!strcmp(a, "--db") && i + 1 < argc) {
            db_path = argv[++i]; /* the catalog itself does not need the database */
        } else if (!strcmp(a, "--stats")) {
            stats = true;
        } else if (!strcmp(a, "--format") && i + 1 < argc) {
            format = argv[++i];
            if (strcmp(format, "text") && strcmp(format, "json"))
                return cli_usage_error("models", "unknown format '%s' (text or json)", format);
        } else {
            return cli_usage_error("models", "unknown option '%s'", a);
        }
    }
    size_t n;
    const model_def *m = catalog_models(&n);
    if (stats) {
        sqlite3 *db = cli_open_db(db_path, STORE_READONLY);
        if (!db)
            return EXIT_FAIL;
        int rc = models_stats_print(db, m, n, format, stdout);
        store_close(db);
        return rc ? EXIT_FAIL : EXIT_OK;
    }
    if (!strcmp(format, "json")) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *params = json_loads(m[i].params ? m[i].params : "{}", 0, NULL);
            json_t *o = json_pack(
                "{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s}", "id", m[i].id, "name", m[i].name,
                "family", m[i].family, "severity", m[i].severity ? m[i].severity : "medium",
                "subject", m[i].subject ? m[i].subject : "", "basis", m[i].basis ? m[i].basis : "",
                "parameters", params ? params : json_object(), "source",
                user_models_source(m[i].id) ? user_models_source(m[i].id) : "built-in", "kind",
                m[i].run_set ? "set" : "person");
            json_array_append_new(arr, o);
        }
        char *s = json_dumps(arr, JSON_INDENT(1));
        if (s)
            printf("%s\n", s);
        free(s);
        json_decref(arr);
        return EXIT_OK;
    }
    for (size_t i = 0; i < n; i++)
        printf("%-8s %-12s %-7s %s  [%s]  %s  (%s)\n", m[i].id, m[i].family,
               m[i].severity ? m[i].severity : "medium", m[i].name, m[i].basis ? m[i].basis : "",
               m[i].params ? m[i].params : "{}",
               user_models_source(m[i].id) ? user_models_source(m[i].id) : "built-in");
    return EXIT_OK;
}
