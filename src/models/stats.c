/*
 * stats.c — model quality figures per model (see stats.h).
 */
#include "models/stats.h"
#include "store/leads.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct stat_row {
    char *model_id;
    const char *name;
    long raised, open, dismissed, cases, resolved;
} stat_row;

static const char stats_sql[] =
    "SELECT l.model_id, count(*),"
    " sum(l.status IN " LEAD_OPEN_STATUSES "),"
    " sum(l.status = 'dismissed'),"
    " sum(l.status = 'case' OR EXISTS (SELECT 1 FROM cases c WHERE c.lead_id = l.lead_id)),"
    " sum(l.status = 'resolved') "
    "FROM leads l GROUP BY l.model_id ORDER BY l.model_id";

/* Display width of UTF-8 text: CJK and other multi-byte characters count 2 columns. */
static int display_width(const char *s)
{
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            w += *p >= 0x80 ? 2 : 1;
    return w;
}

/* Append s padded with spaces to width columns (left-aligned, or right when right). */
static void add_padded(strbuf *sb, const char *s, int width, bool right)
{
    int pad = width - display_width(s);
    if (right)
        for (int i = 0; i < pad; i++)
            strbuf_addch(sb, ' ');
    strbuf_adds(sb, s);
    if (!right)
        for (int i = 0; i < pad; i++)
            strbuf_addch(sb, ' ');
}

static void add_text_row(strbuf *sb, const stat_row *r, const char *fmt_csv)
{
    char rate[16] = "-";
    if (r->raised)
        snprintf(rate, sizeof rate, "%.1f%%", 100.0 * r->cases / r->raised);
    if (fmt_csv) {
        strbuf_add_csv(sb, r->model_id);
        strbuf_addch(sb, ',');
        strbuf_add_csv(sb, r->name ? r->name : "");
        strbuf_addf(sb, ",%ld,%ld,%ld,%ld,%ld,", r->raised, r->open, r->dismissed, r->cases,
                    r->resolved);
        if (r->raised)
            strbuf_addf(sb, "%.4f", (double)r->cases / r->raised);
        strbuf_addch(sb, '\n');
    } else {
        add_padded(sb, r->model_id, 10, false);
        strbuf_addf(sb, " %8ld %8ld %8ld %8ld %8ld ", r->raised, r->open, r->dismissed, r->cases,
                    r->resolved);
        add_padded(sb, rate, 8, true);
        strbuf_addf(sb, "  %s\n", r->name ? r->name : "");
    }
}

static json_t *json_row(const stat_row *r)
{
    return json_pack("{s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:o}", "model_id", r->model_id, "name",
                     r->name ? r->name : "", "raised", (json_int_t)r->raised, "open",
                     (json_int_t)r->open, "dismissed", (json_int_t)r->dismissed, "cases",
                     (json_int_t)r->cases, "resolved", (json_int_t)r->resolved, "conversion",
                     r->raised ? json_real((double)r->cases / r->raised) : json_null());
}

int models_stats_print(sqlite3 *db, const model_def *cat, size_t n, const char *format, FILE *out)
{
    sqlite3_stmt *st = NULL;
    stat_row *rows = xcalloc(n + 1, sizeof *rows);
    size_t n_rows = n, alloc = n + 1;
    stat_row total = {.model_id = "合计", .name = ""};
    strbuf sb = STRBUF_INIT;
    bool csv = format && !strcmp(format, "csv"), js = format && !strcmp(format, "json");
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        rows[i].model_id = xstrdup(cat[i].id);
        rows[i].name = cat[i].name;
    }
    if (sqlite3_prepare_v2(db, stats_sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "zhijian: %s\n", sqlite3_errmsg(db));
        rc = ZJ_EDB;
        goto out;
    }
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        stat_row *r = NULL;
        for (size_t i = 0; i < n_rows && !r; i++)
            if (!strcmp(rows[i].model_id, id))
                r = &rows[i];
        if (!r) {
            XGROW(rows, n_rows + 1, alloc);
            r = &rows[n_rows++];
            memset(r, 0, sizeof *r);
            r->model_id = xstrdup(id);
            r->name = NULL;
        }
        r->raised = sqlite3_column_int64(st, 1);
        r->open = sqlite3_column_int64(st, 2);
        r->dismissed = sqlite3_column_int64(st, 3);
        r->cases = sqlite3_column_int64(st, 4);
        r->resolved = sqlite3_column_int64(st, 5);
        total.raised += r->raised;
        total.open += r->open;
        total.dismissed += r->dismissed;
        total.cases += r->cases;
        total.resolved += r->resolved;
    }
    if (s != SQLITE_DONE) {
        fprintf(stderr, "zhijian: %s\n", sqlite3_errmsg(db));
        rc = ZJ_EDB;
        goto out;
    }
    if (js) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n_rows; i++)
            json_array_append_new(arr, json_row(&rows[i]));
        json_t *doc = json_pack("{s:o,s:o}", "models", arr, "total", json_row(&total));
        char *text = json_dumps(doc, JSON_INDENT(1) | JSON_REAL_PRECISION(6));
        json_decref(doc);
        fprintf(out, "%s\n", text ? text : "{}");
        free(text);
        goto out;
    }
    if (csv)
        strbuf_adds(&sb, "model_id,name,raised,open,dismissed,cases,resolved,conversion\n");
    else {
        static const char *const head[] = {"线索", "办理中", "已排除", "成案", "已消解", "成案率"};
        add_padded(&sb, "模型", 10, false);
        for (size_t i = 0; i < 6; i++) {
            strbuf_addch(&sb, ' ');
            add_padded(&sb, head[i], 8, true);
        }
        strbuf_adds(&sb, "  名称\n");
    }
    for (size_t i = 0; i < n_rows; i++)
        add_text_row(&sb, &rows[i], csv ? "csv" : NULL);
    add_text_row(&sb, &total, csv ? "csv" : NULL);
    fputs(sb.buf ? sb.buf : "", out);
out:
    for (size_t i = 0; i < n_rows; i++)
        free(rows[i].model_id);
    free(rows);
    strbuf_release(&sb);
    sqlite3_finalize(st);
    return rc;
}
