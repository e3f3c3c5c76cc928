/*
 * reason_zh.h — the reasons of rejected rows in Chinese, for people (the web UI, the
 * Chinese exports): the loader's English reasons (src/ingest) translated by pattern,
 * column names as their Chinese labels, and the place of a row in a source (file, sheet,
 * row, column). The English reason stays in the database and the logs. Pure.
 */
#ifndef ZJ_INGEST_REASON_ZH_H
#define ZJ_INGEST_REASON_ZH_H
#include <stddef.h>

/* The Chinese of an English loader reason into out (cap bytes); a reason no pattern knows
 * becomes "数据不符合要求：" followed by the English text. */
void reason_zh(const char *en, char *out, size_t cap);

/* The Chinese label of a feed column ("birth_date" → "出生日期"), or col itself. */
const char *column_label_zh(const char *col);

/* The place of a rejected row: "文件 F，工作表 S，第 N 行，D 列（出生日期）" — sheet, cell
 * and source_column may be NULL (a CSV file: "文件 F，第 N 行，列 birth_date（出生日期）" when
 * column is given). */
void reason_zh_where(char *out, size_t cap, const char *file, const char *sheet, long line,
                     const char *cell, const char *source_column, const char *column);

#endif
