/* cli.c — helpers shared by the subcommands (see cli.h). */
#include "cli/cli.h"
#include "store/store.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

zj_date cli_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int cli_parse_as_of(const char *arg, zj_date *out)
{
    if (!arg || date_parse(arg, (unsigned)strlen(arg), out) != 0) {
        fprintf(stderr, "zhijian: invalid date '%s' for --as-of (expected YYYY-MM-DD)\n",
                arg ? arg : "");
        return -1;
    }
    return 0;
}

sqlite3 *cli_open_db(const char *path, int flags)
{
    sqlite3 *db = NULL;
    zj_diag d = {0};
    if (!path)
        path = ZJ_DEFAULT_DB;
    if (strncmp(path, "postgres://", 11) == 0 || strncmp(path, "postgresql://", 13) == 0) {
        fprintf(stderr, "zhijian: the PostgreSQL backend is not built in this version; "
                        "use a SQLite file path for --db\n");
        return NULL;
    }
    if (store_open(path, flags, &db, &d) != 0) {
        fprintf(stderr, "zhijian: %s%s%s\n", d.field[0] ? d.field : "", d.field[0] ? ": " : "",
                d.message);
        return NULL;
    }
    return db;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "zhijian %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n(see 'zhijian %s --help')\n", cmd);
    va_end(ap);
    return EXIT_USAGE;
}

bool cli_progress_enabled(void)
{
    static int tty = -1;
    if (tty < 0)
        tty = isatty(STDERR_FILENO);
    return tty == 1;
}

void cli_progress(const char *what, long done, long total)
{
    if (!cli_progress_enabled())
        return;
    if (total > 0)
        fprintf(stderr, "\r%s %ld/%ld (%ld%%)   ", what, done, total, done * 100 / total);
    else
        fprintf(stderr, "\r%s %ld   ", what, done);
    fflush(stderr);
}

void cli_progress_done(void)
{
    if (cli_progress_enabled())
        fprintf(stderr, "\r\033[K");
}
