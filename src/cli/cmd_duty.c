/*
 * cmd_duty.c — `zhijian duty …`: the resident office's duty calendar (docs/duty-calendar.md):
 *   duty today --facility F [--as-of D] [--format text|json]   what is due and overdue
 *   duty record ITEM --facility F [--date D] [--findings TEXT] [--event N] [--roster N]
 *               [--lead [--person P] [--severity S]]           a check done (a finding → lead)
 *   duty event ITEM --facility F --date D --description TEXT [--person P]
 *                                                              an occurrence to check at once
 *   duty items                                                 the checklist
 *   duty roster [--facility F] [--batch N] [--screen] [--format text|json]
 *                                                              proposals of a roster, screened
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/duty.h"
#include "store/store.h"
#include "util/strbuf.h"

static void usage(void)
{
    printf("usage: zhijian duty <action> [--db PATH] [options]\n\n"
           "The resident office's duty calendar (派驻检察日常检察事项):\n"
           "  today --facility F [--as-of D] [--format text|json]\n"
           "        what is due today and overdue at facility F\n"
           "  record ITEM --facility F [--date D] [--findings TEXT] [--event N] [--roster N]\n"
           "        [--lead [--person P] [--severity high|medium|low]]\n"
           "        a check done; --lead turns the findings into a lead\n"
           "  event ITEM --facility F --date D --description TEXT [--person P]\n"
           "        an occurrence to check at once (escape self_harm death epidemic accident)\n"
           "  items                 the checklist: item, frequency, what to record\n"
           "  roster [--facility F] [--batch N] [--screen] [--format text|json]\n"
           "        the proposals of a roster (imported with --profile proposals_roster) and\n"
           "        what their screening found; --screen screens those not yet screened\n"
           "        (or all of --batch N again)\n\n" CLI_SCOPE_HELP);
}

struct opts {
    const char *db, *facility, *findings, *person, *severity, *description, *format, *actor, *scope,
        *arg;
    zj_date date, as_of;
    int event, roster, batch;
    bool lead, screen;
};

static int parse(int argc, char **argv, struct opts *o)
{
    memset(o, 0, sizeof *o);
    o->date = o->as_of = ZJ_DATE_NONE;
    o->format = "text";
    o->actor = cli_default_actor();
    const cli_opt opts[] = {
        {"--lead", .flag = &o->lead},
        {"--screen", .flag = &o->screen},
        {"--db", .str = &o->db},
        {"--facility", .str = &o->facility},
        {"--findings", .str = &o->findings},
        {"--person", .str = &o->person},
        {"--severity", .str = &o->severity},
        {"--description", .str = &o->description},
        {"--format", .str = &o->format},
        {"--actor", .str = &o->actor},
        {"--scope", .str = &o->scope},
        {"--date", .date = &o->date},
        {"--as-of", .date = &o->as_of},
        {"--event", .num = &o->event, .min = 1, .max = 2000000000},
        {"--roster", .num = &o->roster, .min = 1, .max = 2000000000},
        {"--batch", .num = &o->batch, .min = 1, .max = 2000000000},
    };
    return cli_parse_opts("duty", argc, argv, 2, opts, sizeof opts / sizeof *opts, &o->arg);
}

static const char *state_cn(const char *s)
{
    return !strcmp(s, "done") ? "已完成" : !strcmp(s, "overdue") ? "逾期" : "待办";
}

static void print_today(const char *json)
{
    json_t *j = json_loads(json, 0, NULL);
    if (!j)
        return;
    printf("%s 派驻检察日常检察事项 %s：待办 %lld 项，逾期 %lld 项\n",
           json_string_value(json_object_get(j, "facility_id")),
           json_string_value(json_object_get(j, "as_of")),
           (long long)json_integer_value(json_object_get(j, "due")),
           (long long)json_integer_value(json_object_get(j, "overdue")));
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(j, "items"), i, it)
    {
        const char *st = json_string_value(json_object_get(it, "state"));
        printf("%-7s %-12s %s  %s", state_cn(st), json_string_value(json_object_get(it, "item_id")),
               json_string_value(json_object_get(it, "frequency_label")),
               json_string_value(json_object_get(it, "title")));
        if (!strcmp(st, "overdue"))
            printf("  （%s 起逾期 %lld 天）", json_string_value(json_object_get(it, "deadline")),
                   (long long)json_integer_value(json_object_get(it, "days_late")));
        else if (!strcmp(st, "due"))
            printf("  （截止 %s）", json_string_value(json_object_get(it, "deadline")));
        printf("\n");
    }
    json_array_foreach(json_object_get(j, "once"), i, it)
    {
        const char *st = json_string_value(json_object_get(it, "state"));
        printf("%-7s %-12s %s  %s：%s（截止 %s", state_cn(st),
               json_string_value(json_object_get(it, "item_id")),
               !strcmp(json_string_value(json_object_get(it, "kind")), "batch") ? "每批" : "即时",
               json_string_value(json_object_get(it, "title")),
               json_string_value(json_object_get(it, "description")),
               json_string_value(json_object_get(it, "due")));
        if (!strcmp(st, "overdue"))
            printf("，逾期 %lld 天",
                   (long long)json_integer_value(json_object_get(it, "days_late")));
        printf("；%s %lld）\n",
               !strcmp(json_string_value(json_object_get(it, "kind")), "batch") ? "--roster"
                                                                                : "--event",
               (long long)json_integer_value(json_object_get(it, "ref")));
    }
    json_decref(j);
}

static void print_roster(const char *json)
{
    json_t *j = json_loads(json, 0, NULL);
    size_t i, k;
    json_t *p, *f;
    json_array_foreach(j, i, p)
    {
        json_t *fs = json_object_get(p, "findings");
        printf("%s %s %s %s %s %s\n", json_string_value(json_object_get(p, "proposal_id")),
               json_string_value(json_object_get(p, "person_id")),
               json_string_value(json_object_get(p, "kind")),
               json_string_value(json_object_get(p, "proposal_date")),
               !json_is_true(json_object_get(p, "checked")) ? "未审查"
               : json_array_size(fs)                        ? "发现问题"
                                                            : "未发现问题",
               json_string_value(json_object_get(p, "roster_no"))
                   ? json_string_value(json_object_get(p, "roster_no"))
                   : "");
        json_array_foreach(fs, k, f)
            printf("    %s %s %s\n", json_string_value(json_object_get(f, "model_id")),
                   json_string_value(json_object_get(f, "rule")),
                   json_string_value(json_object_get(f, "message")));
    }
    json_decref(j);
}

int cmd_duty(int argc, char **argv)
{
    int hrc = cli_action_help(argc, argv, usage);
    if (hrc >= 0)
        return hrc;
    const char *act = argv[1];
    static const char *const actions[] = {"today", "record", "event", "items", "roster", NULL};
    if (cli_action_index("duty", act, actions) < 0)
        return EXIT_USAGE;
    struct opts o;
    int prc = parse(argc, argv, &o);
    if (prc)
        return prc;
    if (strcmp(o.format, "text") && strcmp(o.format, "json"))
        return cli_usage_error("duty", "unknown format '%s' (text, json)", o.format);
    if ((!strcmp(act, "record") || !strcmp(act, "event")) && !o.arg)
        return cli_usage_error("duty", "%s needs the item (zhijian duty items)", act);
    if ((!strcmp(act, "today") || !strcmp(act, "record") || !strcmp(act, "event")) && !o.facility)
        return cli_usage_error("duty", "%s needs --facility", act);
    zj_date today = o.as_of != ZJ_DATE_NONE ? o.as_of : cli_today();
    zj_date day = o.date != ZJ_DATE_NONE ? o.date : today;

    zj_scope sc;
    if (cli_scope("duty", o.scope, &sc) != 0)
        return EXIT_USAGE;

    sqlite3 *db = cli_open_db(o.db, 0);
    if (!db)
        return EXIT_FAIL;
    zj_diag d = {0};
    strbuf out = STRBUF_INIT;
    int e = 0;
    if (!strcmp(act, "today")) {
        if ((e = duty_today_json(db, &sc, o.facility, today, &out, &d)) == 0) {
            if (!strcmp(o.format, "json"))
                printf("%s\n", out.buf);
            else
                print_today(out.buf);
        }
    } else if (!strcmp(act, "record")) {
        duty_record_spec s = {o.arg,    o.facility, day,      o.findings, o.event,
                              o.roster, o.lead,     o.person, o.severity};
        long rid = 0, lid = 0;
        if ((e = duty_record_add(db, &sc, &s, o.actor, &rid, &lid, &d)) == 0) {
            if (lid)
                printf("{\"record_id\":%ld,\"lead_id\":%ld}\n", rid, lid);
            else
                printf("{\"record_id\":%ld}\n", rid);
        }
    } else if (!strcmp(act, "event")) {
        long id = 0;
        if ((e = duty_event_add(db, &sc, o.arg, o.facility, day, o.description, o.person, o.actor,
                                &id, &d)) == 0)
            printf("{\"event_id\":%ld}\n", id);
    } else if (!strcmp(act, "items")) {
        json_t *items = duty_items_json(db);
        size_t i;
        json_t *it;
        if (!items) {
            e = ZJ_EDB;
            zj_diag_set(&d, "", "%s", sqlite3_errmsg(db));
        }
        json_array_foreach(items, i, it)
        {
            const char *freq = json_string_value(json_object_get(it, "frequency"));
            printf("%-12s %-4s %s（记录：%s）\n", json_string_value(json_object_get(it, "item_id")),
                   duty_frequency_label((enum duty_frequency)duty_frequency_parse(freq)),
                   json_string_value(json_object_get(it, "title")),
                   json_string_value(json_object_get(it, "record_what")));
        }
        json_decref(items);
    } else {
        if (o.screen) {
            long checked = 0, flagged = 0;
            if ((e = duty_roster_screen(db, &sc, o.batch, o.facility, o.actor, &checked, &flagged,
                                        &d)) == 0)
                fprintf(stderr, "screened %ld proposals, %ld with findings\n", checked, flagged);
        }
        if (e == 0 && (e = duty_roster_json(db, &sc, o.batch, o.facility, &out, &d)) == 0) {
            if (!strcmp(o.format, "json"))
                printf("%s\n", out.buf);
            else
                print_roster(out.buf);
        }
    }
    if (e)
        fprintf(stderr, "zhijian duty %s: %s\n", act, d.message[0] ? d.message : zj_strerror(e));
    strbuf_release(&out);
    store_close(db);
    return e == 0 ? EXIT_OK : e == ZJ_EINVAL ? EXIT_USAGE : EXIT_FAIL;
}
