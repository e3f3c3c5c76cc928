/*
 * charge_table.h — the rows of the charge table that cmake/gen_charge_table.c generates at
 * build time from ../shared/law/charges-official.tsv and charge-aliases.tsv (law.md §8).
 * Internal to src/law/charges.c; everyone else uses law_charge_lookup (law.h).
 */
#ifndef ZJ_LAW_CHARGE_TABLE_H
#define ZJ_LAW_CHARGE_TABLE_H
#include <stddef.h>

struct law_charge_row {
    const char *name;                        /* official or old name */
    const char *chapter, *section, *article; /* of 刑法 (an old name: its official name's) */
    unsigned cats;                           /* LAW_CAT_* */
    int official;                            /* row of the official name (itself if official) */
    int alt;                                 /* old names "A罪/B罪": row of B, else -1 */
    int year;                                /* old names: year renamed or abolished; else 0 */
};

/* sorted by strcmp of name */
extern const struct law_charge_row law_charge_rows[];
extern const size_t law_charge_n_rows;     /* official + old names */
extern const size_t law_charge_n_official; /* names in force */

#endif
