/*
 * cmd_audit.c — `zhijian audit verify` (walk the hash chain of the audit log; exit 1
 * naming the first bad entry) and `zhijian audit list [--limit N]` (every control character
 * and invalid byte of a field printed as an escape, so the list is safe on a terminal).
 */
#include "cli/cli.h"
#include "cases/audit.h"
#include "util/error.h"
#include "store/stmt.h"
#include "util/text.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_audit(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"limit", required_argument, NULL, 'n'},
        {"anchor", required_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},
        {0},
    };
    const char *db_path = NULL, *anchor = NULL;
    int limit = 50, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db_path = optarg;
            break;
        case 'n':
            limit = atoi(optarg);
            break;
        case 'a':
            anchor = optarg;
            break;
        case 'h':
            printf("usage: zhijian audit verify [--anchor SEQ:HASH] [--db PATH]\n"
                   "       zhijian audit list [--limit N] [--db PATH]\n"
                   "verify walks the hash chain of the audit log and exits 1 naming the first\n"
                   "removed or altered entry, then prints the head (SEQ:HASH). Keep the head\n"
                   "somewhere outside the database (the work report, a printout): a later\n"
                   "verify --anchor SEQ:HASH also detects entries cut off the end of the log.\n");
            return EXIT_OK;
        default:
            return cli_usage_error("audit", "unknown option");
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
        int arc = rc == 0 && anchor ? audit_check_anchor(db, anchor, count, why, sizeof why) : 0;
        if (arc == ZJ_EINVAL) {
            fprintf(stderr, "zhijian audit: invalid --anchor '%s' (expected SEQ:HASH)\n", anchor);
            ret = EXIT_FAIL;
        } else if (arc != 0) {
            printf("audit log broken: %s\n", why);
            ret = EXIT_FAIL;
        } else if (rc == 0) {
            long head_seq;
            char head[65];
            printf("audit log intact: %ld entries\n", count);
            if (audit_head(db, &head_seq, head) == 0)
                printf("head: %ld:%s\n", head_seq, head);
        } else if (rc == ZJ_ETAMPER) {
            printf("audit log broken at entry %ld: %s\n", bad, why);
            ret = EXIT_FAIL;
        } else {
            fprintf(stderr, "zhijian audit: cannot read the audit log\n");
            ret = EXIT_FAIL;
        }
    } else {
        sqlite3_stmt *st = store_stmt(db, "SELECT seq, at, actor, action, object, detail FROM"
                                          " (SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?)"
                                          " ORDER BY seq");
        if (st) {
            sqlite3_bind_int(st, 1, limit > 0 ? limit : 50);
            /* fields escaped: entries written before migration security-1 may hold
             * terminal escapes from unauthenticated input */
            strbuf line = STRBUF_INIT;
            while (sqlite3_step(st) == SQLITE_ROW) {
                strbuf_reset(&line);
                strbuf_addf(&line, "%lld", (long long)sqlite3_column_int64(st, 0));
                for (int i = 1; i <= 5; i++) {
                    strbuf_addch(&line, '\t');
                    text_escape(&line, store_col(st, i));
                }
                strbuf_addch(&line, '\n');
                fwrite(line.buf, 1, line.len, stdout);
            }
            strbuf_release(&line);
            store_stmt_done(st);
        } else {
            ret = EXIT_FAIL;
        }
    }
    store_close(db);
    return ret;
}
