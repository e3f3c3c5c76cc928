/*
 * cmd_user.c — `zhijian user add NAME --role R --scope S [--password-stdin]`,
 * `zhijian user passwd NAME [--password-stdin] [--reset]`, `zhijian user unlock NAME` and
 * `zhijian user list` (workflow.md accounts). Without --password-stdin a random password
 * is generated and printed once (and, for passwd, must be changed at the next login).
 * Every change is audited.
 */
#include "cli/cli.h"
#include "cases/accounts.h"
#include "cases/audit.h"
#include "store/stmt.h"
#include "store/store.h"

#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void usage(void)
{
    printf("usage: zhijian user add NAME --role R --scope S [--password-stdin] [--db PATH]\n"
           "       zhijian user passwd NAME [--password-stdin] [--reset] [--db PATH]\n"
           "       zhijian user unlock NAME [--db PATH]\n"
           "       zhijian user list [--db PATH]\n"
           "roles:  resident (派驻检察官), inspector (巡回检察), analyst (模型管理),\n"
           "        leader (领导), admin, clerk (数据管理员: imports and corrects source data)\n"
           "scope:  country | a region code prefix (e.g. 32, 3201) | a facility id\n"
           "        (or explicitly region:32, facility:F001)\n"
           "Without --password-stdin a random password is generated and printed.\n"
           "passwd sets a new password, clears the lockout and ends the account's sessions;\n"
           "with --reset (always for a generated one) the account must change it at its\n"
           "next login. unlock clears the failed-login count and the lock.\n");
}

/* The password from stdin (one line) or a generated one (*generated set). 0 or -1. */
static int read_password(char pw[256], bool from_stdin, bool *generated)
{
    *generated = false;
    if (from_stdin) {
        if (!fgets(pw, 256, stdin)) {
            fprintf(stderr, "zhijian user: no password on stdin\n");
            return -1;
        }
        pw[strcspn(pw, "\r\n")] = 0;
        return 0;
    }
    if (sodium_init() < 0)
        return -1;
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (int i = 0; i < 14; i++)
        pw[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    pw[14] = 0;
    *generated = true;
    return 0;
}

static const char *cli_actor(void)
{
    return getlogin() ? getlogin() : "cli";
}

/* passwd and unlock of the account NAME, in one transaction with their audit entry. */
static int account_change(const char *db_path, const char *action, const char *name, bool pw_stdin,
                          bool reset)
{
    char pw[256] = "";
    bool generated = false;
    bool passwd = !strcmp(action, "passwd");
    if (passwd && read_password(pw, pw_stdin, &generated) != 0)
        return EXIT_FAIL;
    bool must_change = reset || generated;
    sqlite3 *db = cli_open_db(db_path, 0);
    if (!db)
        return EXIT_FAIL;
    zj_diag d = {0};
    long id = 0;
    char detail[96];
    char known[64];
    int rc = store_begin(db) ? ZJ_EDB : account_find(db, name, &id);
    if (rc == ZJ_ENOTFOUND)
        zj_diag_set(&d, "name", "no account '%s'", name);
    if (rc == 0 && (rc = account_canonical(db, name, known, sizeof known)) == 0)
        name = known; /* audited and printed as created, whatever the case given */
    if (rc == 0 && passwd) {
        rc = account_set_password(db, id, pw, must_change, &d);
        snprintf(detail, sizeof detail, "password %s (cli)",
                 must_change ? "reset (change required at next login)" : "set");
    } else if (rc == 0) {
        rc = account_unlock(db, id);
        snprintf(detail, sizeof detail, "unlock (cli)");
    }
    if (rc == 0)
        rc = audit_append(db, cli_actor(), "account", name, detail);
    if (rc == 0 && store_commit(db) != 0)
        rc = ZJ_EDB;
    if (rc)
        store_rollback(db);
    store_close(db);
    if (rc) {
        fprintf(stderr, "zhijian user: %s\n", d.message[0] ? d.message : zj_strerror(rc));
        sodium_memzero(pw, sizeof pw);
        return EXIT_FAIL;
    }
    if (passwd)
        printf("password of '%s' %s\n", name,
               must_change ? "reset: it must be changed at the next login" : "changed");
    else
        printf("account '%s' unlocked\n", name);
    if (generated)
        printf("password: %s\n", pw);
    sodium_memzero(pw, sizeof pw);
    return EXIT_OK;
}

int cmd_user(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"role", required_argument, NULL, 'r'},
        {"scope", required_argument, NULL, 's'},
        {"password-stdin", no_argument, NULL, 'p'},
        {"reset", no_argument, NULL, 'R'},
        {"help", no_argument, NULL, 'h'},
        {0},
    };
    const char *db_path = NULL, *role = NULL, *scope = NULL;
    bool pw_stdin = false, reset = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db_path = optarg;
            break;
        case 'r':
            role = optarg;
            break;
        case 's':
            scope = optarg;
            break;
        case 'p':
            pw_stdin = true;
            break;
        case 'R':
            reset = true;
            break;
        case 'h':
            usage();
            return EXIT_OK;
        default:
            return cli_usage_error("user", "unknown option");
        }
    }
    if (optind >= argc)
        return cli_usage_error("user", "missing action (add, passwd, unlock or list)");
    const char *action = argv[optind++];
    if (!strcmp(action, "list")) {
        sqlite3 *db = cli_open_db(db_path, 0);
        if (!db)
            return EXIT_FAIL;
        sqlite3_stmt *st = store_stmt(db, "SELECT name, role, scope_kind, scope_value, disabled,"
                                          " locked_until > ?, must_change FROM accounts"
                                          " ORDER BY account_id");
        if (st)
            sqlite3_bind_int64(st, 1, (sqlite3_int64)time(NULL));
        while (st && sqlite3_step(st) == SQLITE_ROW)
            printf("%s\t%s\t%s%s%s%s%s%s\n", store_col(st, 0), store_col(st, 1), store_col(st, 2),
                   *store_col(st, 3) ? ":" : "", store_col(st, 3),
                   sqlite3_column_int(st, 4) ? "\tdisabled" : "",
                   sqlite3_column_int(st, 5) ? "\tlocked" : "",
                   sqlite3_column_int(st, 6) ? "\tmust change password" : "");
        store_stmt_done(st);
        store_close(db);
        return st ? EXIT_OK : EXIT_FAIL;
    }
    if (strcmp(action, "add") && strcmp(action, "passwd") && strcmp(action, "unlock"))
        return cli_usage_error("user", "unknown action '%s' (add, passwd, unlock or list)", action);
    if (optind >= argc)
        return cli_usage_error("user", "missing account NAME");
    const char *name = argv[optind++];
    if (optind < argc)
        return cli_usage_error("user", "unexpected argument '%s'", argv[optind]);
    if (strcmp(action, "add") != 0)
        return account_change(db_path, action, name, pw_stdin, reset);
    if (!role || !scope)
        return cli_usage_error("user", "--role and --scope are required");
    if (!account_role_valid(role))
        return cli_usage_error("user", "unknown role '%s'", role);
    zj_scope sc;
    if (scope_parse(scope, &sc) != 0)
        return cli_usage_error("user", "invalid scope '%s'", scope);
    char pw[256] = "";
    bool generated = false;
    if (read_password(pw, pw_stdin, &generated) != 0)
        return EXIT_FAIL;
    sqlite3 *db = cli_open_db(db_path, 0);
    if (!db)
        return EXIT_FAIL;
    zj_diag d = {0};
    int rc = account_add(db, name, role, scope, pw, &d);
    if (rc == 0 && sc.kind == SCOPE_FACILITY) {
        sqlite3_stmt *st = store_stmt(db, "SELECT 1 FROM facilities WHERE facility_id = ?");
        if (st) {
            sqlite3_bind_text(st, 1, sc.value, -1, SQLITE_TRANSIENT);
            if (sqlite3_step(st) != SQLITE_ROW)
                fprintf(stderr,
                        "zhijian user: warning: facility '%s' is not in the database (yet); "
                        "the account sees nothing until it is\n",
                        sc.value);
            store_stmt_done(st);
        }
    }
    if (rc == 0) {
        char detail[200];
        snprintf(detail, sizeof detail, "add %s role=%s scope=%s (cli)", name, role, scope);
        rc = audit_append(db, cli_actor(), "account", name, detail);
    }
    store_close(db);
    if (rc) {
        fprintf(stderr, "zhijian user: %s\n", d.message[0] ? d.message : zj_strerror(rc));
        sodium_memzero(pw, sizeof pw);
        return EXIT_FAIL;
    }
    char sbuf[96];
    scope_format(&sc, sbuf, sizeof sbuf);
    printf("account '%s' created: role %s, scope %s\n", name, role, sbuf);
    if (generated)
        printf("password: %s\n", pw);
    sodium_memzero(pw, sizeof pw);
    return EXIT_OK;
}
