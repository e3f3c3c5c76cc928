/*
 * region_table.h — the rows of the region table that cmake/gen_region_table.c generates at
 * build time from ../shared/data/regions.tsv. Internal to src/util/region.c; everyone else
 * uses region.h.
 */
#ifndef ZJ_UTIL_REGION_TABLE_H
#define ZJ_UTIL_REGION_TABLE_H
#include <stddef.h>

struct region_row {
    char code[7];     /* six digits */
    const char *name; /* 北京市, 朝阳区 */
    char level;       /* 'p' province, 'f' prefecture, 'c' county */
};

/* sorted by code */
extern const struct region_row region_rows[];
extern const size_t region_n_rows;

#endif
