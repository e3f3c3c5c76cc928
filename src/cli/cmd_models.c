/*
 * cmd_models.c — `zhijian models [--format text|json]` (cli.md): the model catalog: id,
 * name, family, severity, subject, basis, parameters, source (built-in or file).
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/catalog.h"

int cmd_models(int argc, char **argv)
{
    const char *format = "text";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            printf("usage: zhijian models [--db PATH] [--format text|json]\n\n"
                   "The model catalog: id, name, family, basis, parameters, source.\n");
            return EXIT_OK;
        } else if (!strcmp(a, "--db") && i + 1 < argc) {
            i++; /* the built-in catalog does not need the database */
        } else if (!strcmp(a, "--format") && i + 1 < argc) {
            format = argv[++i];
            if (strcmp(format, "text") && strcmp(format, "json"))
                return cli_usage_error("models", "unknown format '%s' (text or json)", format);
        } else {
            return cli_usage_error("models", "unknown option '%s'", a);
        }
    }
    size_t n;
    const model_def *m = catalog_models(&n);
    if (!strcmp(format, "json")) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *params = json_loads(m[i].params ? m[i].params : "{}", 0, NULL);
            json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s}", "id", m[i].id,
                                  "name", m[i].name, "family", m[i].family, "severity",
                                  m[i].severity ? m[i].severity : "medium", "subject",
                                  m[i].subject ? m[i].subject : "", "basis",
                                  m[i].basis ? m[i].basis : "", "parameters",
                                  params ? params : json_object(), "source", "built-in", "kind",
                                  m[i].run_set ? "set" : "person");
            json_array_append_new(arr, o);
        }
        char *s = json_dumps(arr, JSON_INDENT(1));
        if (s)
            printf("%s\n", s);
        free(s);
        json_decref(arr);
        return EXIT_OK;
    }
    for (size_t i = 0; i < n; i++)
        printf("%-8s %-12s %-7s %s  [%s]  %s  (built-in)\n", m[i].id, m[i].family,
               m[i].severity ? m[i].severity : "medium", m[i].name, m[i].basis ? m[i].basis : "",
               m[i].params ? m[i].params : "{}");
    return EXIT_OK;
}
