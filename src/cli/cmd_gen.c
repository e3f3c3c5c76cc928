/* cmd_gen.c — `zhijian gen` (cli.md): write a synthetic province (src/gen/gen.h). */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/gen.h"

static const char usage[] =
    "usage: zhijian gen --out DIR [--persons N] [--seed S] [--as-of D] [--provinces K]\n"
    "                   [--plant-rate R] [--corrupt K] [--long-share PM] [--noise L]\n"
    "                   [--province 33|32|51 [--cross K]]\n"
    "                   [--as-xlsx all|PROFILE]\n"
    "\n"
    "Write the feeds of feeds.md for a synthetic province into DIR, with the answer\n"
    "key of planted irregularities (answers.csv) and near misses (near_misses.csv).\n"
    "The same options give byte-identical files.\n"
    "\n"
    "  --out DIR         output directory (created if missing)\n"
    "  --persons N       persons, planted ones included (default 10000)\n"
    "  --seed S          random seed (default 1)\n"
    "  --as-of D         the date the data describes; screen with the same --as-of\n"
    "                    (default 2026-06-30, fixed so that runs are reproducible)\n"
    "  --provinces K     1..3 provinces: 浙江, 江苏, 四川 (default 1)\n"
    "  --plant-rate R    planted cases per 1,000 persons per model (default 3; at least\n"
    "                    one per model when N >= 300), each with a near miss\n"
    "  --corrupt K       append K bad rows of every rejected kind, listed in bad_rows.csv\n"
    "  --long-share PM   bench knob: every 10+ year prisoner is commuted, over full terms\n"
    "  --province P      one province of the national tier (浙江 33, 江苏 32, 四川 51) with\n"
    "                    its own facilities and persons (instead of --provinces)\n"
    "  --cross K         with --province: K persons crossing between 33, 32 and 51, each\n"
    "                    lawful in every province alone and planted for a national model\n"
    "                    (NAT-01…05); run once per province with the same --seed, --persons,\n"
    "                    --as-of and K; the province's part of the key: national_answers.csv\n"
    "  --noise L         lawful background noise outside the models' windows, with near\n"
    "                    misses on both ends of them (default 1; 0: none, the output of\n"
    "                    earlier versions); lists the planted persons in planted_persons.csv\n"
    "  --as-xlsx P       also write DIR/xlsx/<profile>.xlsx: the feeds of each shipped\n"
    "                    source profile (all) or of profile P as that source's workbook,\n"
    "                    written forms varied row by row ('zhijian profile list')\n";

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int cmd_gen(int argc, char **argv)
{
    struct gen_options o;
    const char *as_xlsx = NULL;
    gen_options_default(&o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        long n;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return EXIT_OK;
        }
        if (!v)
            return cli_usage_error("gen", "option '%s' needs a value", a);
        i++;
        if (!strcmp(a, "--out")) {
            o.out_dir = v;
        } else if (!strcmp(a, "--persons")) {
            if (parse_long(v, 1, 100000000, &n))
                return cli_usage_error("gen", "invalid --persons '%s'", v);
            o.persons = n;
        } else if (!strcmp(a, "--seed")) {
            char *end;
            errno = 0;
            unsigned long long s = strtoull(v, &end, 10);
            if (errno || *end || end == v)
                return cli_usage_error("gen", "invalid --seed '%s'", v);
            o.seed = s;
        } else if (!strcmp(a, "--as-of")) {
            if (cli_parse_as_of(v, &o.as_of))
                return EXIT_USAGE;
            /* histories reach ~25 years back and must stay after 1949-10-01 */
            if (o.as_of < date_from_ymd(1990, 1, 1) || o.as_of > date_from_ymd(2150, 12, 31))
                return cli_usage_error("gen", "--as-of '%s' out of range (1990-01-01 … 2150-12-31)",
                                       v);
        } else if (!strcmp(a, "--provinces")) {
            if (parse_long(v, 1, 3, &n))
                return cli_usage_error("gen", "invalid --provinces '%s' (1..3)", v);
            o.provinces = (int)n;
        } else if (!strcmp(a, "--plant-rate")) {
            char *end;
            double r = strtod(v, &end);
            if (*end || end == v || r < 0 || r > 100)
                return cli_usage_error("gen", "invalid --plant-rate '%s'", v);
            o.plant_rate = r;
        } else if (!strcmp(a, "--corrupt")) {
            if (parse_long(v, 0, 100000, &n))
                return cli_usage_error("gen", "invalid --corrupt '%s'", v);
            o.corrupt = (int)n;
        } else if (!strcmp(a, "--noise")) {
            if (parse_long(v, 0, 9, &n))
                return cli_usage_error("gen", "invalid --noise '%s'", v);
            o.noise = (int)n;
        } else if (!strcmp(a, "--long-share")) {
            if (parse_long(v, 0, 1000, &n))
                return cli_usage_error("gen", "invalid --long-share '%s'", v);
            o.long_share = (int)n;
        } else if (!strcmp(a, "--province")) {
            if (strcmp(v, "33") && strcmp(v, "32") && strcmp(v, "51"))
                return cli_usage_error("gen", "invalid --province '%s' (33, 32 or 51)", v);
            o.province = v;
        } else if (!strcmp(a, "--cross")) {
            if (parse_long(v, 0, 1000000, &n))
                return cli_usage_error("gen", "invalid --cross '%s'", v);
            o.cross = (int)n;
        } else if (!strcmp(a, "--as-xlsx")) {
            as_xlsx = v;
        } else if (!strcmp(a, "--db")) {
            /* accepted for uniformity; gen writes files only */
        } else {
            return cli_usage_error("gen", "unknown option '%s'", a);
        }
    }
    if (!o.out_dir)
        return cli_usage_error("gen", "--out DIR is required");
    if (o.cross && !o.province)
        return cli_usage_error("gen", "--cross needs --province");
    if (o.province && o.provinces != 1)
        return cli_usage_error("gen", "--province and --provinces exclude each other");
    o.progress = cli_progress_enabled();
    char err[512];
    if (gen_run(&o, err, sizeof err)) {
        fprintf(stderr, "zhijian gen: %s\n", err);
        return EXIT_FAIL;
    }
    return as_xlsx ? cli_export_profiles(as_xlsx, o.out_dir, NULL) : EXIT_OK;
}
