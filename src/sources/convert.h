/*
 * convert.h — value converters for real sources (spreadsheets exported by prison,
 * detention-centre, community-correction and court systems; court documents): they turn
 * what people write into the values of spec/feeds.md.
 *
 * Every converter takes the text s (n bytes of UTF-8, not necessarily NUL-terminated),
 * first folds full-width forms (０-９, Ａ-Ｚ, ．, ／, －, the ideographic space) to ASCII and
 * trims blanks, and returns 0 on success or -1 with the reason in *e (English for logs,
 * Chinese for people; e may be NULL). Pure: no I/O, no clock, no allocation, no global
 * state; safe on any input (fuzzed by fuzz/fuzz_convert.c).
 *
 * Accepted forms:
 *   cv_date     2025-01-15, 2025/1/15, 2018.01.01, 2018.1.1, 20240305, 2024年3月5日(号),
 *               二〇一五年三月二日 (zero as 〇, ○, Ο, 零 or 0; 2015年 mixed with 三月),
 *               an Excel serial number of 5 digits (1900 date system, optional fraction),
 *               a trailing time (" 00:00:00") ignored
 *   cv_sentence 有期徒刑五年六个月, 有期徒刑3年6个月，缓刑五年, 无期徒刑, 无期, 死刑缓期二年执行,
 *               死缓, 拘役三个月, 管制一年, 免予刑事处罚, 单处罚金, and bare terms 05_00_00
 *               (years_months_days), 3年6个月, 42个月, 一年零三个月, 一年三个月十五天
 *   cv_months   a bare term as above (e.g. 减刑6个月 → 6; 减去有期徒刑八个月 → 8) in months+days
 *   cv_id_number 18 characters with a GB 11643 check character (x → X), or 15 digits
 *               issued before 1999, widened to 18 (19 inserted before the year, check added)
 *   cv_gender   男, 男性, M, 1 → "M"; 女, 女性, F, 2 → "F"
 *   cv_money    1.5万元, 15000元, 15,000.00, ￥1500, 一万五千元 → fen
 *   cv_int      42, ４２, 四十二
 *   cv_charges  罪名 split by 、；;，, and blanks into the names in force of the law core's
 *               table (law_charge_lookup: official, old and short names, parts of
 *               selective charges; 罪 supplied): 盗窃、抢劫 → 盗窃罪;抢劫罪, names that
 *               contain 、 kept whole (非法制造、买卖、运输、储存危险物质罪), 投毒罪 →
 *               投放危险物质罪 (cv_charges_as_written: kept), parts of selective charges
 *               as written (贩卖毒品罪), each
 *               name once; a name the table does not know is kept as written when it
 *               ends in 罪 (cv_charges_known then tells), refused otherwise
 *   cv_penalty  有期徒刑, 无期徒刑/无期, 死缓, 拘役, 管制, 免刑 … and the English ids
 *   cv_bool     是/否, 有/无, Y/N, 1/0, true/false → 1/0
 */
#ifndef ZJ_SOURCES_CONVERT_H
#define ZJ_SOURCES_CONVERT_H
#include <stddef.h>

#include "law/date.h"

/* Why a value was refused: both texts name the value in quotes. */
struct cv_err {
    char en[240];
    char zh[240];
};

/* A penalty with its term (feeds.md judgments): penalty is the enum id ("fixed_term", …)
 * or NULL when the text gave only a term; months/days the main term (-1 when none);
 * probation_months the 缓刑 term (-1 when none). */
struct cv_sentence {
    const char *penalty;
    int months, days;
    int probation_months;
};

/* Fold full-width forms and the ideographic space to ASCII, trim blanks (also U+00A0),
 * write at most cap-1 bytes and a NUL into out. Returns the length written. */
size_t cv_fold(const char *s, size_t n, char *out, size_t cap);

int cv_date(const char *s, size_t n, zj_date *out, struct cv_err *e);
/* An Excel serial day number (1900 date system, 60 = the nonexistent 1900-02-29 refused;
 * the fraction is the time of day and ignored) as a date. */
int cv_excel_serial(double serial, zj_date *out, struct cv_err *e);
int cv_sentence(const char *s, size_t n, struct cv_sentence *out, struct cv_err *e);
int cv_months(const char *s, size_t n, int *months, int *days, struct cv_err *e);
/* out receives 18 characters and a NUL. */
int cv_id_number(const char *s, size_t n, char out[19], struct cv_err *e);
/* *out is the static "M" or "F". */
int cv_gender(const char *s, size_t n, const char **out, struct cv_err *e);
int cv_money(const char *s, size_t n, long long *fen, struct cv_err *e);
int cv_int(const char *s, size_t n, long long *out, struct cv_err *e);
/* The names joined by ';' into out (cap bytes with the NUL). */
int cv_charges(const char *s, size_t n, char *out, size_t cap, struct cv_err *e);
/* cv_charges keeping an old name as written (罪 supplied): 投毒罪 stays 投毒罪, the name a
 * judgment of its time states — what a source system's list holds, as its CSV feed does. */
int cv_charges_as_written(const char *s, size_t n, char *out, size_t cap, struct cv_err *e);
/* Every name of a ';'-list (cv_charges' output) is one the law core's table knows; else -1
 * with the reason naming the first unknown one and the nearest names in force. */
int cv_charges_known(const char *list, struct cv_err *e);
/* *out is the static enum id of feeds.md judgments.penalty. */
int cv_penalty(const char *s, size_t n, const char **out, struct cv_err *e);
int cv_bool(const char *s, size_t n, int *out, struct cv_err *e);

/* A number written with Chinese numerals (〇一二两…十百千万, 零 ignored between units) or
 * ASCII digits, or a mix (2015 / 二〇一五 / 二十三). Returns 0 or -1. */
int cv_cn_number(const char *s, size_t n, long long *out);

#endif
