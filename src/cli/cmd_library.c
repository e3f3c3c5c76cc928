/*
 * cmd_library.c — `zhijian library …`: the case library (典型案例库, docs/case-library.md).
 *   library list [--q WORDS] [--model ID] [--area LABEL] [--status S] [--format text|json]
 *   library show ID [--format text|json]
 *   library draft CASE_ID                the anonymised draft of a case; stores nothing
 *   library propose CASE_ID              store the draft (a closed case with a correction)
 *   library edit ID [--title T] [--summary T] [--practice T] [--significance T]
 *                   [--articles T] [--keywords T]
 *   library publish ID | withdraw ID
 *   library export --format html|docx --out FILE [--q …] [--model …] [--area …]
 * The command line acts as --actor (default $USER) with the role admin over --scope
 * (default country).
 */
#include "cli/cli.h"
#include "cases/library.h"
#include "store/stmt.h"
#include "store/store.h"
#include "util/error.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(void)
{
    printf(
        "usage: zhijian library <action> [--db PATH] [options]\n\n"
        "  list [--q WORDS] [--model ID] [--area LABEL] [--status published|draft|all]\n"
        "       [--format text|json]      search the library (full text, Chinese)\n"
        "  show ID [--format text|json]   one typical case\n"
        "  draft CASE_ID                  the anonymised draft of a case (JSON); stores nothing\n"
        "  propose CASE_ID                propose a closed case with a correction: store\n"
        "                                 its anonymised draft\n"
        "  edit ID [--title T] [--summary T] [--practice T] [--significance T]\n"
        "          [--articles T] [--keywords T]\n"
        "  publish ID                     publish a draft (refused while a text still\n"
        "                                 identifies the source case)\n"
        "  withdraw ID                    back to draft\n"
        "  export --format html|docx --out FILE [--q WORDS] [--model ID] [--area LABEL]\n"
        "                                 the booklet of the published typical cases\n\n"
        "--actor NAME names who acts (default $USER, role admin); --scope S limits what is\n"
        "seen and changed (country, region:32, facility:P3201; default country).\n");
}

struct opts {
    const char *db, *q, *model, *area, *status, *format, *out, *actor, *scope;
    const char *title, *summary, *practice, *significance, *articles, *keywords;
    const char *arg;
};

static int fail(const char *what, const zj_diag *d, int rc)
{
    fprintf(stderr, "zhijian library: %s%s%s\n", what, d->message[0] ? ": " : "", d->message);
    return zj_err_exit_code(rc);
}

static long id_arg(const char *s)
{
    char *end;
    long v = s ? strtol(s, &end, 10) : 0;
    return s && *s && !*end && v > 0 ? v : 0;
}

static void print_json(json_t *j)
{
    char *s = json_dumps(j, JSON_INDENT(2));
    printf("%s\n", s);
    free(s);
}

static const char *js(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static const char *status_label(const char *s)
{
    return !strcmp(s, "published") ? "已发布" : !strcmp(s, "draft") ? "草稿" : s;
}

static void print_case(json_t *tc)
{
    printf("%s\n[%s] 编号 %lld", js(tc, "title"), status_label(js(tc, "status")),
           (long long)json_integer_value(json_object_get(tc, "tc_id")));
    if (*js(tc, "model_id"))
        printf("　模型 %s", js(tc, "model_id"));
    printf("　领域 %s\n", js(tc, "area"));
    if (*js(tc, "articles"))
        printf("法律依据：%s\n", js(tc, "articles"));
    if (*js(tc, "keywords"))
        printf("关键词：%s\n", js(tc, "keywords"));
    printf("\n【基本案情】\n%s\n\n【检察履职情况】\n%s\n\n【典型意义】\n%s\n", js(tc, "summary"),
           js(tc, "practice"), js(tc, "significance"));
}

int cmd_library(int argc, char **argv)
{
    int hrc = cli_action_help(argc, argv, usage);
    if (hrc >= 0)
        return hrc;
    const char *action = argv[1];
    struct opts o = {0};
    o.actor = cli_default_actor();
    o.format = NULL;
    const cli_opt opts[] = {
        {"--db", .str = &o.db},
        {"--q", .str = &o.q},
        {"--model", .str = &o.model},
        {"--area", .str = &o.area},
        {"--status", .str = &o.status},
        {"--format", .str = &o.format},
        {"--out", .str = &o.out},
        {"--actor", .str = &o.actor},
        {"--scope", .str = &o.scope},
        {"--title", .str = &o.title},
        {"--summary", .str = &o.summary},
        {"--practice", .str = &o.practice},
        {"--significance", .str = &o.significance},
        {"--articles", .str = &o.articles},
        {"--keywords", .str = &o.keywords},
    };
    int prc = cli_parse_opts("library", argc, argv, 2, opts, sizeof opts / sizeof *opts, &o.arg);
    if (prc)
        return prc;
    static const char *const actions[] = {"list",    "show",     "draft",  "propose", "edit",
                                          "publish", "withdraw", "export", NULL};
    if (cli_action_index("library", action, actions) < 0)
        return EXIT_USAGE;
    bool needs_id = strcmp(action, "list") && strcmp(action, "export");
    long id = id_arg(o.arg);
    if (needs_id && !id)
        return cli_usage_error("library", "%s needs a positive id", action);
    if (!strcmp(action, "export")) {
        if (!o.out || !o.format || (strcmp(o.format, "html") && strcmp(o.format, "docx")))
            return cli_usage_error("library", "export needs --format html|docx and --out FILE");
    } else if (o.format && strcmp(o.format, "text") && strcmp(o.format, "json")) {
        return cli_usage_error("library", "--format is text or json");
    }
    zj_account who = {0};
    snprintf(who.name, sizeof who.name, "%s", o.actor);
    snprintf(who.role, sizeof who.role, "admin");
    if (scope_parse(o.scope ? o.scope : "country", &who.scope) != 0)
        return cli_usage_error("library", "invalid scope '%s'", o.scope);
    bool json_out = o.format && !strcmp(o.format, "json");

    sqlite3 *db = cli_open_db(o.db, 0);
    if (!db)
        return EXIT_FAIL;
    int rc = EXIT_OK, e;
    zj_diag d = {0};
    if (!strcmp(action, "list") || !strcmp(action, "export")) {
        library_filter f = {o.q, o.model, o.area, o.status, 1, 1000};
        if (!strcmp(action, "export"))
            f.status = "published";
        json_t *j = library_search(db, &who.scope, &f, !strcmp(action, "export"));
        json_t *items = json_object_get(j, "items");
        if (!j) {
            rc = f.status && strcmp(f.status, "published") && strcmp(f.status, "draft") &&
                         strcmp(f.status, "all")
                     ? cli_usage_error("library", "--status is published, draft or all")
                     : EXIT_FAIL;
        } else if (!strcmp(action, "export")) {
            FILE *fp = fopen(o.out, "wb");
            int ok = fp != NULL;
            if (ok && !strcmp(o.format, "html")) {
                strbuf sb = STRBUF_INIT;
                library_booklet_html(items, NULL, &sb);
                ok = fwrite(sb.buf, 1, sb.len, fp) == sb.len;
                strbuf_release(&sb);
            } else if (ok) {
                unsigned char *data = NULL;
                size_t len = 0;
                ok = library_booklet_docx(items, NULL, &data, &len) == 0 &&
                     fwrite(data, 1, len, fp) == len;
                free(data);
            }
            if (fp && fclose(fp) != 0)
                ok = 0;
            if (!ok) {
                fprintf(stderr, "zhijian library: cannot write '%s'\n", o.out);
                rc = EXIT_FAIL;
            } else {
                printf("%s: %zu typical cases\n", o.out, json_array_size(items));
            }
        } else if (json_out) {
            print_json(j);
        } else {
            size_t i;
            json_t *it;
            json_array_foreach(items, i, it)
                printf("%6lld  %-6s  %-8s  %-10s  %s\n",
                       (long long)json_integer_value(json_object_get(it, "tc_id")),
                       status_label(js(it, "status")), js(it, "model_id"), js(it, "area"),
                       js(it, "title"));
            printf("%lld typical cases\n",
                   (long long)json_integer_value(json_object_get(j, "total")));
        }
        json_decref(j);
    } else if (!strcmp(action, "draft")) {
        json_t *j = library_draft(db, id);
        if (!j) {
            fprintf(stderr, "zhijian library: no case %ld\n", id);
            rc = EXIT_FAIL;
        } else {
            print_json(j);
        }
        json_decref(j);
    } else if (!strcmp(action, "propose")) {
        long tc = 0;
        if ((e = library_propose(db, &who, id, &tc, &d)) != 0)
            rc = fail("cannot propose the case", &d, e);
        else
            printf("%ld\n", tc);
    } else if (!strcmp(action, "edit")) {
        json_t *in = json_object();
        const char *vals[] = {o.title,        o.summary,  o.practice,
                              o.significance, o.articles, o.keywords};
        const char *keys[] = {"title",        "summary",  "practice",
                              "significance", "articles", "keywords"};
        for (int i = 0; i < 6; i++)
            if (vals[i])
                json_object_set_new(in, keys[i], json_string(vals[i]));
        if (!json_object_size(in)) {
            json_decref(in);
            store_close(db);
            return cli_usage_error("library", "edit needs at least one of --title, --summary, "
                                              "--practice, --significance, --articles, --keywords");
        }
        if ((e = library_update(db, &who, id, in, &d)) != 0)
            rc = fail("cannot edit the typical case", &d, e);
        json_decref(in);
    } else if (!strcmp(action, "publish") || !strcmp(action, "withdraw")) {
        bool pub = !strcmp(action, "publish");
        if ((e = pub ? library_publish(db, &who, id, &d) : library_withdraw(db, &who, id, &d)) != 0)
            rc = fail(pub ? "cannot publish" : "cannot withdraw", &d, e);
    } else { /* show */
        json_t *j = library_get(db, &who.scope, id);
        if (!j) {
            fprintf(stderr, "zhijian library: no typical case %ld\n", id);
            rc = EXIT_FAIL;
        } else if (json_out) {
            print_json(j);
        } else {
            print_case(j);
        }
        json_decref(j);
    }
    store_close(db);
    return rc;
}
