/* cmd_rejects.c — `zhijian rejects [--format csv|json|xlsx] [--feed F]` (cli.md): list the
 * rows that import rejected, in feed load order then file and line: feed, file, line,
 * column, reason, raw row (verbatim, UTF-8). JSON adds record_key, pending_ref (1 =
 * unknown reference, retried by `zhijian import --retry-rejects`) and, for spreadsheets,
 * sheet, cell, source_column, and reason_zh. xlsx (--out FILE): for people, in Chinese:
 * the place (file, sheet, row, column with its header), the Chinese reason, the row.
 * A row naming a person whose record is sealed today (law.md J-03) is masked
 * (sealed_mask_raw: name ×××, id number （已封存）, person id 已封存) unless --purpose TEXT
 * states why it is read; each such read is then recorded in the audit log under --actor. */
#include "cases/audit.h"
#include "cases/sealed.h"
#include "cli/cli.h"
#include "ingest/feeds.h"
#include "ingest/reason_zh.h"
#include "sources/xlsx_out.h"
#include "store/store.h"
#include "util/strbuf.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: zhijian rejects [--db PATH] [--format csv|json|xlsx] [--feed FEED] [--out FILE]\n"
    "                       [--purpose TEXT [--actor NAME]]\n"
    "\n"
    "List the rows import rejected: feed, file, line, column, reason, raw row.\n"
    "A row naming a person whose record is sealed (已封存) is masked unless --purpose TEXT\n"
    "(办案需要 …) states why; the read is then recorded in the audit log under --actor.\n"
    "A file re-imported replaces its earlier rejects; 'zhijian import --retry-rejects'\n"
    "loads rows rejected for an unknown reference once the reference exists.\n"
    "xlsx (with --out FILE): in Chinese, for the people who correct the source.\n";

int cmd_rejects(int argc, char **argv)
{
    const char *db_path = NULL, *feed = NULL, *format = "csv", *outp = NULL, *purpose = NULL;
    const char *actor = cli_default_actor();
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **dst = NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return EXIT_OK;
        } else if (!strcmp(a, "--purpose") && i + 1 < argc) {
            purpose = argv[++i];
            continue;
        } else if (!strcmp(a, "--actor") && i + 1 < argc) {
            actor = argv[++i];
            continue;
        } else if (!strncmp(a, "--db", 4)) {
            dst = &db_path;
        } else if (!strncmp(a, "--feed", 6)) {
            dst = &feed;
        } else if (!strncmp(a, "--format", 8)) {
            dst = &format;
        } else if (!strncmp(a, "--out", 5)) {
            dst = &outp;
        } else {
            return cli_usage_error("rejects", "unknown argument '%s'", a);
        }
        const char *eq = strchr(a, '=');
        size_t n = eq ? (size_t)(eq - a) : strlen(a);
        if ((dst == &db_path && n != 4) || (dst == &feed && n != 6) || (dst == &format && n != 8) ||
            (dst == &outp && n != 5))
            return cli_usage_error("rejects", "unknown argument '%s'", a);
        if (eq)
            *dst = eq + 1;
        else if (i + 1 < argc)
            *dst = argv[++i];
        else
            return cli_usage_error("rejects", "option '%s' needs a value", a);
    }
    if (strcmp(format, "csv") && strcmp(format, "json") && strcmp(format, "xlsx"))
        return cli_usage_error("rejects", "unknown format '%s' (csv, json or xlsx)", format);
    if (!strcmp(format, "xlsx") != (outp != NULL))
        return cli_usage_error("rejects", "--format xlsx goes with --out FILE");
    if (feed && !ingest_feed_find(feed))
        return cli_usage_error("rejects", "unknown feed '%s'", feed);

    if (purpose) {
        zj_diag d = {0};
        if (sealed_purpose_ok(purpose, &d) != 0) {
            fprintf(stderr, "zhijian rejects: %s（--purpose）\n", d.message);
            return EXIT_USAGE;
        }
    }
    sqlite3 *db = cli_open_db(db_path, 0);
    if (!db)
        return EXIT_FAIL;
    zj_date today = sealed_today();
    long nsealed = 0;
    int audit_failed = 0;
    /* order by the feeds' load order: feed index as a CASE built from the static table */
    strbuf sql = STRBUF_INIT;
    strbuf_init(&sql, 1024);
    strbuf_adds(&sql, "SELECT feed, file, line, column_name, reason, raw, record_key, pending_ref, "
                      "sheet, cell, source_column, reason_zh "
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
    struct xlsx_out *x = NULL;
    char xerr[300] = "";
    if (outp) {
        static const char *const heads[] = {"数据类别", "位置", "原因", "原始数据", "原因（英文）"};
        x = xlsx_out_open(outp, "退回数据", "导入退回的数据", heads, 5, xerr, sizeof xerr);
        if (!x) {
            fprintf(stderr, "zhijian rejects: %s\n", xerr);
            sqlite3_finalize(st);
            store_close(db);
            return EXIT_FAIL;
        }
    }
    strbuf out = STRBUF_INIT;
    strbuf_init(&out, 4096);
    long n = 0;
    if (json)
        fputs("[", stdout);
    else if (!x)
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
        const char *sheet = (const char *)sqlite3_column_text(st, 8);
        const char *cell = (const char *)sqlite3_column_text(st, 9);
        const char *srccol = (const char *)sqlite3_column_text(st, 10);
        const char *zh = (const char *)sqlite3_column_text(st, 11);
        char pid[64];
        char *masked = sealed_mask_raw(db, today, raw, NULL, pid);
        if (masked) {
            nsealed++;
            if (purpose) {
                char detail[300];
                snprintf(detail, sizeof detail, "cli rejects; 事由：%s", purpose);
                audit_failed |= audit_append(db, actor, "read_sealed", pid, detail) != 0;
                free(masked);
                masked = NULL;
            } else {
                raw = masked;
            }
        }
        strbuf_reset(&out);
        if (x) {
            char where[1200], zhbuf[1400];
            reason_zh_where(where, sizeof where, file, sheet, line, cell, srccol, col);
            if (!zh) {
                reason_zh(reason, zhbuf, sizeof zhbuf);
                zh = zhbuf;
            }
            const char *cells[5] = {f, where, zh, raw, reason};
            xlsx_out_row(x, cells);
        } else if (json) {
            json_t *o = json_pack("{s:s, s:s, s:I, s:s?, s:s, s:s, s:s?, s:b, s:s?, s:s?, s:s?, "
                                  "s:s?}",
                                  "feed", f, "file", file, "line", (json_int_t)line, "column", col,
                                  "reason", reason, "raw", raw ? raw : "", "record_key", key,
                                  "pending_ref", pending, "sheet", sheet, "cell", cell,
                                  "source_column", srccol, "reason_zh", zh);
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
        free(masked);
        n++;
    }
    if (json)
        fputs(n ? "\n]\n" : "]\n", stdout);
    if (x && xlsx_out_close(x, xerr, sizeof xerr) != 0) {
        fprintf(stderr, "zhijian rejects: %s\n", xerr);
        rc = SQLITE_ERROR;
    }
    strbuf_release(&out);
    sqlite3_finalize(st);
    store_close(db);
    if (nsealed && !purpose)
        fprintf(stderr,
                "zhijian rejects: %ld 行涉及已封存人员，已隐去其身份；查阅须 --purpose 说明事由\n",
                nsealed);
    if (audit_failed) {
        fprintf(stderr, "zhijian rejects: cannot record the read in the audit log\n");
        return EXIT_FAIL;
    }
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "zhijian rejects: database error\n");
        return EXIT_FAIL;
    }
    return EXIT_OK;
}
