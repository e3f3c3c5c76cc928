/*
 * cli.h — what the subcommands share: the command table entry, the common options
 * (--db, --as-of, --help), progress on a terminal, and opening the database.
 * Exit codes (cli.md): 0 success, 1 the work failed, 2 usage error.
 */
#ifndef ZJ_CLI_H
#define ZJ_CLI_H
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "cases/scope.h"
#include "law/date.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv); /* argv[0] is the subcommand name */
    const char *summary;               /* one line, for `zhijian --help` */
};

/* The subcommands: one cmd_<name>.c each. */
int cmd_import(int argc, char **argv);
int cmd_rejects(int argc, char **argv);
int cmd_profile(int argc, char **argv);
int cmd_screen(int argc, char **argv);
int cmd_leads(int argc, char **argv);
int cmd_models(int argc, char **argv);
int cmd_calc(int argc, char **argv);
int cmd_person(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_gen(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_facilities(int argc, char **argv);
int cmd_inspect(int argc, char **argv);
int cmd_complaint(int argc, char **argv);
int cmd_duty(int argc, char **argv);
int cmd_national(int argc, char **argv);
int cmd_publish(int argc, char **argv);
int cmd_doc(int argc, char **argv);
int cmd_procuratorate(int argc, char **argv);
int cmd_library(int argc, char **argv);
int cmd_measure(int argc, char **argv);

/* Write the feeds of dir through profile `which` (a name, or "all": every shipped
 * profile) as workbooks out_dir/<profile>.xlsx (out_dir NULL: dir/xlsx). Prints one line
 * per workbook; returns an exit code. */
int cli_export_profiles(const char *which, const char *dir, const char *out_dir);

/* Today's date from the clock: the default of --as-of. The only clock read for legal dates. */
zj_date cli_today(void);

/* Who acts when --actor is not given: $USER when set and not empty, else "cli". */
const char *cli_default_actor(void);

/* Parse an --as-of value; on error prints "invalid date 'X' for --as-of" and returns -1. */
int cli_parse_as_of(const char *arg, zj_date *out);

/* Open the database at path (default ZJ_DEFAULT_DB when NULL), printing the reason on
 * failure. Returns NULL on failure. */
sqlite3 *cli_open_db(const char *path, int flags);

/* Usage error: prints "zhijian CMD: MESSAGE" and the hint to use --help; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The scope the command line acts in: --scope S (country, region:32, facility:P3201; NULL:
 * the country) into *out, which src/cases checks as it checks an account's. Returns 0, or
 * EXIT_USAGE after the usage error of cmd. */
#define CLI_SCOPE_HELP                                                                             \
    "--actor NAME names who acts (default $USER); --scope S what it may see and change\n"          \
    "(country, region:32, facility:P3201; default country), checked as for an account.\n"
int cli_scope(const char *cmd, const char *s, zj_scope *out);

/* Progress on stderr, only when stderr is a terminal: "\r<what> <done>/<total>" (done < 0:
 * the line `what` as it is). */
bool cli_progress_enabled(void);
void cli_progress(const char *what, long done, long total);
void cli_progress_done(void);

/* The help of a `zhijian CMD <action> …` command: when there is no action, or the action
 * is "--help"/"-h", or "--help" follows it, prints usage() and returns EXIT_USAGE (no
 * action) or EXIT_OK; otherwise returns -1. */
int cli_action_help(int argc, char **argv, void (*usage)(void));

/* The index of action among names (NULL-terminated), or -1 after the usage error
 * "unknown action". */
int cli_action_index(const char *cmd, const char *action, const char *const *names);
/* The positive record id written in text (the action's argument), or 0 after the usage
 * error "ACTION needs a numeric id" (text NULL, not a number, or not positive). */
long cli_record_id(const char *cmd, const char *action, const char *text);

/* One option of a command: "--name VALUE" into *str, or a YYYY-MM-DD date into *date, or a
 * whole number min…max (atoi) into *num; or a flag without value that sets *flag. */
typedef struct {
    const char *name;
    const char **str;
    zj_date *date;
    int *num, min, max;
    bool *flag;
} cli_opt;

/* Parse argv[from…argc): flags first, then the first argument not starting with '-' into
 * *arg, then the options of opts[0…n). On an unknown option, a missing value, an invalid
 * date ("invalid date 'X' for --opt") or a number out of range ("--opt needs a number from
 * MIN to MAX") prints the usage error of cmd and returns EXIT_USAGE; 0 when all parsed. */
int cli_parse_opts(const char *cmd, int argc, char **argv, int from, const cli_opt *opts, size_t n,
                   const char **arg);

#endif
