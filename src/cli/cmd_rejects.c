/* cmd_rejects.c — `zhijian rejects [--format csv|json] [--feed F]` (cli.md): list the rows
 * that import rejected, in feed load order then file and line: feed, file, line, column,
 * reason, raw row (verbatim, UTF-8). JSON adds record_key and pending_ref (1 = unknown
 * reference, retried by `zhijian import --retry-rejects`). */
#include "cli/cli.h"
#include "ingest/feeds.h"
#include "store/store.h"
#include "util/strbuf.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: zhijian rejects [--db PATH] [--format csv|json] [--feed FEED]\n"
    "\n"
    "List the rows import rejected: feed, file, line, column, reason, raw row.\n"
    "A file re-imported replaces its earlier rejects; 'zhijian import --retry-rejects'\n"
    "loads rows rejected for an unknown reference once the reference exists.\n";

int cmd_rejects(int argc, char **argv)
{
    const char *db_path = NULL, *feed = NULL, *format = "csv";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **dst = NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return EXIT_OK;
        } else if (!strncmp(a, "--db", 4)) {
            dst = &db_path;
        } else if (!strncmp(a, "--feed", 6)) {
            dst = &feed;
        } else if (!strncmp(a, "--format", 8)) {
            dst = &format;
        } else {
            return cli_usage_error("rejects", "unknown argument '%s'", a);
        }
        const char *eq = strchr(a, '=');
        size_t n = eq ? (size_t)(eq - a) : strlen(a);
        if ((dst == &db_path && n != 4) || (dst == &feed && n != 6) || (dst == &format && n != 8))
            return cli_usage_error("rejects", "unknown argument '%s'", a);
        if (eq)
            *dst = eq + 1;
        else if (i + 1 < argc)
            *dst = argv[++i];
        else
            return cli_usage_error("rejects", "option '%s' needs a value", a);
    }
    if (strcmp(format, "csv") && strcmp(format, "json"))
        return cli_usage_error("rejects", "unknown format '%s' (csv or json)", format);
    if (feed && !ingest_feed_find(feed))
        return cli_usage_error("rejects", "unknown feed '%s'", feed);

    sqlite3 *db = cli_open_db(db_path, 0);
    if (!db)
        return EXIT_FAIL;
    /* order by the feeds' load order: feed index as a CASE built from the static table */
    strbuf sql = STRBUF_INIT;
    strbuf_init(&sql, 1024);
    strbuf_adds(&sql, "SELECT feed, file, line, column_name, reason, raw, record_key, pending_ref "
                      "FROM rejects WHERE (?1 IS NULL OR feed = ?1) ORDER BY CASE feed");
    for (size_t i = 0; i < ingest_feed_count; i++)
        strbuf_addf(&sql, " WHEN '%s' THEN %zu", ingest_feeds[i].name, i);
    strbuf_adds(&sql, " END, file, line, reject_id");
    sqlite3_stmt *st = store_prepare(db, sql.buf);
    strbuf_release(&sql);
    if (!st) {
        store_close(db);
        return EXIT_FAIL;
    }
    store_bind_text_or_null(st, 1, feed);
    int json = !strcmp(format, "json");
    strbuf out = STRBUF_INIT;
    strbuf_init(&out, 4096);
    long n = 0;
    if (json)
        fputs("[", stdout);
    else
        fputs("feed,file,line,column,reason,raw\n", stdout);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *f = (const char *)sqlite3_column_text(st, 0);
        const char *file = (const char *)sqlite3_column_text(st, 1);
        long long line = sqlite3_column_int64(st, 2);
        const char *col = (const char *)sqlite3_column_text(st, 3);
        const char *reason = (const char *)sqlite3_column_text(st, 4);
        const char *raw = (const char *)sqlite3_column_text(st, 5);
        const char *key = (const char *)sqlite3_column_text(st, 6);
        int pending = sqlite3_column_int(st, 7);
        strbuf_reset(&out);
        if (json) {
            json_t *o = json_pack("{s:s, s:s, s:I, s:s?, s:s, s:s, s:s?, s:b}", "feed", f, "file",
                                  file, "line", (json_int_t)line, "column", col, "reason", reason,
                                  "raw", raw ? raw : "", "record_key", key, "pending_ref",
                                  pending);
            char *txt = o ? json_dumps(o, JSON_COMPACT) : NULL;
            printf("%s\n  %s", n ? "," : "", txt ? txt : "{}");
            free(txt);
            json_decref(o);
        } else {
            strbuf_add_csv(&out, f);
            strbuf_addch(&out, ',');
            strbuf_add_csv(&out, file);
            strbuf_addf(&out, ",%lld,", line);
            strbuf_add_csv(&out, col ? col : "");
            strbuf_addch(&out, ',');
            strbuf_add_csv(&out, reason);
            strbuf_addch(&out, ',');
            strbuf_add_csv(&out, raw ? raw : "");
            strbuf_addch(&out, '\n');
            fwrite(out.buf, 1, out.len, stdout);
        }
        n++;
    }
    if (json)
        fputs(n ? "\n]\n" : "]\n", stdout);
    strbuf_release(&out);
    sqlite3_finalize(st);
    store_close(db);
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "zhijian rejects: database error\n");
        return EXIT_FAIL;
    }
    return EXIT_OK;
}
