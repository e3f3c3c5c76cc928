/*
 * cmd_complaint.c — `zhijian complaint …`: complaints 控告/举报/申诉 (workflow.md) and the
 * resident office records (派驻检察) that feed them:
 *   complaint add --kind K --channel C --received D --content TEXT [--topic T] [--person P]
 *                 [--complainant N] [--facility F]
 *   complaint route ID --to NAME          complaint close ID --outcome TEXT [--corrected] [--date
 * D] complaint list [--region P] [--as-of D]   complaint show ID complaint calc ID [--as-of D] the
 * law core for the person: computed vs recorded complaint lead ID [--as-of D]         raise a lead
 * from the complaint complaint log|talk|meeting|letter --facility F --date D --content TEXT
 * [--person P]
 *                 [--kind K] [--held D]   resident office records
 *   complaint letter-to-complaint ID --kind K [--topic T]   complaint letter-to-lead ID
 *   complaint journal --facility F        the office journal of a facility
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/office.h"
#include "store/store.h"
#include "util/office_enums.h"
#include "util/strbuf.h"

static void usage(void)
{
    printf("usage: zhijian complaint <action> [--db PATH] [options]\n\n"
           "complaints (控告 accusation / 举报 report / 申诉 petition):\n"
           "  add --kind K --channel C --received D --content TEXT [--topic T] [--person P]\n"
           "      [--complainant N] [--facility F]       intake; prints the id and deadlines\n"
           "  route ID --to NAME                          route to a procurator\n"
           "  close ID --outcome TEXT [--corrected] [--date D]\n"
           "  list [--region P] [--as-of D]               JSON, with overdue flags\n"
           "  show ID                                     JSON with the history\n"
           "  calc ID [--as-of D]                         sentence length / recidivism: the law\n"
           "                                              core's figures beside the recorded ones\n"
           "  lead ID [--as-of D]                         raise a lead from the complaint\n"
           "resident office (派驻检察):\n"
           "  log|talk|meeting|letter --facility F --date D --content TEXT [--person P]\n"
           "      [--kind K (talk)] [--held D (meeting)]\n"
           "  letter-to-complaint ID --kind K [--topic T]   letter-to-lead ID\n"
           "  journal --facility F\n\n");
    printf("kinds:%s\ntopics:%s\nchannels:%s\ntalk kinds:%s\n\n%s",
           NAMES_WORDS(COMPLAINT_KIND_NAMES), NAMES_WORDS(COMPLAINT_TOPIC_NAMES),
           NAMES_WORDS(COMPLAINT_CHANNEL_NAMES), NAMES_WORDS(TALK_KIND_NAMES), CLI_SCOPE_HELP);
}

struct opts {
    const char *db, *kind, *channel, *topic, *person, *complainant, *facility, *content, *to,
        *outcome, *region, *actor, *scope, *arg;
    zj_date date, held, as_of;
    bool corrected;
};

static int parse(int argc, char **argv, struct opts *o)
{
    memset(o, 0, sizeof *o);
    o->date = o->held = o->as_of = ZJ_DATE_NONE;
    o->actor = cli_default_actor();
    const cli_opt opts[] = {
        {"--corrected", .flag = &o->corrected},
        {"--db", .str = &o->db},
        {"--kind", .str = &o->kind},
        {"--channel", .str = &o->channel},
        {"--topic", .str = &o->topic},
        {"--person", .str = &o->person},
        {"--complainant", .str = &o->complainant},
        {"--facility", .str = &o->facility},
        {"--content", .str = &o->content},
        {"--to", .str = &o->to},
        {"--outcome", .str = &o->outcome},
        {"--region", .str = &o->region},
        {"--actor", .str = &o->actor},
        {"--scope", .str = &o->scope},
        {"--date", .date = &o->date},
        {"--received", .date = &o->date},
        {"--held", .date = &o->held},
        {"--as-of", .date = &o->as_of},
    };
    return cli_parse_opts("complaint", argc, argv, 2, opts, sizeof opts / sizeof *opts, &o->arg);
}

/* The actions; the first N_WITH_ID take a complaint's, letter's … id. */
static const char *const actions[] = {
    "route",          "close",   "show", "calc", "lead", "letter-to-complaint",
    "letter-to-lead", "add",     "list", "log",  "talk", "meeting",
    "letter",         "journal", NULL};
#define N_WITH_ID 7

int cmd_complaint(int argc, char **argv)
{
    int hrc = cli_action_help(argc, argv, usage);
    if (hrc >= 0)
        return hrc;
    const char *act = argv[1];
    int ai = cli_action_index("complaint", act, actions);
    if (ai < 0)
        return EXIT_USAGE;
    struct opts o;
    int prc = parse(argc, argv, &o);
    if (prc)
        return prc;
    long id = 0;
    if (ai < N_WITH_ID && !(id = cli_record_id("complaint", act, o.arg)))
        return EXIT_USAGE;
    zj_scope sc;
    if (cli_scope("complaint", o.scope, &sc) != 0)
        return EXIT_USAGE;
    bool on_facility = !strcmp(act, "log") || !strcmp(act, "talk") || !strcmp(act, "meeting") ||
                       !strcmp(act, "letter") || !strcmp(act, "journal");
    if (on_facility && !o.facility)
        return cli_usage_error("complaint", "%s needs --facility", act);
    zj_date today = o.as_of != ZJ_DATE_NONE ? o.as_of : cli_today();
    zj_date day = o.date != ZJ_DATE_NONE ? o.date : today;

    sqlite3 *db = cli_open_db(o.db, 0);
    if (!db)
        return EXIT_FAIL;
    zj_diag d = {0};
    strbuf out = STRBUF_INIT;
    int e = 0;
    long nid = 0;
    /* src/cases checks the scope and audits each change with the actor, as for the web */
    if (!strcmp(act, "add")) {
        office_complaint c = {o.kind,     o.channel, o.topic, o.person, o.complainant,
                              o.facility, o.content, day,     0};
        if ((e = office_complaint_add(db, &sc, &c, o.actor, &nid, &d)) == 0)
            e = office_complaint_json(db, &sc, nid, &out, &d);
    } else if (!strcmp(act, "route")) {
        e = office_complaint_route(db, &sc, id, o.to, o.actor, &d);
    } else if (!strcmp(act, "close")) {
        e = office_complaint_close(db, &sc, id, o.outcome, o.corrected, day, o.actor, &d);
    } else if (!strcmp(act, "list")) {
        e = office_complaints_json(db, &sc, o.region, o.facility, today, &out, &d);
    } else if (!strcmp(act, "show")) {
        e = office_complaint_json(db, &sc, id, &out, &d);
    } else if (!strcmp(act, "calc")) {
        e = office_complaint_calc_json(db, &sc, id, today, &out, &d);
    } else if (!strcmp(act, "lead")) {
        if ((e = office_complaint_to_lead(db, &sc, id, o.actor, today, &nid, &d)) == 0)
            strbuf_addf(&out, "{\"lead_id\":%ld}", nid);
    } else if (!strcmp(act, "log")) {
        if ((e = office_log_add(db, &sc, o.facility, day, o.actor, o.content, &nid, &d)) == 0)
            strbuf_addf(&out, "{\"log_id\":%ld}", nid);
    } else if (!strcmp(act, "talk")) {
        if ((e = office_talk_add(db, &sc, o.facility, o.person, day, o.kind, o.actor, o.content,
                                 &nid, &d)) == 0)
            strbuf_addf(&out, "{\"talk_id\":%ld}", nid);
    } else if (!strcmp(act, "meeting")) {
        if ((e = office_meeting_add(db, &sc, o.facility, o.person, day, o.held, o.actor, o.content,
                                    &nid, &d)) == 0)
            strbuf_addf(&out, "{\"meeting_id\":%ld}", nid);
    } else if (!strcmp(act, "letter")) {
        if ((e = office_letter_add(db, &sc, o.facility, o.person, day, o.content, o.actor, &nid,
                                   &d)) == 0)
            strbuf_addf(&out, "{\"letter_id\":%ld}", nid);
    } else if (!strcmp(act, "letter-to-complaint")) {
        if ((e = office_letter_to_complaint(db, &sc, id, o.kind, o.topic, o.actor, &nid, &d)) == 0)
            strbuf_addf(&out, "{\"complaint_id\":%ld}", nid);
    } else if (!strcmp(act, "letter-to-lead")) {
        if ((e = office_letter_to_lead(db, &sc, id, o.actor, today, &nid, &d)) == 0)
            strbuf_addf(&out, "{\"lead_id\":%ld}", nid);
    } else if (!strcmp(act, "journal")) {
        e = office_journal_json(db, &sc, o.facility, &out, &d);
    }
    int rc = EXIT_OK;
    if (e) {
        fprintf(stderr, "zhijian complaint %s: %s\n", act,
                d.message[0] ? d.message : zj_strerror(e));
        rc = zj_err_exit_code(e);
    } else if (out.len) {
        strbuf_addch(&out, '\n');
        fwrite(out.buf, 1, out.len, stdout);
    }
    strbuf_release(&out);
    store_close(db); /* the audit keeps prepared statements */
    return rc;
}
