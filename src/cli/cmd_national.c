/*
 * cmd_national.c — `zhijian national <action>` and `zhijian publish` (docs/national.md):
 *   national init --pg URL [--provinces 33,32,51]
 *   national attach --pg URL --province P --server URL
 *   national inspect --pg URL --start D --end D [--prisons N] [--team N] [--focus L] [--save]
 *   publish --pg URL --province P [--db PATH] [--role R] [--quiet]
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "national/nat.h"
#include "national/pg.h"
#include "store/store.h"

static void usage(void)
{
    printf("usage: zhijian national <action> --pg URL [options]\n\n"
           "The national tier on PostgreSQL 15 (docs/national.md).\n\n"
           "  init [--provinces LIST]   create or update the national schema and register the\n"
           "                            provinces (codes, ','-separated; default all 31):\n"
           "                            partitions, role zj_p<code>, views nat_p<code>.*\n"
           "  attach --province P --server URL\n"
           "                            make province P's partitions postgres_fdw foreign\n"
           "                            tables on its own server (initialised with\n"
           "                            `national init --provinces P` and published to)\n"
           "  screen [--as-of D]        run the national models NAT-01…05 (default today)\n"
           "  check-functions [--n N] [--seed S]\n"
           "                            compare the law functions ported to PostgreSQL with\n"
           "                            the program's own on N random inputs each (1000);\n"
           "                            exit 1 on a mismatch\n"
           "  inspect --start D --end D [--prisons N] [--team N] [--focus a;b]\n"
           "          [--recent-months M] [--workload-months M] [--save] [--format json|md]\n"
           "                            a round of 跨省交叉巡回检察: one prison in each of N\n"
           "                            provinces (20), a team of --team (5) from the national\n"
           "                            pool of inspectors, none from the prison's province;\n"
           "                            --save stores it for the next round's rotation\n\n"
           "URL: postgresql://user@host:port/db or a libpq conninfo (host=/tmp dbname=zj).\n");
}

static int cmd_national_init(int argc, char **argv)
{
    const char *url = NULL, *provinces = nat_all_provinces;
    const cli_opt opts[] = {{"--pg", .str = &url}, {"--provinces", .str = &provinces}};
    if (cli_parse_opts("national init", argc, argv, 2, opts, 2, NULL))
        return EXIT_USAGE;
    if (!url)
        return cli_usage_error("national init", "--pg URL is required");
    PGconn *c = pg_connect(url);
    if (!c)
        return EXIT_FAIL;
    int rc = nat_init(c, provinces);
    pg_close(c);
    if (rc == 0)
        printf("national schema ready; provinces %s\n", provinces);
    return rc ? EXIT_FAIL : EXIT_OK;
}

static int cmd_national_attach(int argc, char **argv)
{
    const char *url = NULL, *province = NULL, *server = NULL;
    const cli_opt opts[] = {
        {"--pg", .str = &url}, {"--province", .str = &province}, {"--server", .str = &server}};
    if (cli_parse_opts("national attach", argc, argv, 2, opts, 3, NULL))
        return EXIT_USAGE;
    if (!url || !province || !server)
        return cli_usage_error("national attach", "--pg, --province and --server are required");
    PGconn *c = pg_connect(url);
    if (!c)
        return EXIT_FAIL;
    int rc = nat_attach(c, province, server);
    pg_close(c);
    if (rc == 0)
        printf("province %s attached from its own server\n", province);
    return rc ? EXIT_FAIL : EXIT_OK;
}

static int cmd_national_screen(int argc, char **argv)
{
    const char *url = NULL;
    zj_date as_of = ZJ_DATE_NONE;
    bool quiet = false;
    const cli_opt opts[] = {
        {"--quiet", .flag = &quiet}, {"--pg", .str = &url}, {"--as-of", .date = &as_of}};
    if (cli_parse_opts("national screen", argc, argv, 2, opts, 3, NULL))
        return EXIT_USAGE;
    if (!url)
        return cli_usage_error("national screen", "--pg URL is required");
    PGconn *c = pg_connect(url);
    if (!c)
        return EXIT_FAIL;
    int rc = nat_screen(c, as_of != ZJ_DATE_NONE ? as_of : cli_today(), !quiet);
    pg_close(c);
    return rc ? EXIT_FAIL : EXIT_OK;
}

static int cmd_national_check(int argc, char **argv)
{
    const char *url = NULL;
    int n = 1000, seed = 1;
    const cli_opt opts[] = {{"--pg", .str = &url},
                            {"--n", .num = &n, .min = 1, .max = 1000000},
                            {"--seed", .num = &seed, .min = 0, .max = 2000000000}};
    if (cli_parse_opts("national check-functions", argc, argv, 2, opts, 3, NULL))
        return EXIT_USAGE;
    if (!url)
        return cli_usage_error("national check-functions", "--pg URL is required");
    PGconn *c = pg_connect(url);
    if (!c)
        return EXIT_FAIL;
    int rc = nat_check_functions(c, n, (unsigned long long)seed);
    pg_close(c);
    return rc ? EXIT_FAIL : EXIT_OK;
}

static int cmd_national_inspect(int argc, char **argv)
{
    const char *url = NULL, *focus = NULL, *format = "json";
    struct nat_inspect_opts o = {.start = ZJ_DATE_NONE,
                                 .end = ZJ_DATE_NONE,
                                 .prisons = 20,
                                 .team_size = 5,
                                 .recent_months = 24,
                                 .workload_months = 12};
    const cli_opt opts[] = {{"--save", .flag = &o.save},
                            {"--pg", .str = &url},
                            {"--start", .date = &o.start},
                            {"--end", .date = &o.end},
                            {"--prisons", .num = &o.prisons, .min = 1, .max = 31},
                            {"--team", .num = &o.team_size, .min = 1, .max = NAT_TEAM_MAX},
                            {"--focus", .str = &focus},
                            {"--recent-months", .num = &o.recent_months, .min = 0, .max = 120},
                            {"--workload-months", .num = &o.workload_months, .min = 0, .max = 120},
                            {"--format", .str = &format}};
    if (cli_parse_opts("national inspect", argc, argv, 2, opts, sizeof opts / sizeof opts[0], NULL))
        return EXIT_USAGE;
    if (!url || o.start == ZJ_DATE_NONE || o.end == ZJ_DATE_NONE)
        return cli_usage_error("national inspect", "--pg URL, --start D and --end D are required");
    if (strcmp(format, "json") && strcmp(format, "md"))
        return cli_usage_error("national inspect", "--format is json or md");
    o.focus = focus;
    PGconn *c = pg_connect(url);
    if (!c)
        return EXIT_FAIL;
    strbuf out = STRBUF_INIT;
    int rc = nat_inspect(c, &o, !strcmp(format, "md"), &out);
    pg_close(c);
    if (rc == 0)
        fputs(out.buf ? out.buf : "", stdout);
    strbuf_release(&out);
    return rc ? EXIT_FAIL : EXIT_OK;
}

int cmd_national(int argc, char **argv)
{
    int h = cli_action_help(argc, argv, usage);
    if (h >= 0)
        return h;
    if (!strcmp(argv[1], "init"))
        return cmd_national_init(argc, argv);
    if (!strcmp(argv[1], "attach"))
        return cmd_national_attach(argc, argv);
    if (!strcmp(argv[1], "screen"))
        return cmd_national_screen(argc, argv);
    if (!strcmp(argv[1], "check-functions"))
        return cmd_national_check(argc, argv);
    if (!strcmp(argv[1], "inspect"))
        return cmd_national_inspect(argc, argv);
    return cli_usage_error("national", "unknown action '%s'", argv[1]);
}

static void publish_usage(void)
{
    printf("usage: zhijian publish --pg URL --province P [--db PATH] [--role R] [--quiet]\n\n"
           "Send what changed in the province's database since its last publish to the\n"
           "national PostgreSQL database (one transaction per table, COPY; publishing twice\n"
           "changes nothing), as role R (default zj_p<P>, which may write only province P's\n"
           "partitions), then take the national models' leads for the province.\n"
           "Accounts, sessions, the audit log, free-text notes and sealed persons'\n"
           "identities stay in the province. Per-table lines on stderr unless --quiet.\n");
}

int cmd_publish(int argc, char **argv)
{
    const char *url = NULL, *province = NULL, *db_path = NULL, *role = NULL;
    bool quiet = false, help = false;
    const cli_opt opts[] = {
        {"--quiet", .flag = &quiet}, {"--help", .flag = &help},        {"-h", .flag = &help},
        {"--pg", .str = &url},       {"--province", .str = &province}, {"--db", .str = &db_path},
        {"--role", .str = &role}};
    if (cli_parse_opts("publish", argc, argv, 1, opts, sizeof opts / sizeof opts[0], NULL))
        return EXIT_USAGE;
    if (help) {
        publish_usage();
        return EXIT_OK;
    }
    if (!url || !province)
        return cli_usage_error("publish", "--pg URL and --province P are required");
    sqlite3 *db = cli_open_db(db_path, 0);
    if (!db)
        return EXIT_FAIL;
    PGconn *c = pg_connect(url);
    if (!c) {
        store_close(db);
        return EXIT_FAIL;
    }
    struct nat_publish_stats st;
    int rc = nat_publish(db, c, province, role, !quiet, &st);
    pg_close(c);
    store_close(db);
    if (rc)
        return EXIT_FAIL;
    printf("published province %s: %ld tables changed, %ld rows sent, %ld keys replaced;"
           " %ld national leads received\n",
           province, st.tables_changed, st.rows_sent, st.keys_deleted, st.leads_received);
    return EXIT_OK;
}
