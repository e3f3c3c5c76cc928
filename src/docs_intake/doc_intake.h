/*
 * doc_intake.h — the review queue of court documents (docs/documents-intake.md): a
 * document is queued with what was extracted from it (doc_extract), reviewed by a person
 * (fields corrected, the person chosen when the match is not clear) and then confirmed —
 * its rows of persons, judgments or sentence_changes go through the importer (ingest_dir,
 * strict: every rule of feeds.md, history, changed_persons, one import batch per feed)
 * and stay linked to it (doc_rows) — or discarded.
 *
 * Scope: a document is visible to an account whose scope holds the facility it concerns
 * (the prison named in it, else the court that issued it), and always to whoever queued
 * it. Every read and change takes the account's scope; the caller audits.
 */
#ifndef ZJ_DOC_INTAKE_H
#define ZJ_DOC_INTAKE_H
#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "cases/scope.h"
#include "docs_intake/doc_text.h"
#include "law/date.h"
#include "util/error.h"

/* Who acts: the account name (uploaded_by/reviewed_by) and its scope. */
struct doc_actor {
    const char *name;
    const zj_scope *scope;
    bool mask_ids; /* show id numbers masked (roles that do not see them) */
};

/* Queue the document data[0..len) named file. Returns 0 with *doc_id (and *existed = 1
 * when the same bytes were queued before: nothing added); ZJ_EINVAL when it cannot be
 * read (*e says why); ZJ_EDB. */
int doc_intake_add(sqlite3 *db, const unsigned char *data, size_t len, const char *file,
                   const struct doc_actor *a, long *doc_id, int *existed, struct doc_err *e);

/* The queue: [{doc_id, file, format, kind, case_no, status, persons: [names], uploaded_by,
 * uploaded_at, reviewed_by, reviewed_at, low_confidence: fields under 0.9}], newest first;
 * status NULL = all. */
json_t *doc_intake_list(sqlite3 *db, const struct doc_actor *a, const char *status);

/* One document: the list's fields plus text, extracted, reviewed, corrections, rows and
 * for each person the candidates [{person_id, name, birth_date, id_number, match:
 * id_number|name_birth}] and the facilities its names resolve to. NULL when unknown or
 * out of scope. */
json_t *doc_intake_get(sqlite3 *db, long doc_id, const struct doc_actor *a);

/* The first person the document may name (a candidate, as doc_intake_get lists them for
 * a, of any of its persons) whose record is sealed on day on, into pid ("" when none),
 * without reading the rest of the document. Returns 0, or ZJ_EDB. */
int doc_intake_sealed_person(sqlite3 *db, long doc_id, const struct doc_actor *a, zj_date on,
                             char pid[64]);

/* The document as received: malloc'd bytes, its file name and format. ZJ_ENOTFOUND. */
int doc_intake_content(sqlite3 *db, long doc_id, const struct doc_actor *a, unsigned char **data,
                       size_t *len, char file[256], char format[8]);

/* Set the value at path ("persons[0].original.effective_date", "court") of a document's
 * JSON: v is stolen; JSON null removes the field. A string for a numeric field (months,
 * days) is read as a number, for charges split at ; or 、, for dpr_life/recidivist as a
 * boolean (1/0, true/false, 是/否). Returns 0 or ZJ_EINVAL (d says why). */
int doc_json_set(json_t *doc, const char *path, json_t *v, zj_diag *d);

/* Confirm a pending document: fields = {path: value} corrections (may be NULL), persons =
 * {"0": "PERSON_ID" | "new", …} choices (may be NULL; default: the one candidate by id
 * number or by name and birth date). as_of bounds the event dates. On success *result is
 * {doc_id, rows: [{feed, record_key, written}]}. Errors: ZJ_ENOTFOUND, ZJ_ECONFLICT (not
 * pending), ZJ_EINVAL (a field missing or refused by the importer: d->message says which,
 * in Chinese and English), ZJ_EDB. */
int doc_intake_confirm(sqlite3 *db, long doc_id, const struct doc_actor *a, json_t *fields,
                       json_t *persons, zj_date as_of, json_t **result, zj_diag *d);

/* Discard a pending document (reason kept in note). ZJ_ENOTFOUND, ZJ_ECONFLICT, ZJ_EDB. */
int doc_intake_discard(sqlite3 *db, long doc_id, const struct doc_actor *a, const char *reason,
                       zj_diag *d);

/* The documents confirmed into the rows of person_id: [{doc_id, file, kind, case_no, feed,
 * record_key}] (for the person's page and the leads' evidence). */
json_t *doc_intake_for_person(sqlite3 *db, const char *person_id);

#endif
