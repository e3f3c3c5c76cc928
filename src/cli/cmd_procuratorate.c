/*
 * cmd_procuratorate.c — `zhijian procuratorate …`: the procuratorates that send documents
 * and the accounts that belong to them (docs/documents.md).
 *   procuratorate list [--format json|text]
 *   procuratorate add ID --name N --short-name S --level L --region R [--parent P]
 *                        [--reply-days D]
 *   procuratorate set ID [--name N] [--short-name S] [--level L] [--region R] [--parent P]
 *                        [--reply-days D]
 *   procuratorate seed                        one per facility of kind procuratorate
 *   procuratorate assign ACCOUNT --to ID|--none   the account's procuratorate
 * Every change is audited.
 */
#include "cli/cli.h"
#include "cases/audit.h"
#include "cases/procuratorates.h"
#include "store/stmt.h"
#include "store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(void)
{
    printf("usage: zhijian procuratorate <action> [--db PATH] [options]\n\n"
           "  list [--format json|text]   the procuratorates with level, region, parent,\n"
           "                              reply period and number of accounts\n"
           "  add ID --name FULL --short-name SHORT --level L --region CODE [--parent ID]\n"
           "      [--reply-days N]        e.g. add Y320102 --name 江苏省南京市玄武区人民检察院\n"
           "                              --short-name 宁玄检 --level basic --region 320102\n"
           "  set ID [--name …] [--short-name …] [--level …] [--region …] [--parent …]\n"
           "      [--reply-days N]        change some fields\n"
           "  seed                        a procuratorate for every facility of kind\n"
           "                              procuratorate that has none (names completed from\n"
           "                              the ones above it; short names derived: check them)\n"
           "  assign ACCOUNT --to ID      the account belongs to procuratorate ID\n"
           "  assign ACCOUNT --none       it belongs to none\n\n"
           "level: supreme, provincial, municipal (市级、分院), basic (基层)\n"
           "reply-days: the reply period of a correction notice (local practice, default 15)\n");
}

static const char *cli_actor(void)
{
    return getlogin() ? getlogin() : "cli";
}

static int fail(sqlite3 *db, int rc, const zj_diag *d)
{
    fprintf(stderr, "zhijian procuratorate: %s\n",
            d && d->message[0] ? d->message : zj_strerror(rc));
    store_close(db);
    return EXIT_FAIL;
}

static int do_list(sqlite3 *db, const char *format)
{
    json_t *a = proc_list(db);
    if (format && !strcmp(format, "json")) {
        char *s = json_dumps(a, JSON_INDENT(2));
        printf("%s\n", s);
        free(s);
    } else {
        size_t i;
        json_t *v;
        json_array_foreach(a, i, v)
        {
            const char *parent = json_string_value(json_object_get(v, "parent_id"));
            printf("%s\t%s\t%s\t%s\t%s\t%s\t%lld天\t%lld个账户\n",
                   json_string_value(json_object_get(v, "procuratorate_id")),
                   json_string_value(json_object_get(v, "name")),
                   json_string_value(json_object_get(v, "short_name")),
                   json_string_value(json_object_get(v, "level_label")),
                   json_string_value(json_object_get(v, "region_code")), parent ? parent : "-",
                   (long long)json_integer_value(json_object_get(v, "reply_days")),
                   (long long)json_integer_value(json_object_get(v, "accounts")));
        }
    }
    json_decref(a);
    store_close(db);
    return EXIT_OK;
}

int cmd_procuratorate(int argc, char **argv)
{
    int h = cli_action_help(argc, argv, usage);
    if (h >= 0)
        return h;
    const char *action = argv[1];
    const char *db_path = NULL, *format = "text", *name = NULL, *short_name = NULL, *level = NULL,
               *region = NULL, *parent = NULL, *id = NULL, *to = NULL;
    int reply_days = 0;
    bool none = false;
    const cli_opt opts[] = {
        {"--none", .flag = &none},
        {"--db", .str = &db_path},
        {"--format", .str = &format},
        {"--name", .str = &name},
        {"--short-name", .str = &short_name},
        {"--level", .str = &level},
        {"--region", .str = &region},
        {"--parent", .str = &parent},
        {"--to", .str = &to},
        {"--reply-days", .num = &reply_days, .min = 1, .max = 90},
    };
    if (cli_parse_opts("procuratorate", argc, argv, 2, opts, sizeof opts / sizeof opts[0], &id))
        return EXIT_USAGE;
    if (strcmp(action, "list") && strcmp(action, "add") && strcmp(action, "set") &&
        strcmp(action, "seed") && strcmp(action, "assign"))
        return cli_usage_error("procuratorate",
                               "unknown action '%s' (list, add, set, seed or assign)", action);
    if ((!strcmp(action, "add") || !strcmp(action, "set") || !strcmp(action, "assign")) && !id)
        return cli_usage_error("procuratorate", "missing %s",
                               !strcmp(action, "assign") ? "ACCOUNT" : "ID");
    if (!strcmp(action, "add") && (!name || !short_name || !level || !region))
        return cli_usage_error("procuratorate",
                               "add needs --name, --short-name, --level and --region");
    if ((level && proc_level_parse(level) == PROC_LEVEL_NONE))
        return cli_usage_error("procuratorate", "unknown level '%s'", level);
    sqlite3 *db = cli_open_db(db_path, 0);
    if (!db)
        return EXIT_FAIL;
    if (!strcmp(action, "list"))
        return do_list(db, format);
    zj_diag d = {0};
    int rc = 0;
    char detail[400];
    if (!strcmp(action, "seed")) {
        int n = proc_seed_from_facilities(db);
        if (n < 0)
            return fail(db, n, NULL);
        snprintf(detail, sizeof detail, "seed: %d procuratorates (cli)", n);
        if ((rc = audit_append(db, cli_actor(), "change", "procuratorates", detail)) != 0)
            return fail(db, rc, NULL);
        printf("%d procuratorates created\n", n);
        store_close(db);
        return EXIT_OK;
    }
    if (!strcmp(action, "assign")) {
        const char *pid = to;
        if (none == (pid != NULL)) {
            store_close(db);
            return cli_usage_error("procuratorate", "assign needs --to ID or --none");
        }
        rc = proc_assign_account(db, id, none ? NULL : pid);
        if (rc == ZJ_ENOTFOUND)
            zj_diag_set(&d, "", "no account '%s' or no procuratorate '%s'", id, pid ? pid : "");
        snprintf(detail, sizeof detail, "procuratorate %s (cli)", none ? "none" : pid);
        if (rc == 0)
            rc = audit_append(db, cli_actor(), "account", id, detail);
        if (rc)
            return fail(db, rc, &d);
        printf("account '%s' belongs to %s\n", id, none ? "no procuratorate" : pid);
        store_close(db);
        return EXIT_OK;
    }
    if (!strcmp(action, "add")) {
        zj_procuratorate p = {.level = proc_level_parse(level), .reply_days = reply_days};
        snprintf(p.id, sizeof p.id, "%s", id);
        snprintf(p.name, sizeof p.name, "%s", name);
        snprintf(p.short_name, sizeof p.short_name, "%s", short_name);
        snprintf(p.region_code, sizeof p.region_code, "%.7s", region);
        snprintf(p.parent_id, sizeof p.parent_id, "%s", parent ? parent : "");
        rc = proc_add(db, &p, &d);
    } else {
        json_t *in = json_object();
        if (name)
            json_object_set_new(in, "name", json_string(name));
        if (short_name)
            json_object_set_new(in, "short_name", json_string(short_name));
        if (level)
            json_object_set_new(in, "level", json_string(level));
        if (region)
            json_object_set_new(in, "region_code", json_string(region));
        if (parent)
            json_object_set_new(in, "parent_id", json_string(parent));
        if (reply_days)
            json_object_set_new(in, "reply_days", json_integer(reply_days));
        rc = proc_update(db, id, in, &d);
        json_decref(in);
        if (rc == ZJ_ENOTFOUND)
            zj_diag_set(&d, "", "no procuratorate '%s'", id);
    }
    if (rc)
        return fail(db, rc, &d);
    snprintf(detail, sizeof detail, "%s %s (cli)", action, id);
    if ((rc = audit_append(db, cli_actor(), "change", "procuratorates", detail)) != 0)
        return fail(db, rc, NULL);
    printf("procuratorate '%s' %s\n", id, !strcmp(action, "add") ? "added" : "changed");
    store_close(db);
    return EXIT_OK;
}
