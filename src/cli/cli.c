/* cli.c — helpers shared by the subcommands (see cli.h). */
#include "cli/cli.h"
#include "ingest/ingest.h"
#include "store/store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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

const char *cli_default_actor(void)
{
    const char *u = getenv("USER");
    return u && *u ? u : "cli";
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
    if (store_open(path, flags, &db, &d) != 0 ||
        (!(flags & (STORE_READONLY | STORE_NO_MIGRATE)) && ingest_layout(db, &d) != 0)) {
        fprintf(stderr, "zhijian: %s%s%s\n", d.field[0] ? d.field : "", d.field[0] ? ": " : "",
                d.message);
        store_close(db);
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

int cli_scope(const char *cmd, const char *s, zj_scope *out)
{
    if (scope_parse(s ? s : "country", out) != 0)
        return cli_usage_error(cmd, "invalid scope '%s'", s);
    return 0;
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
    if (done < 0)
        fprintf(stderr, "\r\033[K%s", what);
    else if (total > 0)
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

int cli_action_help(int argc, char **argv, void (*usage)(void))
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage();
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], "--help")) {
            usage();
            return EXIT_OK;
        }
    return -1;
}

int cli_parse_opts(const char *cmd, int argc, char **argv, int from, const cli_opt *opts, size_t n,
                   const char **arg)
{
    for (int i = from; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        const cli_opt *o = NULL;
        for (size_t k = 0; k < n && !o; k++)
            if (opts[k].flag && !strcmp(a, opts[k].name))
                o = &opts[k];
        if (o) {
            *o->flag = true;
            continue;
        }
        if (a[0] != '-' && !*arg) {
            *arg = a;
            continue;
        }
        for (size_t k = 0; k < n && !o; k++)
            if (!opts[k].flag && !strcmp(a, opts[k].name))
                o = &opts[k];
        if (!o)
            return cli_usage_error(cmd, "unknown option '%s'", a);
        if (o->num) {
            if (!v || atoi(v) < o->min || atoi(v) > o->max)
                return cli_usage_error(cmd, "%s needs a number from %d to %d", a, o->min, o->max);
            *o->num = atoi(v);
        } else if (!v) {
            return cli_usage_error(cmd, "option '%s' needs a value", a);
        } else if (o->str) {
            *o->str = v;
        } else if (date_parse(v, (unsigned)strlen(v), o->date) != 0) {
            return cli_usage_error(cmd, "invalid date '%s' for %s", v, a);
        }
        i++;
    }
    return 0;
}

int cli_action_index(const char *cmd, const char *action, const char *const *names)
{
    for (int i = 0; names[i]; i++)
        if (!strcmp(names[i], action))
            return i;
    cli_usage_error(cmd, "unknown action '%s'", action);
    return -1;
}

long cli_record_id(const char *cmd, const char *action, const char *text)
{
    char *end;
    long id = text ? strtol(text, &end, 10) : 0;
    if (!text || *end || id <= 0) {
        cli_usage_error(cmd, "%s needs a numeric id", action);
        return 0;
    }
    return id;
}
