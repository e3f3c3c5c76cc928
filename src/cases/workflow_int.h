/*
 * workflow_int.h — helpers shared by the workflow files (workflow.c, workflow_leads.c,
 * workflow_cases.c, workflow_measures.c, workflow_overview.c); not for other callers.
 * Statements come from the store's cache (store/stmt.h); scoped ones bind the scope to
 * ?1/?2 (scope.h).
 */
#ifndef ZJ_WORKFLOW_INT_H
#define ZJ_WORKFLOW_INT_H
#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "cases/scope.h"

/* Every column of the current row as a member named after the column. */
json_t *wf_row_object(sqlite3_stmt *st);
/* All remaining rows of st as an array; resets st. */
json_t *wf_rows_array(sqlite3_stmt *st);
/* Mask the id number in member key of o when mask is set. */
void wf_mask_member(json_t *o, const char *key, bool mask);
/* Parse a JSON text member into a value (string kept when it is not JSON). */
void wf_parse_member(json_t *o, const char *key);
/* The row of a scoped statement whose ?3 is the id (NULL when none is in scope). */
json_t *wf_scoped_row(sqlite3 *db, const char *sql, const zj_scope *sc, long id);
/* A lead or a case: the row of wf_scoped_row with its evidence parsed, its id number
 * masked when mask is set, and the rows of history_sql (?1 the id) as member "history". */
json_t *wf_scoped_record(sqlite3 *db, const char *sql, const zj_scope *sc, long id, bool mask,
                         const char *history_sql);
/* The rows of a scoped statement, p3 (when non-NULL) bound to ?3. */
json_t *wf_scoped_rows(sqlite3 *db, const char *sql, const zj_scope *sc, const char *p3);
/* The rows of a statement whose ?1 is the id, as member key of o. */
void wf_id_rows_member(sqlite3 *db, json_t *o, const char *key, const char *sql, long id);
/* Step a statement that returns no row and hand it back: 0 or ZJ_EDB. */
int wf_step_done(sqlite3_stmt *st);
/* Append a history row: ?1 the lead or case id, ?2 now, then the n texts from ?3 on (the
 * last one, the note, NULL when empty). */
int wf_history_insert(sqlite3 *db, const char *sql, long id, const char *const *texts, int n);
/* Append a case_history row (note may be NULL). */
int wf_case_history_add(sqlite3 *db, long case_id, const char *actor, const char *action,
                        const char *note);

#endif
