/*
 * cmd_calc.c — `zhijian calc` (spec/cli.md): one sentence-calculation request (JSON) on
 * stdin, the figures with their basis rule ids and the violations (JSON) on stdout.
 * Bad JSON or a missing/wrong-typed field: exit 1 with {"error", "field"} on stdout.
 * The law is in src/law/ (law.h); the JSON contract in src/law/law_json.c.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "law/law.h"
#include "law/law_json.h"
#include "util/xalloc.h"

#define CALC_MAX_INPUT (16u << 20)

static const char usage[] =
    "usage: zhijian calc [--as-of YYYY-MM-DD] [--config FILE] [--db PATH] < request.json\n"
    "\n"
    "Reads one sentence-calculation request (JSON, spec/cli.md) on stdin and writes the\n"
    "computed figures (term start/end, credit, execution date, next commutation, parole\n"
    "threshold and bars, minimum actual end, recidivism, dpr end, expected release), each\n"
    "with the law.md rule ids in \"basis\", and the \"violations\" of the recorded changes.\n"
    "\n"
    "  --as-of D      evaluate as of D (overrides the request's as_of; default today)\n"
    "  --config FILE  law parameters, lines 'T-01.diagnosis_max_months = 3'\n"
    "  --db PATH      accepted for uniformity; calc does not use the database\n"
    "\n"
    "Exit: 0 computed (with or without violations), 1 bad request (JSON {\"error\",\n"
    "\"field\"} on stdout), 2 usage error.\n";

static int answer_error(const char *message, const char *field)
{
    json_t *o = json_pack("{s:s, s:s}", "error", message ? message : "invalid request", "field",
                          field ? field : "");
    char *s = o ? json_dumps(o, JSON_ENSURE_ASCII) : NULL;
    printf("%s\n", s ? s : "{\"error\": \"invalid request\", \"field\": \"\"}");
    free(s);
    json_decref(o);
    return EXIT_FAIL;
}

static char *read_stdin(size_t *len, bool *too_big)
{
    size_t cap = 65536, n = 0;
    char *buf = xmalloc(cap);
    *too_big = false;
    for (;;) {
        if (n == cap) {
            if (cap >= CALC_MAX_INPUT) {
                *too_big = true;
                break;
            }
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - n, stdin);
        n += got;
        if (got == 0)
            break;
    }
    *len = n;
    return buf;
}

int cmd_calc(int argc, char **argv)
{
    zj_date as_of = ZJ_DATE_NONE;
    const char *config = NULL;
    struct law_params params;
    struct law_request req;
    struct law_figures *fig = NULL;
    char *text = NULL;
    int rc = EXIT_FAIL;
    bool have_req = false;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return EXIT_OK;
        } else if (!strcmp(a, "--as-of") && i + 1 < argc) {
            if (cli_parse_as_of(argv[++i], &as_of) < 0)
                return EXIT_USAGE;
        } else if (!strcmp(a, "--config") && i + 1 < argc) {
            config = argv[++i];
        } else if (!strcmp(a, "--db") && i + 1 < argc) {
            i++;
        } else {
            return cli_usage_error("calc", "unknown option '%s'", a);
        }
    }

    law_params_default(&params);
    if (config) {
        zj_diag d = {0};
        if (law_params_load(config, &params, &d) < 0) {
            fprintf(stderr, "zhijian calc: %s\n", d.message);
            return answer_error(d.message, "--config");
        }
    }

    size_t len;
    bool too_big;
    text = read_stdin(&len, &too_big);
    if (too_big) {
        rc = answer_error("request too large", "");
        goto done;
    }
    zj_diag d = {0};
    if (law_request_parse(text, len, &req, &d) < 0) {
        rc = answer_error(d.message, d.field);
        goto done;
    }
    have_req = true;
    if (as_of != ZJ_DATE_NONE)
        req.c.as_of = as_of;
    else if (req.c.as_of == ZJ_DATE_NONE)
        req.c.as_of = cli_today();

    fig = xmalloc(sizeof *fig);
    if (law_compute(&params, &req.c, fig) < 0) {
        rc = answer_error("the judgment cannot be computed (term or effective date missing)",
                          "judgment");
        goto done;
    }
    json_t *out = law_figures_to_json(&req, fig);
    char *s = json_dumps(out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(out);
    if (!s) {
        rc = answer_error("cannot write the answer", "");
        goto done;
    }
    printf("%s\n", s);
    free(s);
    rc = EXIT_OK;
done:
    if (have_req)
        law_request_release(&req);
    free(fig);
    free(text);
    return rc;
}
