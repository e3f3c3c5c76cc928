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
#include "docs_intake/doc_intake.h"
#include "docs_intake/doc_text.h"
#include "store/stmt.h"
#include "store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(void)
{
    printf(
        "usage: zhijian doc <action> [--db PATH] [options]\n\n"
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
                json_t *x = doc_extract(text, tlen, base_name(argv[i]));
                doc = strcmp(format, "json") ? json_incref(x) : doc_extract_shape(x);
                json_decref(x);
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

/* Options of the queue actions: --db, --actor, --status, --format, --reason, --person
 * N=ID, --new-person N, --set PATH=VALUE (repeatable); positional arguments in args. */
struct qopts {
    const char *db, *actor, *status, *format, *reason;
    json_t *fields, *persons;
    const char *args[256];
    int nargs;
};

static int parse_q(int argc, char **argv, struct qopts *o)
{
    memset(o, 0, sizeof *o);
    o->actor = cli_default_actor();
    o->format = "text";
    o->fields = json_object();
    o->persons = json_object();
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        const char **dst = !strcmp(a, "--db")       ? &o->db
                           : !strcmp(a, "--actor")  ? &o->actor
                           : !strcmp(a, "--status") ? &o->status
                           : !strcmp(a, "--format") ? &o->format
                           : !strcmp(a, "--reason") ? &o->reason
                                                    : NULL;
        if (dst) {
            if (!v)
                return cli_usage_error("doc", "%s needs a value", a);
            *dst = v;
            i++;
        } else if (!strcmp(a, "--set") || !strcmp(a, "--person")) {
            const char *eq = v ? strchr(v, '=') : NULL;
            if (!eq || eq == v)
                return cli_usage_error("doc", "%s needs NAME=VALUE", a);
            char key[160];
            snprintf(key, sizeof key, "%.*s", (int)(eq - v), v);
            json_object_set_new(!strcmp(a, "--set") ? o->fields : o->persons, key,
                                json_string(eq + 1));
            i++;
        } else if (!strcmp(a, "--new-person")) {
            if (!v)
                return cli_usage_error("doc", "--new-person needs the person's number (0, 1, …)");
            json_object_set_new(o->persons, v, json_string("new"));
            i++;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("doc", "unknown option '%s'", a);
        } else if (o->nargs < 256) {
            o->args[o->nargs++] = a;
        }
    }
    return 0;
}

static long doc_id_arg(struct qopts *o)
{
    char *end;
    long id = o->nargs == 1 ? strtol(o->args[0], &end, 10) : 0;
    return o->nargs == 1 && !*end && id > 0 ? id : 0;
}

static int do_queue(int argc, char **argv)
{
    struct qopts o;
    int rc = parse_q(argc, argv, &o);
    if (rc != 0)
        goto out;
    const char *act = argv[1];
    if (strcmp(o.format, "json") && strcmp(o.format, "text")) {
        rc = cli_usage_error("doc", "unknown format '%s' (json or text)", o.format);
        goto out;
    }
    if (!strcmp(act, "import") && !o.nargs) {
        rc = cli_usage_error("doc", "import needs at least one file");
        goto out;
    }
    long id = 0;
    if ((!strcmp(act, "show") || !strcmp(act, "confirm") || !strcmp(act, "discard")) &&
        !(id = doc_id_arg(&o))) {
        rc = cli_usage_error("doc", "%s needs one document number", act);
        goto out;
    }
    sqlite3 *db = cli_open_db(o.db, 0);
    if (!db) {
        rc = EXIT_FAIL;
        goto out;
    }
    zj_scope country = {.kind = SCOPE_COUNTRY};
    struct doc_actor a = {.name = o.actor, .scope = &country};
    rc = EXIT_OK;
    if (!strcmp(act, "import")) {
        for (int i = 0; i < o.nargs; i++) {
            struct doc_err e;
            unsigned char *data;
            size_t len;
            long did;
            int existed;
            if (doc_read_file(o.args[i], &data, &len, &e) != 0) {
                fprintf(stderr, "zhijian doc: %s: %s\n", o.args[i], e.en);
                rc = EXIT_FAIL;
                continue;
            }
            int r = doc_intake_add(db, data, len, base_name(o.args[i]), &a, &did, &existed, &e);
            free(data);
            if (r == ZJ_EINVAL) {
                fprintf(stderr, "zhijian doc: %s: %s (%s)\n", o.args[i], e.en, e.zh);
                rc = EXIT_FAIL;
            } else if (r != 0) {
                fprintf(stderr, "zhijian doc: %s: %s\n", o.args[i], sqlite3_errmsg(db));
                rc = EXIT_FAIL;
            } else {
                printf("%ld\t%s\t%s\n", did, existed ? "already queued" : "queued",
                       base_name(o.args[i]));
            }
        }
    } else if (!strcmp(act, "list")) {
        json_t *l = doc_intake_list(db, &a, o.status);
        if (!strcmp(o.format, "json")) {
            char *s = json_dumps(l, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
            puts(s);
            free(s);
        } else {
            size_t i;
            json_t *d;
            printf("id\tstatus\tkind\tcase_no\tfile\tpersons\tlow_confidence\n");
            json_array_foreach(l, i, d)
            {
                char *names = json_dumps(json_object_get(d, "persons"), JSON_COMPACT);
                printf("%lld\t%s\t%s\t%s\t%s\t%s\t%zu\n",
                       (long long)json_integer_value(json_object_get(d, "doc_id")),
                       json_string_value(json_object_get(d, "status")),
                       json_string_value(json_object_get(d, "kind"))
                           ? json_string_value(json_object_get(d, "kind"))
                           : "?",
                       json_string_value(json_object_get(d, "case_no"))
                           ? json_string_value(json_object_get(d, "case_no"))
                           : "",
                       json_string_value(json_object_get(d, "file")), names,
                       json_array_size(json_object_get(d, "low_confidence")));
                free(names);
            }
        }
        json_decref(l);
    } else if (!strcmp(act, "show")) {
        json_t *d = doc_intake_get(db, id, &a);
        if (!d) {
            fprintf(stderr, "zhijian doc: no document %ld\n", id);
            rc = EXIT_FAIL;
        } else {
            json_object_del(d, "text");
            char *s = json_dumps(d, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
            puts(s);
            free(s);
            json_decref(d);
        }
    } else if (!strcmp(act, "confirm")) {
        json_t *res = NULL;
        zj_diag dg = {0};
        int r = doc_intake_confirm(db, id, &a, o.fields, o.persons, cli_today(), &res, &dg);
        if (r != 0) {
            fprintf(stderr, "zhijian doc: confirm %ld: %s\n", id, dg.message);
            rc = zj_err_exit_code(r);
        } else {
            size_t i;
            json_t *row;
            json_array_foreach(json_object_get(res, "rows"), i, row)
                printf("%s\t%s\t%s\n", json_string_value(json_object_get(row, "feed")),
                       json_string_value(json_object_get(row, "record_key")),
                       json_is_true(json_object_get(row, "written")) ? "written" : "linked");
            json_decref(res);
        }
    } else if (!strcmp(act, "discard")) {
        zj_diag dg = {0};
        int r = doc_intake_discard(db, id, &a, o.reason, &dg);
        if (r != 0) {
            fprintf(stderr, "zhijian doc: discard %ld: %s\n", id, dg.message);
            rc = zj_err_exit_code(r);
        }
    }
    store_close(db); /* the audit keeps prepared statements */
out:
    json_decref(o.fields);
    json_decref(o.persons);
    return rc;
}

int cmd_doc(int argc, char **argv)
{
    int h = cli_action_help(argc, argv, usage);
    if (h >= 0)
        return h;
    if (!strcmp(argv[1], "extract"))
        return do_extract(argc, argv);
    static const char *const queue[] = {"import", "list", "show", "confirm", "discard", NULL};
    for (int i = 0; queue[i]; i++)
        if (!strcmp(argv[1], queue[i]))
            return do_queue(argc, argv);
    return cli_usage_error("doc", "unknown action '%s'", argv[1]);
}
