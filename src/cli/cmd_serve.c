/*
 * cmd_serve.c — `zhijian serve [--listen ADDR:PORT] [--threads N] [--as-of D]`: the web
 * application and JSON API (src/web, docs/api.md) until SIGINT or SIGTERM.
 */
#include "cli/cli.h"
#include "web/web.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

/* Serve cfg until a signal; prints the address on stdout when banner. Shared with demo. */
int cli_serve_until_signal(const struct web_config *cfg, const char *banner_extra);

int cli_serve_until_signal(const struct web_config *cfg, const char *banner_extra)
{
    struct web_server *s = web_server_start(cfg);
    if (!s)
        return EXIT_FAIL;
    char host[128] = "127.0.0.1";
    if (cfg->listen) {
        const char *c = strrchr(cfg->listen, ':');
        if (c && c > cfg->listen && (size_t)(c - cfg->listen) < sizeof host)
            snprintf(host, sizeof host, "%.*s", (int)(c - cfg->listen), cfg->listen);
    }
    printf("zhijian: serving on http://%s:%d/\n", host, web_server_port(s));
    if (banner_extra)
        fputs(banner_extra, stdout);
    fflush(stdout);
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    while (!stop_requested)
        pause();
    web_server_stop(s);
    fprintf(stderr, "zhijian: stopped\n");
    return EXIT_OK;
}

int cmd_serve(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"listen", required_argument, NULL, 'l'},
        {"threads", required_argument, NULL, 't'},
        {"as-of", required_argument, NULL, 'a'},
        {"secure-cookie", no_argument, NULL, 's'},
        {"quiet", no_argument, NULL, 'q'},
        {"law-dir", required_argument, NULL, 'L'},
        {"max-per-ip", required_argument, NULL, 'm'},
        {"allow-host", required_argument, NULL, 'H'},
        {"help", no_argument, NULL, 'h'},
        {0},
    };
    struct web_config cfg = {.listen = "127.0.0.1:8080"};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            cfg.db_path = optarg;
            break;
        case 'l':
            cfg.listen = optarg;
            break;
        case 't':
            cfg.threads = atoi(optarg);
            if (cfg.threads < 1 || cfg.threads > 64)
                return cli_usage_error("serve", "invalid --threads '%s' (1..64)", optarg);
            break;
        case 'a': {
            zj_date d;
            if (cli_parse_as_of(optarg, &d) != 0)
                return EXIT_USAGE;
            cfg.as_of = optarg;
            break;
        }
        case 's':
            cfg.secure_cookie = true;
            break;
        case 'q':
            cfg.quiet = true;
            break;
        case 'L':
            cfg.law_dir = optarg;
            break;
        case 'm': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 10000)
                return cli_usage_error("serve", "invalid --max-per-ip '%s' (1..10000)", optarg);
            cfg.max_per_ip = (int)n;
            break;
        }
        case 'H':
            if (cfg.nallow_hosts >= WEB_MAX_ALLOW_HOSTS)
                return cli_usage_error("serve", "at most %d --allow-host", WEB_MAX_ALLOW_HOSTS);
            if (!*optarg || strlen(optarg) > 253 || strpbrk(optarg, ":/ "))
                return cli_usage_error("serve", "invalid --allow-host '%s' (a host name)", optarg);
            cfg.allow_hosts[cfg.nallow_hosts++] = optarg;
            break;
        case 'h':
            printf("usage: zhijian serve [--db PATH] [--listen ADDR:PORT] [--threads N]\n"
                   "                     [--as-of YYYY-MM-DD] [--law-dir DIR] [--secure-cookie]\n"
                   "                     [--max-per-ip N] [--allow-host NAME]... [--quiet]\n"
                   "The web application (Chinese UI under /) and the JSON API under /api/\n"
                   "(docs/api.md). Default --listen 127.0.0.1:8080; port 0 picks a free one.\n"
                   "--threads: worker threads (default one per core).\n"
                   "--law-dir: the law texts for the article texts of a lead (default\n"
                   "$ZJ_SHARED/law or the shared/law beside the source tree).\n"
                   "--secure-cookie: mark the session cookie Secure (behind HTTPS).\n"
                   "--max-per-ip: connections one address may hold (default 64).\n"
                   "--allow-host: a DNS name of this server that browsers use (repeatable);\n"
                   "requests with any other Host than an IP address, localhost or the listen\n"
                   "address are refused (DNS rebinding).\n"
                   "Create accounts first with 'zhijian user add'.\n");
            return EXIT_OK;
        default:
            return cli_usage_error("serve", "unknown option");
        }
    }
    if (optind < argc)
        return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
    return cli_serve_until_signal(&cfg, NULL);
}
