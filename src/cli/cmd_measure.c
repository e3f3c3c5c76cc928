/*
 * cmd_measure.c — `zhijian measure …`: the documents of measures from the command line
 * (docs/documents.md), with the country's scope.
 *   measure add (--lead N | --case N) --kind K [--recipient F] [--received D] [--charge C]
 *               [--actor A] [--as-of D]      takes the lead up as a case when needed
 *   measure show ID [--format json|text|html|docx] [--out FILE] [--version N]
 *   measure issue ID --date D [--actor A]   签发: the number of the sending procuratorate
 *   measure send ID --date D [--actor A]
 *   measure escalate ID [--actor A] [--as-of D]   an oral correction becomes a notice
 */
#include "cli/cli.h"
#include "cases/documents.h"
#include "store/stmt.h"
#include "cases/workflow.h"
#include "store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(void)
{
    printf("usage: zhijian measure <action> [--db PATH] [options]\n\n"
           "  add (--lead N | --case N) --kind K [--recipient FACILITY] [--received DATE]\n"
           "      [--charge NAME] [--actor NAME] [--as-of DATE]\n"
           "                  draft a measure (the lead is taken up as a case when it is not);\n"
           "                  prints the measure as JSON\n"
           "  show ID [--format json|text|html|docx] [--out FILE] [--version N]\n"
           "  issue ID --date DATE      签发: the number of the sending procuratorate\n"
           "  send ID --date DATE       record sending (issues it first when needed)\n"
           "  escalate ID               an oral correction not complied with becomes a\n"
           "                            correction notice (规则第624条)\n\n"
           "kind: correction_notice 纠正违法通知书, suggestion 检察建议书, objection 纠正意见书\n"
           "      (needs --received), oral_correction 口头纠正, investigation 立案侦查 (needs\n"
           "      --charge, one of the 14 crimes of 刑事诉讼法第十九条第二款), hearing, transfer\n"
           "--actor names the account whose procuratorate sends it (default $USER); the\n"
           "         procuratorate of the lead's region when the account has none\n");
}

static int print_doc(json_t *m, const char *format, const char *out, json_t *doc)
{
    FILE *f = out ? fopen(out, "wb") : stdout;
    if (!f) {
        fprintf(stderr, "zhijian measure: cannot write '%s'\n", out);
        return EXIT_FAIL;
    }
    int rc = EXIT_OK;
    if (!strcmp(format, "json")) {
        char *s = json_dumps(doc ? doc : m, JSON_INDENT(2));
        fprintf(f, "%s\n", s);
        free(s);
    } else if (!strcmp(format, "text")) {
        const char *keys[] = {"org",  "title",  "number", "recipient",
                              "body", "signer", "date",   "seal"};
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            const char *v = json_string_value(json_object_get(doc, keys[i]));
            if (v && *v)
                fprintf(f, "%s%s\n", v, !strcmp(keys[i], "recipient") ? "：" : "");
        }
        const char *cc = json_string_value(json_object_get(doc, "cc"));
        if (cc && *cc)
            fprintf(f, "抄送：%s\n", cc);
    } else if (!strcmp(format, "html")) {
        strbuf sb = STRBUF_INIT;
        document_html(doc, &sb);
        fwrite(sb.buf, 1, sb.len, f);
        strbuf_release(&sb);
    } else {
        unsigned char *data = NULL;
        size_t len = 0;
        if (document_docx(doc, &data, &len) != 0) {
            fprintf(stderr, "zhijian measure: cannot build the .docx\n");
            rc = EXIT_FAIL;
        } else {
            fwrite(data, 1, len, f);
            free(data);
        }
    }
    if (out)
        fclose(f);
    return rc;
}

int cmd_measure(int argc, char **argv)
{
    int h = cli_action_help(argc, argv, usage);
    if (h >= 0)
        return h;
    const char *action = argv[1];
    const char *db_path = NULL, *kind = NULL, *recipient = NULL, *received = NULL, *charge = NULL,
               *actor = getlogin() ? getlogin() : "cli", *format = "json", *out = NULL, *arg = NULL;
    int lead = 0, case_no = 0, version = 0;
    zj_date as_of = cli_today(), date = 0;
    const cli_opt opts[] = {
        {"--db", .str = &db_path},
        {"--kind", .str = &kind},
        {"--recipient", .str = &recipient},
        {"--received", .str = &received},
        {"--charge", .str = &charge},
        {"--actor", .str = &actor},
        {"--format", .str = &format},
        {"--out", .str = &out},
        {"--as-of", .date = &as_of},
        {"--date", .date = &date},
        {"--lead", .num = &lead, .min = 1, .max = 2000000000},
        {"--case", .num = &case_no, .min = 1, .max = 2000000000},
        {"--version", .num = &version, .min = 1, .max = 100000},
    };
    if (cli_parse_opts("measure", argc, argv, 2, opts, sizeof opts / sizeof opts[0], &arg))
        return EXIT_USAGE;
    bool add = !strcmp(action, "add");
    if (!add && strcmp(action, "show") && strcmp(action, "issue") && strcmp(action, "send") &&
        strcmp(action, "escalate"))
        return cli_usage_error("measure", "unknown action '%s' (add, show, issue, send, escalate)",
                               action);
    if (add && (!kind || (!lead == !case_no)))
        return cli_usage_error("measure", "add needs --kind and one of --lead or --case");
    long id = arg ? strtol(arg, NULL, 10) : 0;
    if (!add && id <= 0)
        return cli_usage_error("measure", "missing measure ID");
    if ((!strcmp(action, "issue") || !strcmp(action, "send")) && !date)
        return cli_usage_error("measure", "%s needs --date", action);
    if (strcmp(format, "json") && strcmp(format, "text") && strcmp(format, "html") &&
        strcmp(format, "docx"))
        return cli_usage_error("measure", "unknown format '%s' (json, text, html, docx)", format);
    sqlite3 *db = cli_open_db(db_path, 0);
    if (!db)
        return EXIT_FAIL;
    zj_scope all;
    scope_parse("country", &all);
    zj_diag d = {0};
    int rc = 0;
    if (add) {
        long cid = case_no;
        if (lead) {
            json_t *l = lead_get(db, &all, lead, false);
            json_t *existing = l ? json_object_get(l, "case_id") : NULL;
            if (!l)
                rc = ZJ_ENOTFOUND, zj_diag_set(&d, "lead", "no lead %d", lead);
            else if (json_is_integer(existing))
                cid = (long)json_integer_value(existing);
            else
                rc = lead_change(db, &all, lead, actor, "case", NULL, &cid);
            json_decref(l);
        }
        measure_input in = {
            .kind = kind, .recipient_id = recipient, .received = received, .charge = charge};
        if (rc == 0)
            rc = measure_add(db, &all, cid, &in, actor, as_of, &id, &d);
    } else if (!strcmp(action, "issue") || !strcmp(action, "send")) {
        char ds[11];
        json_t *in = json_pack("{s:s}", !strcmp(action, "issue") ? "issue" : "sent_date",
                               date_format(date, ds));
        rc = measure_update(db, &all, id, in, actor, &d);
        json_decref(in);
    } else if (!strcmp(action, "escalate")) {
        long nid = 0;
        rc = measure_escalate(db, &all, id, actor, as_of, &nid, &d);
        id = nid;
    }
    if (rc) {
        fprintf(stderr, "zhijian measure: %s\n", d.message[0] ? d.message : zj_strerror(rc));
        store_close(db);
        return EXIT_FAIL;
    }
    json_t *m = measure_get(db, &all, id);
    json_t *doc = version ? measure_document_version(db, &all, id, version) : NULL;
    int ec = EXIT_OK;
    if (!m || (version && !doc)) {
        fprintf(stderr, "zhijian measure: no measure %ld%s\n", id,
                version ? " of that version" : "");
        ec = EXIT_FAIL;
    } else if (!strcmp(action, "show")) {
        ec =
            print_doc(m, format, out,
                      doc ? doc : (strcmp(format, "json") ? json_object_get(m, "document") : NULL));
    } else {
        ec = print_doc(m, "json", NULL, NULL);
    }
    json_decref(doc);
    json_decref(m);
    store_close(db);
    return ec;
}
