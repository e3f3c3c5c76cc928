/*
 * cmd_doc.c — `zhijian doc …`: court documents (docs/documents-intake.md).
 *   doc extract FILE… [--format json|text]   what the documents say; nothing is stored
 *   doc import FILE… [--db PATH]             queue them for review
 *   doc list [--status S] [--format json|text]
 *   doc show ID                              the extracted fields, sources, candidates
 *   doc confirm ID [--person P|--new-person] [--set PATH=VALUE]… [--actor NAME]
 *   doc discard ID [--reason TEXT] [--actor NAME]
 */
#include "cli/cli.h"
#include "docs_intake/doc_extract.h"
#include "docs_intake/doc_text.h"
#include "store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(void)
{
    printf("usage: zhijian doc <action> [--db PATH] [options]\n\n"
           "  extract FILE… [--format json|text]  read .docx, .pdf (text layer) or .txt (UTF-8,\n"
           "                         GB18030) court documents and show their facts; stores nothing\n"
           "  import FILE…           queue the documents for review (status pending)\n"
           "  list [--status pending|confirmed|discarded] [--format json|text]\n"
           "  show ID                the extracted fields with their sources, and the persons\n"
           "                         that match (by id number, else name and birth date)\n"
           "  confirm ID [--person N=PERSON_ID|--new-person N]… [--set PATH=VALUE]…\n"
           "                         write the rows (judgments or sentence_changes) of the\n"
           "                         reviewed document; --set corrects a field first, e.g.\n"
           "                         --set persons[0].original.effective_date=2019-08-01\n"
           "  discard ID [--reason TEXT]\n\n"
           "--actor NAME names who confirmed or discarded (default $USER).\n");
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* Text of one person's extracted facts, for people. */
static void print_text(json_t *doc)
{
    const char *err = json_string_value(json_object_get(doc, "error"));
    printf("== %s\n", json_string_value(json_object_get(doc, "file")));
    if (err) {
        printf("   不能读取: %s\n", err);
        return;
    }
    json_t *conf = json_object_get(doc, "confidence");
    const char *path;
    json_t *v;
    json_object_foreach(conf, path, v)
    {
        /* the value at path */
        json_t *cur = doc;
        char buf[128];
        snprintf(buf, sizeof buf, "%s", path);
        for (char *tok = strtok(buf, "."); tok && cur; tok = strtok(NULL, ".")) {
            char *br = strchr(tok, '[');
            if (br) {
                *br = '\0';
                cur = json_array_get(json_object_get(cur, tok), (size_t)atoi(br + 1));
            } else
                cur = json_object_get(cur, tok);
        }
        char *val = cur ? json_dumps(cur, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
        printf("   %-40s %-36s %.2f\n", path, val ? val : "null", json_real_value(v));
        free(val);
    }
}

static int do_extract(int argc, char **argv)
{
    const char *format = "text";
    json_t *out = json_array();
    int nfiles = 0, failed = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--format")) {
            if (i + 1 >= argc)
                return cli_usage_error("doc", "--format needs a value");
            format = argv[++i];
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error("doc", "unknown option '%s'", argv[i]);
    }
    if (strcmp(format, "json") && strcmp(format, "text"))
        return cli_usage_error("doc", "unknown format '%s' (json or text)", format);
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--format")) {
            i++;
            continue;
        }
        nfiles++;
        struct doc_err e;
        unsigned char *data;
        size_t len;
        char *text = NULL;
        size_t tlen;
        enum doc_format fmt;
        const char *enc;
        json_t *doc;
        if (doc_read_file(argv[i], &data, &len, &e) != 0) {
            doc = json_pack("{s:s, s:s}", "file", base_name(argv[i]), "error", e.en);
            failed++;
        } else {
            if (doc_text(data, len, &text, &tlen, &fmt, &enc, &e) != 0) {
                doc = json_pack("{s:s, s:s}", "file", base_name(argv[i]), "error", e.en);
                failed++;
            } else {
                doc = doc_extract(text, tlen, base_name(argv[i]));
            }
            free(data);
            free(text);
        }
        json_array_append_new(out, doc);
    }
    if (!nfiles) {
        json_decref(out);
        return cli_usage_error("doc", "extract needs at least one file");
    }
    if (!strcmp(format, "json")) {
        char *s = json_dumps(out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        puts(s);
        free(s);
    } else {
        size_t i;
        json_t *d;
        json_array_foreach(out, i, d) print_text(d);
    }
    json_decref(out);
    return failed ? EXIT_FAIL : EXIT_OK;
}

int cmd_doc(int argc, char **argv)
{
    int h = cli_action_help(argc, argv, usage);
    if (h >= 0)
        return h;
    if (!strcmp(argv[1], "extract"))
        return do_extract(argc, argv);
    return cli_usage_error("doc", "unknown action '%s'", argv[1]);
}
