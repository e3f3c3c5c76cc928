/*
 * scope.h — an account's scope (spec/workflow.md "Accounts, scope and audit"): the
 * country, a region code prefix (county, city, province) or one facility. Every storage
 * query that returns persons, leads, cases or measures takes a zj_scope and puts it in
 * its WHERE clause with bound parameters, so no route, export or report can leak past it.
 *
 * Convention: a scoped statement reserves ?1 (kind: 'country', 'region' or 'facility')
 * and ?2 (the prefix or facility id) and uses SCOPE_SQL / SCOPE_PERSON_SQL; bind them
 * with scope_bind(). Other parameters start at ?3.
 */
#ifndef ZJ_SCOPE_H
#define ZJ_SCOPE_H
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

enum scope_kind { SCOPE_COUNTRY, SCOPE_REGION, SCOPE_FACILITY };

typedef struct zj_scope {
    enum scope_kind kind;
    char value[64]; /* region prefix (digits) or facility_id; empty for the country */
} zj_scope;

/* Rows whose facility column is FAC and region column is REG are in scope. */
#define SCOPE_SQL(FAC, REG)                                                                        \
    "(?1 = 'country' OR (?1 = 'facility' AND " FAC " = ?2) OR (?1 = 'region' AND " REG             \
    " LIKE ?2 || '%'))"

/* The same test split by kind, so that each form can use an index: a statement written
 * three times (SCOPE_PICK) with SCOPE_COUNTRY, SCOPE_REGION_SQL and SCOPE_FACILITY_SQL.
 * The region form compares as a range ('33' <= code < '33:'), which an index can seek. */
#define SCOPE_COUNTRY_SQL "(?1 = 'country')"
#define SCOPE_REGION_SQL(REG) "(?1 = 'region' AND " REG " >= ?2 AND " REG " < ?2 || ':')"
#define SCOPE_FACILITY_SQL(FAC) "(?1 = 'facility' AND " FAC " = ?2)"
#define SCOPE_PICK(sc, country_sql, region_sql, facility_sql)                                      \
    ((sc)->kind == SCOPE_COUNTRY  ? (country_sql)                                                  \
     : (sc)->kind == SCOPE_REGION ? (region_sql)                                                   \
                                  : (facility_sql))

/* The person PID is in scope when one of their custody events is at a facility in scope,
 * or one of their leads is in scope. */
#define SCOPE_PERSON_SQL(PID)                                                                      \
    "(?1 = 'country' OR EXISTS (SELECT 1 FROM custody sc JOIN facilities sf"                       \
    " ON sf.facility_id = sc.facility_id WHERE sc.person_id = " PID                                \
    " AND " SCOPE_SQL("sf.facility_id", "sf.region_code") ") OR EXISTS (SELECT 1 FROM leads sl"    \
                                                          " WHERE sl.person_id = " PID             \
                                                          " AND " SCOPE_SQL("sl.facility_id",      \
                                                                            "sl.region_code") "))"

/* Parse "country", "region:PREFIX", "facility:ID", a bare digit prefix (region) or a bare
 * facility id. A region prefix must be 2–6 digits. Returns 0 or ZJ_EINVAL. */
int scope_parse(const char *s, zj_scope *out);

/* "country", "region:32", "facility:F001" into buf. */
void scope_format(const zj_scope *s, char *buf, size_t n);

/* Bind the scope to ?1 and ?2 of st. */
void scope_bind(sqlite3_stmt *st, const zj_scope *s);

/* Whether facility fac exists and is in scope s (NULL or "" is not). */
bool scope_has_facility(sqlite3 *db, const zj_scope *s, const char *fac);

/* Whether a write in scope s may name person pid: any for the country; otherwise one in
 * scope (SCOPE_PERSON_SQL), so that no record attaches someone held elsewhere to a
 * facility in scope and so brings them into view. NULL or "" names nobody (true). */
bool scope_has_person(sqlite3 *db, const zj_scope *s, const char *pid);

/* The records of the office routes found by id: in scope when their facility is; a
 * complaint without a facility is the country's only. */
enum scope_record { SCOPE_INSPECTION, SCOPE_COMPLAINT, SCOPE_LETTER };
bool scope_has_record(sqlite3 *db, const zj_scope *s, enum scope_record kind, long id);

/* The checks of src/cases' functions, whoever calls them (web or CLI), with the message
 * the caller shows. scope_check: facility fac and person pid in scope s — 0, or
 * ZJ_EFORBIDDEN with d naming the one that is not (the facility first; NULL or unknown is
 * outside; a NULL person names nobody). scope_check_record: record id of kind in scope
 * s — 0, or ZJ_ENOTFOUND "no inspection|complaint|letter 'id'", as for a missing one, so
 * that nobody learns it exists. */
int scope_check(sqlite3 *db, const zj_scope *s, const char *fac, const char *pid, zj_diag *d);
int scope_check_record(sqlite3 *db, const zj_scope *s, enum scope_record kind, long id, zj_diag *d);

#endif
