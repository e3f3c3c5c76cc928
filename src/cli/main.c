/*
 * main.c — the zhijian program: dispatch to a subcommand from the commands[] table
 * (cli.md). Each subcommand lives in cmd_<name>.c and prints its own --help.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

static const struct cli_command commands[] = {
    {"import", cmd_import, "load the data feeds of a directory (feeds.md)"},
    {"rejects", cmd_rejects, "list rejected rows with file, line, column and reason"},
    {"profile", cmd_profile, "source profiles: list, show, check a spreadsheet against one"},
    {"screen", cmd_screen, "run the supervision models and store the leads"},
    {"leads", cmd_leads, "export leads (csv or json)"},
    {"models", cmd_models, "the model catalog; --stats for lead-to-case figures"},
    {"calc", cmd_calc, "sentence calculation: JSON request on stdin, JSON answer on stdout"},
    {"person", cmd_person, "one person's timeline, computed dates and leads"},
    {"facilities", cmd_facilities, "facilities; --rank for the risk ranking (FAC-01)"},
    {"report", cmd_report, "the work report (html, md, json)"},
    {"gen", cmd_gen, "write a synthetic province of feeds with planted irregularities"},
    {"demo", cmd_demo, "generate, import, screen and serve a demo province"},
    {"serve", cmd_serve, "the web application and JSON API"},
    {"user", cmd_user, "manage accounts (user add NAME --role R --scope S)"},
    {"procuratorate", cmd_procuratorate, "procuratorates that send documents, their accounts"},
    {"measure", cmd_measure, "draft, show, issue and send the documents of measures"},
    {"audit", cmd_audit, "the audit log (audit verify checks the hash chain)"},
    {"inspect", cmd_inspect,
     "circuit inspections: plans, proposed teams, starting lists, findings"},
    {"national", cmd_national, "the national tier on PostgreSQL: init, attach, screen"},
    {"publish", cmd_publish, "send the province's changes to the national PostgreSQL database"},
    {"doc", cmd_doc, "court documents: extract facts, queue for review, confirm"},
    {"library", cmd_library,
     "the case library: propose, edit, publish, search, print typical cases"},
    {"complaint", cmd_complaint,
     "complaints and the resident office: intake, routing, calc, letters, talks"},
    {"duty", cmd_duty, "the resident office's duty calendar: due today, checks, proposal rosters"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: zhijian <command> [options]   (zhijian <command> --help)\n\n"
                 "zhijian (执检) — criminal-execution supervision for the procuratorate.\n\n"
                 "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nevery command takes --db PATH (default ./zhijian.db); exit status 0 ok, "
                 "1 failed, 2 usage error\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("zhijian 0.1\n");
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "zhijian: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
