/*
 * cmd_audit.c — `zhijian audit verify` (walk the hash chain of the audit log; exit 1
 * naming the first bad entry) and `zhijian audit list [--limit N]`.
 */
#include "cli/cli.h"
#include "cases/audit.h"
#include "util/error.h"
#include "cases/stmt.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Print the last entry as "head: SEQ:HASH", the anchor to keep outside the database. */
static void print_head(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", -1,
                           &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        printf("head: %lld:%s\n", (long long)sqlite3_column_int64(st, 0),
               (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
}

/* After an intact chain walk of count entries: the anchored entry must still be there
 * with the same hash, otherwise entries were cut off the end (or the chain rewritten). */
static int audit_check_anchor(sqlite3 *db, const char *anchor, long count)
{
    char *end = NULL;
    long long seq = strtoll(anchor, &end, 10);
    if (!end || *end != ':' || seq < 1) {
        fprintf(stderr, "zhijian audit: invalid --anchor '%s' (expected SEQ:HASH)\n", anchor);
        return -1;
    }
    const char *want = end + 1;
    if (seq > count) {
        printf("audit log broken: anchored entry %lld is gone (log has %ld entries)\n", seq,
               count);
        return -1;
    }
    sqlite3_stmt *st = NULL;
    int ok = sqlite3_prepare_v2(db, "SELECT hash FROM audit_log WHERE seq = ?", -1, &st,
                                NULL) == SQLITE_OK;
    if (ok) {
        sqlite3_bind_int64(st, 1, seq);
        ok = sqlite3_step(st) == SQLITE_ROW &&
             strcmp((const char *)sqlite3_column_text(st, 0), want) == 0;
    }
    sqlite3_finalize(st);
    if (!ok) {
        printf("audit log broken: entry %lld does not match the anchor\n", seq);
        return -1;
    }
    return 0;
}

int cmd_audit(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"limit", required_argument, NULL, 'n'},
        {"anchor", required_argument, NULL, 'a'}, {"help", no_argument, NULL, 'h'},
        {0},
    };
    const char *db_path = NULL, *anchor = NULL;
    int limit = 50, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'n': limit = atoi(optarg); break;
        case 'a': anchor = optarg; break;
        case 'h':
            printf("usage: zhijian audit verify [--anchor SEQ:HASH] [--db PATH]\n"
                   "       zhijian audit list [--limit N] [--db PATH]\n"
                   "verify walks the hash chain of the audit log and exits 1 naming the first\n"
                   "removed or altered entry, then prints the head (SEQ:HASH). Keep the head\n"
                   "somewhere outside the database (the work report, a printout): a later\n"
                   "verify --anchor SEQ:HASH also detects entries cut off the end of the log.\n");
            return EXIT_OK;
        default: return cli_usage_error("audit", "unknown option");
        }
    }
    if (optind >= argc)
        return cli_usage_error("audit", "missing action (verify or list)");
    const char *action = argv[optind];
    if (strcmp(action, "verify") && strcmp(action, "list"))
        return cli_usage_error("audit", "unknown action '%s' (verify or list)", action);
    sqlite3 *db = cli_open_db(db_path, 0);
    if (!db)
        return EXIT_FAIL;
    int ret = EXIT_OK;
    if (!strcmp(action, "verify")) {
        long count = 0, bad = 0;
        char why[256] = "";
        int rc = audit_verify(db, &count, &bad, why, sizeof why);
        if (rc == 0 && anchor && audit_check_anchor(db, anchor, count) != 0) {
            ret = EXIT_FAIL;
        } else if (rc == 0) {
            printf("audit log intact: %ld entries\n", count);
            print_head(db);
        } else if (rc == ZJ_ETAMPER) {
            printf("audit log broken at entry %ld: %s\n", bad, why);
            ret = EXIT_FAIL;
        } else {
            fprintf(stderr, "zhijian audit: cannot read the audit log\n");
            ret = EXIT_FAIL;
        }
    } else {
        sqlite3_stmt *st = cases_stmt(db, "SELECT seq, at, actor, action, object, detail FROM"
                                          " (SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?)"
                                          " ORDER BY seq");
        if (st) {
            sqlite3_bind_int(st, 1, limit > 0 ? limit : 50);
            while (sqlite3_step(st) == SQLITE_ROW)
                printf("%lld\t%s\t%s\t%s\t%s\t%s\n", (long long)sqlite3_column_int64(st, 0),
                       cases_col(st, 1), cases_col(st, 2), cases_col(st, 3), cases_col(st, 4),
                       cases_col(st, 5));
            cases_stmt_done(st);
        } else {
            ret = EXIT_FAIL;
        }
    }
    cases_db_close(db);
    return ret;
}
