/*
 * facility.h — a facility named in a source (a roster's 看守所 column, a ruling's court)
 * found among the loaded facilities: by its id, by its full name, else by the name as
 * people shorten it, without the province or city before it (承德市双桥区人民法院 for
 * 河北省承德市双桥区人民法院, 乔司监狱 for 浙江省乔司监狱).
 */
#ifndef ZJ_SOURCES_FACILITY_H
#define ZJ_SOURCES_FACILITY_H
#include <sqlite3.h>
#include <stddef.h>

/* The facility whose id or name is name, of a kind listed in kinds (",court,prison,"; NULL
 * any): its id into id (64 bytes) and region code into region (16 bytes, may be NULL).
 * Returns 0; 1 when no facility has that name, 2 when several do (the caller says which
 * is meant); -1 on a database error. */
int sources_facility_find(sqlite3 *db, const char *name, const char *kinds, char id[64],
                          char *region);

#endif
