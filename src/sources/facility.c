/*
 * facility.c — facilities by id or name (see facility.h).
 */
#include "sources/facility.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

int sources_facility_find(sqlite3 *db, const char *name, const char *kinds, char id[64],
                          char *region)
{
    if (!name || !*name)
        return 1;
    /* the id, the full name, the name after a province, city, district or prefecture */
    static const char *const sql[] = {
        "SELECT facility_id, region_code FROM facilities WHERE facility_id = ?1"
        " AND (?2 IS NULL OR instr(?2, ',' || kind || ',') > 0)",
        "SELECT facility_id, region_code FROM facilities WHERE name = ?1"
        " AND (?2 IS NULL OR instr(?2, ',' || kind || ',') > 0) ORDER BY facility_id LIMIT 2",
        "SELECT facility_id, region_code FROM facilities WHERE length(name) > length(?1)"
        " AND substr(name, -length(?1)) = ?1"
        " AND substr(name, -length(?1) - 1, 1) IN ('省', '市', '区', '州', '盟', '县')"
        " AND (?2 IS NULL OR instr(?2, ',' || kind || ',') > 0) ORDER BY facility_id LIMIT 2"};
    for (size_t q = 0; q < sizeof sql / sizeof sql[0]; q++) {
        sqlite3_stmt *st = store_prepare(db, sql[q]);
        if (!st)
            return -1;
        sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
        store_bind_text_or_null(st, 2, kinds);
        int n = 0, rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            if (n++ == 0) {
                snprintf(id, 64, "%s", (const char *)sqlite3_column_text(st, 0));
                if (region)
                    snprintf(region, 16, "%s",
                             sqlite3_column_text(st, 1) ? (const char *)sqlite3_column_text(st, 1)
                                                        : "");
            }
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            return -1;
        if (n)
            return n == 1 ? 0 : 2;
    }
    return 1;
}
