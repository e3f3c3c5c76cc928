/*
 * render.c — the work report as JSON (every indicator with its query name, description,
 * SQL and count), Markdown, and one self-contained HTML page (inline CSS and SVG, no
 * external URL, printable in black and white). Every figure in the HTML is a
 * <span data-indicator="NAME"> so it can be traced to the JSON.
 */
#include "report/report.h"
#include "util/region.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const change_kinds[] = {"commutation", "parole", "temp_outside"};

static void region_name(const report *r, char *buf, size_t n)
{
    if (!r->region[0])
        snprintf(buf, n, "全国");
    else
        region_label(r->region, buf, n);
}

/* ------------------------------------------------------------------ JSON */

void report_render_json(const report *r, strbuf *out)
{
    strbuf_adds(out, "{\"title\":\"刑事执行检察工作报告\",\"period\":{\"from\":");
    strbuf_add_json_str(out, r->from);
    strbuf_adds(out, ",\"to\":");
    strbuf_add_json_str(out, r->to);
    strbuf_adds(out, "},\"base_period\":{\"from\":");
    strbuf_add_json_str(out, r->base_from);
    strbuf_adds(out, ",\"to\":");
    strbuf_add_json_str(out, r->base_to);
    strbuf_adds(out, "},\"base_year\":");
    if (r->base_year)
        strbuf_addf(out, "%d", r->base_year);
    else
        strbuf_adds(out, "null");
    strbuf_adds(out, ",\"comparison\":");
    strbuf_add_json_str(out, r->compare);
    strbuf_adds(out, ",\"region\":");
    strbuf_add_json_str(out, r->region);
    strbuf_addf(out, ",\"parameters\":{\"H-09.years\":%d}", r->h09);
    strbuf_adds(out, ",\"changes\":[");
    for (size_t i = 0; i < 3; i++) {
        long cur = report_count(r, "changes_period", change_kinds[i]);
        long base = report_count(r, "changes_base", change_kinds[i]);
        char phrase[48], lb[64];
        strbuf_addf(out, "%s{\"kind\":\"%s\",\"label\":", i ? "," : "", change_kinds[i]);
        strbuf_add_json_str(out, report_key_label("change", change_kinds[i], lb, sizeof lb));
        strbuf_addf(out, ",\"count\":%ld,\"base\":%ld,\"change\":", cur, base);
        strbuf_add_json_str(out, report_change_phrase(cur, base, phrase, sizeof phrase));
        char full[160];
        strbuf_adds(out, ",\"phrase\":");
        strbuf_add_json_str(out, report_compare_phrase(r, cur, base, full, sizeof full));
        strbuf_adds(out, "}");
    }
    strbuf_adds(out, "],\"indicators\":[");
    for (size_t i = 0; i < r->n; i++) {
        const report_value *v = &r->v[i];
        strbuf_adds(out, i ? ",\n{\"name\":" : "\n{\"name\":");
        strbuf_add_json_str(out, v->def->name);
        strbuf_adds(out, ",\"title\":");
        strbuf_add_json_str(out, v->def->title);
        strbuf_adds(out, ",\"description\":");
        strbuf_add_json_str(out, v->def->description);
        strbuf_addf(out, ",\"count\":%ld,\"rows\":[", v->total);
        for (size_t k = 0; k < v->n_rows; k++) {
            strbuf_adds(out, k ? ",{\"key\":" : "{\"key\":");
            strbuf_add_json_str(out, v->rows[k].key);
            strbuf_adds(out, ",\"label\":");
            strbuf_add_json_str(out, v->rows[k].label);
            strbuf_addf(out, ",\"count\":%ld}", v->rows[k].n);
        }
        strbuf_adds(out, "],\"sql\":");
        strbuf_add_json_str(out, v->def->sql);
        strbuf_adds(out, "}");
    }
    strbuf_adds(out, "]}\n");
}

/* ------------------------------------------------------------------ shared text */

/* The opening paragraph, with each figure produced by fig(). */
typedef void (*fig_fn)(strbuf *out, const report *r, const char *name, const char *key);

static void fig_plain(strbuf *out, const report *r, const char *name, const char *key)
{
    strbuf_addf(out, "%ld", key ? report_count(r, name, key) : report_total(r, name));
}

static void fig_html(strbuf *out, const report *r, const char *name, const char *key)
{
    strbuf_addf(out, "<span class=\"fig\" data-indicator=\"%s\"%s%s%s>%ld</span>", name,
                key ? " data-key=\"" : "", key ? key : "", key ? "\"" : "",
                key ? report_count(r, name, key) : report_total(r, name));
}

/* The three changes against the base as the national report writes them: "比2021年分别上升
 * 5.1%、1.2倍和2.7倍" (one verb when all three rise or all fall), "同比均持平", otherwise
 * "同比分别上升5.1%、下降3.0%和持平". */
static void changes_sentence(strbuf *out, const report *r)
{
    char ph[3][48];
    int rise = 0, fall = 0, flat = 0;
    for (size_t i = 0; i < 3; i++) {
        long cur = report_count(r, "changes_period", change_kinds[i]);
        long base = report_count(r, "changes_base", change_kinds[i]);
        report_change_phrase(cur, base, ph[i], sizeof ph[i]);
        rise += !strncmp(ph[i], "上升", strlen("上升"));
        fall += !strncmp(ph[i], "下降", strlen("下降"));
        flat += cur == base;
    }
    if (flat == 3) {
        char buf[160];
        report_compare_phrase(r, 0, 0, buf, sizeof buf);
        size_t cut = strlen(buf) - strlen("持平");
        strbuf_addf(out, "%.*s均持平", (int)cut, buf);
        return;
    }
    strbuf_addf(out, "%s分别", r->compare);
    size_t skip = rise == 3 || fall == 3 ? strlen("上升") : 0;
    if (skip)
        strbuf_addf(out, "%.*s", (int)skip, ph[0]);
    strbuf_addf(out, "%s、%s和%s", ph[0] + skip, ph[1] + skip, ph[2] + skip);
}

static void summary_text(strbuf *out, const report *r, fig_fn fig)
{
    char reg[160];
    region_name(r, reg, sizeof reg);
    strbuf_addf(out, "%s至%s，%s刑事执行检察部门共发出纠正违法通知书 ", r->from, r->to, reg);
    fig(out, r, "notices_total", NULL);
    strbuf_adds(out, " 份，已整改到位 ");
    fig(out, r, "notices_corrected", NULL);
    strbuf_adds(out, " 份；提出检察建议 ");
    fig(out, r, "suggestions_sent", NULL);
    strbuf_adds(out, " 份；移送职务犯罪线索 ");
    fig(out, r, "duty_transfers", NULL);
    strbuf_adds(out, " 件。监督模型发现线索 ");
    fig(out, r, "leads_by_model", NULL);
    strbuf_adds(out, " 条，其中成案 ");
    fig(out, r, "cases_by_model", NULL);
    long l = report_total(r, "leads_by_model"), c = report_total(r, "cases_by_model");
    if (l > 0)
        strbuf_addf(out, " 件（成案率 %.1f%%）", 100.0 * (double)c / (double)l);
    else
        strbuf_adds(out, " 件");
    strbuf_adds(out, "。开展巡回检察 ");
    fig(out, r, "inspections_by_kind", NULL);
    strbuf_adds(out, " 次，其中交叉巡回检察 ");
    fig(out, r, "inspections_by_kind", "cross");
    strbuf_adds(out, " 次，发现问题 ");
    fig(out, r, "inspection_findings", NULL);
    strbuf_adds(out, " 个。受理控告、举报、申诉 ");
    fig(out, r, "complaints_received", NULL);
    strbuf_adds(out, " 件，经办理纠正 ");
    fig(out, r, "complaints_corrected", NULL);
    strbuf_adds(out, " 件。");
    for (size_t i = 0; i < 3; i++) {
        char lb[64];
        strbuf_addf(out, "%s%s ", i ? "、" : "",
                    report_key_label("change", change_kinds[i], lb, sizeof lb));
        fig(out, r, "changes_period", change_kinds[i]);
        strbuf_adds(out, " 件");
    }
    strbuf_adds(out, "，");
    changes_sentence(out, r);
    strbuf_adds(out, "。社区矫正对象收监执行 ");
    fig(out, r, "reimprisoned", NULL);
    strbuf_adds(out, " 人；纠正剥夺政治权利期间参加选举 ");
    fig(out, r, "political_corrected", NULL);
    strbuf_adds(out, " 人；纠正违法查封、扣押、冻结涉案财物 ");
    fig(out, r, "seizures_corrected", NULL);
    strbuf_adds(out, " 件。");
}

/* ------------------------------------------------------------------ Markdown */

static void md_cell(strbuf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            strbuf_adds(out, "\\|");
        else if (*s == '\n')
            strbuf_addch(out, ' ');
        else
            strbuf_addch(out, *s);
    }
}

static void md_rows(strbuf *out, const report *r, const char *name)
{
    const report_value *v = report_get(r, name);
    if (!v)
        return;
    strbuf_adds(out, "| 项目 | 数量 |\n| --- | ---: |\n");
    for (size_t i = 0; i < v->n_rows; i++) {
        strbuf_adds(out, "| ");
        md_cell(out, v->rows[i].label);
        strbuf_addf(out, " | %ld |\n", v->rows[i].n);
    }
    strbuf_addf(out, "| 合计 | %ld |\n\n", v->total);
}

/* "三年": H-09.years in Chinese numerals (1–10), else in digits. */
static const char *h09_years(const report *r, char *buf, size_t n)
{
    static const char *const zh[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    if (r->h09 >= 1 && r->h09 <= 10)
        snprintf(buf, n, "%s年", zh[r->h09 - 1]);
    else
        snprintf(buf, n, "%d年", r->h09);
    return buf;
}

/* H-09: the released or reoffended (what) of release year y. */
static long reoffend_count(const report *r, int y, const char *what)
{
    char key[48];
    snprintf(key, sizeof key, "%04d:%s", y, what);
    return report_count(r, "reoffending_by_year", key);
}

/* "12.5%" of part in whole, "-" when whole is 0. */
static const char *pct(long whole, long part, char *buf, size_t n)
{
    if (whole > 0)
        snprintf(buf, n, "%.1f%%", 100.0 * (double)part / (double)whole);
    else
        snprintf(buf, n, "-");
    return buf;
}

void report_render_md(const report *r, strbuf *out)
{
    char reg[160], ph[160], lb[64], yz[32];
    region_name(r, reg, sizeof reg);
    strbuf_addf(
        out, "# 刑事执行检察工作报告\n\n统计期间：%s 至 %s　地区：%s　对比基期：%s 至 %s（%s）\n\n",
        r->from, r->to, reg, r->base_from, r->base_to, r->compare);
    strbuf_adds(out, "## 一、总体情况\n\n");
    summary_text(out, r, fig_plain);
    strbuf_adds(out, "\n\n## 二、纠正违法\n\n");
    md_rows(out, r, "notices_by_area");
    strbuf_addf(
        out,
        "已整改到位 %ld 份；逾期未回复 %ld 份；检察建议 %ld 份；对减刑假释裁定提出纠正意见 %ld 件；"
        "检察听证 %ld 次；移送职务犯罪线索 %ld 件。\n\n",
        report_total(r, "notices_corrected"), report_total(r, "notices_overdue"),
        report_total(r, "suggestions_sent"), report_total(r, "objections_sent"),
        report_total(r, "hearings_held"), report_total(r, "duty_transfers"));
    strbuf_addf(out, "## 三、减刑、假释、暂予监外执行\n\n| 种类 | 本期 | 基期 | 变化 |\n| --- | "
                     "---: | ---: | --- |\n");
    for (size_t i = 0; i < 3; i++) {
        long cur = report_count(r, "changes_period", change_kinds[i]);
        long base = report_count(r, "changes_base", change_kinds[i]);
        strbuf_addf(out, "| %s | %ld | %ld | %s |\n",
                    report_key_label("change", change_kinds[i], lb, sizeof lb), cur, base,
                    report_compare_phrase(r, cur, base, ph, sizeof ph));
    }
    strbuf_adds(
        out,
        "\n逐年件数：\n\n| 年份 | 减刑 | 假释 | 暂予监外执行 |\n| --- | ---: | ---: | ---: |\n");
    for (int y = r->y0; y <= r->y1; y++) {
        strbuf_addf(out, "| %d |", y);
        for (size_t i = 0; i < 3; i++) {
            char key[48];
            snprintf(key, sizeof key, "%04d:%s", y, change_kinds[i]);
            strbuf_addf(out, " %ld |", report_count(r, "changes_per_year", key));
        }
        strbuf_adds(out, "\n");
    }
    strbuf_adds(out,
                "\n## 四、监督模型线索与成案\n\n| 模型 | 线索 | 成案 |\n| --- | ---: | ---: |\n");
    const report_value *lv = report_get(r, "leads_by_model");
    for (size_t i = 0; lv && i < lv->n_rows; i++) {
        strbuf_adds(out, "| ");
        md_cell(out, lv->rows[i].label);
        strbuf_addf(out, " | %ld | %ld |\n", lv->rows[i].n,
                    report_count(r, "cases_by_model", lv->rows[i].key));
    }
    strbuf_addf(out, "| 合计 | %ld | %ld |\n\n人工发现线索：\n\n",
                report_total(r, "leads_by_model"), report_total(r, "cases_by_model"));
    md_rows(out, r, "leads_by_source");
    strbuf_adds(out, "## 五、巡回检察\n\n");
    md_rows(out, r, "inspections_by_kind");
    md_rows(out, r, "inspections_by_facility_kind");
    strbuf_addf(out, "巡回检察发现问题 %ld 个。\n\n## 六、派驻检察与控告举报申诉\n\n",
                report_total(r, "inspection_findings"));
    strbuf_addf(out, "谈话 %ld 次，约见 %ld 次，检察官信箱来信 %ld 件。\n\n",
                report_total(r, "office_talks"), report_total(r, "office_meetings"),
                report_total(r, "office_letters"));
    strbuf_adds(out, "| 种类 | 受理 | 纠正 |\n| --- | ---: | ---: |\n");
    const report_value *cv = report_get(r, "complaints_received");
    for (size_t i = 0; cv && i < cv->n_rows; i++)
        strbuf_addf(out, "| %s | %ld | %ld |\n", cv->rows[i].label, cv->rows[i].n,
                    report_count(r, "complaints_corrected", cv->rows[i].key));
    strbuf_addf(out, "\n超期未答复 %ld 件。\n\n## 七、其他\n\n",
                report_total(r, "complaints_late"));
    strbuf_addf(out,
                "- 社区矫正对象收监执行：%ld 人\n- 纠正剥夺政治权利期间参加选举：%ld 人\n"
                "- 纠正违法查封、扣押、冻结涉案财物（涉企）：%ld 件\n"
                "- 移送职务犯罪线索：%ld 件\n\n",
                report_total(r, "reimprisoned"), report_total(r, "political_corrected"),
                report_total(r, "seizures_corrected"), report_total(r, "duty_transfers"));
    strbuf_adds(out, "## 八、地区分布\n\n| 地区 | 线索 | 立案 | 纠正违法通知书 |\n| --- | ---: | "
                     "---: | ---: |\n");
    const report_value *rv = report_get(r, "leads_by_subregion");
    for (size_t i = 0; rv && i < rv->n_rows; i++)
        strbuf_addf(out, "| %s | %ld | %ld | %ld |\n", rv->rows[i].label, rv->rows[i].n,
                    report_count(r, "cases_by_subregion", rv->rows[i].key),
                    report_count(r, "notices_by_subregion", rv->rows[i].key));
    strbuf_adds(out, "\n## 九、监管安全与刑满释放人员再犯罪\n\n监管安全事件（按类型）：\n\n");
    md_rows(out, r, "incidents_by_kind");
    strbuf_adds(out, "按伤情：\n\n");
    md_rows(out, r, "incidents_by_injury");
    strbuf_adds(out, "狱内犯罪立案、移送：\n\n");
    md_rows(out, r, "custody_crimes");
    strbuf_adds(out, "监管人员违法违纪线索：\n\n");
    md_rows(out, r, "staff_cases");
    h09_years(r, yz, sizeof yz);
    strbuf_addf(
        out,
        "刑满释放人员%s内再犯罪（按释放年份）：\n\n| 释放年份 | 释放 | %s内再犯罪 | 再犯率 |\n"
        "| --- | ---: | ---: | ---: |\n",
        yz, yz);
    for (int y = r->y0; y <= r->y1; y++) {
        long rel = reoffend_count(r, y, "released"), re = reoffend_count(r, y, "reoffended");
        strbuf_addf(out, "| %d | %ld | %ld | %s |\n", y, rel, re, pct(rel, re, lb, sizeof lb));
    }
    strbuf_adds(out,
                "\n## 附：指标溯源\n\n| 指标 | 名称 | 数量 | 口径 |\n| --- | --- | ---: | --- |\n");
    for (size_t i = 0; i < r->n; i++) {
        strbuf_addf(out, "| `%s` | ", r->v[i].def->name);
        md_cell(out, r->v[i].def->title);
        strbuf_addf(out, " | %ld | ", r->v[i].total);
        md_cell(out, r->v[i].def->description);
        strbuf_adds(out, " |\n");
    }
}

/* ------------------------------------------------------------------ HTML */

static const char *css =
    "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei',"
    "'Microsoft YaHei',sans-serif;color:#000;background:#fff;max-width:760px;margin:24px auto;"
    "padding:0 16px;line-height:1.6}"
    "h1{text-align:center;font-size:26px;border-bottom:3px double #000;padding-bottom:8px}"
    "h2{font-size:18px;border-left:6px solid #000;padding-left:8px;margin-top:28px}"
    ".meta{text-align:center;font-size:13px}"
    ".lead{font-size:15px;text-indent:2em}"
    ".fig{font-weight:bold;text-decoration:underline}"
    ".tiles{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}"
    ".tile{border:2px solid #000;padding:6px 10px;min-width:150px;flex:1}"
    ".tile b{display:block;font-size:26px}"
    ".tile small{font-size:12px}"
    "table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13px}"
    "th,td{border:1px solid #000;padding:3px 6px;text-align:left}"
    "td.n,th.n{text-align:right}"
    "svg.rpt-chart{display:block;margin:8px 0;max-width:100%;height:auto;border:1px solid #000}"
    "code{font-size:12px}"
    "@media "
    "print{body{margin:0;max-width:none}h2{break-after:avoid}svg.rpt-chart,table{break-inside:"
    "avoid}}";

static void html_rows_table(strbuf *out, const report *r, const char *name)
{
    const report_value *v = report_get(r, name);
    if (!v)
        return;
    strbuf_addf(out, "<table data-indicator=\"%s\"><tr><th>项目</th><th class=\"n\">数量</th></tr>",
                name);
    for (size_t i = 0; i < v->n_rows; i++) {
        strbuf_adds(out, "<tr><td>");
        strbuf_add_html(out, v->rows[i].label);
        strbuf_addf(out, "</td><td class=\"n\">%ld</td></tr>", v->rows[i].n);
    }
    strbuf_addf(out, "<tr><th>合计</th><th class=\"n\">%ld</th></tr></table>", v->total);
}

/* A bar chart of the rows of indicator `name`, each beside the count of indicator `name2`
 * under the same row key (leads and the cases made of them; received and corrected). */
static void html_bar_pair(strbuf *out, const report *r, const char *name, const char *name2,
                          const char *chart_id, const char *title, const char *label,
                          const char *label2)
{
    const report_value *v = report_get(r, name);
    size_t n = v ? v->n_rows : 0;
    report_bar *bars = xcalloc(n ? n : 1, sizeof *bars);
    for (size_t i = 0; i < n; i++)
        bars[i] =
            (report_bar){v->rows[i].label, v->rows[i].n, report_count(r, name2, v->rows[i].key)};
    svg_bar_chart(out, chart_id, title, bars, n, label, label2);
    free(bars);
}

static void html_bar_from(strbuf *out, const report *r, const char *name, const char *chart_id)
{
    const report_value *v = report_get(r, name);
    if (!v)
        return;
    report_bar *bars = xcalloc(v->n_rows ? v->n_rows : 1, sizeof *bars);
    for (size_t i = 0; i < v->n_rows; i++)
        bars[i] = (report_bar){v->rows[i].label, v->rows[i].n, -1};
    svg_bar_chart(out, chart_id, v->def->title, bars, v->n_rows, NULL, NULL);
    free(bars);
}

static void tile(strbuf *out, const report *r, const char *name, const char *label,
                 const char *unit)
{
    strbuf_addf(out, "<div class=\"tile\"><b>");
    fig_html(out, r, name, NULL);
    strbuf_addf(out, "</b>%s<small>（%s）</small></div>", label, unit);
}

void report_render_html(const report *r, strbuf *out)
{
    char reg[160], ph[160], lb[64];
    region_name(r, reg, sizeof reg);
    strbuf_adds(
        out, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
             "<meta name=\"viewport\" content=\"width=device-width\"><title>刑事执行检察工作报告 ");
    strbuf_addf(out, "%s—%s</title><style>%s</style></head><body>\n", r->from, r->to, css);
    strbuf_addf(out,
                "<h1>刑事执行检察工作报告</h1><p class=\"meta\">统计期间：%s 至 %s　地区：%s　"
                "对比基期：%s 至 %s（<span data-comparison=\"%d\">%s</span>）</p>\n",
                r->from, r->to, reg, r->base_from, r->base_to, r->base_year, r->compare);

    strbuf_adds(out, "<h2>一、总体情况（一图读懂）</h2><div class=\"tiles\">");
    tile(out, r, "notices_total", "纠正违法通知书", "份");
    tile(out, r, "leads_by_model", "模型发现线索", "条");
    tile(out, r, "cases_by_model", "线索成案", "件");
    tile(out, r, "inspections_by_kind", "巡回检察", "次");
    tile(out, r, "complaints_received", "控告举报申诉", "件");
    tile(out, r, "duty_transfers", "移送职务犯罪线索", "件");
    strbuf_adds(out, "</div><p class=\"lead\">");
    summary_text(out, r, fig_html);
    strbuf_adds(out, "</p>\n");

    strbuf_adds(out, "<h2>二、纠正违法</h2>");
    html_bar_from(out, r, "notices_by_area", "c-notices");
    html_rows_table(out, r, "notices_by_area");
    strbuf_adds(out, "<p>已整改到位 ");
    fig_html(out, r, "notices_corrected", NULL);
    strbuf_adds(out, " 份；逾期未回复 ");
    fig_html(out, r, "notices_overdue", NULL);
    strbuf_adds(out, " 份；检察建议 ");
    fig_html(out, r, "suggestions_sent", NULL);
    strbuf_adds(out, " 份；对减刑假释裁定提出纠正意见 ");
    fig_html(out, r, "objections_sent", NULL);
    strbuf_adds(out, " 件；检察听证 ");
    fig_html(out, r, "hearings_held", NULL);
    strbuf_adds(out, " 次。</p>\n");

    strbuf_adds(
        out,
        "<h2>三、减刑、假释、暂予监外执行</h2><table><tr><th>种类</th><th class=\"n\">本期</th>"
        "<th class=\"n\">基期</th><th>变化</th></tr>");
    for (size_t i = 0; i < 3; i++) {
        long cur = report_count(r, "changes_period", change_kinds[i]);
        long base = report_count(r, "changes_base", change_kinds[i]);
        strbuf_addf(out, "<tr><td>%s</td><td class=\"n\">",
                    report_key_label("change", change_kinds[i], lb, sizeof lb));
        fig_html(out, r, "changes_period", change_kinds[i]);
        strbuf_adds(out, "</td><td class=\"n\">");
        fig_html(out, r, "changes_base", change_kinds[i]);
        strbuf_addf(out, "</td><td>%s</td></tr>",
                    report_compare_phrase(r, cur, base, ph, sizeof ph));
    }
    strbuf_adds(out, "</table>");
    {
        size_t nx = (size_t)(r->y1 - r->y0 + 1);
        char(*xl)[8] = xcalloc(nx, sizeof *xl);
        const char **xp = xcalloc(nx, sizeof *xp);
        long *vals = xcalloc(3 * nx, sizeof *vals);
        char names[3][32];
        report_series series[3];
        for (size_t x = 0; x < nx; x++) {
            snprintf(xl[x], sizeof xl[x], "%d", r->y0 + (int)x);
            xp[x] = xl[x];
        }
        for (size_t s = 0; s < 3; s++) {
            for (size_t x = 0; x < nx; x++) {
                char key[48];
                snprintf(key, sizeof key, "%04d:%s", r->y0 + (int)x, change_kinds[s]);
                vals[s * nx + x] = report_count(r, "changes_per_year", key);
            }
            snprintf(names[s], sizeof names[s], "%s",
                     report_key_label("change", change_kinds[s], lb, sizeof lb));
            series[s] = (report_series){names[s], &vals[s * nx]};
        }
        svg_line_chart(out, "c-changes", "减刑、假释、暂予监外执行逐年件数", xp, nx, series, 3);
        free(xl);
        free(xp);
        free(vals);
    }

    strbuf_adds(out, "\n<h2>四、监督模型线索与成案</h2>");
    {
        const report_value *lv = report_get(r, "leads_by_model");
        size_t n = lv ? lv->n_rows : 0;
        html_bar_pair(out, r, "leads_by_model", "cases_by_model", "c-models",
                      "监督模型：线索与成案", "线索", "成案");
        strbuf_adds(
            out,
            "<table data-indicator=\"leads_by_model cases_by_model\"><tr><th>模型</th>"
            "<th class=\"n\">线索</th><th class=\"n\">成案</th><th class=\"n\">成案率</th></tr>");
        for (size_t i = 0; i < n; i++) {
            long c = report_count(r, "cases_by_model", lv->rows[i].key);
            strbuf_adds(out, "<tr><td>");
            strbuf_add_html(out, lv->rows[i].label);
            strbuf_addf(out,
                        "</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td><td "
                        "class=\"n\">%.1f%%</td></tr>",
                        lv->rows[i].n, c,
                        lv->rows[i].n ? 100.0 * (double)c / (double)lv->rows[i].n : 0.0);
        }
        strbuf_addf(out,
                    "<tr><th>合计</th><th class=\"n\">%ld</th><th "
                    "class=\"n\">%ld</th><th></th></tr></table>",
                    report_total(r, "leads_by_model"), report_total(r, "cases_by_model"));
    }
    strbuf_adds(out, "<p>人工发现线索（巡回检察、控告举报申诉、谈话、信箱）：</p>");
    html_rows_table(out, r, "leads_by_source");

    strbuf_adds(out, "\n<h2>五、巡回检察</h2>");
    html_bar_from(out, r, "inspections_by_kind", "c-insp-kind");
    html_bar_from(out, r, "inspections_by_facility_kind", "c-insp-fac");
    strbuf_adds(out, "<p>巡回检察发现问题并记录为线索 ");
    fig_html(out, r, "inspection_findings", NULL);
    strbuf_adds(out, " 个。</p>\n");

    strbuf_adds(out, "<h2>六、派驻检察与控告举报申诉</h2><p>派驻检察谈话 ");
    fig_html(out, r, "office_talks", NULL);
    strbuf_adds(out, " 次，被监管人约见检察官 ");
    fig_html(out, r, "office_meetings", NULL);
    strbuf_adds(out, " 次，检察官信箱来信 ");
    fig_html(out, r, "office_letters", NULL);
    strbuf_adds(out, " 件。</p>");
    html_bar_pair(out, r, "complaints_received", "complaints_corrected", "c-complaints",
                  "控告、举报、申诉：受理与纠正", "受理", "纠正");
    strbuf_adds(out, "<p>超期未答复 ");
    fig_html(out, r, "complaints_late", NULL);
    strbuf_adds(out, " 件。</p>\n<h2>七、其他</h2><ul><li>社区矫正对象收监执行 ");
    fig_html(out, r, "reimprisoned", NULL);
    strbuf_adds(out, " 人</li><li>纠正剥夺政治权利期间参加选举 ");
    fig_html(out, r, "political_corrected", NULL);
    strbuf_adds(out, " 人</li><li>纠正违法查封、扣押、冻结涉案财物（涉企） ");
    fig_html(out, r, "seizures_corrected", NULL);
    strbuf_adds(out, " 件</li><li>移送职务犯罪线索 ");
    fig_html(out, r, "duty_transfers", NULL);
    strbuf_adds(out, " 件</li></ul>\n");

    strbuf_adds(
        out, "<h2>八、地区分布</h2><table data-indicator=\"leads_by_subregion cases_by_subregion "
             "notices_by_subregion\"><tr><th>地区（行政区划代码）</th><th class=\"n\">线索</th>"
             "<th class=\"n\">立案</th><th class=\"n\">纠正违法通知书</th></tr>");
    const report_value *rv = report_get(r, "leads_by_subregion");
    for (size_t i = 0; rv && i < rv->n_rows; i++) {
        strbuf_adds(out, "<tr><td data-region=\"");
        strbuf_add_html(out, rv->rows[i].key);
        strbuf_adds(out, "\">");
        strbuf_add_html(out, rv->rows[i].label);
        strbuf_addf(
            out,
            "</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td></tr>",
            rv->rows[i].n, report_count(r, "cases_by_subregion", rv->rows[i].key),
            report_count(r, "notices_by_subregion", rv->rows[i].key));
    }
    strbuf_adds(out, "</table>\n<h2>九、监管安全与刑满释放人员再犯罪</h2>");
    html_bar_from(out, r, "incidents_by_kind", "c-incidents");
    html_rows_table(out, r, "incidents_by_injury");
    strbuf_adds(out, "<p>狱内涉嫌犯罪事件 ");
    fig_html(out, r, "custody_crimes", "crimes");
    strbuf_adds(out, " 起，本期立案 ");
    fig_html(out, r, "custody_crimes", "filed");
    strbuf_adds(out, " 件、移送审查起诉 ");
    fig_html(out, r, "custody_crimes", "transferred");
    strbuf_adds(out, " 件，脱逃 ");
    fig_html(out, r, "custody_crimes", "escapes");
    strbuf_adds(out, " 起；监管人员殴打体罚虐待被监管人 ");
    fig_html(out, r, "staff_cases", "violence");
    strbuf_adds(out, " 起，经监管人员流入违禁品 ");
    fig_html(out, r, "staff_cases", "contraband");
    strbuf_adds(out, " 起。</p>");
    {
        size_t ny = (size_t)(r->y1 - r->y0 + 1);
        char(*yl)[16] = xcalloc(ny, sizeof *yl);
        report_bar *bars = xcalloc(ny, sizeof *bars);
        for (size_t i = 0; i < ny; i++) {
            int y = r->y0 + (int)i;
            snprintf(yl[i], sizeof yl[i], "%d年", y);
            bars[i] = (report_bar){yl[i], reoffend_count(r, y, "released"),
                                   reoffend_count(r, y, "reoffended")};
        }
        char yz[32], title[128], s2[64];
        h09_years(r, yz, sizeof yz);
        snprintf(title, sizeof title, "刑满释放人员%s内再犯罪（按释放年份）", yz);
        snprintf(s2, sizeof s2, "%s内再犯罪", yz);
        svg_bar_chart(out, "c-reoffend", title, bars, ny, "释放", s2);
        strbuf_addf(out,
                    "<table data-indicator=\"reoffending_by_year\"><tr><th>释放年份</th>"
                    "<th class=\"n\">释放</th><th class=\"n\">%s</th>"
                    "<th class=\"n\">再犯率</th></tr>",
                    s2);
        for (size_t i = 0; i < ny; i++)
            strbuf_addf(out,
                        "<tr><td>%s</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td>"
                        "<td class=\"n\">%s</td></tr>",
                        yl[i], bars[i].value, bars[i].value2,
                        pct(bars[i].value, bars[i].value2, lb, sizeof lb));
        char yn[32];
        snprintf(yn, sizeof yn, "%s", yz);
        yn[strlen(yn) - strlen("年")] = '\0';
        strbuf_addf(out, "</table><p>近%s年释放的队列观察期未满%s（H-09）。</p>\n", yn, yz);
        free(yl);
        free(bars);
    }
    strbuf_adds(out,
                "<h2>附：指标溯源</h2><p>每个数字均由下列命名查询从本平台记录计算"
                "（<code>zhijian report --format json</code> 列出查询语句及计数）。</p>"
                "<table><tr><th>指标</th><th>名称</th><th class=\"n\">数量</th><th>口径</th></tr>");
    for (size_t i = 0; i < r->n; i++) {
        strbuf_addf(out, "<tr id=\"ind-%s\"><td><code>%s</code></td><td>", r->v[i].def->name,
                    r->v[i].def->name);
        strbuf_add_html(out, r->v[i].def->title);
        strbuf_addf(out, "</td><td class=\"n\">%ld</td><td>", r->v[i].total);
        strbuf_add_html(out, r->v[i].def->description);
        strbuf_adds(out, "</td></tr>");
    }
    strbuf_adds(out, "</table></body></html>\n");
}
