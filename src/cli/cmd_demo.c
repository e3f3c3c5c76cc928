/*
 * cmd_demo.c — `zhijian demo [--persons N] [--listen ADDR:PORT] [--dir D] [--as-of D]
 * [--fresh]`: generate a synthetic province (zhijian gen), import it (zhijian import),
 * screen it (zhijian screen), create demo accounts (an admin, a provincial leader, a
 * resident procurator scoped to the prison with the most leads) with printed passwords,
 * and serve the web UI on localhost. A second run over the same --dir reuses the
 * database and the accounts (D/demo-accounts.txt) unless --fresh.
 */
#include "cli/cli.h"
#include "cases/simulate.h"
#include "store/store.h"
#include "cases/accounts.h"
#include "cases/audit.h"
#include "cases/procuratorates.h"
#include "store/stmt.h"
#include "util/strbuf.h"
#include "web/api_import.h"
#include "web/web.h"

#include <errno.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cli_serve_until_signal(const struct web_config *cfg, const char *banner_extra);

/* Run a subcommand with a constructed argv; fail with a message naming the step. */
/* A year of casework (cases, measures, inspections, complaints) on the screened
 * province, so that the overview, the cases pages and the work report have content. */
static int simulate_casework(const char *db_path, const char *as_of)
{
    fprintf(stderr, "zhijian demo: simulating a year of casework…\n");
    sqlite3 *db = cli_open_db(db_path, 0);
    zj_date d;
    if (!db || date_parse(as_of, (unsigned)strlen(as_of), &d) != 0) {
        store_close(db);
        return EXIT_FAIL;
    }
    int rc = office_simulate_year(db, d, 1); /* records made (≥ 0) or a negative error */
    store_close(db);
    if (rc < 0) {
        fprintf(stderr, "zhijian demo: simulating casework failed: %s\n", zj_strerror(rc));
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

static int step(const char *what, int (*cmd)(int, char **), char **argv)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    fprintf(stderr, "zhijian demo: %s …\n", what);
    optind = 0; /* reinitialise getopt for the subcommand */
    int rc = cmd(argc, argv);
    if (rc != EXIT_OK)
        fprintf(stderr, "zhijian demo: step '%s' failed (exit %d); see the message above\n", what,
                rc);
    return rc;
}

static void random_password(char out[13])
{
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (int i = 0; i < 12; i++)
        out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[12] = 0;
}

/* Create the three demo accounts; append "name role scope password" lines to list. */
static int make_accounts(const char *db_path, strbuf *list)
{
    sqlite3 *db = cli_open_db(db_path, 0);
    if (!db)
        return EXIT_FAIL;
    char prison[64] = "", province[3] = "";
    sqlite3_stmt *st = store_stmt(db, "SELECT l.facility_id, substr(f.region_code, 1, 2)"
                                      " FROM leads l JOIN facilities f ON f.facility_id ="
                                      " l.facility_id WHERE f.kind = 'prison' GROUP BY"
                                      " l.facility_id ORDER BY count(*) DESC LIMIT 1");
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        snprintf(prison, sizeof prison, "%s", store_col(st, 0));
        snprintf(province, sizeof province, "%s", store_col(st, 1));
    }
    store_stmt_done(st);
    if (!prison[0]) {
        st = store_stmt(db, "SELECT facility_id, substr(region_code, 1, 2) FROM facilities"
                            " WHERE kind = 'prison' ORDER BY facility_id LIMIT 1");
        if (st && sqlite3_step(st) == SQLITE_ROW) {
            snprintf(prison, sizeof prison, "%s", store_col(st, 0));
            snprintf(province, sizeof province, "%s", store_col(st, 1));
        }
        store_stmt_done(st);
    }
    if (!prison[0]) {
        fprintf(stderr, "zhijian demo: the generated province has no prison\n");
        store_close(db);
        return EXIT_FAIL;
    }
    char region[16];
    snprintf(region, sizeof region, "region:%s", province);
    const char *rows[][3] = {
        {"admin", "admin", "country"},
        {"leader", "leader", region},
        {"resident", "resident", prison},
    };
    int rc = EXIT_OK;
    for (size_t i = 0; i < 3 && rc == EXIT_OK; i++) {
        char pw[13];
        random_password(pw);
        zj_diag d = {0};
        if (account_add(db, rows[i][0], rows[i][1], rows[i][2], pw, &d) != 0 ||
            audit_append(db, "demo", "account", rows[i][0], "demo account") != 0) {
            fprintf(stderr, "zhijian demo: %s\n", d.message[0] ? d.message : "cannot add account");
            rc = EXIT_FAIL;
            break;
        }
        strbuf_addf(list, "  %-9s %-13s %s（%s）\n", rows[i][0], pw, account_role_label(rows[i][1]),
                    rows[i][2]);
    }
    /* the procuratorates of the feed send the documents; the resident belongs to the one
     * of the prison's city, the leader to the province's */
    if (rc == EXIT_OK && proc_seed_from_facilities(db) < 0)
        rc = EXIT_FAIL;
    zj_procuratorate p;
    sqlite3_stmt *fs = store_stmt(db, "SELECT region_code FROM facilities WHERE facility_id = ?");
    char fregion[8] = "";
    if (fs) {
        sqlite3_bind_text(fs, 1, prison, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(fs) == SQLITE_ROW)
            snprintf(fregion, sizeof fregion, "%.6s", store_col(fs, 0));
        store_stmt_done(fs);
    }
    if (rc == EXIT_OK && proc_for_document(db, NULL, fregion, &p) == 0)
        proc_assign_account(db, "resident", p.id);
    char pregion[8];
    snprintf(pregion, sizeof pregion, "%s0000", province);
    if (rc == EXIT_OK && proc_for_document(db, NULL, pregion, &p) == 0)
        proc_assign_account(db, "leader", p.id);
    store_close(db);
    return rc;
}

int cmd_demo(int argc, char **argv)
{
    static const struct option opts[] = {
        {"persons", required_argument, NULL, 'n'},
        {"listen", required_argument, NULL, 'l'},
        {"dir", required_argument, NULL, 'd'},
        {"as-of", required_argument, NULL, 'a'},
        {"fresh", no_argument, NULL, 'f'},
        {"db", required_argument, NULL, 'b'},
        {"no-serve", no_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {0},
    };
    const char *persons = "20000", *listen = "127.0.0.1:8080", *dir = "zhijian-demo";
    const char *as_of = NULL;
    bool fresh = false, serve = true;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'n': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 100 || n > 5000000)
                return cli_usage_error("demo", "invalid --persons '%s' (100..5000000)", optarg);
            persons = optarg;
            break;
        }
        case 'l':
            listen = optarg;
            break;
        case 'd':
            dir = optarg;
            break;
        case 'a': {
            zj_date d;
            if (cli_parse_as_of(optarg, &d) != 0)
                return EXIT_USAGE;
            as_of = optarg;
            break;
        }
        case 'f':
            fresh = true;
            break;
        case 'b':
            return cli_usage_error("demo", "demo keeps its database in --dir (DIR/zhijian.db)");
        case 's':
            serve = false;
            break;
        case 'h':
            printf("usage: zhijian demo [--persons N] [--listen ADDR:PORT] [--dir D] [--as-of D]\n"
                   "                    [--fresh] [--no-serve]\n"
                   "Generate a demo province (default 20000 persons) into D (default\n"
                   "./zhijian-demo), import and screen it, create demo accounts and serve the\n"
                   "web UI (default 127.0.0.1:8080). The address and the accounts with their\n"
                   "passwords are printed. A second run reuses D unless --fresh.\n");
            return EXIT_OK;
        default:
            return cli_usage_error("demo", "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage_error("demo", "unexpected argument '%s'", argv[optind]);
    if (sodium_init() < 0)
        return EXIT_FAIL;
    char as_of_buf[11];
    if (!as_of)
        as_of = date_format(cli_today(), as_of_buf);
    char feeds[1024], db[1024], accounts[1024];
    snprintf(feeds, sizeof feeds, "%s/feeds", dir);
    snprintf(db, sizeof db, "%s/zhijian.db", dir);
    snprintf(accounts, sizeof accounts, "%s/demo-accounts.txt", dir);
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "zhijian demo: cannot create '%s': %s\n", dir, strerror(errno));
        return EXIT_FAIL;
    }
    strbuf list = STRBUF_INIT;
    bool reuse = !fresh && access(db, F_OK) == 0 && access(accounts, R_OK) == 0;
    int rc = EXIT_OK;
    if (reuse) {
        FILE *f = fopen(accounts, "r");
        char line[512];
        while (f && fgets(line, sizeof line, f))
            strbuf_adds(&list, line);
        if (f)
            fclose(f);
        fprintf(stderr, "zhijian demo: reusing %s (use --fresh to generate again)\n", db);
    } else {
        unlink(db);
        char dbw[1100], dbs[1100];
        snprintf(dbw, sizeof dbw, "%s-wal", db);
        snprintf(dbs, sizeof dbs, "%s-shm", db);
        unlink(dbw);
        unlink(dbs);
        api_import_spool_remove(db); /* uploads spooled for the old database */
        char *gen_argv[] = {"gen",           "--out",   feeds,         "--persons",
                            (char *)persons, "--as-of", (char *)as_of, NULL};
        char *imp_argv[] = {"import", "--db", db, "--as-of", (char *)as_of, feeds, NULL};
        char *scr_argv[] = {"screen", "--db", db, "--as-of", (char *)as_of, NULL};
        if ((rc = step("generating a province (zhijian gen)", cmd_gen, gen_argv)) != EXIT_OK ||
            (rc = step("importing the feeds (zhijian import)", cmd_import, imp_argv)) != EXIT_OK ||
            (rc = step("screening (zhijian screen)", cmd_screen, scr_argv)) != EXIT_OK ||
            (rc = simulate_casework(db, as_of)) != EXIT_OK ||
            (rc = make_accounts(db, &list)) != EXIT_OK) {
            strbuf_release(&list);
            return EXIT_FAIL;
        }
        FILE *f = fopen(accounts, "w");
        if (f) {
            fputs(list.buf, f);
            fclose(f);
            chmod(accounts, 0600);
        }
    }
    strbuf banner = STRBUF_INIT;
    strbuf_addf(&banner, "demo accounts (name, password, role and scope):\n%s", list.buf);
    strbuf_release(&list);
    if (!serve) {
        fputs(banner.buf, stdout);
        strbuf_release(&banner);
        return EXIT_OK;
    }
    struct web_config cfg = {.db_path = db, .listen = listen, .as_of = as_of, .quiet = true};
    rc = cli_serve_until_signal(&cfg, banner.buf);
    strbuf_release(&banner);
    return rc;
}
