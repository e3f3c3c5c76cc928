/* cmd_profile.c — `zhijian profile list|show|check` : the source profiles
 * (src/sources/profile.h) — which are shipped, what one maps, and how one reads a file
 * (the mapping and the first rows converted, nothing stored). */
#include "cli/cli.h"
#include "sources/export.h"
#include "sources/import.h"
#include "sources/profile.h"
#include "util/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void usage(void)
{
    fputs("usage: zhijian profile list\n"
          "       zhijian profile show NAME|FILE.toml\n"
          "       zhijian profile check NAME|FILE.toml|auto FILE [--rows N]\n"
          "       zhijian profile export NAME|all FEEDS_DIR [OUT_DIR]\n"
          "\n"
          "Source profiles map the columns of a source system's spreadsheet (Chinese headers)\n"
          "to the feeds of feeds.md, with converters for dates, terms, id numbers, charges.\n"
          "  list   the shipped profiles: name, label, feeds\n"
          "  show   one profile: each column's headers, converter and targets\n"
          "  check  how the profile reads FILE: header row, mapping, unknown headers,\n"
          "         missing columns, and the first N rows converted (default 5)\n"
          "  export the feeds of FEEDS_DIR (CSV of feeds.md) as the profile's workbook\n"
          "         OUT_DIR/<profile>.xlsx (default FEEDS_DIR/xlsx), the written forms\n"
          "         varied row by row: test data that imports back to the same rows\n",
          stdout);
}

static void feeds_of(const struct profile *p, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (int i = 0; i < p->nfeeds; i++)
        snprintf(buf + strlen(buf), cap - strlen(buf), "%s%s", i ? "," : "", p->feeds[i].f->name);
}

int cli_export_profiles(const char *which, const char *dir, const char *out_dir)
{
    char *od = out_dir ? strdup(out_dir) : NULL;
    if (!od && asprintf(&od, "%s/xlsx", dir) < 0)
        return EXIT_FAIL;
    if (mkdir(od, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "zhijian: cannot create '%s': %s\n", od, strerror(errno));
        free(od);
        return EXIT_FAIL;
    }
    const char *one[2] = {which, NULL};
    const char *const *names = strcmp(which, "all") ? one : profile_builtin_names();
    int rc = EXIT_OK;
    for (size_t i = 0; names[i] && rc == EXIT_OK; i++) {
        struct profile *p;
        char err[600];
        if (profile_load(names[i], &p, err, sizeof err) != 0) {
            fprintf(stderr, "zhijian: %s\n", err);
            rc = EXIT_FAIL;
            break;
        }
        /* all: only the profiles whose feeds are in dir (gen writes the 18 feeds of feeds.md,
         * not the proposals of a roster) */
        bool have = true;
        for (int f = 0; f < p->nfeeds && have && names == profile_builtin_names(); f++) {
            char *csv = NULL;
            have = asprintf(&csv, "%s/%s.csv", dir, p->feeds[f].f->name) >= 0 &&
                   access(csv, F_OK) == 0;
            free(csv);
        }
        if (!have) {
            profile_free(p);
            continue;
        }
        char *out = NULL;
        if (asprintf(&out, "%s/%s.xlsx", od, p->name) < 0) {
            profile_free(p);
            rc = EXIT_FAIL;
            break;
        }
        long n = sources_export(p, dir, out, err, sizeof err);
        if (n < 0) {
            fprintf(stderr, "zhijian: %s: %s\n", p->name, err);
            rc = EXIT_FAIL;
        } else {
            printf("%s: %ld rows\n", out, n);
        }
        free(out);
        profile_free(p);
    }
    free(od);
    return rc;
}

int cmd_profile(int argc, char **argv)
{
    int h = cli_action_help(argc, argv, usage);
    if (h >= 0)
        return h;
    const char *action = argv[1];
    char err[600];
    if (!strcmp(action, "list")) {
        const char *const *names = profile_builtin_names();
        printf("%-18s %-26s %s\n", "profile", "label", "feeds");
        for (size_t i = 0; names[i]; i++) {
            struct profile *p;
            if (profile_load(names[i], &p, err, sizeof err) != 0) {
                fprintf(stderr, "zhijian profile: %s\n", err);
                return EXIT_FAIL;
            }
            char fb[200];
            feeds_of(p, fb, sizeof fb);
            printf("%-18s %-26s %s\n", p->name, p->label, fb);
            profile_free(p);
        }
        return EXIT_OK;
    }
    if (!strcmp(action, "show")) {
        if (argc != 3)
            return cli_usage_error("profile", "show needs one profile");
        struct profile *p;
        if (profile_load(argv[2], &p, err, sizeof err) != 0) {
            fprintf(stderr, "zhijian profile: %s\n", err);
            return EXIT_FAIL;
        }
        char fb[200];
        feeds_of(p, fb, sizeof fb);
        printf("profile %s — %s\n%s\nfeeds: %s\n", p->name, p->label,
               p->description ? p->description : "", fb);
        printf("detected by the headers:");
        for (int i = 0; i < p->ndetect; i++)
            printf(" %s", p->detect[i]);
        printf("\n");
        for (int i = 0; i < p->ncols; i++) {
            const struct profile_column *c = &p->cols[i];
            printf("  %s", c->headers[0]);
            for (int k = 1; k < c->nheaders; k++)
                printf(" | %s", c->headers[k]);
            printf("  [%s%s] →", profile_conv_name(c->conv), c->required ? ", required" : "");
            for (int t = 0; t < c->nto; t++)
                printf(" %s.%s", p->feeds[c->to[t].feed].f->name,
                       p->feeds[c->to[t].feed].f->cols[c->to[t].col].name);
            printf("\n");
        }
        for (int i = 0; i < p->nconsts; i++)
            printf("  (constant) %s → %s.%s\n", p->consts[i].value,
                   p->feeds[p->consts[i].to.feed].f->name,
                   p->feeds[p->consts[i].to.feed].f->cols[p->consts[i].to.col].name);
        profile_free(p);
        return EXIT_OK;
    }
    if (!strcmp(action, "check")) {
        int rows = 5;
        const char *pn = NULL, *file = NULL;
        for (int i = 2; i < argc; i++) {
            if (!strcmp(argv[i], "--rows") && i + 1 < argc) {
                rows = atoi(argv[++i]);
                if (rows < 1 || rows > 100000)
                    return cli_usage_error("profile", "--rows needs a number from 1 to 100000");
            } else if (argv[i][0] == '-') {
                return cli_usage_error("profile", "unknown option '%s'", argv[i]);
            } else if (!pn) {
                pn = argv[i];
            } else if (!file) {
                file = argv[i];
            } else {
                return cli_usage_error("profile", "check takes a profile and one file");
            }
        }
        if (!file)
            return cli_usage_error("profile", "check needs a profile and a file");
        char name[64];
        if (!strcmp(pn, "auto")) {
            if (sources_detect(file, name, sizeof name, err, sizeof err) != 0) {
                fprintf(stderr, "zhijian profile: %s\n", err);
                return EXIT_FAIL;
            }
            pn = name;
        }
        struct profile *p;
        if (profile_load(pn, &p, err, sizeof err) != 0) {
            fprintf(stderr, "zhijian profile: %s\n", err);
            return EXIT_FAIL;
        }
        int rc = sources_check(file, p, rows, stdout);
        profile_free(p);
        return rc == 0 ? EXIT_OK : EXIT_FAIL;
    }
    if (!strcmp(action, "export")) {
        if (argc < 4 || argc > 5)
            return cli_usage_error("profile", "export needs a profile (or all) and a directory");
        return cli_export_profiles(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
    }
    return cli_usage_error("profile", "unknown action '%s' (list, show, check or export)", action);
}
