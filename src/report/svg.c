/*
 * svg.c — the report's charts as inline SVG, made to be read printed in black and white:
 * bars are outlined in black and filled with hatching patterns (diagonal lines for the
 * first series, solid dark grey for the second), lines differ by dash pattern and marker
 * shape, and every bar and line carries its value as a direct label, so no meaning rests
 * on colour. Text is in the page's font; sizes are fixed so the page prints on A4.
 */
#include "report/report.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define BAR_W 640
#define LABEL_W 210
#define PLOT_W 330

static void svg_open(strbuf *out, const char *id, const char *title, int w, int h)
{
    strbuf_addf(out,
                "<svg class=\"rpt-chart\" id=\"%s\" width=\"%d\" "
                "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-t\">"
                "<title id=\"%s-t\">",
                id, w, h, w, h, id, id);
    strbuf_add_html(out, title);
    strbuf_addf(out,
                "</title><defs><pattern id=\"%s-hatch\" width=\"6\" height=\"6\" "
                "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                "<rect width=\"6\" height=\"6\" fill=\"#fff\"/>"
                "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000\" stroke-width=\"2\"/>"
                "</pattern><pattern id=\"%s-dots\" width=\"5\" height=\"5\" "
                "patternUnits=\"userSpaceOnUse\"><rect width=\"5\" height=\"5\" fill=\"#fff\"/>"
                "<circle cx=\"2.5\" cy=\"2.5\" r=\"1.2\" fill=\"#000\"/></pattern></defs>"
                "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
                "<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\" fill=\"#000\">",
                id, id, w, h);
    strbuf_add_html(out, title);
    strbuf_adds(out, "</text>");
}

void svg_bar_chart(strbuf *out, const char *id, const char *title, const report_bar *bars, size_t n,
                   const char *series1, const char *series2)
{
    bool paired = series2 != NULL;
    int row_h = paired ? 34 : 26, top = paired ? 50 : 32;
    int h = top + (int)(n ? n : 1) * row_h + 12;
    long max = 1;
    for (size_t i = 0; i < n; i++) {
        if (bars[i].value > max)
            max = bars[i].value;
        if (paired && bars[i].value2 > max)
            max = bars[i].value2;
    }
    svg_open(out, id, title, BAR_W, h);
    if (paired) {
        /* legend: pattern swatches with names */
        strbuf_addf(out,
                    "<rect x=\"8\" y=\"28\" width=\"16\" height=\"12\" fill=\"url(#%s-hatch)\" "
                    "stroke=\"#000\"/><text x=\"30\" y=\"38\" font-size=\"12\">",
                    id);
        strbuf_add_html(out, series1 ? series1 : "");
        strbuf_adds(out, "</text><rect x=\"170\" y=\"28\" width=\"16\" height=\"12\" fill=\"#444\" "
                         "stroke=\"#000\"/><text x=\"192\" y=\"38\" font-size=\"12\">");
        strbuf_add_html(out, series2);
        strbuf_adds(out, "</text>");
    }
    if (n == 0)
        strbuf_addf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\">（本期无数据）</text>", LABEL_W,
                    top + 14);
    for (size_t i = 0; i < n; i++) {
        int y = top + (int)i * row_h;
        strbuf_addf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">",
                    LABEL_W - 8, y + (paired ? 18 : 15));
        strbuf_add_html(out, bars[i].label);
        strbuf_adds(out, "</text>");
        int bh = paired ? 12 : 18;
        int w1 = (int)((double)bars[i].value * PLOT_W / (double)max + 0.5);
        strbuf_addf(out,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"url(#%s-hatch)\" "
                    "stroke=\"#000\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">%ld</text>",
                    LABEL_W, y + 2, w1 > 0 ? w1 : 1, bh, id, LABEL_W + (w1 > 0 ? w1 : 1) + 6,
                    y + 2 + bh - 2, bars[i].value);
        if (paired) {
            long v2 = bars[i].value2 < 0 ? 0 : bars[i].value2;
            int w2 = (int)((double)v2 * PLOT_W / (double)max + 0.5);
            strbuf_addf(out,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#444\" "
                        "stroke=\"#000\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">%ld</text>",
                        LABEL_W, y + 2 + bh + 2, w2 > 0 ? w2 : 1, bh,
                        LABEL_W + (w2 > 0 ? w2 : 1) + 6, y + 2 + 2 * bh, v2);
        }
    }
    strbuf_addf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/></svg>",
                LABEL_W, top - 2, LABEL_W, h - 10);
}

void svg_line_chart(strbuf *out, const char *id, const char *title, const char *const *x_labels,
                    size_t n_x, const report_series *series, size_t n_series)
{
    static const char *dash[] = {"", "8 4", "2 3", "10 3 2 3"};
    const int w = BAR_W, h = 280, left = 56, right = 150, top = 36, bottom = 40;
    long max = 1;
    for (size_t s = 0; s < n_series; s++)
        for (size_t i = 0; i < n_x; i++)
            if (series[s].values[i] > max)
                max = series[s].values[i];
    /* a round axis maximum: 1, 2 or 5 times a power of ten */
    long step = 1;
    while (step * 10 < max)
        step *= 10;
    long axis = step;
    while (axis < max)
        axis += step;
    svg_open(out, id, title, w, h);
    int pw = w - left - right, ph = h - top - bottom;
    for (int t = 0; t <= 4; t++) {
        long v = axis * t / 4;
        int y = top + ph - (int)((double)v * ph / (double)axis);
        strbuf_addf(out,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#bbb\" "
                    "stroke-dasharray=\"1 3\"/><text x=\"%d\" y=\"%d\" font-size=\"11\" "
                    "text-anchor=\"end\">%ld</text>",
                    left, y, left + pw, y, left - 6, y + 4, v);
    }
    strbuf_addf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>", left,
                top + ph, left + pw, top + ph);
    for (size_t i = 0; i < n_x; i++) {
        int x = left + (n_x > 1 ? (int)(i * (size_t)pw / (n_x - 1)) : pw / 2);
        strbuf_addf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">", x,
                    top + ph + 18);
        strbuf_add_html(out, x_labels[i]);
        strbuf_adds(out, "</text>");
    }
    int placed[16] = {0};
    if (n_series > 16)
        n_series = 16;
    for (size_t s = 0; s < n_series; s++) {
        strbuf_addf(
            out, "<polyline fill=\"none\" stroke=\"#000\" stroke-width=\"2\"%s%s%s points=\"",
            *dash[s % 4] ? " stroke-dasharray=\"" : "", dash[s % 4], *dash[s % 4] ? "\"" : "");
        int lx = 0, ly = 0;
        for (size_t i = 0; i < n_x; i++) {
            int x = left + (n_x > 1 ? (int)(i * (size_t)pw / (n_x - 1)) : pw / 2);
            int y = top + ph - (int)((double)series[s].values[i] * ph / (double)axis);
            strbuf_addf(out, "%s%d,%d", i ? " " : "", x, y);
            lx = x;
            ly = y;
        }
        strbuf_adds(out, "\"/>");
        for (size_t i = 0; i < n_x; i++) {
            int x = left + (n_x > 1 ? (int)(i * (size_t)pw / (n_x - 1)) : pw / 2);
            int y = top + ph - (int)((double)series[s].values[i] * ph / (double)axis);
            if (s % 3 == 0)
                strbuf_addf(out,
                            "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"#fff\" stroke=\"#000\" "
                            "stroke-width=\"2\"/>",
                            x, y);
            else if (s % 3 == 1)
                strbuf_addf(out, "<rect x=\"%d\" y=\"%d\" width=\"8\" height=\"8\" fill=\"#000\"/>",
                            x - 4, y - 4);
            else
                strbuf_addf(out,
                            "<path d=\"M%d %d L%d %d L%d %d Z\" fill=\"#fff\" stroke=\"#000\" "
                            "stroke-width=\"1.5\"/>",
                            x, y - 5, x + 5, y + 4, x - 5, y + 4);
        }
        /* direct label at the line's end; moved down past the labels already placed so
         * that none overlap */
        int label_y = ly + 4;
        for (bool moved = true; moved;) {
            moved = false;
            for (size_t o = 0; o < s; o++)
                if (label_y > placed[o] - 14 && label_y < placed[o] + 14) {
                    label_y = placed[o] + 14;
                    moved = true;
                }
        }
        if (s < sizeof placed / sizeof placed[0])
            placed[s] = label_y;
        strbuf_addf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\">", lx + 10, label_y);
        strbuf_add_html(out, series[s].name);
        strbuf_addf(out, " %ld</text>", n_x ? series[s].values[n_x - 1] : 0);
    }
    strbuf_adds(out, "</svg>");
}
