/*
 * cmd_inspect.c — `zhijian inspect …`: circuit inspections (巡回检察, workflow.md):
 *   inspect inspector-add ID --name N --home REGION [--spec a;b]
 *   inspect propose --kind K --facility F --from D --to D [--focus a;b] [--size N]
 *   inspect plan    --kind K --facility F --from D --to D [--focus a;b] [--size N] [--no-team]
 *   inspect list [--region P]
 *   inspect start-list ID
 *   inspect finding ID --summary S [--person P] [--family F] [--severity S] [--basis B] [--as-of D]
 * JSON on stdout; a proposal that no team can satisfy exits 1 with the reason.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/inspections.h"
#include "store/store.h"
#include "util/office_enums.h"
#include "util/strbuf.h"

static void usage(void)
{
    printf("usage: zhijian inspect <action> [--db PATH] [options]\n\n"
           "  inspector-add ID --name N --home REGION [--spec a;b]   add to the inspector pool\n"
           "  propose --kind K --facility F --from D --to D [--focus a;b] [--size N]\n"
           "                         propose a team (cross: nobody from the facility's province,\n"
           "                         nobody who inspected it in the last 24 months)\n"
           "  plan    (same options) [--no-team]   store the plan with the proposed team\n"
           "  list [--region P]      inspections as JSON\n"
           "  start-list ID          the facility's risk profile and open leads\n"
           "  finding ID --summary S [--person P] [--family F] [--severity S] [--as-of D]\n"
           "                         record a finding as a lead\n\n");
    printf("kinds:%s\nspecialities:%s\n\n%s", NAMES_WORDS(INSPECTION_KIND_NAMES),
           NAMES_WORDS(INSPECTION_SPECIALITY_NAMES), CLI_SCOPE_HELP);
}

struct opts {
    const char *db, *kind, *facility, *focus, *name, *home, *spec, *region, *summary, *person,
        *family, *severity, *basis, *actor, *scope;
    zj_date from, to, as_of;
    int size;
    bool no_team;
    const char *arg; /* the positional argument */
};

static int parse(int argc, char **argv, struct opts *o)
{
    memset(o, 0, sizeof *o);
    o->from = o->to = o->as_of = ZJ_DATE_NONE;
    o->size = 5;
    o->actor = cli_default_actor();
    const cli_opt opts[] = {
        {"--no-team", .flag = &o->no_team},
        {"--db", .str = &o->db},
        {"--kind", .str = &o->kind},
        {"--facility", .str = &o->facility},
        {"--focus", .str = &o->focus},
        {"--name", .str = &o->name},
        {"--home", .str = &o->home},
        {"--spec", .str = &o->spec},
        {"--region", .str = &o->region},
        {"--summary", .str = &o->summary},
        {"--person", .str = &o->person},
        {"--family", .str = &o->family},
        {"--severity", .str = &o->severity},
        {"--basis", .str = &o->basis},
        {"--actor", .str = &o->actor},
        {"--scope", .str = &o->scope},
        {"--from", .date = &o->from},
        {"--to", .date = &o->to},
        {"--as-of", .date = &o->as_of},
        {"--size", .num = &o->size, .min = 1, .max = INSPECT_TEAM_MAX},
    };
    return cli_parse_opts("inspect", argc, argv, 2, opts, sizeof opts / sizeof *opts, &o->arg);
}

static int fail(const char *what, const zj_diag *d, int rc)
{
    fprintf(stderr, "zhijian inspect: %s%s%s\n", what, d->message[0] ? ": " : "", d->message);
    return zj_err_exit_code(rc);
}

int cmd_inspect(int argc, char **argv)
{
    int hrc = cli_action_help(argc, argv, usage);
    if (hrc >= 0)
        return hrc;
    const char *action = argv[1];
    struct opts o;
    int prc = parse(argc, argv, &o);
    if (prc)
        return prc;
    static const char *const actions[] = {"inspector-add", "propose", "plan", "list",
                                          "start-list",    "finding", NULL};
    if (cli_action_index("inspect", action, actions) < 0)
        return EXIT_USAGE;
    bool planning = !strcmp(action, "propose") || !strcmp(action, "plan");
    if (planning && (!o.kind || !o.facility || o.from == ZJ_DATE_NONE || o.to == ZJ_DATE_NONE))
        return cli_usage_error("inspect", "%s needs --kind, --facility, --from and --to", action);
    if (planning && !inspect_kind_valid(o.kind))
        return cli_usage_error(
            "inspect", "unknown kind '%s' (one of" NAMES_WORDS(INSPECTION_KIND_NAMES) ")", o.kind);
    if ((!strcmp(action, "start-list") || !strcmp(action, "finding") ||
         !strcmp(action, "inspector-add")) &&
        !o.arg)
        return cli_usage_error("inspect", "%s needs an id", action);

    zj_scope sc;
    if (cli_scope("inspect", o.scope, &sc) != 0)
        return EXIT_USAGE;

    sqlite3 *db = cli_open_db(o.db, 0);
    if (!db)
        return EXIT_FAIL;
    int rc = EXIT_OK, e;
    zj_diag d = {0};
    strbuf out = STRBUF_INIT;
    /* src/cases checks the scope and audits each change with the actor, as for the web */
    if (!strcmp(action, "inspector-add")) {
        if ((e = inspect_inspector_add(db, o.arg, o.name, o.home, o.spec, o.actor, &d)) != 0)
            rc = fail("cannot add inspector", &d, e);
        else
            printf("%s\n", o.arg);
    } else if (planning) {
        inspect_plan p = {o.kind, o.facility, o.from, o.to, o.focus};
        inspect_rules r;
        inspect_rules_default(&r);
        r.team_size = o.size;
        inspect_team t = {0};
        bool want_team = !o.no_team;
        if (want_team && (e = inspect_propose_team(db, &sc, &p, 0, &r, &t, &d)) != 0) {
            rc = fail("no team satisfies the rules", &d, e);
        } else if (!strcmp(action, "plan")) {
            long id = 0;
            if ((e = inspect_plan_create(db, &sc, &p, want_team ? &t : NULL, o.actor, &id, &d)) !=
                0)
                rc = fail("cannot store the plan", &d, e);
            else {
                strbuf_addf(&out, "{\"inspection_id\":%ld,\"team\":", id);
                inspect_team_json(&t, &out);
                strbuf_adds(&out, "}\n");
            }
        } else {
            inspect_team_json(&t, &out);
            strbuf_addch(&out, '\n');
        }
    } else if (!strcmp(action, "list")) {
        if ((e = inspect_list_json(db, &sc, o.region, o.facility, &out, &d)) != 0)
            rc = fail("cannot list", &d, e);
        strbuf_addch(&out, '\n');
    } else {
        char *end;
        long id = strtol(o.arg, &end, 10);
        if (*end || id <= 0) {
            rc = cli_usage_error("inspect", "invalid inspection id '%s'", o.arg);
        } else if (!strcmp(action, "start-list")) {
            if ((e = inspect_starting_list_json(db, &sc, id, &out, &d)) != 0)
                rc = fail("no starting list", &d, e);
            strbuf_addch(&out, '\n');
        } else {
            inspect_finding f = {o.summary, o.person, o.family, o.severity, o.basis};
            long lead = 0;
            zj_date day = o.as_of != ZJ_DATE_NONE ? o.as_of : cli_today();
            if ((e = inspect_finding_add(db, &sc, id, &f, o.actor, day, &lead, &d)) != 0)
                rc = fail("cannot record the finding", &d, e);
            else
                strbuf_addf(&out, "{\"lead_id\":%ld}\n", lead);
        }
    }
    if (rc == EXIT_OK && out.len)
        fwrite(out.buf, 1, out.len, stdout);
    strbuf_release(&out);
    store_close(db);
    return rc;
}
