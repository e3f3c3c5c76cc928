/*
 * region.h — names of region codes (行政区划代码) from the Ministry of Civil Affairs' list
 * current to 2024-12-31 (../shared/data/regions.tsv, embedded at build time by
 * cmake/gen_region_table.c; docs/regions.md). Pure functions over a constant table: usable
 * from the report, the web API, documents and SQL (zj_region_name, src/store/sqlfuncs.c).
 *
 * A code is six digits; a prefix of 2 or 4 digits (a region filter or scope: "32", "3201")
 * stands for the code padded with zeros (320000, 320100). Codes of old records that the
 * 2024 list no longer has keep their code with the note 旧代码: "320103（旧代码）".
 */
#ifndef ZJ_UTIL_REGION_H
#define ZJ_UTIL_REGION_H
#include <stdbool.h>
#include <stddef.h>

enum region_level { REGION_NONE = 0, REGION_PROVINCE, REGION_PREFECTURE, REGION_COUNTY };

/* The name of code (or prefix) in the table ("朝阳区", "南京市", "江苏省"), or NULL when the
 * table does not have it. */
const char *region_own_name(const char *code);
/* The level of code in the table, REGION_NONE when absent. */
enum region_level region_level_of(const char *code);

/* The full name, province to county, levels the table lacks left out: "江苏省南京市玄武区",
 * "北京市朝阳区", "湖北省仙桃市", "江苏省". A code not in the table: "320103（旧代码）"; a 4-digit
 * prefix the table lacks under a known province (municipalities have no prefecture line):
 * "北京市（1101）"; "" for NULL or ""; anything else is copied as it is. Returns buf. */
char *region_label(const char *code, char *buf, size_t n);
/* The own name alone ("玄武区"), with the same notes as region_label when not in the table.
 * For a list whose context already names the parent (the report's sub-region table). */
char *region_short_label(const char *code, char *buf, size_t n);

/* Iterate the table in code order: i from 0 while it returns true. */
bool region_at(size_t i, const char **code, const char **name, enum region_level *level);

#endif
