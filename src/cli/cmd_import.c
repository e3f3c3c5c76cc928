/* cmd_import.c — `zhijian import [--strict] [--encoding utf-8|gb18030] [--retry-rejects]
 * [--as-of D] DIR` (cli.md): load the feeds of DIR (src/ingest/ingest.h), print the summary
 * per feed on stdout. With `--profile P|auto FILE…`: spreadsheets (.xlsx, .xls) or CSV
 * files of a source system read through a source profile (src/sources/import.h). Exit 0 when done
 * (rows may have been rejected: see `zhijian rejects`), 1 when a file was refused as a whole, under
 * --strict when anything was rejected (nothing committed), or on an I/O or database error; 2 on a
 * usage error. */
#include "cli/cli.h"
#include "ingest/ingest.h"
#include "models/user_models.h"
#include "sources/import.h"
#include "store/store.h"
#include "util/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "usage: zhijian import [--db PATH] [--strict] [--encoding auto|utf-8|gb18030]\n"
    "                      [--retry-rejects] [--as-of YYYY-MM-DD] [DIR]\n"
    "       zhijian import --profile NAME|FILE.toml|auto [--strict] [--as-of D] FILE...\n"
    "\n"
    "Load the feeds found in DIR (<feed>.csv, spec/feeds.md) in load order, one transaction\n"
    "per file, and print per feed: rows read, loaded (new), replaced (changed), unchanged and\n"
    "rejected (read = loaded + replaced + unchanged + rejected).\n"
    "\n"
    "  --db PATH          database (default ./zhijian.db)\n"
    "  --strict           any rejected row fails the whole import: nothing is committed, exit 1\n"
    "  --encoding E       auto (default: UTF-8, or GB18030 when the file is not valid UTF-8),\n"
    "                     utf-8, or gb18030 (also GBK)\n"
    "  --retry-rejects    after DIR (which may then be omitted), load the rows rejected earlier\n"
    "                     for an unknown reference whose references now exist\n"
    "  --as-of D          dates of events may not be after D (default today)\n"
    "  --profile P        the FILEs (.xlsx, .xls or .csv with a source system's Chinese\n"
    "                     headers) are read through source profile P ('zhijian profile\n"
    "                     list'), or the shipped profile whose headers match (auto); one\n"
    "                     transaction per file\n"
    "\n"
    "Rejected rows are kept with file, line, column and reason: see 'zhijian rejects'.\n";

/* On a terminal: the feed, rows done of the estimated total, rows/s, time left. */
static void progress(const char *what, long done, long total)
{
    static char cur[64];
    static struct timespec t0;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (!what) {
        cur[0] = '\0';
        cli_progress_done();
        return;
    }
    if (strcmp(cur, what)) {
        snprintf(cur, sizeof cur, "%s", what);
        t0 = now;
    }
    double secs = (double)(now.tv_sec - t0.tv_sec) + (double)(now.tv_nsec - t0.tv_nsec) / 1e9;
    double rate = secs > 0.05 ? (double)done / secs : 0;
    char line[200];
    int k = snprintf(line, sizeof line, "%s: %ld", what, done);
    if (total > done)
        k += snprintf(line + k, sizeof line - (size_t)k, " of ~%ld rows (%ld%%)", total,
                      (long)(100.0 * (double)done / (double)total));
    else
        k += snprintf(line + k, sizeof line - (size_t)k, " rows");
    if (rate > 0)
        k += snprintf(line + k, sizeof line - (size_t)k, ", %.0f rows/s", rate);
    if (rate > 0 && total > done)
        snprintf(line + k, sizeof line - (size_t)k, ", %.0f s left", (double)(total - done) / rate);
    cli_progress(line, -1, 0);
}

static void progress_and_hold(const char *what, long done, long total)
{
    static int held;
    if (cli_progress_enabled())
        progress(what, done, total);
    if (what)
        ingest_test_hold(done, total, &held);
}

/* "--name value" or "--name=value": the value, advancing *i; NULL if this is not name. */
static const char *opt_value(int argc, char **argv, int *i, const char *name, int *missing)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

/* Each file through its profile, one transaction each; the worst outcome is returned. */
static int import_files(sqlite3 *db, const char *profile, const char *const *files, int n,
                        const struct ingest_options *o, struct ingest_summary *s)
{
    int worst = 0;
    memset(s, 0, sizeof *s);
    for (int i = 0; i < n; i++) {
        char name[64], err[600];
        const char *pn = profile;
        if (!strcmp(profile, "auto")) {
            if (sources_detect(files[i], name, sizeof name, err, sizeof err) != 0) {
                fprintf(stderr, "zhijian import: %s\n", err);
                worst = worst ? worst : ZJ_EINVAL;
                s->files_rejected++;
                continue;
            }
            fprintf(stderr, "zhijian import: %s: profile %s\n", files[i], name);
            pn = name;
        }
        struct profile *p;
        if (profile_load(pn, &p, err, sizeof err) != 0) {
            fprintf(stderr, "zhijian import: %s\n", err);
            return ZJ_EINVAL;
        }
        int rc = sources_import(db, files[i], NULL, p, o, s);
        profile_free(p);
        if (rc == ZJ_EIO || rc == ZJ_EDB)
            return rc;
        if (rc && (!worst || rc == ZJ_ESTRICT))
            worst = rc;
    }
    return worst;
}

int cmd_import(int argc, char **argv)
{
    const char *db_path = NULL, *dir = NULL, *v, *profile = NULL;
    const char *files[256];
    int nfiles = 0;
    struct ingest_options o = {.encoding = INGEST_ENC_AUTO};
    int have_as_of = 0, missing = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return EXIT_OK;
        } else if (!strcmp(a, "--strict")) {
            o.strict = true;
        } else if (!strcmp(a, "--retry-rejects")) {
            o.retry_rejects = true;
        } else if ((v = opt_value(argc, argv, &i, "--db", &missing))) {
            db_path = v;
        } else if ((v = opt_value(argc, argv, &i, "--encoding", &missing))) {
            if (!strcasecmp(v, "auto"))
                o.encoding = INGEST_ENC_AUTO;
            else if (!strcasecmp(v, "utf-8") || !strcasecmp(v, "utf8"))
                o.encoding = INGEST_ENC_UTF8;
            else if (!strcasecmp(v, "gb18030") || !strcasecmp(v, "gbk"))
                o.encoding = INGEST_ENC_GB18030;
            else
                return cli_usage_error("import", "unknown encoding '%s' (auto, utf-8 or gb18030)",
                                       v);
        } else if ((v = opt_value(argc, argv, &i, "--profile", &missing))) {
            profile = v;
        } else if ((v = opt_value(argc, argv, &i, "--as-of", &missing))) {
            if (cli_parse_as_of(v, &o.as_of) != 0)
                return EXIT_USAGE;
            have_as_of = 1;
        } else if (missing) {
            return cli_usage_error("import", "option '%s' needs a value", a);
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("import", "unknown option '%s'", a);
        } else if (nfiles == (int)(sizeof files / sizeof files[0])) {
            return cli_usage_error("import", "too many files");
        } else {
            files[nfiles++] = a;
        }
        if (missing)
            return cli_usage_error("import", "option '%s' needs a value", a);
    }
    if (!profile && nfiles > 1)
        return cli_usage_error("import", "more than one directory given ('%s', '%s')", files[0],
                               files[1]);
    if (profile && !nfiles)
        return cli_usage_error("import", "--profile needs the files to read");
    if (profile && o.retry_rejects)
        return cli_usage_error("import", "--retry-rejects goes without --profile");
    if (!profile && nfiles)
        dir = files[0];
    if (!dir && !o.retry_rejects && !profile)
        return cli_usage_error("import", "no directory given");
    if (!have_as_of)
        o.as_of = cli_today();
    if (cli_progress_enabled() || getenv("ZJ_TEST_IMPORT_HOLD"))
        o.progress = progress_and_hold;

    sqlite3 *db = cli_open_db(db_path, 0);
    if (!db)
        return EXIT_FAIL;
    /* the indexes the model files declare, before the rows: the import writes through them
     * (a first import into an empty database builds them for nothing) */
    user_models_init_with(db);
    struct ingest_summary s;
    int rc;
    if (profile)
        rc = import_files(db, profile, files, nfiles, &o, &s);
    else
        rc = ingest_dir(db, dir, &o, &s);
    if (rc == 0 || rc == ZJ_EINVAL || rc == ZJ_ESTRICT)
        ingest_summary_print(&s, stdout);
    if (rc == ZJ_ESTRICT)
        fprintf(
            stderr, "zhijian import: %ld row%s rejected%s under --strict: nothing was committed\n",
            s.rejected, s.rejected == 1 ? "" : "s", s.files_rejected ? " (and files refused)" : "");
    else if (rc == 0 || rc == ZJ_EINVAL) {
        if (s.rejected)
            fprintf(stderr, "zhijian import: %ld row%s rejected: see 'zhijian rejects'\n",
                    s.rejected, s.rejected == 1 ? "" : "s");
        if (s.files_rejected)
            fprintf(stderr, "zhijian import: %d file%s refused as a whole: see 'zhijian rejects'\n",
                    s.files_rejected, s.files_rejected == 1 ? "" : "s");
    }
    store_close(db);
    return rc == 0 ? EXIT_OK : EXIT_FAIL;
}
