/*
 * report.h — the work report (工作报告, spec/workflow.md "Report"): every figure is a named
 * indicator query over the platform's own records (measures, cases, leads, inspections,
 * complaints, sentence changes, community corrections, incidents, releases) with bound period and
 * region parameters, rendered as self-contained HTML with inline SVG charts, Markdown or JSON. The
 * JSON lists each indicator's name, description, SQL and count, so every figure in the HTML can be
 * traced to its query.
 *
 * Parameters bound by name in every indicator's SQL (only those it uses):
 *   :from :to     the period, 'YYYY-MM-DD', inclusive
 *   :bfrom :bto   the base period (default: the same period one year earlier)
 *   :region       region_code prefix ('' = the country)
 *   :sublen       length of the sub-region code in the region table (region length + 2)
 *   :y0 :y1       first and last year ('YYYY') of the per-year series
 *   :h09          H-09.years: re-offending counted within this many years of a release
 */
#ifndef ZJ_REPORT_H
#define ZJ_REPORT_H
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "law/date.h"
#include "util/error.h"
#include "util/strbuf.h"

/* One indicator: a named query returning rows (key TEXT or NULL, n INTEGER). */
typedef struct report_indicator_def {
    const char *name;        /* "notices_by_area" */
    const char *title;       /* Chinese heading */
    const char *description; /* what is counted, in Chinese */
    const char *keys;        /* ';'-separated keys always listed (zero when absent), or NULL */
    const char *labels;      /* label kind for keys: area, change, model, inspection,
                                facility, complaint, source, year_kind, region, incident,
                                injury, custody_crime, staff, reoffend, or NULL */
    const char *sql;
} report_indicator_def;

/* The table of indicators, in report order. */
const report_indicator_def *report_indicators(size_t *n);

typedef struct report_row {
    char key[48];
    char label[96];
    long n;
} report_row;

typedef struct report_value {
    const report_indicator_def *def;
    long total; /* sum of the rows' n */
    size_t n_rows;
    report_row *rows;
} report_value;

typedef struct report_params {
    zj_date from, to;           /* the period */
    zj_date base_from, base_to; /* ZJ_DATE_NONE: from/to one year earlier */
    const char *region;         /* NULL or "" = country; otherwise 2–6 digits */
    int reoffend_years;         /* law parameter H-09.years; 0 = its default (3) */
} report_params;

typedef struct report {
    report_params p;
    char region[8];
    char from[11], to[11], base_from[11], base_to[11];
    int y0, y1;
    char y0s[16], y1s[16]; /* y0, y1 as 'YYYY' */
    int h09;               /* H-09.years in force (the :h09 parameter) */
    int sublen;            /* the :sublen parameter */
    int base_year;         /* the base period's year when it is the period shifted by whole
                              years and within one calendar year, else 0 */
    bool base_prev;        /* the base period is the period one year earlier (同比) */
    char compare[96];      /* how the report names its base: "同比", "比2021年",
                              "比2021年同期", "比基期（2020年7月1日至2021年6月30日）" */
    size_t n;
    report_value *v;
} report;

/* Compute every indicator for p. Returns 0, ZJ_EINVAL (bad period or region) or ZJ_EDB
 * with d set. The caller releases r with report_release even on error. */
int report_compute(sqlite3 *db, const report_params *p, report *r, zj_diag *d);
/* The part of report_compute before the queries: check p, fill r's dates, region and
 * parameters, and one value per indicator with its fixed keys at zero. Another backend
 * (the national report, src/national/nat_report.c) then adds each query's rows with
 * report_add (key NULL = the total row ""). Same returns as report_compute. */
int report_prepare(const report_params *p, report *r, zj_diag *d);
void report_add(report_value *v, const char *key, long n);
void report_release(report *r);

/* The computed indicator of that name, or NULL. Borrowed from r. */
const report_value *report_get(const report *r, const char *name);
/* Total of indicator name (0 when unknown), and one row's n (0 when absent). */
long report_total(const report *r, const char *name);
long report_count(const report *r, const char *name, const char *key);

/* Chinese phrasing of a change from base to cur, as work reports write it (no space
 * between the verb and the figure, as in 比2021年分别上升5.1%、1.2倍和2.7倍):
 * "上升5.1%", "下降3.0%", "上升1.2倍" (= +120%, for rises of 100% or more),
 * "持平" (equal), "新增N" (base 0). Writes into buf (≥ 32 bytes). Returns buf. */
char *report_change_phrase(long cur, long base, char *buf, size_t n);
/* The change with what it compares with (r->compare): "同比上升5.1%", "比2021年上升1.2倍",
 * "比2021年同期下降3.0%", "与2021年持平", "同比持平". Returns buf (≥ 128 bytes). */
char *report_compare_phrase(const report *r, long cur, long base, char *buf, size_t n);

/* Chinese label of a key of a label kind (see report_indicator_def.labels). */
const char *report_key_label(const char *labels, const char *key, char *buf, size_t n);

/* Renderers: append the whole document to out. */
void report_render_json(const report *r, strbuf *out);
void report_render_md(const report *r, strbuf *out);
void report_render_html(const report *r, strbuf *out);

/* Charts (svg.c): inline SVG legible in black and white (hatching patterns, markers,
 * direct labels; no meaning carried by colour alone). `id` makes pattern ids unique in
 * one page. */
typedef struct report_bar {
    const char *label;
    long value;
    long value2; /* second series (paired bars), -1 when none */
} report_bar;
void svg_bar_chart(strbuf *out, const char *id, const char *title, const report_bar *bars, size_t n,
                   const char *series1, const char *series2);
typedef struct report_series {
    const char *name;
    const long *values; /* n_x values */
} report_series;
void svg_line_chart(strbuf *out, const char *id, const char *title, const char *const *x_labels,
                    size_t n_x, const report_series *series, size_t n_series);

#endif
